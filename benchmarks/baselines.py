"""The slow way, measured for comparison only: one MERGE statement per node and per relationship."""
from __future__ import annotations

from typing import Any

from remit.loader.records import StructureRecords


def merge_per_row(store: Any, records: list[StructureRecords]) -> None:
    """Each structure in one transaction, but one round trip per row (no UNWIND batches)."""
    from remit.loader.neo4j_store import ensure_schema
    from remit.loader.neo4j_write import label_of as _label_of
    from remit.loader.schema import LABELS, REL_TYPES

    ensure_schema(store)
    labels = {n.uid: n.label for r in records for n in r.shared + r.nodes}

    def write(tx: Any, rec: StructureRecords) -> None:
        for n in rec.shared + rec.nodes:
            assert n.label in LABELS
            tx.run(f"MERGE (n:{n.label} {{uid: $uid}}) SET n = $props", uid=n.uid, props={**n.props, "uid": n.uid}).consume()
        for e in rec.edges:
            assert e.type in REL_TYPES
            tx.run(f"MATCH (a:{_label_of(e.src, labels)} {{uid: $src}}) MATCH (b:{_label_of(e.dst, labels)} {{uid: $dst}}) "
                   f"MERGE (a)-[r:{e.type}]->(b) SET r = $props", src=e.src, dst=e.dst, props=e.props).consume()

    with store.driver.session(database=store.database) as session:
        for rec in records:
            session.execute_write(write, rec)
