"""What every assurance rule shares: the four outcomes, the finding row, citations, registration.

A rule is one module in this package: a ``judge(facts)`` function and a ``define(...)`` call. Its
facts come from a ``.cypher`` file and a networkx twin that return the same rows (parity-tested);
the verdict -- outcome, reason, missing fact, mitigations -- is made once, here in Python, so the
two stores can never disagree about what a fact means.

Outcomes:
- ``pass``: the structure meets the provision, on the facts the documents state.
- ``flag``: the structure departs from the law or the guidance. A flag the structure mitigates
  (an accountability line to the chief executive for a DCS below first tier) stays a flag and
  lists the mitigations, each with its source.
- ``unknown``: the documents do not state what the rule needs; ``missing`` says which fact.
- ``n/a``: the rule does not apply to this kind of council (from the local authority register)
  or to this structure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from remit.loader.authorities import KIND_NAMES, has_childrens_and_adults_duties
from remit.queries import graph_helpers as h

from ..catalogue import Question, register
from ..rows import sources_of
from ._facts import STATUTORY_COLUMNS, STATUTORY_FACTS, statutory_facts

PASS, FLAG, UNKNOWN, NA = "pass", "flag", "unknown", "n/a"
OUTCOMES = (PASS, FLAG, UNKNOWN, NA)
# The finding row every rule returns, on either backend.
COLUMNS = ("rule", "outcome", "reason", "missing", "mitigations", "posts", "inferred", "sources")
SORT_BY = ("rule", "posts", "reason", "outcome") + COLUMNS
Facts = list[dict[str, Any]]

# Who a rule applies to: every council, or only those with education and social services functions.
ALL_COUNCILS = "all"
CHILDRENS_AND_ADULTS = "childrens-and-adults"


VERIFIED, QUOTED, PARAPHRASE = "verified", "quoted", "paraphrase"


@dataclass(frozen=True)
class Citation:
    """A provision and its words: ``verified`` (read in the published text at ``where``), ``quoted``
    (the words as a council paper or the LGA quotes them, not checked against the published text),
    or ``paraphrase`` (wording not verified)."""

    provision: str
    text: str
    status: str
    where: str = ""

    def render(self) -> str:
        if self.status == VERIFIED:
            return f"{self.provision}: \u201c{self.text}\u201d ({self.where})"
        if self.status == QUOTED:
            return (
                f"{self.provision}: \u201c{self.text}\u201d (as quoted in {self.where}; not checked against "
                "the published text)"
            )
        return f"{self.provision}: {self.text} (paraphrase \u2014 wording not verified)"


@dataclass(frozen=True)
class When:
    """What makes a rule pass, flag, say unknown or n/a, in words (README's rule table and --help)."""

    pass_: str
    flag: str
    unknown: str
    na: str = ""


# Every rule's When, by rule id (filled by define; read by queries.assurance.rules_table).
WHEN: dict[str, When] = {}
KIND_NA = (
    "the council's register type is not a county, unitary, metropolitan district, London borough or the City "
    "of London (no education and social services functions)"
)


@dataclass
class Finding:
    """One verdict of one rule on one thing it judges."""

    rule: str
    outcome: str
    reason: str
    posts: Iterable[str | None] = ()
    facts: Iterable[Any] = ()  # the fact maps (with source / inferred / reasoning) the verdict rests on
    missing: str | None = None
    mitigations: list[str] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        assert self.outcome in OUTCOMES, self.outcome
        facts = list(self.facts)
        return {
            "rule": self.rule,
            "outcome": self.outcome,
            "reason": self.reason,
            "missing": self.missing,
            "mitigations": sorted(self.mitigations),
            "posts": sorted({p for p in self.posts if p}),
            "inferred": inferences(facts),
            "sources": sources_of(*facts),
        }


def inferences(facts: Iterable[Any]) -> list[str]:
    """'reasoning [source]' for every inferred fact among ``facts`` (the marker answers and the
    dashboard show: a finding that rests on an inference says so, and why)."""
    out: set[str] = set()
    for f in facts:
        if isinstance(f, dict):
            if f.get("inferred"):
                out.add(f"{f.get('reasoning') or 'inferred'} [{f.get('source')}]")
        elif isinstance(f, (list, tuple)):
            out.update(inferences(f))
    return sorted(out)


def designation_fact(row: dict[str, Any]) -> dict[str, Any]:
    """A designation as a fact map (source, inferred, reasoning) for Finding.facts."""
    return {
        "source": row.get("designation_source"),
        "inferred": row.get("designation_inferred"),
        "reasoning": row.get("designation_reasoning"),
    }


def context(facts: Facts) -> dict[str, Any]:
    """The context row (role None) of statutory facts: council kind and top-post candidates."""
    return next((r for r in facts if r.get("role") is None and r.get("post") is None), facts[0] if facts else {})


def holders_of(facts: Facts, role: str) -> Facts:
    """The statutory-fact rows of posts designated ``role`` (one per post and designation)."""
    return [r for r in facts if r.get("role") == role]


def tier_of(row: dict[str, Any]) -> h.Tier:
    return h.measure_tier(
        row["post"], row["chain"], row["chain_titles"], row["hops"], row["chief_executives"], row.get("top_post")
    )


def line_facts(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The facts a tier rests on: the designation and each line-management step."""
    return [designation_fact(row), *row.get("chain_facts", [])]


def mitigation(line: dict[str, Any]) -> str:
    mech = f"; mechanisms: {', '.join(line['mechanisms'])}" if line.get("mechanisms") else ""
    inferred = " (inferred)" if line.get("inferred") else ""
    return f"accountability line to {line.get('title')} ({line['post']}){mech}{inferred} [{line.get('source')}]"


def review_mitigations(row: dict[str, Any]) -> list[str]:
    """Completed local tests of assurance of the post, as mitigations of a flag on it."""
    return [
        f"completed local test of assurance '{r['id']}'"
        + (f" ({r['outcome']})" if r.get("outcome") else "")
        + f" [{r.get('source')}]"
        for r in row.get("reviews", [])
        if r.get("status") == "completed"
    ]


def lines_to_top(row: dict[str, Any], tier: h.Tier) -> list[dict[str, Any]]:
    """The post's accountability lines that reach the top post the tier was measured from."""
    tops = set(row["hops"] or row.get("top_post") or row["chief_executives"])
    return [a for a in row.get("accountable", []) if a["post"] in tops]


def not_applicable(rule: str, kind: str | None) -> list[dict[str, Any]] | None:
    """A single n/a finding when the council's kind has no education and social services functions."""
    if kind and not has_childrens_and_adults_duties(kind):
        name = KIND_NAMES.get(kind, kind)
        return [
            Finding(
                rule,
                NA,
                f"n/a: a {name.lower()} ({kind}) has no education and social services "
                "functions, so no DCS, LMCS or DASS",
            ).row()
        ]
    return None


def define(
    rule_id: str,
    title: str,
    description: str,
    citations: tuple[Citation, ...],
    judge: Callable[[Facts], list[Finding]],
    applies: str = ALL_COUNCILS,
    cypher_file: str = STATUTORY_FACTS,
    nx: Callable[..., Facts] = statutory_facts,
    fact_columns: tuple[str, ...] = STATUTORY_COLUMNS,
    constants: dict[str, Any] | None = None,
    *,
    when: When,
) -> Question:
    """Register a rule: its facts query (by default the shared statutory facts), its verdict and, in
    words, what makes each outcome."""
    na = "; ".join(x for x in (KIND_NA if applies == CHILDRENS_AND_ADULTS else "", when.na) if x)
    WHEN[rule_id] = When(when.pass_, when.flag, when.unknown, na or "never")

    def verdict(facts: Facts) -> list[dict[str, Any]]:
        if not facts:
            return []
        if applies == CHILDRENS_AND_ADULTS:
            na = not_applicable(rule_id, facts[0].get("council_kind"))
            if na is not None:
                return na
        return [f.row() for f in judge(facts)]

    guidance = " ".join(c.render() for c in citations)
    return register(
        Question(
            id=rule_id,
            title=title,
            description=description,
            columns=COLUMNS,
            cypher_file=cypher_file,
            nx=nx,
            params=h.COMMON,
            kind="rule",
            guidance=guidance,
            sort_by=SORT_BY,
            judge=verdict,
            fact_columns=fact_columns,
            constants={"chief_executive": h.CHIEF_EXECUTIVE_TITLE} if constants is None else constants,
        )
    )
