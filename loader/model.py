"""The structure model: what a structure file says, each fact with its evidence.

Dataclasses rather than dicts so that the graph writers, the checks and the diff all agree on
one vocabulary (that of ../shared/design.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import PartialDate

ROLE_CODES = ("hops", "s151", "mo", "dcs", "dass", "dph", "lmcs")
ROLE_NAMES = {
    "hops": "Head of Paid Service",
    "s151": "Chief finance officer (s151)",
    "mo": "Monitoring Officer",
    "dcs": "Director of Children's Services",
    "dass": "Director of Adult Social Services",
    "dph": "Director of Public Health",
    "lmcs": "Lead Member for Children's Services",
}
BASES = ("permanent", "interim", "acting")
STRUCTURE_STATUSES = ("existing", "proposed", "approved")
POST_STATUSES = ("filled", "vacant")
# "role": a statutory role the documents name without saying which post holds it (Harrow 2015: "DCS and
# Director of Adult Services (DASS)"). It carries the designation, but a diff never counts it as a post.
POST_KINDS = ("officer", "member", "role")
UNIT_KINDS = ("directorate", "delivery unit", "division", "service", "trust", "board", "group")
REVIEW_STATUSES = ("completed", "planned")
# What a function is, for the rules that ask whether a DCS's functions are children's (issue 21): the
# file says it (stated, or inferred with its reasoning); no list of words in a name decides it.
DOMAINS = ("childrens-social-care", "education", "adult-social-care", "public-health", "other")
DOMAIN_NAMES = {
    "childrens-social-care": "children's social care",
    "education": "education",
    "adult-social-care": "adult social care",
    "public-health": "public health",
    "other": "other",
}
# The domains that make a function a children's function (Children Act 2004 s.18: the DCS's education
# and children's social services functions).
CHILDRENS_DOMAINS = ("childrens-social-care", "education")


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: a source id and the sentence or table row that supports it.

    `row` is the row of a published table (CSV) the quote is; `inferred` with `rule` marks a fact
    Remit worked out (for example a line management read from Level and Directorate) rather than
    one the source states, so every reader can show it as inferred.
    """

    source: str
    quote: str
    line: int = 0
    row: int | None = None
    inferred: bool = False
    rule: str | None = None
    # Who settled the fact and when (an overlay's decision: loader.overlay), else None.
    by: str | None = None
    on: str | None = None


@dataclass
class Source:
    id: str
    title: str
    date: PartialDate | None
    file: str
    line: int = 0
    url: str | None = None  # where the document is published, when it is cited by address


@dataclass
class Function:
    """A function the documents name. ``domains`` says which kind of function it is (one value, or
    several for an umbrella such as "children's services"); ``part_of`` names the function it is a part
    of (Harrow's "Placements" is part of children's social care). Both rest on ``evidence``."""

    key: str
    name: str
    line: int = 0
    domains: tuple[str, ...] = ()
    part_of: str | None = None
    evidence: Evidence | None = None


@dataclass
class Council:
    """The council a file is about. ``code`` is its local-authority-code in the UK register
    (remit.loader.authorities); ``authority_kind`` is the register's type code (LBO, MD, UA, CTY,
    CC, NMD, ...) taken from that entry, or "" when the file names no code: then the rules that
    depend on the kind of council say "unknown" rather than guess from the free-text ``kind``."""

    id: str
    name: str
    kind: str
    line: int = 0
    code: str = ""
    authority_kind: str = ""


@dataclass
class PostLink:
    """A line from one post to another: line management, accountability or escalation."""

    post: str
    evidence: Evidence
    mechanisms: tuple[str, ...] = ()
    trigger: str | None = None


@dataclass
class FunctionLink:
    function: str
    evidence: Evidence


@dataclass
class UnitLink:
    unit: str
    evidence: Evidence


@dataclass(frozen=True)
class Intention:
    """An end the documents announce, not one they state ("has indicated that he will retire at the end
    of May 2023"): never a `to`. Once its date passes, the documents no longer speak for the fact, and
    answers say the intended departure passed with no successor recorded. ``date`` may be unknown
    ("until a new permanent Director ... was appointed in the new financial year")."""

    evidence: Evidence
    date: PartialDate | None = None


@dataclass
class Designation:
    role: str
    basis: str | None  # None: the document does not say on what basis
    evidence: Evidence
    start: PartialDate | None = None
    end: PartialDate | None = None
    joint: bool = False
    intended_end: Intention | None = None


@dataclass
class Holding:
    name: str | None
    basis: str | None
    evidence: Evidence
    start: PartialDate | None = None
    end: PartialDate | None = None
    intended_end: Intention | None = None


@dataclass
class Vacancy:
    """Since when a post is vacant, as the document says ("since the beginning of February")."""

    evidence: Evidence
    start: PartialDate | None = None


@dataclass
class Pay:
    evidence: Evidence
    grade: str | None = None
    salary: float | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    on_costs: float | None = None
    fte: float | None = None
    total_cost: float | None = None


