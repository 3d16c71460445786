"""`remit load --admin-import DIR`: the files and the command of Neo4j's offline bulk importer.

The test runs the printed command itself (through bash, as a user would paste it), with
`neo4j-admin` being the real AdminTool from the local launcher's jars, into a scratch Neo4j home,
and checks the importer's own report: every node and relationship of the seed's graph, as the
networkx store builds it from the same files.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from remit.cli.main import main
from remit.loader.memory import graph_from_dataset

from .conftest import ROOT, SEED
from .neo4j_support import _unusable

LAUNCHER_LIB = ROOT / "scripts" / "neo4j-launcher" / "target" / "lib"


@pytest.mark.neo4j
def test_admin_import_files_import_the_seed_graph(tmp_path, capsys, seed_dataset, monkeypatch):
    if not LAUNCHER_LIB.is_dir() or shutil.which("java") is None or shutil.which("bash") is None:
        _unusable(f"no Neo4j jars at {LAUNCHER_LIB} or no java/bash (build them with scripts/neo4j-local start)")
    monkeypatch.setenv("NEO4J_DATABASE", "remit-import")
    assert main(["load", str(SEED), "--admin-import", str(tmp_path / "csv"), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    graph = graph_from_dataset(seed_dataset)
    by_kind = {k: sum(r["rows"] for r in out["rows"] if r["kind"] == k) for k in ("nodes", "relationships")}
    assert by_kind == {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges()}

    command = out["admin_import"]
    assert command.startswith("neo4j-admin database import full ") and command.endswith(" remit-import")
    (tmp_path / "home" / "conf").mkdir(parents=True)
    env = {**os.environ, "NEO4J_HOME": str(tmp_path / "home"), "NEO4J_CONF": str(tmp_path / "home" / "conf")}
    admin = f"java -Xmx512m -cp '{LAUNCHER_LIB}/*' org.neo4j.cli.AdminTool"
    done = subprocess.run(
        ["bash", "-c", admin + command[len("neo4j-admin") :]], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-2000:]
    got = re.search(r"Imported:\s+(\d+) nodes\s+(\d+) relationships\s+(\d+) properties", done.stdout)
    assert got, done.stdout[-2000:]
    assert (int(got[1]), int(got[2])) == (graph.number_of_nodes(), graph.number_of_edges())
    properties = sum(len(a) for _, a in graph.nodes(data=True)) + sum(len(a) - 1 for *_, a in graph.edges(data=True))
    assert int(got[3]) == properties  # each node: its uid and every attribute but _label; each edge: all but _type
