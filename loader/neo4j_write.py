"""What a load writes to Neo4j, in the caller's transaction: shared nodes, then the structures.

Each structure's records carry a digest of their content (records.content_digest), stored on its
Structure node. A load first reads the stored digests of the structures it holds and sorts them:
- unchanged (the same digest): nothing of theirs is written. A monthly reload of a national set
  mostly finds this, and costs a read of a few thousand digests instead of a rewrite.
- changed (in the database, another digest): rewritten in place. Their own relationships are
  deleted and created again; their nodes are MERGEd by uid (SET n = row replaces the whole map,
  and the server writes only the values that differ); nodes the new records no longer hold are detached
  and deleted. Nodes that stay keep their identity, so the unique indexes see no delete-and-create
  of the same key (which made a reload by delete-and-recreate several times a first load), and
  other structures' relationships ending on them (SUPERSEDES, REPLACES) are left alone.
- new: CREATEd.
Nodes are written per label and relationships per (type, start label, end label) in
`UNWIND $rows` batches that span many structures, so a load of a thousand structures is a few
hundred round trips, and the server's per-statement cost is spread over thousands of rows.
Relationship ends are matched by uid through the uid unique constraints (NodeUniqueIndexSeek on
both ends, because every query names both end labels).

Another structure's relationship lost because a node it ended on was deleted (a post the changed
structure dropped, a pruned structure) cannot be put back; its owner's digest is removed, so the
next load of the owner rewrites it instead of skipping it as unchanged.

Labels and relationship types cannot be query parameters, so every query text is chosen from the
LABELS / REL_TYPES whitelists of schema.py; all values travel as parameters.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeAlias

from .records import DIGEST, Edge, Node, StructureRecords, dedupe_nodes
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
EdgeGroup = tuple[str, str, str]  # (relationship type, start label, end label)
# The caller's transaction: an explicit one (a load is never retried) or a managed one (a read).
Tx: TypeAlias = "neo4j.Transaction | neo4j.ManagedTransaction"


class Counts(dict[str, dict[str, Counter[str]]]):
    """What each structure of a load holds now (nodes by label, relationships by type), and which
    of them the load found unchanged (the same content digest) and did not write. Equal to a plain
    dict of the same counts: `unchanged` says how they were reached, not what they are."""

    def __init__(self, *args: Any, unchanged: Iterable[str] = ()) -> None:
        super().__init__(*args)
        self.unchanged: set[str] = set(unchanged)

    def update_from(self, other: Counts) -> None:
        self.update(other)
        self.unchanged |= getattr(other, "unchanged", set())


def write_records(
    tx: Tx, records: list[StructureRecords], progress: Progress | None = None, prune: bool = False, force: bool = False
) -> Counts:
    """Everything a load writes, in the caller's transaction (which commits or rolls back all).

    With `prune`, the loaded councils' structures that the load does not hold (an earlier load's,
    since dropped from the files) are deleted in the same transaction; without it they stay. With
    `force`, structures are written even when their stored digest says they are unchanged."""
    labels = _label_index(records)
    shared_all = dedupe_nodes(n for rec in records for n in rec.shared)
    councils = sorted((n for n in shared_all if n.label == "Council"), key=lambda n: n.uid)
    # First statement: the loaded councils' nodes, MERGEd and written in uid order, which takes their
    # write locks (for a council not there yet, its uid's lock in the unique index). A second load
    # of any of these councils waits here until this one ends, then reads what it committed; loads
    # of other councils (the parts of a bulk load) go ahead side by side. The uid order keeps two
    # loads from each holding a council the other waits for.
    created = _created(tx, "MERGE (n:Council {uid: row.uid}) SET n = row", [_row(n) for n in councils])
    # Statutory roles are every load's, whatever its councils: written only when missing or
    # different (their names are plain strings), so loads of other councils never wait on them.
    roles = sorted((n for n in shared_all if n.label == "StatutoryRole"), key=lambda n: n.uid)
    _run(
        tx,
        "MERGE (n:StatutoryRole {uid: row.uid}) WITH n, row WHERE properties(n) <> row SET n = row",
        [_row(n) for n in roles],
    )
    sids = [rec.structure for rec in records]
    stored = stored_digests(tx, sids)
    unchanged = set() if force else {rec.structure for rec in records if stored.get(rec.structure) == rec.digest}
    written = [rec for rec in records if rec.structure not in unchanged]
    written_ids = [rec.structure for rec in written]
    council_ids = sorted({rec.council for rec in records})
    # Councils never loaded before (their nodes were just created above), into structures not
    # there: nothing of theirs to replace, and no people, functions or sources a reload could have
    # orphaned; their other shared nodes are CREATEd, not MERGEd (the uid constraints would still
    # refuse a duplicate, rolling the load back).
    known = bool(stored) or created < len(councils)
    # Shared nodes: CREATEd for councils never loaded, else MERGEd. (SET writes only the values that
    # differ, in value or in type: the kernel compares each one.)
    shared = dedupe_nodes(
        n for rec in written for n in rec.shared if n.label != "StatutoryRole" and n.label != "Council"
    )
    for label, rows in _by_label(shared).items():
        if known:
            _run(tx, f"MERGE (n:{label} {{uid: row.uid}}) SET n = row", rows)
        else:
            _run(tx, f"CREATE (n:{label}) SET n = row", rows)
    lost: set[str] = set()  # structures outside the load that lose a relationship
    stale = stale_structures(tx, council_ids, sids) if known and prune else []
    for ids in _chunks(stale, STRUCTURES_PER_STATEMENT):
        lost |= _drop_structures(tx, ids, stale + written_ids)
    changed = [rec for rec in written if rec.structure in stored]
    for recs in _record_chunks(changed, STRUCTURES_PER_STATEMENT):
        lost |= _clear(tx, recs, written_ids)
    in_place = {rec.structure for rec in changed}
    out = Counts(unchanged=unchanged)
    done = 0
    pending = iter(records)

    def report_until(stop: str | None) -> None:
        """Progress for each structure up to `stop` (unchanged ones are done as soon as passed)."""
        nonlocal done
        for rec in pending:
            if rec.structure in unchanged:
                out[rec.structure] = record_counts(rec)
            done += 1
            if progress:
                progress(done, len(records), rec.structure)
            if rec.structure == stop:
                return

    for group in _groups(written, batch_size()):
        for label, rows in _by_label(n for rec in group if rec.structure not in in_place for n in rec.nodes).items():
            _run(tx, f"CREATE (n:{label}) SET n = row", rows)
        for label, rows in _by_label(n for rec in group if rec.structure in in_place for n in rec.nodes).items():
            _run(tx, f"MERGE (n:{label} {{uid: row.uid}}) SET n = row", rows)
        for rec in group:  # the structure holds what is written now
            out[rec.structure] = record_counts(rec)
        owners = [(rec.structure, e) for rec in group for e in rec.edges]
        for key, items in _edge_groups(owners, labels).items():
            for i in _create_edges(tx, key, [e for _, e in items]):
                counts = out[items[i][0]]
                counts["relationships"][key[0]] -= 1
                counts.setdefault("skipped", Counter())[key[0]] += 1
        report_until(group[-1].structure)
    report_until(None)
    lost -= set(written_ids)
    if lost:  # see the module's docstring: rewritten by the next load that holds them
        tx.run(f"MATCH (s:Structure) WHERE s.id IN $ids REMOVE s.{DIGEST}", ids=sorted(lost)).consume()
    if known and (written or stale):
        _remove_orphans(tx, records, {n.uid for n in shared_all})
    return Counts(((sid, {k: +c for k, c in counts.items()}) for sid, counts in out.items()), unchanged=unchanged)


def record_counts(rec: StructureRecords) -> dict[str, Counter[str]]:
    return {"nodes": Counter(n.label for n in rec.nodes), "relationships": Counter(e.type for e in rec.edges)}


def stored_digests(tx: Tx, sids: list[str]) -> dict[str, str | None]:
    """The digest each of these structures has in the database (None: none stored), for those it holds."""
    return {
        r["id"]: r["digest"]
        for r in tx.run(f"MATCH (s:Structure) WHERE s.id IN $sids RETURN s.id AS id, s.{DIGEST} AS digest", sids=sids)
    }


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


def _created(tx: Tx, part: str, rows: list[dict[str, Any]]) -> int:
    """`UNWIND $rows AS row <part>` in batches; how many nodes it created in all."""
    text = f"UNWIND $rows AS row {part}"
    size = batch_size()
    return sum(
        tx.run(text, rows=rows[k : k + size]).consume().counters.nodes_created for k in range(0, len(rows), size)
    )


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


def _record_chunks(records: list[StructureRecords], size: int) -> Iterator[list[StructureRecords]]:
    for k in range(0, len(records), size):
        yield records[k : k + size]


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


def _drop_structures(tx: Tx, sids: list[str], written: list[str]) -> set[str]:
    """Delete these structures and all their own nodes; the structures outside `written` that had a
    relationship ending on one of them (it is gone with the node)."""
    record = tx.run(
        "UNWIND $sids AS s\n"
        + _own_nodes("s")
        + """
        WITH collect(n) AS own
        WITH own, COLLECT {
          UNWIND own AS n MATCH (n)-[r]-() WHERE r.structure IS NOT NULL AND NOT r.structure IN $written
          RETURN DISTINCT r.structure
        } AS owners
        CALL (own) { UNWIND own AS n DETACH DELETE n }
        RETURN owners""",
        sids=sids,
        written=written,
    ).single(strict=True)
    return set(record["owners"])


def _clear(tx: Tx, records: list[StructureRecords], written: list[str]) -> set[str]:
    """Make room to write these structures again in place: delete their own relationships, and
    their own nodes that the new records do not hold (with any relationship on them). Returns the
    structures outside `written` that lose a relationship that way."""
    sids = [rec.structure for rec in records]
    tx.run(
        "UNWIND $sids AS s\n"
        + _own_nodes("s")
        + """WITH s, n MATCH (n)-[r]-() WHERE r.structure = s
        WITH DISTINCT r
        DELETE r""",
        sids=sids,
    ).consume()
    record = tx.run(
        "UNWIND $sids AS s\n"
        + _own_nodes("s")
        + """WITH n WHERE NOT n.uid IN $keep
        WITH collect(n) AS gone
        WITH gone, COLLECT {
          UNWIND gone AS n MATCH (n)-[r]-() WHERE r.structure IS NOT NULL AND NOT r.structure IN $written
          RETURN DISTINCT r.structure
        } AS owners
        CALL (gone) { UNWIND gone AS n DETACH DELETE n }
        RETURN owners""",
        sids=sids,
        keep=[n.uid for rec in records for n in rec.nodes],
        written=written,
    ).single(strict=True)
    return set(record["owners"])


def counts_of(tx: Tx, sids: list[str]) -> Counts:
    """Nodes by label and relationships by type of each structure, as counts_by_structure gives them
    (counted by the server: a few numbers per structure cross the wire, not a name per node)."""
    out = Counts({sid: {"nodes": Counter(), "relationships": Counter()} for sid in sids})
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