@dataclass
class Figures:
    """A document's own totals or stated change, kept to compare with what the posts add up to."""

    evidence: Evidence
    salary: float | None = None
    on_costs: float | None = None
    fte: float | None = None
    total_cost: float | None = None


@dataclass
class StatedCount:
    """A count the document states ("Corporate Director posts from four to three") even where it
    does not name every post, kept so a diff can show it beside what the named posts add up to."""

    what: str
    title_contains: str
    evidence: Evidence
    before: int | None = None
    after: int | None = None


@dataclass
class GradeGroup:
    """Junior staff of one grade under a senior post (an organogram's junior row): counted, not named."""

    grade: str | None
    evidence: Evidence
    title: str | None = None
    fte: float | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    profession: str | None = None
    count: int | None = None  # how many posts, where the document counts them ("5 x Assistant Directors")


@dataclass
class Candidacy:
    """A post whose title points at a statutory role without naming it ("Corporate Director of Adults
    and Wellbeing" for the DASS): a candidate the findings name as a missing fact, never a designation.
    The evidence is always inferred, with the rule that saw the words."""

    role: str
    evidence: Evidence


@dataclass
class LeftOut:
    """A row (or a line) an import left out of the structure, why, and the row's own text, so the
    written file says what it does not hold."""

    reason: str
    evidence: Evidence


@dataclass
class Post:
    key: str
    title: str
    evidence: Evidence
    kind: str = "officer"
    status: str | None = None
    unit: UnitLink | None = None
    heads: UnitLink | None = None
    pay: Pay | None = None
    line_manager: PostLink | None = None
    accountable_to: list[PostLink] = field(default_factory=list)
    escalations: list[PostLink] = field(default_factory=list)
    designations: list[Designation] = field(default_factory=list)
    holders: list[Holding] = field(default_factory=list)
    commissions: list[FunctionLink] = field(default_factory=list)
    responsible_for: list[FunctionLink] = field(default_factory=list)
    replaces: list[PostLink] = field(default_factory=list)
    note: str | None = None
    reference: str | None = None  # the publisher's own post reference (organogram Post Unique Reference)
    level: int | None = None  # the level the file gives (an LGA chart's Level; an organogram's "XX" is 1: the top)
    grade_groups: list[GradeGroup] = field(default_factory=list)
    candidate_for: list[Candidacy] = field(default_factory=list)
    # The document states that this post is created ("The following positions will be created: ..."):
    # a diff says "created" only then (or with `replaces`), else "not recorded before".
    created: Evidence | None = None
    vacancy: Vacancy | None = None


@dataclass
class Unit:
    key: str
    name: str
    kind: str
    evidence: Evidence
    part_of: UnitLink | None = None
    delivers: list[FunctionLink] = field(default_factory=list)
    accountable_to: list[PostLink] = field(default_factory=list)
    created: Evidence | None = None
    # Units of the superseded structure this unit takes over ("will merge the existing Directorate of
    # Children and Families ..."): a diff says "merged into" rather than "removed".
    replaces: list[UnitLink] = field(default_factory=list)


@dataclass
class Criterion:
    criterion: str
    outcome: str
    evidence: Evidence
    finding: str | None = None
    # "Met as long as ..." : the condition the outcome depends on, in the reviewer's words.
    condition: str | None = None


@dataclass
class AssuranceReview:
    id: str
    status: str
    assesses: list[str]
    evidence: Evidence
    date: PartialDate | None = None
    by: str | None = None
    outcome: str | None = None
    criteria: list[Criterion] = field(default_factory=list)
    # What the reviewer asks to happen next ("a formal review after twelve months"), in their words.
    follow_up: str | None = None


@dataclass
class Structure:
    id: str
    label: str
    status: str
    evidence: Evidence
    effective: PartialDate | None = None
    supersedes: str | None = None
    units: list[Unit] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    reviews: list[AssuranceReview] = field(default_factory=list)
    stated_totals: Figures | None = None
    stated_change: Figures | None = None
    stated_counts: list[StatedCount] = field(default_factory=list)
    line: int = 0
    left_out: list[LeftOut] = field(default_factory=list)  # what an import did not keep, row by row
    # The effective date is a plan ("due to go live in April 2018"), not a date the documents saw pass.
    effective_intended: bool = False
    # Posts of the superseded structure the document says are deleted ("will be deleted from the
    # existing establishment"): a diff says "deleted" only then (or when a successor replaces them).
    deletes: list[PostLink] = field(default_factory=list)
    # The post the document calls the most senior ("our most senior position - the Chief Operating
    # Officer"): tiers are measured from it when no Head of Paid Service is designated.
    top_post: PostLink | None = None
    # The post that leads the council politically (the Leader, or an elected Mayor), where the documents
    # say so: the LMCS rule asks whether the LMCS reports to it. Never taken from a title's words.
    leader: PostLink | None = None

    def post(self, key: str) -> Post | None:
        return next((p for p in self.posts if p.key == key), None)


@dataclass
class StructureFile:
    """One validated file: a council as its documents describe it."""

    path: str
    council: Council
    sources: list[Source]
    functions: list[Function]
    structures: list[Structure]
