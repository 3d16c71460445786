"""What a load writes to Neo4j, in the caller's transaction: shared nodes, then the structures.

Structures are written together, not one at a time: the old nodes of every structure in the load
are detached in a few statements, then nodes are CREATEd per label and relationships per
(type, start label, end label) in `UNWIND $rows` batches that span many structures. A load of a
thousand structures is then a few hundred round trips instead of twenty per structure, and each
batch is big enough that the server's per-statement cost (planning is cached; parameter decoding,
the commit of the statement's writes into the transaction state) is spread over thousands of rows.
Relationship ends are matched by uid through the uid unique constraints (NodeUniqueIndexSeek on
both ends, because every query names both end labels).

Labels and relationship types cannot be query parameters, so every query text is chosen from the
LABELS / REL_TYPES whitelists of schema.py; all values travel as parameters.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeAlias

from .records import Edge, Node, StructureRecords, dedupe_nodes
from .schema import LABELS, REL_TYPES, SCOPED_LABELS, label_of_uid

if TYPE_CHECKING:  # the driver is imported when a store is opened, not by every command
    import neo4j

# Rows per UNWIND statement; structures are written in groups of about this many nodes. 1,000,
# 5,000 and 10,000 measured alike within noise (100 councils, busy machine); REMIT_LOAD_BATCH
# overrides it (smaller groups report progress more often).
BATCH = 5000
# Structures per detach / count statement.
STRUCTURES_PER_STATEMENT = 200

Progress = Callable[[int, int, str], None]
Counts = dict[str, dict[str, Counter[str]]]
EdgeGroup = tuple[str, str, str]  # (relationship type, start label, end label)
# The caller's transaction: an explicit one (a load is never retried) or a managed one (a read).
Tx: TypeAlias = "neo4j.Transaction | neo4j.ManagedTransaction"


def write_records(
    tx: Tx, records: list[StructureRecords], progress: Progress | None = None, prune: bool = False
) -> Counts:
    """Everything a load writes, in the caller's transaction (which commits or rolls back all).

    With `prune`, the loaded councils' structures that the load does not hold (an earlier load's,
    since dropped from the files) are deleted in the same transaction; without it they stay."""
    labels = _label_index(records)
    shared = dedupe_nodes(n for rec in records for n in rec.shared)
    roles = sorted((n for n in shared if n.label == "StatutoryRole"), key=lambda n: n.uid)
    # First statement: the role nodes' write locks, in uid order, serialise concurrent loads.
    _run(tx, "MERGE (n:StatutoryRole {uid: row.uid}) SET n = row", [_row(n) for n in roles])
    sids = [rec.structure for rec in records]
    # A load of councils never loaded before (asked before their nodes are written) into
    # structures not there: there is nothing of theirs to detach, and no people, functions or
    # sources a reload could have orphaned; their shared nodes are CREATEd, not MERGEd (the uid
    # constraints would still refuse a duplicate, rolling the load back).
    known = tx.run(
        "RETURN COUNT { MATCH (c:Council) WHERE c.uid IN $councils } + "
        "COUNT { MATCH (s:Structure) WHERE s.id IN $sids } AS n",
        councils=[n.uid for n in shared if n.label == "Council"],
        sids=sids,
    ).single(strict=True)["n"]
    verb = "MERGE (n:{label} {{uid: row.uid}})" if known else "CREATE (n:{label})"
    for label, rows in _by_label(n for n in shared if n.label != "StatutoryRole").items():
        _run(tx, verb.format(label=label) + " SET n = row", rows)
    gone = sids + (stale_structures(tx, sorted({rec.council for rec in records}), sids) if known and prune else [])
    foreign = [e for part in _chunks(gone, STRUCTURES_PER_STATEMENT) for e in _detach(tx, part, gone)] if known else []
    out: Counts = {}
    done = 0
    for group in _groups(records, batch_size()):
        for label, rows in _by_label(n for rec in group for n in rec.nodes).items():
            _run(tx, f"CREATE (n:{label}) SET n = row", rows)
        for rec in group:  # the old nodes are gone: the structure holds what is created now
            out[rec.structure] = {
                "nodes": Counter(n.label for n in rec.nodes),
                "relationships": Counter(e.type for e in rec.edges),
            }
        owners = [(rec.structure, e) for rec in group for e in rec.edges]
        for key, items in _edge_groups(owners, labels).items():
            for i in _create_edges(tx, key, [e for _, e in items]):
                counts = out[items[i][0]]
                counts["relationships"][key[0]] -= 1
                counts.setdefault("skipped", Counter())[key[0]] += 1
        for rec in group:
            done += 1
            if progress:
                progress(done, len(records), rec.structure)
    # Other structures' relationships that ended on replaced nodes; one whose end is gone stays gone
    # (another structure's edges are theirs to lose).
    for key, items in _edge_groups([("", e) for e in foreign], labels).items():
        _create_edges(tx, key, [e for _, e in items])
    if known:
        _remove_orphans(tx, records, {n.uid for n in shared})
    return {sid: {k: +c for k, c in counts.items()} for sid, counts in out.items()}


def stale_structures(tx: Tx, councils: list[str], loaded: list[str]) -> list[str]:
    """Ids of the structures of these councils that the store holds and `loaded` does not."""
    return [
        r["id"]
        for r in tx.run(
            "MATCH (s:Structure) WHERE s.council IN $councils AND NOT s.id IN $loaded RETURN s.id AS id ORDER BY id",
            councils=councils,
            loaded=loaded,
        )
    ]


def batch_size() -> int:
    try:
        return max(1, int(os.environ.get("REMIT_LOAD_BATCH") or BATCH))
    except ValueError:
        return BATCH


def _run(tx: Tx, part: str, rows: list[dict[str, Any]]) -> int:
    """`UNWIND $rows AS row <part>` in batches; how many rows it matched (created) in all."""
    text = f"UNWIND $rows AS row {part} RETURN count(*) AS c"
    size = batch_size()
    return sum(tx.run(text, rows=rows[k : k + size]).single(strict=True)["c"] for k in range(0, len(rows), size))


def _row(n: Node) -> dict[str, Any]:
    return {**n.props, "uid": n.uid}


def _by_label(nodes: Iterable[Node]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in nodes:
        if n.label not in LABELS:
            raise ValueError(f"unknown label '{n.label}' for node '{n.uid}'")
        groups[n.label].append(_row(n))
    return groups


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for k in range(0, len(items), size):
        yield items[k : k + size]


def _groups(records: list[StructureRecords], size: int) -> Iterator[list[StructureRecords]]:
    """Consecutive structures with about `size` nodes in all: an earlier structure (one a later one
    supersedes and REPLACES into) is always written in the same group or before."""
    group: list[StructureRecords] = []
    count = 0
    for rec in records:
        if group and count + len(rec.nodes) > size:
            yield group
            group, count = [], 0
        group.append(rec)
        count += len(rec.nodes)
    if group:
        yield group


def _label_index(records: Iterable[StructureRecords]) -> dict[str, str]:
    return {n.uid: n.label for rec in records for n in rec.shared + rec.nodes}


def label_of(uid: str, labels: dict[str, str]) -> str:
    label = labels.get(uid) or label_of_uid(uid)
    if label not in LABELS:
        raise ValueError(f"cannot tell the label of node '{uid}'")
    return label


def _edge_groups(items: list[tuple[str, Edge]], labels: dict[str, str]) -> dict[EdgeGroup, list[tuple[str, Edge]]]:
    """(owner, edge) pairs by (type, end labels), in a fixed order so query texts recur (and are planned once)."""
    groups: dict[EdgeGroup, list[tuple[str, Edge]]] = defaultdict(list)
    for owner, e in items:
        if e.type not in REL_TYPES:
            raise ValueError(f"unknown relationship type '{e.type}' ({e.src} -> {e.dst})")
        groups[(e.type, label_of(e.src, labels), label_of(e.dst, labels))].append((owner, e))
    return dict(sorted(groups.items()))


def _create_edges(tx: Tx, key: EdgeGroup, edges: list[Edge]) -> list[int]:
    """Create the relationships; the positions of those not created because an end is missing."""
    rel, a, b = key
    missing: list[int] = []
    size = batch_size()
    ends = f"MATCH (a:{a} {{uid: row.src}}) MATCH (b:{b} {{uid: row.dst}})"
    text = f"UNWIND $rows AS row {ends} CREATE (a)-[r:{rel}]->(b) SET r = row.props RETURN count(*) AS c"
    for k in range(0, len(edges), size):
        rows = [{"src": e.src, "dst": e.dst, "props": e.props} for e in edges[k : k + size]]
        if tx.run(text, rows=rows).single(strict=True)["c"] < len(rows):  # rare: validation normally prevents it
            lost = tx.run(
                f"UNWIND range(0, size($rows) - 1) AS i WITH i, $rows[i] AS row WHERE NOT EXISTS {{ {ends} }} RETURN i",
                rows=rows,
            )
            missing += [k + r["i"] for r in lost]
    return missing


def _own_nodes(var: str) -> str:
    """A subquery giving the nodes of structure `var` (one per branch, each on a label+property index)."""
    branches = [f"MATCH (n:Structure {{id: {var}}}) RETURN n"]
    branches += [f"MATCH (n:{label} {{structure: {var}}}) RETURN n" for label in SCOPED_LABELS]
    return f"CALL ({var}) {{\n  " + "\n  UNION ".join(branches) + "\n}\n"


def _detach(tx: Tx, sids: list[str], loaded: list[str]) -> list[Edge]:
    """Delete these structures' own nodes; return relationships of structures outside the load that touched them."""
    record = tx.run(
        "UNWIND $sids AS s\n"
        + _own_nodes("s")
        + """
        WITH collect(n) AS own
        WITH own, COLLECT {
          UNWIND own AS n MATCH (n)-[r]-() WHERE r.structure IS NOT NULL AND NOT r.structure IN $loaded
          WITH DISTINCT r
          RETURN {type: type(r), src: startNode(r).uid, dst: endNode(r).uid, props: properties(r)}
        } AS foreign
        CALL (own) { UNWIND own AS n DETACH DELETE n }
        RETURN foreign""",
        sids=sids,
        loaded=loaded,
    ).single(strict=True)
    return [Edge(f["type"], f["src"], f["dst"], dict(f["props"])) for f in record["foreign"]]


