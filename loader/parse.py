"""Turn one YAML document into the model, collecting every type problem with its line.

Each reader method checks one field and records a problem instead of raising, so a user sees
all the mistakes in a file in one run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar, overload

from . import authorities
from .dates import PartialDate, parse_date
from .model import (
    BASES,
    DOMAINS,
    POST_KINDS,
    POST_STATUSES,
    REVIEW_STATUSES,
    ROLE_CODES,
    STRUCTURE_STATUSES,
    UNIT_KINDS,
    AssuranceReview,
    Candidacy,
    Council,
    Criterion,
    Designation,
    Evidence,
    Figures,
    Function,
    FunctionLink,
    GradeGroup,
    Holding,
    Intention,
    LeftOut,
    Pay,
    Post,
    PostLink,
    Source,
    StatedCount,
    Structure,
    StructureFile,
    Unit,
    UnitLink,
    Vacancy,
)
from .problems import Problems
from .schema import MAX_INT, MAX_NAME, MAX_TEXT, MIN_INT, id_problem
from .text import shorten, show
from .yamlfile import LDict, LList

T = TypeVar("T")
FORMAT = "remit/1"
_MISSING = object()
# Keys any evidence-bearing mapping (one with `source`) may carry beside `source` and `quote`.
EVIDENCE_EXTRA = {"row", "inferred", "rule", "reasoning", "settled_by", "settled_on"}


class Reader:
    def __init__(self, label: str):
        self.label = label
        self.problems = Problems(label)
        self.good_ids: set[str] = set()  # ids already read and found good: most recur (a source id in every quote)

    # -- primitives -------------------------------------------------------------------------
    def problem(self, line: int, message: str) -> None:
        self.problems.problem(line, message)

    def mapping(self, value: Any, line: int, what: str, allowed: set[str]) -> LDict | None:
        if not isinstance(value, LDict):
            self.problem(line, f"{what} must be a mapping, not {show(value)}")
            return None
        if value.keys() <= allowed:  # the usual case, checked in one set operation
            return value
        for key in value:
            if key not in allowed and not ("source" in allowed and key in EVIDENCE_EXTRA):
                self.problem(
                    value.line_of(key),
                    f"unknown key '{shorten(key)}' in {what} (allowed: {', '.join(sorted(allowed))})",
                )
        return value

    def get(self, d: LDict, key: str, what: str, required: bool) -> Any:
        v = d.get(key)  # absent and null alike
        if v is None:
            if required:
                self.problem(d.line, f"{what} is missing '{key}'")
            return _MISSING
        return v

    def text(self, d: LDict, key: str, what: str, required: bool = False, limit: int = MAX_TEXT) -> str | None:
        v = d.get(key)
        if v.__class__ is str:  # the usual case: good text, returned at once
            out = v.strip()
            if out and len(out) <= limit:
                return out
        return self._text(d, key, what, required, limit)

    def _text(self, d: LDict, key: str, what: str, required: bool, limit: int) -> str | None:
        v = self.get(d, key, what, required)
        if v is _MISSING:
            return None
        if (
            isinstance(v, bool)
            or not isinstance(v, (str, int, float))
            or (isinstance(v, str) and not v.strip())
            or (isinstance(v, int) and not MIN_INT <= v <= MAX_INT)
        ):
            self.problem(d.line_of(key), f"'{key}' in {what} must be text, not {show(v)}")
            return None
        out = str(v).strip()
        if len(out) > limit:
            self.problem(d.line_of(key), f"'{key}' in {what} is {len(out)} characters long; the limit is {limit}")
            return None
        return out

    def ident(self, d: LDict, key: str, what: str, required: bool = False) -> str | None:
        """An id or key (or a reference to one): restricted to schema.ID_PATTERN."""
        raw = d.get(key)
        if raw.__class__ is str and raw in self.good_ids:
            return raw
        v = self.text(d, key, what, required)
        if v is not None and (why := id_problem(v)):
            self.problem(d.line_of(key), f"'{key}' in {what} ('{shorten(v, 40)}') {why}")
            return None
        if v is not None and v == raw:
            self.good_ids.add(v)
        return v

    def choice(
        self,
        d: LDict,
        key: str,
        what: str,
        options: tuple[str, ...],
        required: bool = False,
        default: str | None = None,
    ) -> str | None:
        v = self.text(d, key, what, required)
        if v is None:
            return default
        if v not in options:
            self.problem(d.line_of(key), f"'{key}' in {what} is '{shorten(v)}'; expected one of: {', '.join(options)}")
            return default
        return v

    @overload
    def number(
        self, d: LDict, key: str, what: str, minimum: float | None = ..., *, whole: Literal[True]
    ) -> int | None: ...
    @overload
    def number(
        self, d: LDict, key: str, what: str, minimum: float | None = ..., whole: Literal[False] = ...
    ) -> float | None: ...
    def number(self, d: LDict, key: str, what: str, minimum: float | None = 0, whole: bool = False) -> float | None:
        """A finite number Neo4j can store (64-bit integers), at least `minimum` (None: any sign)."""
        v = self.get(d, key, what, False)
        if v is _MISSING:
            return None
        kind = "a whole number" if whole else "a number"
        if isinstance(v, bool) or not isinstance(v, (int, float)) or (whole and not isinstance(v, int)):
            self.problem(d.line_of(key), f"'{key}' in {what} must be {kind}, not {show(v)}")
            return None
        if v != v or v in (float("inf"), float("-inf")):
            self.problem(d.line_of(key), f"'{key}' in {what} must be a finite number, not {v}")
            return None
        if isinstance(v, int) and not MIN_INT <= v <= MAX_INT:
            self.problem(
                d.line_of(key),
                f"'{key}' in {what} is out of range ({show(v)}); whole numbers lie between {MIN_INT} and {MAX_INT}",
            )
            return None
        if minimum is not None and v < minimum:
            self.problem(d.line_of(key), f"'{key}' in {what} must not be negative, not {show(v)}")
            return None
        return v

    def date(self, d: LDict, key: str, what: str, required: bool = False) -> PartialDate | None:
        v = self.get(d, key, what, required)
        if v is _MISSING:
            return None
        parsed = parse_date(v)
        if parsed is None:
            self.problem(d.line_of(key), f"'{key}' in {what} is not a date (YYYY-MM-DD, YYYY-MM or YYYY): {show(v)}")
        return parsed

    def flag(self, d: LDict, key: str, what: str) -> bool:
        v = self.get(d, key, what, False)
        if v is _MISSING:
            return False
        if not isinstance(v, bool):
            self.problem(d.line_of(key), f"'{key}' in {what} must be true or false, not {show(v)}")
            return False
        return v

    def items(
        self, d: LDict, key: str, what: str, read: Callable[[Any, int], T | None], required: bool = False
    ) -> list[T]:
        v = self.get(d, key, what, required)
        if v is _MISSING:
            return []
        if not isinstance(v, LList):
            self.problem(d.line_of(key), f"'{key}' in {what} must be a list, not {show(v)}")
            return []
        out = []
        for item, line in zip(v, v.item_lines):
            parsed = read(item, line)
            if parsed is not None:
                out.append(parsed)
        return out

    def one(self, d: LDict, key: str, what: str, read: Callable[[Any, int], T | None]) -> T | None:
        v = self.get(d, key, what, False)
        return None if v is _MISSING else read(v, d.line_of(key))

    def evidence(self, d: LDict, what: str) -> Evidence:
        if d.keys().isdisjoint(EVIDENCE_EXTRA):  # the usual case: a source and a quote, stated
            return Evidence(
                self.ident(d, "source", what, required=True) or "",
                self.text(d, "quote", what, required=True) or "",
                d.line,
            )
        source = self.ident(d, "source", what, required=True)
        quote = self.text(d, "quote", what, required=True)
        row = self.number(d, "row", what)
        inferred = self.flag(d, "inferred", what)
        # The rule or reasoning that makes the fact an inference ('reasoning' is a synonym of 'rule').
        rule = self.text(d, "rule", what) or self.text(d, "reasoning", what)
        if inferred and not rule:
            self.problem(d.line, f"{what} is inferred but does not say by which 'rule' (or 'reasoning')")
        if rule and not inferred:
            self.problem(d.line, f"{what} gives a 'rule'/'reasoning' but is not marked 'inferred: true'")
        # Who settled the fact, and when (an overlay's decision written into the file).
        by, on = self.text(d, "settled_by", what, limit=MAX_NAME), self.date(d, "settled_on", what)
        return Evidence(
            source or "",
            quote or "",
            d.line,
            int(row) if row is not None else None,
            inferred,
            rule,
            by,
            str(on) if on else None,
        )

    # -- the format -------------------------------------------------------------------------
    def file(self, doc: Any, path: str) -> StructureFile | None:
        d = self.mapping(doc, 1, "the file", {"format", "council", "sources", "functions", "structures"})
        if d is None:
            return None
        fmt = self.text(d, "format", "the file", required=True)
        if fmt is not None and fmt != FORMAT:
            self.problem(d.line_of("format"), f"format is '{fmt}'; this version of Remit reads '{FORMAT}'")
        council = self.one(d, "council", "the file", self.council)
        if "council" not in d:
            self.problem(d.line, "the file is missing 'council'")
        sources = self.items(d, "sources", "the file", self.source, required=True)
        functions = self.items(d, "functions", "the file", self.function)
        structures = self.items(d, "structures", "the file", self.structure, required=True)
        if council is None:
            return None
        return StructureFile(path, council, sources, functions, structures)

    def council(self, v: Any, line: int) -> Council | None:
        d = self.mapping(v, line, "council", {"id", "name", "kind", "code"})
        if d is None:
            return None
        council = Council(
            self.ident(d, "id", "council", True) or "",
            self.text(d, "name", "council", True) or "",
            self.text(d, "kind", "council") or "",
            d.line,
        )
        code = self.text(d, "code", "council")
        if code is not None:
            authority = authorities.by_code(code)
            if authority is None:
                near = authorities.closest(council.name or code, 3)
                hint = f" (councils with a similar name: {', '.join(near)})" if near else ""
                self.problem(
                    d.line_of("code"),
                    f"council code '{code}' is not a local-authority-code in the UK local authority register{hint}",
                )
            else:
                council.code, council.authority_kind = authority.code, authority.kind
                named = authorities.by_name(council.name) if council.name else None
                if named is not None and named.code != authority.code:
                    self.problem(
                        d.line_of("code"),
                        f"council code '{code}' is {authority.name} in the register, but "
                        f"the council is named '{council.name}' ({named.code})",
                    )
        return council

    def source(self, v: Any, line: int) -> Source | None:
        d = self.mapping(v, line, "a source", {"id", "title", "date", "file", "url"})
        if d is None:
            return None
        url = self.text(d, "url", "a source")
        return Source(
            self.ident(d, "id", "a source", True) or "",
            self.text(d, "title", "a source", True) or "",
            self.date(d, "date", "a source"),
            self.text(d, "file", "a source", url is None) or "",  # a document cited by address needs no file
            d.line,
            url,
        )

    def function(self, v: Any, line: int) -> Function | None:
        d = self.mapping(v, line, "a function", {"key", "name", "domain", "part_of", "source", "quote"})
        if d is None:
            return None
        what = f"function '{_named(d, 'key')}'"
        domains = self.domains(d, what)
        part_of = self.ident(d, "part_of", what)
        evidence = None
        if "source" in d or "quote" in d or domains or part_of:
            # A domain or a parent is a fact like any other: it cites the sentence it rests on.
            evidence = self.evidence(d, what)
        return Function(
            self.ident(d, "key", what, True) or "",
            self.text(d, "name", what, True) or "",
            d.line,
            domains=domains,
            part_of=part_of,
            evidence=evidence,
        )

    def domains(self, d: LDict, what: str) -> tuple[str, ...]:
        """`domain`: one of DOMAINS, or a list of them (an umbrella such as children's services)."""
        v = d.get("domain")
        if v is None:
            return ()
        values = list(v) if isinstance(v, LList) else [v]
        out = []
        for x in values:
            if not isinstance(x, str) or x not in DOMAINS:
                shown = f"'{shorten(x)}'" if isinstance(x, str) else show(x)
                self.problem(
                    d.line_of("domain"), f"'domain' in {what} is {shown}; expected one of: {', '.join(DOMAINS)}"
                )
            elif x not in out:
                out.append(x)
        if not values:
            self.problem(d.line_of("domain"), f"'domain' in {what} is an empty list")
        return tuple(out)

    def structure(self, v: Any, line: int) -> Structure | None:
        what = "a structure"
        d = self.mapping(
            v,
            line,
            what,
            {
                "id",
                "label",
                "effective",
                "status",
                "supersedes",
                "source",
                "quote",
                "units",
                "posts",
                "assurance_reviews",
                "stated_totals",
                "stated_change",
                "stated_counts",
                "left_out",
                "effective_intended",
                "deletes",
                "top_post",
                "leader",
            },
        )
        if d is None:
            return None
        sid = self.ident(d, "id", what, True) or ""
        what = f"structure '{sid}'"
        intended = self.flag(d, "effective_intended", what)
        if intended and "effective" not in d:
            self.problem(d.line_of("effective_intended"), f"{what} marks its effective date intended but gives none")
        return Structure(
            id=sid,
            label=self.text(d, "label", what, True) or "",
            status=self.choice(d, "status", what, STRUCTURE_STATUSES, required=True) or "",
            evidence=self.evidence(d, what),
            effective=self.date(d, "effective", what),
            supersedes=self.ident(d, "supersedes", what),
            units=self.items(d, "units", what, self.unit),
            posts=self.items(d, "posts", what, self.post, required=True),
            reviews=self.items(d, "assurance_reviews", what, self.review),
            stated_totals=self.one(d, "stated_totals", what, self.figures),
            stated_change=self.one(d, "stated_change", what, self.change),
            stated_counts=self.items(d, "stated_counts", what, self.stated_count),
            line=d.line,
            left_out=self.items(d, "left_out", what, self.left_out),
            effective_intended=intended,
            deletes=self.items(d, "deletes", what, self.post_link),
            top_post=self.one(d, "top_post", what, self.post_link),
            leader=self.one(d, "leader", what, self.post_link),
        )

    def left_out(self, v: Any, line: int) -> LeftOut | None:
        what = "a left-out row"
        d = self.mapping(v, line, what, {"reason", "source", "quote"})
        if d is None:
            return None
        return LeftOut(self.text(d, "reason", what, True) or "", self.evidence(d, what))

    def stated_count(self, v: Any, line: int) -> StatedCount | None:
        what = "a stated count"
        d = self.mapping(v, line, what, {"what", "title_contains", "before", "after", "source", "quote"})
        if d is None:
            return None
        before, after = self.number(d, "before", what, whole=True), self.number(d, "after", what, whole=True)
        if before is None and after is None:
            self.problem(d.line, f"{what} needs 'before', 'after' or both")
        return StatedCount(
            self.text(d, "what", what, True) or "",
            self.text(d, "title_contains", what, True) or "",
            self.evidence(d, what),
            before=before,
            after=after,
        )

    def unit(self, v: Any, line: int) -> Unit | None:
        d = self.mapping(
            v,
            line,
            "a unit",
            {"key", "name", "kind", "part_of", "delivers", "accountable_to", "created", "replaces", "source", "quote"},
        )
        if d is None:
            return None
        what = f"unit '{_named(d, 'key')}'"
        return Unit(
            key=self.ident(d, "key", what, True) or "",
            name=self.text(d, "name", what, True) or "",
            kind=self.choice(d, "kind", what, UNIT_KINDS, required=True) or "",
            evidence=self.evidence(d, what),
            part_of=self.one(d, "part_of", what, self.unit_link),
            delivers=self.items(d, "delivers", what, self.function_link),
            accountable_to=self.items(d, "accountable_to", what, self.accountability),
            created=self.one(d, "created", what, self.stated),
            replaces=self.items(d, "replaces", what, self.unit_link),
        )

    def stated(self, v: Any, line: int) -> Evidence | None:
        """A bare statement ({source, quote}): that a post or unit is created."""
        d = self.mapping(v, line, "a statement", {"source", "quote"})
        return None if d is None else self.evidence(d, "a statement")

    def post(self, v: Any, line: int) -> Post | None:
        d = self.mapping(
            v,
            line,
            "a post",
            {
                "key",
                "title",
                "kind",
                "status",
                "unit",
                "heads",
                "pay",
                "line_manager",
                "accountable_to",
                "escalations",
                "designations",
                "holders",
                "commissions",
                "responsible_for",
                "replaces",
                "note",
                "reference",
                "level",
                "grade_groups",
                "candidate_for",
                "created",
                "vacancy",
                "source",
                "quote",
            },
        )
        if d is None:
            return None
        what = f"post '{_named(d, 'key')}'"
        return Post(
            key=self.ident(d, "key", what, True) or "",
            title=self.text(d, "title", what, True) or "",
            evidence=self.evidence(d, what),
            kind=self.choice(d, "kind", what, POST_KINDS, default="officer") or "officer",
            status=self.choice(d, "status", what, POST_STATUSES),
            unit=self.one(d, "unit", what, self.unit_link),
            heads=self.one(d, "heads", what, self.unit_link),
            pay=self.one(d, "pay", what, self.pay),
            line_manager=self.one(d, "line_manager", what, self.post_link),
            accountable_to=self.items(d, "accountable_to", what, self.accountability),
            escalations=self.items(d, "escalations", what, self.escalation),
            designations=self.items(d, "designations", what, self.designation),
            holders=self.items(d, "holders", what, self.holding),
            commissions=self.items(d, "commissions", what, self.function_link),
            responsible_for=self.items(d, "responsible_for", what, self.function_link),
            replaces=self.items(d, "replaces", what, self.post_link),
            note=self.text(d, "note", what),
            reference=self.text(d, "reference", what),
            level=_int(self.number(d, "level", what)),
            grade_groups=self.items(d, "grade_groups", what, self.grade_group),
            candidate_for=self.items(d, "candidate_for", what, self.candidacy),
            created=self.one(d, "created", what, self.stated),
            vacancy=self.one(d, "vacancy", what, self.vacancy),
        )

    def candidacy(self, v: Any, line: int) -> Candidacy | None:
        what = "a candidacy"
        d = self.mapping(v, line, what, {"role", "source", "quote"})
        if d is None:
            return None
        role = self.choice(d, "role", what, ROLE_CODES, required=True)
        ev = self.evidence(d, what)
        if not ev.inferred:
            self.problem(d.line, f"{what} is never stated: mark it 'inferred: true' with the 'rule' that saw it")
        return Candidacy(role or "", ev)

    def vacancy(self, v: Any, line: int) -> Vacancy | None:
        what = "a vacancy"
        d = self.mapping(v, line, what, {"from", "source", "quote"})
        if d is None:
            return None
        return Vacancy(self.evidence(d, what), self.date(d, "from", what))

    def intention(self, v: Any, line: int) -> Intention | None:
        what = "an intended end"
        d = self.mapping(v, line, what, {"date", "source", "quote"})
        if d is None:
            return None
        return Intention(self.evidence(d, what), self.date(d, "date", what))

    def grade_group(self, v: Any, line: int) -> GradeGroup | None:
        what = "a grade group"
        d = self.mapping(
            v,
            line,
            what,
            {"grade", "title", "count", "fte", "salary_min", "salary_max", "profession", "source", "quote"},
        )
        if d is None:
            return None
        grade, title = self.text(d, "grade", what), self.text(d, "title", what)
        if grade is None and title is None:
            self.problem(d.line, f"{what} needs a 'grade' or a 'title'")
        count = self.number(d, "count", what, whole=True)
        return GradeGroup(
            grade=grade,
            evidence=self.evidence(d, what),
            title=title,
            count=None if count is None else int(count),
            fte=self.number(d, "fte", what),
            salary_min=self.number(d, "salary_min", what),
            salary_max=self.number(d, "salary_max", what),
            profession=self.text(d, "profession", what),
        )

    def unit_link(self, v: Any, line: int) -> UnitLink | None:
        d = self.mapping(v, line, "a unit link", {"unit", "source", "quote"})
        if d is None:
            return None
        return UnitLink(self.ident(d, "unit", "a unit link", True) or "", self.evidence(d, "a unit link"))

    def function_link(self, v: Any, line: int) -> FunctionLink | None:
        d = self.mapping(v, line, "a function link", {"function", "source", "quote"})
        if d is None:
            return None
        return FunctionLink(
            self.ident(d, "function", "a function link", True) or "", self.evidence(d, "a function link")
        )

    def post_link(self, v: Any, line: int) -> PostLink | None:
        d = self.mapping(v, line, "a post link", {"post", "source", "quote"})
        if d is None:
            return None
        return PostLink(self.ident(d, "post", "a post link", True) or "", self.evidence(d, "a post link"))

    def accountability(self, v: Any, line: int) -> PostLink | None:
        what = "an accountability line"
        d = self.mapping(v, line, what, {"post", "mechanisms", "source", "quote"})
        if d is None:
            return None
        mechanisms = self.items(d, "mechanisms", what, self.phrase)
        return PostLink(self.ident(d, "post", what, True) or "", self.evidence(d, what), tuple(mechanisms))

    def escalation(self, v: Any, line: int) -> PostLink | None:
        what = "an escalation line"
        d = self.mapping(v, line, what, {"to", "trigger", "source", "quote"})
        if d is None:
            return None
        return PostLink(
            self.ident(d, "to", what, True) or "", self.evidence(d, what), trigger=self.text(d, "trigger", what, True)
        )

    def phrase(self, v: Any, line: int) -> str | None:
        if not isinstance(v, str) or not v.strip() or len(v) > MAX_TEXT:
            self.problem(line, f"a mechanism must be text (at most {MAX_TEXT} characters), not {show(v)}")
            return None
        return v.strip()

    def designation(self, v: Any, line: int) -> Designation | None:
        what = "a designation"
        d = self.mapping(v, line, what, {"role", "from", "to", "basis", "joint", "intended_end", "source", "quote"})
        if d is None:
            return None
        role = self.choice(d, "role", what, ROLE_CODES, required=True)
        return Designation(
            role=role or "",
            basis=self.choice(d, "basis", what, BASES),
            evidence=self.evidence(d, what),
            start=self.date(d, "from", what),
            end=self.date(d, "to", what),
            joint=self.flag(d, "joint", what),
            intended_end=self.ended(d, what),
        )

    def ended(self, d: LDict, what: str) -> Intention | None:
        """`intended_end`, refused beside a stated `to` (a stated end makes the intention moot)."""
        intention = self.one(d, "intended_end", what, self.intention)
        if intention is not None and "to" in d:
            self.problem(
                d.line_of("intended_end"), f"{what} states 'to' and an 'intended_end': keep one (a stated end wins)"
            )
        return intention

    def holding(self, v: Any, line: int) -> Holding | None:
        what = "a holder"
        d = self.mapping(v, line, what, {"name", "from", "to", "basis", "intended_end", "source", "quote"})
        if d is None:
            return None
        return Holding(
            name=self.text(d, "name", what, limit=MAX_NAME),
            basis=self.choice(d, "basis", what, BASES),
            evidence=self.evidence(d, what),
            start=self.date(d, "from", what),
            end=self.date(d, "to", what),
            intended_end=self.ended(d, what),
        )

    def pay(self, v: Any, line: int) -> Pay | None:
        what = "pay"
        d = self.mapping(v, line, what, {"grade", "salary", "on_costs", "fte", "total_cost", "source", "quote"})
        if d is None:
            return None
        pay = Pay(
            evidence=self.evidence(d, what),
            grade=self.text(d, "grade", what),
            on_costs=self.number(d, "on_costs", what),
            fte=self.number(d, "fte", what),
            total_cost=self.number(d, "total_cost", what),
        )
        salary = d.get("salary")
        if isinstance(salary, LDict):
            rng = self.mapping(salary, d.line_of("salary"), "a salary range", {"min", "max"})
            pay.salary_min = self.number(rng, "min", "a salary range") if rng is not None else None
            pay.salary_max = self.number(rng, "max", "a salary range") if rng is not None else None
            if pay.salary_min is None or pay.salary_max is None:
                self.problem(d.line_of("salary"), "a salary range needs both 'min' and 'max'")
            elif pay.salary_min > pay.salary_max:
                self.problem(d.line_of("salary"), "salary 'min' is more than 'max'")
        elif salary is not None:
            pay.salary = self.number(d, "salary", what)
        return pay

    def change(self, v: Any, line: int) -> Figures | None:
        """A stated change may be a saving: its figures may be negative, a total's never."""
        return self.figures(v, line, low=None)

    def figures(self, v: Any, line: int, low: float | None = 0) -> Figures | None:
        what = "stated figures"
        d = self.mapping(v, line, what, {"salary", "on_costs", "fte", "total_cost", "source", "quote"})
        if d is None:
            return None
        return Figures(
            evidence=self.evidence(d, what),
            salary=self.number(d, "salary", what, low),
            on_costs=self.number(d, "on_costs", what, low),
            fte=self.number(d, "fte", what, low),
            total_cost=self.number(d, "total_cost", what, low),
        )

    def review(self, v: Any, line: int) -> AssuranceReview | None:
        d = self.mapping(
            v,
            line,
            "an assurance review",
            {"id", "date", "by", "status", "outcome", "assesses", "criteria", "follow_up", "source", "quote"},
        )
        if d is None:
            return None
        what = f"assurance review '{_named(d, 'id')}'"
        assesses = self.items(d, "assesses", what, self.post_key, required=True)
        return AssuranceReview(
            id=self.ident(d, "id", what, True) or "",
            status=self.choice(d, "status", what, REVIEW_STATUSES, True) or "",
            assesses=assesses,
            evidence=self.evidence(d, what),
            date=self.date(d, "date", what),
            by=self.text(d, "by", what),
            outcome=self.text(d, "outcome", what),
            criteria=self.items(d, "criteria", what, self.criterion),
            follow_up=self.text(d, "follow_up", what),
        )

    def post_key(self, v: Any, line: int) -> str | None:
        if not isinstance(v, str) or id_problem(v):
            self.problem(line, f"'assesses' must list post keys, not {show(v)}")
            return None
        return v

    def criterion(self, v: Any, line: int) -> Criterion | None:
        what = "a criterion"
        d = self.mapping(v, line, what, {"criterion", "outcome", "finding", "condition", "source", "quote"})
        if d is None:
            return None
        return Criterion(
            self.text(d, "criterion", what, True) or "",
            self.text(d, "outcome", what, True) or "",
            self.evidence(d, what),
            self.text(d, "finding", what),
            self.text(d, "condition", what),
        )


def _named(d: LDict, key: str) -> str:
    """The id a message names its item by, shortened (it may be anything the file holds)."""
    v = d.get(key)
    return shorten(v, 40) if isinstance(v, str) else show(v, 40)


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)
