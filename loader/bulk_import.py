"""Offline bulk import: the same records as the online loader, as CSV for `neo4j-admin database import`.

For a FIRST load into an empty database the engine's own importer writes the store files
directly, several times faster than any transaction. It needs the database offline (stopped, or
created by the import) and shell access to the server, which Aura and many managed deployments
do not give, so the online path (batched UNWIND, loader.neo4j_store) stays the default for
everything else. After an import, `remit load --backend neo4j` with the same files creates the
constraints and indexes and finds every structure already equal.

    remit load seed/ --admin-import /tmp/remit-import     (or python -m remit.loader.bulk_import
    neo4j-admin database import full --nodes=... (the command it prints) remit     seed/ --out DIR)

Files: one nodes CSV per label, one relationships CSV per type, with typed headers (`uid:ID`,
`:LABEL`, `salary:double`, `stated_counts:string[]`...). Nulls are left out, as the online
writer leaves them out.
"""

from __future__ import annotations

import argparse
import csv
import shlex
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .records import Edge, Node, StructureRecords

ARRAY_DELIMITER = "\x1f"  # unit separator: never in a quote, unlike ';' or '|'


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _column_types(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each property's import type over every row: a list becomes an array, int and float a double."""
    seen: dict[str, set[str]] = defaultdict(set)
    arrays: set[str] = set()
    for props in rows:
        for k, v in props.items():
            if isinstance(v, (list, tuple)):
                arrays.add(k)
                seen[k].update(_kind(x) for x in v)
            else:
                seen[k].add(_kind(v))
    out = {}
    for k, kinds in seen.items():
        base = (
            "double"
            if kinds <= {"long", "double"} and "double" in kinds
            else (kinds.pop() if len(kinds) == 1 else "string")
        )
        out[k] = base + ("[]" if k in arrays else "")
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ARRAY_DELIMITER.join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write(path: Path, fixed: list[str], rows: list[tuple[list[str], dict[str, Any]]]) -> None:
    types = _column_types(props for _, props in rows)
    names = sorted(types)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(fixed + [f"{n}:{types[n]}" for n in names])
        for head, props in rows:
            w.writerow(head + [_cell(props.get(n)) for n in names])


def write_csv(records: Iterable[StructureRecords], folder: Path) -> list[str]:
    """Write the import files; return the `--nodes=` / `--relationships=` arguments naming them."""
    return [f"--{kind}={path}" for kind, path, _ in write_files(records, folder)]


def write_files(records: Iterable[StructureRecords], folder: Path) -> list[tuple[str, Path, int]]:
    """Write the import files; (`nodes` or `relationships`, file, rows) for each."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes: dict[str, dict[str, Node]] = defaultdict(dict)
    edges: dict[str, list[Edge]] = defaultdict(list)
    for rec in records:
        for n in rec.shared + rec.nodes:
            nodes[n.label].setdefault(n.uid, n)
        for e in rec.edges:
            edges[e.type].append(e)
    out = []
    for label, by_uid in sorted(nodes.items()):
        path = folder / f"nodes-{label}.csv"
        _write(
            path,
            ["uid:ID", ":LABEL"],
            [([n.uid, label], {k: v for k, v in n.props.items() if k != "uid"}) for n in by_uid.values()],
        )
        out.append(("nodes", path, len(by_uid)))
    for rel, rows in sorted(edges.items()):
        path = folder / f"rels-{rel}.csv"
        _write(path, [":START_ID", ":END_ID", ":TYPE"], [([e.src, e.dst, rel], e.props) for e in rows])
        out.append(("relationships", path, len(rows)))
    return out


def import_arguments(files: list[str], database: str) -> list[str]:
    """The arguments after `neo4j-admin`: a full import of the files into `database`, replacing it."""
    return [
        "database",
        "import",
        "full",
        *files,
        "--id-type=string",
        "--multiline-fields=true",
        f"--array-delimiter={ARRAY_DELIMITER}",
        "--overwrite-destination=true",
        database,
    ]


def command_line(files: list[str], database: str) -> str:
    """The neo4j-admin command as a shell line (the array delimiter as bash's $'\\x1f')."""
    return "neo4j-admin " + " ".join(
        "$'--array-delimiter=\\x1f'" if ARRAY_DELIMITER in a else shlex.quote(a)
        for a in import_arguments(files, database)
    )


def main(argv: list[str] | None = None) -> int:
    from . import read_files
    from .records import dataset_records

    ap = argparse.ArgumentParser(prog="python -m remit.loader.bulk_import", description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", help="structure files or folders")
    ap.add_argument("--out", required=True, type=Path, help="folder for the CSV files")
    ap.add_argument("--database", default="neo4j", help="database to create (default neo4j)")
    args = ap.parse_args(argv)
    print(command_line(write_csv(dataset_records(read_files(args.paths)), args.out), args.database))
    return 0


if __name__ == "__main__":
    sys.exit(main())
