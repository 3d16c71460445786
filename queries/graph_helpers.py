"""networkx building blocks shared by the catalogue questions and the assurance rules.

Each helper mirrors one Cypher idiom the .cypher files use (a MATCH from the structure's posts,
the in-force date test, the variable-length LINE_MANAGED_BY path to the Head of Paid Service), so
that a question's networkx function reads like its Cypher and the two cannot quietly diverge.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx

from remit.loader.model import CHILDRENS_DOMAINS
from remit.loader.schema import role_uid, structure_uid

from .catalogue import Param

STRUCTURE = Param("structure", "Structure id", kind="structure")
AS_OF = Param("as_of", "Only designations and holdings in force on this date (YYYY-MM-DD)", kind="date", required=False)
COMMON = (STRUCTURE, AS_OF)

Attrs = dict[str, Any]

# Bases that leave a statutory role exposed (the same list is passed to the Cypher as a parameter).
EXPOSED_BASES = ("interim", "acting", "vacant")
# A statutory role whose holder's intended departure has passed with no successor recorded: exposed too
# (Harrow: "has indicated that he will retire at the end of May 2023"; nothing says who follows).
DEPARTED = "holder's intended departure passed; no successor recorded"
HELD, NO_HOLDER = "held", "no holder recorded"


def in_force(attrs: Attrs, as_of: str | None) -> bool:
    """A dated fact counts on `as_of` unless it starts after or ends before it (no date: always)."""
    if as_of is None:
        return True
    start, end = attrs.get("from_start"), attrs.get("to_end")
    return (start is None or start <= as_of) and (end is None or end >= as_of)


def out_edges(g: nx.MultiDiGraph, uid: str, rel: str) -> Iterator[tuple[str, Attrs]]:
    # The adjacency dicts themselves (what g.succ / g.pred wrap in read-only views), in the order
    # g.out_edges(uid, data=True) gives: the views cost more than the walk on a large graph.
    for dst, keyed in g._succ[uid].items():
        for a in keyed.values():
            if a["_type"] == rel:
                yield dst, a


def in_edges(g: nx.MultiDiGraph, uid: str, rel: str) -> Iterator[tuple[str, Attrs]]:
    for src, keyed in g._pred[uid].items():
        for a in keyed.values():
            if a["_type"] == rel:
                yield src, a


def posts(g: nx.MultiDiGraph, structure: str) -> list[str]:
    """Post uids of one structure (empty for an unknown structure, as the Cypher MATCH gives)."""
    s_uid = structure_uid(structure)
    if s_uid not in g:
        return []
    return [dst for dst, _ in out_edges(g, s_uid, "HAS_POST")]


def own_nodes(g: nx.MultiDiGraph, structure: str, label: str) -> list[str]:
    """Uids of one structure's own nodes with a label, from the graph's index by structure (the
    networkx counterpart of Neo4j's (:Label {structure}) indexes) instead of a scan of every node."""
    from remit.loader.memory import structure_index

    nodes = g._node  # the dict behind g.nodes, without the view's per-lookup cost
    return [uid for uid in structure_index(g).nodes.get(structure, ()) if nodes[uid]["_label"] == label]


def units(g: nx.MultiDiGraph, structure: str) -> list[str]:
    """Unit uids of one structure."""
    return own_nodes(g, structure, "Unit")


def key(g: nx.MultiDiGraph, uid: str) -> str:
    """The key of a post, unit or function: each has one (the validator refuses a link to a post,
    unit or function a file does not define, so no edge ends at a bare node)."""
    found: str = g.nodes[uid]["key"]
    return found


def node(g: nx.MultiDiGraph, uid: str) -> Attrs:
    attrs: Attrs = g.nodes[uid]
    return attrs


def designations(g: nx.MultiDiGraph, post: str, as_of: str | None) -> list[tuple[str, Attrs]]:
    """(role code, DESIGNATED attrs) in force."""
    return [(g.nodes[r]["code"], a) for r, a in out_edges(g, post, "DESIGNATED") if in_force(a, as_of)]


def roles(g: nx.MultiDiGraph, post: str, as_of: str | None) -> list[str]:
    return sorted({code for code, _ in designations(g, post, as_of)})


def designated(g: nx.MultiDiGraph, structure: str, code: str, as_of: str | None) -> list[tuple[str, Attrs]]:
    """(post uid, DESIGNATED attrs) of one role in force in a structure: from the index of the
    structure's designations, not a walk over all its posts."""
    from remit.loader.memory import structure_index

    role, succ = role_uid(code), g._succ
    found = [(p, succ[p][r][k]) for p, r, k in structure_index(g).designated.get(structure, ()) if r == role]
    return [(p, a) for p, a in found if in_force(a, as_of)]


def line_manager(g: nx.MultiDiGraph, post: str) -> tuple[str, Attrs] | None:
    return next(out_edges(g, post, "LINE_MANAGED_BY"), None)


def line_chain(g: nx.MultiDiGraph, post: str) -> list[tuple[str, Attrs]]:
    """The posts above `post`, nearest first, each with the LINE_MANAGED_BY edge that reaches it."""
    chain, seen, cur = [], {post}, post
    while (lm := line_manager(g, cur)) is not None and lm[0] not in seen:
        chain.append(lm)
        seen.add(lm[0])
        cur = lm[0]
    return chain


def is_hops(g: nx.MultiDiGraph, post: str, as_of: str | None) -> bool:
    return "hops" in roles(g, post, as_of)


def tier(g: nx.MultiDiGraph, post: str, as_of: str | None) -> int | None:
    """Steps up the line to the top post (the Head of Paid Service in force, else the post titled Chief
    Executive, see top_posts); None when the chain does not reach one."""
    tops, _ = top_posts(g, g.nodes[post].get("structure"), as_of)
    return tier_below(g, post, tops)


def holdings(g: nx.MultiDiGraph, post: str, as_of: str | None) -> list[tuple[str, Attrs]]:
    """(person uid, HOLDS attrs) in force."""
    return [(person, a) for person, a in in_edges(g, post, "HOLDS") if in_force(a, as_of)]


HOLD_FIELDS = (
    "name",
    "basis",
    "from",
    "to",
    "from_start",
    "to_end",
    "intended_end",
    "intended_end_last",
    "intended_end_source",
    "intended_end_quote",
    "intended_end_inferred",
    "intended_end_rule",
    "source",
    "inferred",
    "rule",
)


def all_holdings(g: nx.MultiDiGraph, post: str) -> list[Attrs]:
    """Every holding of a post, whatever its dates, as the maps holders.describe reads (the Cypher
    twins collect the same map of each HOLDS edge)."""
    return [
        {"name": g.nodes[person].get("name"), **{k: a.get(k) for k in HOLD_FIELDS if k != "name"}}
        for person, a in in_edges(g, post, "HOLDS")
    ]


def designation_intention(d: Attrs) -> Attrs:
    """A DESIGNATED edge's intended end (holders.DESIGNATION_FIELDS), as the Cypher twins' map gives it."""
    return {
        k: d.get(k)
        for k in (
            "intended_end",
            "intended_end_quote",
            "intended_end_source",
            "intended_end_inferred",
            "intended_end_rule",
        )
    }


def holder_names(g: nx.MultiDiGraph, post: str, as_of: str | None) -> list[str] | None:
    names = sorted({g.nodes[p].get("name") or "(not named)" for p, _ in holdings(g, post, as_of)})
    return names or None


def basis(g: nx.MultiDiGraph, post: str, designation: Attrs) -> str:
    if g.nodes[post].get("status") == "vacant":
        return "vacant"
    return designation.get("basis") or "not stated"


# -- functions: what kind they are, and what they are part of (stated facts, never words in a name) --
def domains(g: nx.MultiDiGraph, fn: str) -> list[str]:
    """The domains the structure file gives a function ([] when it does not say)."""
    return list(g.nodes[fn].get("domains") or [])


def is_childrens(g: nx.MultiDiGraph, fn: str) -> bool:
    """A function the file says is children's social care or education (or an umbrella covering one)."""
    return any(d in CHILDRENS_DOMAINS for d in domains(g, fn))


def covers(g: nx.MultiDiGraph, fn: str, key: str) -> bool:
    """The function is `key` itself or one of its parts (part_of, at any depth)."""
    a = g.nodes[fn]
    return a.get("key") == key or key in (a.get("ancestors") or ())


def function_fact(g: nx.MultiDiGraph, fn: str) -> Attrs:
    """A function's domain as a fact map (source, inferred, rule), for the answers resting on it."""
    a = g.nodes[fn]
    return {"source": a.get("source"), "inferred": a.get("inferred"), "rule": a.get("rule")}


def function_links(g: nx.MultiDiGraph, post: str) -> list[tuple[str, str, list[Attrs]]]:
    """(function uid, how, edges) for what a post commissions, is responsible for, or delivers through
    a unit it heads (how: commissions | responsible | delivers; delivers rests on HEADS and DELIVERS)."""
    out = [(f, "commissions", [a]) for f, a in out_edges(g, post, "COMMISSIONS")]
    out += [(f, "responsible", [a]) for f, a in out_edges(g, post, "RESPONSIBLE_FOR")]
    for u, ha in out_edges(g, post, "HEADS"):
        out += [(f, "delivers", [ha, a]) for f, a in out_edges(g, u, "DELIVERS")]
    return out


def reviews_of(g: nx.MultiDiGraph, post: str) -> list[Attrs]:
    return [g.nodes[r] for r, _ in in_edges(g, post, "ASSESSES")]


def statutory_reports(g: nx.MultiDiGraph, post: str, as_of: str | None) -> list[tuple[str, Attrs]]:
    """Direct line reports that hold a statutory role in force, with their LINE_MANAGED_BY edge."""
    return [(r, a) for r, a in in_edges(g, post, "LINE_MANAGED_BY") if roles(g, r, as_of)]


def combined_reasons(g: nx.MultiDiGraph, post: str, as_of: str | None) -> list[str]:
    """Why a statutory post counts as combined: several roles, or statutory officers reporting to it."""
    mine = roles(g, post, as_of)
    if not mine:
        return []
    reasons = []
    if len(mine) > 1:
        reasons.append("holds more than one statutory role")
    if statutory_reports(g, post, as_of):
        reasons.append("line-manages other statutory officers")
    return reasons


def subject_key(g: nx.MultiDiGraph, uid: str) -> str:
    """A post's key, or 'unit:KEY' for a unit (an outside body can be accountable too)."""
    a = g.nodes[uid]
    return f"unit:{a['key']}" if a["_label"] == "Unit" else a["key"]


# -- tier as councils mean it --------------------------------------------------------------------
# A post's tier is the number of line-management steps below the top post: the post designated Head
# of Paid Service where the documents designate one, otherwise the post the documents call the most
# senior (a structure's stated `top_post`: Leicester's "our most senior position - the Chief Operating
# Officer"), otherwise the post titled Chief Executive that reports to no post (matched on the lower-cased
# title, passed to the Cypher as a parameter: a "Chief Executive of <an agency>" line-managed by another post
# is never the top), otherwise unknown. Answers say which (`tier_from`).
CHIEF_EXECUTIVE_TITLE = "chief executive"


def titled_chief_executive(title: str | None) -> bool:
    return (title or "").lower().startswith(CHIEF_EXECUTIVE_TITLE)


@dataclass(frozen=True)
class Tier:
    """What the documents say about a post's tier. ``steps`` is exact when the line reaches the top
    post; otherwise ``at_least`` is what a broken chain still proves (reports to a post that is not
    the top: at least 2), and ``reports_to`` the first known step."""

    steps: int | None
    at_least: int | None
    top: str | None  # the top post the tier was measured from
    top_by: str | None  # "designation" (Head of Paid Service) | "stated" (top_post) | "title" (Chief Executive)
    reports_to: str | None
    reports_to_title: str | None

    @property
    def first_tier(self) -> bool | None:
        """True at tier 1, False when it is known not to be 1, None when the documents do not say."""
        if self.steps is not None:
            return self.steps == 1
        return False if self.at_least is not None and self.at_least > 1 else None

    def describe(self) -> str:
        top = self.top_phrase()
        if self.steps == 0:
            return f"is the top post ({top})"
        if self.steps is not None:
            via = f"line-managed by {self.reports_to_title} ({self.reports_to})"
            return f"tier {self.steps} below {top}: {via}"
        if self.at_least is not None:
            return (
                f"not first tier: reports to {self.reports_to_title} ({self.reports_to}), which is not "
                f"{top}; the line above is not stated"
            )
        if self.reports_to is not None:
            return (
                f"reports to {self.reports_to_title} ({self.reports_to}); no top post is known (no Head of "
                "Paid Service designated, no post titled Chief Executive)"
            )
        return "line manager not stated"

    def top_phrase(self) -> str:
        if self.top is None:
            return "the top post (unknown)"
        if self.top_by == "designation":
            return f"the Head of Paid Service ({self.top})"
        if self.top_by == "stated":
            return (
                f"the post the documents call the most senior ({self.top}; no post is designated Head of Paid Service)"
            )
        return f"the Chief Executive ({self.top}; taken by title, no post is designated Head of Paid Service)"


def measure_tier(
    post: str,
    chain: list[str],
    chain_titles: list[str],
    hops: list[str],
    chief_executives: list[str],
    stated_top: list[str] | None = None,
) -> Tier:
    """The tier of ``post`` from its line chain (nearest first) and the structure's top-post candidates:
    the Heads of Paid Service, else the stated most senior post, else the posts titled Chief Executive."""
    candidates = ((hops, "designation"), (stated_top or [], "stated"), (chief_executives, "title"))
    tops, by = next(((t, b) for t, b in candidates if t), ([], None))
    first = chain[0] if chain else None
    first_title = chain_titles[0] if chain_titles else None
    path = [post] + list(chain)
    for i, p in enumerate(path):
        if p in tops:
            return Tier(i, None, p, by, first, first_title)
    top = tops[0] if len(tops) == 1 else (", ".join(tops) if tops else None)
    at_least = len(chain) + 1 if tops and chain else None
    return Tier(None, at_least, top, by, first, first_title)


def stated_top(g: nx.MultiDiGraph, structure: str) -> str | None:
    """The uid of the post a structure's documents call the most senior (`top_post`), if any."""
    from remit.loader.schema import post_uid

    s = g.nodes.get(structure_uid(structure)) or {}
    top = s.get("top_post")
    uid = post_uid(structure, top) if top else None
    return uid if uid is not None and uid in g else None


def top_posts(
    g: nx.MultiDiGraph, structure: str, as_of: str | None, chief_executive: str = CHIEF_EXECUTIVE_TITLE
) -> tuple[set[str], str | None]:
    """(post uids tiers are measured from, what they are): the posts designated Head of Paid Service in
    force, else the post the documents call the most senior, else the posts titled Chief Executive that
    report to no post, else none. For questions that return a tier directly."""
    hops = {p for p, _ in designated(g, structure, "hops", as_of)}
    if hops:
        return hops, "Head of Paid Service"
    top = stated_top(g, structure)
    if top is not None:
        return {top}, f"stated most senior position ({g.nodes[top].get('title')})"
    ce = titled_chief_executives(g, structure, chief_executive)
    return (ce, "titled Chief Executive") if ce else (set(), None)


def titled_chief_executives(
    g: nx.MultiDiGraph, structure: str, chief_executive: str = CHIEF_EXECUTIVE_TITLE
) -> set[str]:
    """The posts the title rule makes the top: titled Chief Executive and reporting to no post; where the
    file puts posts at Level 1 ('XX'), only those (a "Chief Executive of <an agency>" whose line is not
    known, such as one reporting to itself, is not put at the top by its title)."""
    all_posts = list(posts(g, structure))
    levelled = any(g.nodes[p].get("level") == 1 for p in all_posts)
    return {
        p
        for p in all_posts
        if (g.nodes[p].get("title") or "").lower().startswith(chief_executive)
        and line_manager(g, p) is None
        and (not levelled or g.nodes[p].get("level") == 1)
    }


def tier_below(g: nx.MultiDiGraph, post: str, tops: set[str]) -> int | None:
    """Line-management steps from ``post`` up to one of ``tops``; None when its chain does not reach one.
    One post's walk: for every post of a structure use tiers_below, which walks each line once."""
    chain = [post] + [p for p, _ in line_chain(g, post)]
    return next((i for i, p in enumerate(chain) if p in tops), None)


def tiers_below(g: nx.MultiDiGraph, posts: list[str], tops: set[str]) -> dict[str, int | None]:
    """tier_below of every post in ``posts``, in time linear in the posts and their lines (issue 25,
    finding 7: a walk per post was quadratic on a deep chain, 11 s at 5,000 posts). A post's line
    manager is the first LINE_MANAGED_BY edge (as line_manager), so the lines form chains: each walk
    stops at a post already measured, a top, a post with no line manager or a post seen on this walk
    (a cycle that reached no top), and the posts walked get their steps from where it stopped."""
    tier: dict[str, int | None] = {}
    for start in posts:
        walk: list[str] = []
        on_walk: set[str] = set()
        cur: str | None = start
        base: int | None = None
        while cur is not None:
            if cur in tier:
                base = tier[cur]
                break
            if cur in tops:
                tier[cur] = base = 0
                break
            if cur in on_walk:
                break  # a cycle with no top on it: nothing walked reaches one
            walk.append(cur)
            on_walk.add(cur)
            lm = line_manager(g, cur)
            cur = lm[0] if lm is not None else None
        for i, p in enumerate(reversed(walk), 1):
            tier[p] = None if base is None else base + i
    return {p: tier[p] for p in posts}
