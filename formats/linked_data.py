"""A loaded structure as linked data in the W3C Organization Ontology (JSON-LD or Turtle), with rdflib.

Why this vocabulary: org: is what public bodies' open data uses for posts and reporting lines
(data.gov.uk's own organograms were published in it), so an export can be joined with others.
Mapping: a post is an org:Post, org:postIn its unit (org:OrganizationalUnit, org:unitOf the council)
or the council; a holder org:heldBy the post, with an org:Membership carrying org:memberDuring;
Remit's line-managed-by and accountable-to are sub-properties of org:reportsTo; a statutory role is
an org:Role the post has through org:role; a structure superseding another is an org:ChangeEvent.
Each fact's provenance (source, quote, row, and `inferred` with its rule) is kept on an
rdf:Statement that reifies it, so an inferred line stays inferred in the export; a fact a person
settled (an overlay's decision) adds `prov:wasAttributedTo` a `prov:Agent` and its `dcterms:date`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD
from rdflib.term import IdentifiedNode

from remit.loader.schema import council_uid, source_uid, structure_uid
from remit.queries.snapshot import Snapshot

from .common import Exported, PublishedFormat

REMIT = Namespace("https://w3id.org/remit/ns#")
BASE = "https://w3id.org/remit/id/"
LINKS = {"LINE_MANAGED_BY": REMIT.lineManagedBy, "ACCOUNTABLE_TO": REMIT.accountableTo}


def node(uid: str) -> URIRef:
    """A stable IRI for a graph node uid (post:STRUCTURE:KEY, role:dcs, council:ID, ...)."""
    return URIRef(BASE + quote(uid.replace(":", "/"), safe="/"))


def source_node(council: str, source: str) -> URIRef:
    """A source's IRI: scoped by its council, as the loader's Source nodes are (every council's files
    may call their first document "doc"; exports of two councils must not merge them)."""
    return node(source_uid(council, source))


def _provenance(g: Graph, s: IdentifiedNode, p: URIRef, o: Any, props: dict[str, Any], council: str) -> None:
    if not props.get("source") and not props.get("inferred"):
        return
    st = BNode()
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, p))
    g.add((st, RDF.object, o))
    if props.get("source"):
        src = source_node(council, props["source"])
        g.add((src, RDF.type, PROV.Entity))
        g.add((src, SKOS.notation, Literal(props["source"])))
        g.add((st, PROV.wasDerivedFrom, src))
    if props.get("quote"):
        g.add((st, REMIT.quote, Literal(props["quote"])))
    if props.get("row") is not None:
        g.add((st, REMIT.row, Literal(int(props["row"]))))
    g.add((st, REMIT.inferred, Literal(bool(props.get("inferred")))))
    if props.get("rule"):
        g.add((st, REMIT.rule, Literal(props["rule"])))
    if props.get("settled_by"):  # a person's decision (an overlay): who, and when
        agent = URIRef(f"{BASE}agent/{quote(council, safe='')}/{quote(props['settled_by'], safe='')}")
        g.add((agent, RDF.type, PROV.Agent))
        g.add((agent, RDFS.label, Literal(props["settled_by"])))
        g.add((st, PROV.wasAttributedTo, agent))
        if props.get("settled_on"):
            g.add((st, DCTERMS.date, Literal(props["settled_on"], datatype=XSD.date)))


def _fact(g: Graph, s: URIRef, p: URIRef, o: Any, props: dict[str, Any], council: str) -> None:
    g.add((s, p, o))
    _provenance(g, s, p, o, props, council)


def _vocabulary(g: Graph) -> None:
    for prop, label in ((REMIT.lineManagedBy, "line managed by"), (REMIT.accountableTo, "accountable to")):
        g.add((prop, RDF.type, RDF.Property))
        g.add((prop, RDFS.subPropertyOf, ORG.reportsTo))
        g.add((prop, RDFS.label, Literal(label)))


def structure_graph(snaps: list[Snapshot]) -> Graph:
    """One graph for one or more structures (a chain gives the ChangeEvents between them)."""
    g = Graph()
    g.bind("org", ORG)
    g.bind("remit", REMIT)
    g.bind("prov", PROV)
    g.bind("skos", SKOS)
    g.bind("foaf", FOAF)
    g.bind("time", TIME)
    _vocabulary(g)
    ids = {snap.structure["id"] for snap in snaps}
    for snap in snaps:
        _structure(g, snap, ids)
    return g


def _structure(g: Graph, snap: Snapshot, ids: set[str]) -> None:
    head = snap.structure
    s = node(structure_uid(head["id"]))
    council = next((e["dst"] for e in snap.edges_of("OF")), council_uid(head["council"]))
    c = node(council)
    cprops = snap.node(council) or {}
    g.add((c, RDF.type, ORG.FormalOrganization))
    g.add((c, SKOS.prefLabel, Literal(cprops.get("name") or head["council"])))
    if cprops.get("code"):
        g.add((c, SKOS.notation, Literal(cprops["code"])))
    g.add((s, RDF.type, ORG.Organization))
    g.add((s, SKOS.prefLabel, Literal(head.get("label") or head["id"])))
    g.add((s, REMIT.structureOf, c))
    if head.get("effective"):
        g.add((s, REMIT.effective, Literal(head["effective"])))
    if head.get("supersedes"):
        ev = BNode()
        g.add((ev, RDF.type, ORG.ChangeEvent))
        g.add((ev, ORG.originalOrganization, node(structure_uid(head["supersedes"]))))
        g.add((ev, ORG.resultingOrganization, s))
    for uid, props in snap.nodes.items():
        if props["_label"] == "Unit":
            u = node(uid)
            g.add((u, RDF.type, ORG.OrganizationalUnit))
            g.add((u, SKOS.prefLabel, Literal(props["name"])))
            g.add((u, ORG.unitOf, c))
            g.add((s, ORG.hasUnit, u))
        elif props["_label"] == "Post":
            _post(g, uid, props, s, head["council"])
    for e in snap.edges:
        _edge(g, snap, e, c, head["council"])


def _post(g: Graph, uid: str, props: dict[str, Any], s: URIRef, council: str) -> None:
    p = node(uid)
    g.add((p, RDF.type, ORG.Post))
    g.add((p, SKOS.prefLabel, Literal(props["title"])))
    g.add((p, REMIT.key, Literal(props["key"])))
    g.add((p, ORG.postIn, s))
    _provenance(g, p, SKOS.prefLabel, Literal(props["title"]), props, council)
    for name, prop, kind in (
        ("reference", SKOS.notation, None),
        ("grade", REMIT.grade, None),
        ("salary_min", REMIT.salaryMin, XSD.decimal),
        ("salary_max", REMIT.salaryMax, XSD.decimal),
        ("fte", REMIT.fte, XSD.decimal),
        ("junior_fte", REMIT.juniorFte, XSD.decimal),
        ("status", REMIT.status, None),
        ("level", REMIT.level, XSD.integer),
    ):
        if props.get(name) is not None:
            g.add((p, prop, Literal(props[name], datatype=kind) if kind else Literal(props[name])))


def _edge(g: Graph, snap: Snapshot, e: dict[str, Any], council: URIRef, council_id: str) -> None:
    props, src, dst = e["props"], node(e["src"]), node(e["dst"])
    if e["type"] in LINKS:
        _fact(g, src, LINKS[e["type"]], dst, props, council_id)
    elif e["type"] == "IN_UNIT":
        _fact(g, src, ORG.postIn, dst, props, council_id)
    elif e["type"] == "PART_OF":
        _fact(g, src, ORG.subOrganizationOf, dst, props, council_id)
    elif e["type"] == "DESIGNATED":
        role = snap.node(e["dst"]) or {}
        g.add((dst, RDF.type, ORG.Role))
        g.add((dst, SKOS.prefLabel, Literal(role.get("name") or e["dst"])))
        g.add((dst, SKOS.notation, Literal(role.get("code") or e["dst"].split(":")[-1])))
        _fact(g, src, ORG.role, dst, props, council_id)
    elif e["type"] == "HOLDS":
        person = snap.node(e["src"]) or {}
        g.add((src, RDF.type, FOAF.Person))
        if person.get("name"):
            g.add((src, FOAF.name, Literal(person["name"])))
        _fact(g, dst, ORG.heldBy, src, props, council_id)
        m = BNode()
        g.add((m, RDF.type, ORG.Membership))
        g.add((m, ORG.member, src))
        g.add((m, ORG.organization, council))
        g.add((m, REMIT.post, dst))
        if props.get("basis"):
            g.add((m, REMIT.basis, Literal(props["basis"])))
        if props.get("from") or props.get("to"):
            interval = BNode()
            g.add((interval, RDF.type, TIME.Interval))
            for key, end in (("from", TIME.hasBeginning), ("to", TIME.hasEnd)):
                if props.get(key):
                    instant = BNode()
                    g.add((instant, RDF.type, TIME.Instant))
                    g.add((instant, RDFS.label, Literal(props[key])))  # as precise as the source: 2015, 2015-06
                    g.add((interval, end, instant))
            g.add((m, ORG.memberDuring, interval))
        _provenance(g, m, ORG.member, src, props, council_id)


def serialise(snaps: list[Snapshot], fmt: str) -> str:
    """'jsonld' or 'turtle' text of the structures."""
    g = structure_graph(snaps)
    if fmt == "jsonld":
        context = {
            "org": str(ORG),
            "remit": str(REMIT),
            "prov": str(PROV),
            "skos": str(SKOS),
            "foaf": str(FOAF),
            "time": str(TIME),
            "rdf": str(RDF),
            "rdfs": str(RDFS),
            "xsd": str(XSD),
        }
        return g.serialize(format="json-ld", context=context, indent=1)
    return g.serialize(format="turtle")


def _writer(fmt: str) -> Callable[[Snapshot], Exported]:
    return lambda snap: Exported(serialise([snap], fmt))


FORMAT = PublishedFormat(
    "linked-data",
    "W3C Organization Ontology with PROV provenance (JSON-LD or Turtle), written only",
    writers={"jsonld": _writer("jsonld"), "turtle": _writer("turtle")},
)