def counts_of(tx: Tx, sids: list[str]) -> Counts:
    """Nodes by label and relationships by type of each structure, as counts_by_structure gives them
    (counted by the server: a few numbers per structure cross the wire, not a name per node)."""
    out: Counts = {sid: {"nodes": Counter(), "relationships": Counter()} for sid in sids}
    result = tx.run(
        "UNWIND $sids AS s\nCALL (s) {\n"
        + _own_nodes("s")
        + """RETURN collect(n) AS own }
        RETURN s, COLLECT { UNWIND own AS n WITH labels(n)[0] AS l, count(*) AS c RETURN [l, c] } AS nodes,
               COLLECT { UNWIND own AS n MATCH (n)-[r]-() WHERE r.structure = s WITH DISTINCT r
                         WITH type(r) AS t, count(*) AS c RETURN [t, c] } AS relationships""",
        sids=sids,
    )
    for record in result:
        counts = out[record["s"]]
        counts["nodes"].update(dict(record["nodes"]))
        counts["relationships"].update(dict(record["relationships"]))
    return out


def _remove_orphans(tx: Tx, records: list[StructureRecords], keep: set[str]) -> None:
    """People nothing holds; functions and sources of the loaded councils their files dropped."""
    councils = sorted({rec.council for rec in records})
    loaded = sorted({rec.structure for rec in records})
    tx.run(
        "MATCH (p:Person) WHERE p.council IN $councils AND NOT EXISTS { (p)--() } DELETE p", councils=councils
    ).consume()
    tx.run(
        "MATCH (f:Function) WHERE f.council IN $councils AND NOT f.uid IN $keep AND NOT EXISTS { (f)--() } DELETE f",
        councils=councils,
        keep=sorted(keep),
    ).consume()
    # Sources are cited by property, not by relationship: one is dropped only when no structure of
    # its council outside this load could still cite it.
    tx.run(
        "MATCH (s:Source) WHERE s.council IN $councils AND NOT s.uid IN $keep "
        "AND NOT EXISTS { MATCH (st:Structure {council: s.council}) WHERE NOT st.id IN $loaded } DELETE s",
        councils=councils,
        keep=sorted(keep),
        loaded=loaded,
    ).consume()
