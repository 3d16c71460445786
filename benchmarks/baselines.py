"""The slow ways, measured for comparison only: one MERGE statement per node and per relationship.

Two references, both one round trip per row (no UNWIND batches):
- `merge_per_row` with `transaction="row"`: every row its own auto-commit transaction, the naive
  loader and the issue's reference (its 140 s first load "14.6x faster than one MERGE per row" puts
  that at about 2 s a structure; here it measures 1.2-1.7 s);
- with `transaction="structure"`: all rows of a structure in one transaction, a stronger reference
  that saves a commit per row (here 0.4-1.4 s a structure), reported beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Literal

from remit.loader.records import StructureRecords


def _statements(rec: StructureRecords, labels: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    from remit.loader.neo4j_write import label_of
    from remit.loader.schema import LABELS, REL_TYPES

    for n in rec.shared + rec.nodes:
        assert n.label in LABELS
        yield f"MERGE (n:{n.label} {{uid: $uid}}) SET n = $props", {"uid": n.uid, "props": {**n.props, "uid": n.uid}}
    for e in rec.edges:
        assert e.type in REL_TYPES
        yield (
            (
                f"MATCH (a:{label_of(e.src, labels)} {{uid: $src}}) MATCH (b:{label_of(e.dst, labels)} {{uid: $dst}}) "
                f"MERGE (a)-[r:{e.type}]->(b) SET r = $props"
            ),
            {"src": e.src, "dst": e.dst, "props": e.props},
        )


def merge_per_row(
    store: Any, records: list[StructureRecords], transaction: Literal["row", "structure"] = "row"
) -> None:
    """Write the records one MERGE per row, each row (or each structure) in its own transaction."""
    from remit.loader.neo4j_store import ensure_schema

    ensure_schema(store)
    labels = {n.uid: n.label for r in records for n in r.shared + r.nodes}

    def write(run: Callable[..., Any], rec: StructureRecords) -> None:
        for text, params in _statements(rec, labels):
            run(text, params).consume()

    with store.driver.session(database=store.database) as session:
        for rec in records:
            if transaction == "row":
                write(session.run, rec)  # auto-commit: one transaction per statement
            else:
                session.execute_write(lambda tx, rec=rec: write(tx.run, rec))
