"""The read-only Cypher box against the real local Neo4j: every probe of issue 14, through the
library and through `remit query`.

What is refused is decided by Neo4j's planner (EXPLAIN), so these tests need a server: they run
on the session's seeded test database (tests/neo4j_support.py) and prove both that hostile text is
refused with the reason named and that the database is unchanged afterwards.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from remit.cli.main import main
from remit.queries.catalogue import all_questions
from remit.queries.readonly import MAX_TEXT, Limits, QueryFailed, Refused, run_read_only

from .conftest import ROOT

neo4j = pytest.mark.neo4j
ESCAPED_LOAD = "WITH 1 AS x \\u004cOAD CSV FROM 'file:///proc/self/environ' AS l RETURN l"

# (probe, words the refusal must contain): the probes, then every write clause.
REFUSED = [
    (ESCAPED_LOAD, "LOAD CSV"),
    ("LOAD CSV FROM 'file:///proc/self/environ' AS l RETURN l", "LOAD CSV"),
    ("LOAD CSV FROM 'http://127.0.0.1:9/secret.csv' AS l RETURN l", "LOAD CSV"),
    ("WITH 1 AS x \\u004cOAD CSV FROM 'https://example.org/x.csv' AS l RETURN l", "LOAD CSV"),
    ("CALL dbms.listConfig()", "dbms.listConfig"),
    ("WITH 1 AS x CALL dbms.listConfig() YIELD name, value RETURN name, value", "dbms.listConfig"),
    ("CALL dbms.components()", "dbms.components"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TerminateTransactions"),
    ("SHOW USERS", "administration"),
    ("SHOW SETTINGS", "ShowSettings"),
    ("SHOW TRANSACTIONS", "ShowTransactions"),
    ("SHOW DATABASES", "administration"),
    ("SHOW PROCEDURES", "ShowProcedures"),
    ("ALTER USER neo4j SET PASSWORD 'abcdefghijk'", "administration"),
    ("CREATE USER intruder SET PASSWORD 'abcdefghijk'", "administration"),
    ("USE system SHOW USERS", "cannot plan"),
    ("CREATE (n:Post {key: 'x'})", "Create"),
    ("WITH 1 AS x \\u0043REATE (n:Post {key: 'x'})", "Create"),
    ("MERGE (m:Post {key: 'x'}) RETURN m", "Merge"),
    ("MATCH (p:Post) SET p.title = 'x'", "SetProperty"),
    ("MATCH (p:Post) REMOVE p.title", "SetProperty"),
    ("MATCH (n:Post) DELETE n", "Delete"),
    ("MATCH (n) DETACH DELETE n", "DetachDelete"),
    ("MATCH (n) FOREACH (x IN [1] | SET n.a = x)", "Foreach"),
    ("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS", "TransactionForeach"),
    ("MATCH (n) CALL (n) { CREATE (m) RETURN m } RETURN m", "Create"),
    ("CREATE INDEX intruder FOR (n:Post) ON (n.title)", "CreateIndex"),
    ("DROP INDEX remit_post_key", "DropIndex"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})", "cannot plan"),
    ("CALL apoc.load.json('file:///etc/passwd')", "cannot plan"),
    ("MATCH (n) RETURN n; MATCH (m) DETACH DELETE m", "cannot plan"),
    ("RETURN 1 +", "cannot plan"),
    ("PROFILE MATCH (n) DETACH DELETE n", "cannot plan"),
    ("EXPLAIN CREATE (n)", "Create"),
    ("CYPHER runtime=slotted CREATE (n)", "Create"),
    ("/* a comment */ CREATE (n)", "Create"),
    ("CALL db.labels() YIELD label CALL db.createLabel(label)", "db.createLabel"),
]
READS = [
    "MATCH (p:Post) RETURN p.title LIMIT 5",
    "MATCH (s:Structure) CALL (s) { MATCH (s)-[:HAS_POST]->(p) RETURN count(p) AS n } RETURN s.id, n",
    "MATCH (p:Post) WHERE p.note CONTAINS 'create a new post; delete the old' RETURN p.key",
    "CALL db.labels()",
    "MATCH (n) RETURN n;",
    "MATCH (a:Post)-[*1..3]->(b) RETURN DISTINCT b.key ORDER BY b.key LIMIT 10",
    "MATCH (a:Post) OPTIONAL MATCH (a)-->(b) RETURN a.key, count(b) AS n ORDER BY n DESC",
    "MATCH (a:Post) RETURN COUNT { (a)-->() } AS n, COLLECT { MATCH (a)-->(c) RETURN c.key } AS cs",
    "MATCH (a:Post) WHERE NOT (a)-->() RETURN a.key UNION MATCH (b:Unit) RETURN b.key AS `a.key`",
]


@pytest.fixture(scope="module")
def box(neo4j_backend):
    return neo4j_backend


def _count(backend) -> tuple[int, int]:
    rows = backend.read("MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels", {})
    return rows[0]["nodes"], rows[0]["rels"]


def test_text_limits_are_checked_before_any_server(memory_backend):
    with pytest.raises(Refused, match="type a Cypher query"):
        run_read_only(type("B", (), {"name": "neo4j"})(), "   ")
    with pytest.raises(Refused, match="needs the Neo4j backend"):
        run_read_only(memory_backend, "RETURN 1")


@neo4j
@pytest.mark.parametrize("cypher,named", REFUSED)
def test_probe_is_refused_and_changes_nothing(box, cypher, named):
    before = _count(box)
    with pytest.raises(Refused) as exc:
        run_read_only(box, cypher)
    assert named in str(exc.value)
    assert _count(box) == before
    assert before[0] > 0  # the seed is there: "unchanged" means something


@neo4j
def test_over_long_text_is_refused(box):
    with pytest.raises(Refused, match=str(MAX_TEXT)):
        run_read_only(box, "RETURN 1 AS x // " + "y" * MAX_TEXT)


@neo4j
@pytest.mark.parametrize("cypher", READS)
def test_ordinary_reads_run(box, cypher):
    result = run_read_only(box, cypher)
    assert result.columns and result.truncated is None


@neo4j
def test_reads_answer_from_the_graph(box):
    """Seed harrow.yaml lists 'harrow-2023' among Harrow's structures."""
    result = run_read_only(
        box, "MATCH (s:Structure) WHERE s.council = $council RETURN s.id AS id ORDER BY id", {"council": "harrow"}
    )
    assert "harrow-2023" in [r["id"] for r in result.rows]


@neo4j
@pytest.mark.parametrize("question", [q for q in all_questions() if q.cypher_file], ids=lambda q: q.id)
def test_every_catalogue_query_passes_the_box(box, question):
    """The catalogue's own Cypher is all reads: the operator allowlist must not refuse any of it."""
    params = {p.name: None for p in question.params} | {"structure": "harrow-2023"}
    try:
        run_read_only(box, question.cypher, params)
    except QueryFailed:
        pass  # a parameter left None may make a question fail at run time; the box accepted it


@neo4j
def test_parameters_are_values_never_text(box):
    hostile = "x' RETURN 1 // \\u004cOAD CSV"
    result = run_read_only(box, "RETURN $p AS p", {"p": hostile})
    assert result.rows == [{"p": hostile}]


@neo4j
def test_rows_are_capped(box):
    result = run_read_only(box, "UNWIND range(1, 5000) AS x RETURN x", limits=Limits(rows=10))
    assert [r["x"] for r in result.rows] == list(range(1, 11)) and result.truncated == "rows"
    exact = run_read_only(box, "UNWIND range(1, 10) AS x RETURN x", limits=Limits(rows=10))
    assert len(exact.rows) == 10 and exact.truncated is None


@neo4j
def test_bytes_are_capped(box):
    # (A parameter makes the 1,000-character value: a `reduce` building it is refused now, issue 25.)
    cypher = "UNWIND range(1, 100) AS x RETURN x, $s AS s"
    result = run_read_only(box, cypher, {"s": "y" * 1000}, limits=Limits(rows=1000, bytes=20_000))
    assert result.truncated == "bytes"
    assert 0 < len(result.rows) < 100
    assert sum(len(json.dumps(r)) for r in result.rows) <= 20_000


@neo4j
def test_memory_hog_is_stopped_by_the_server_and_not_retried(box, caplog):
    caplog.set_level(logging.INFO, logger="neo4j")
    with pytest.raises(QueryFailed, match="memory") as exc:
        run_read_only(box, "UNWIND range(1, 100000000) AS x RETURN collect(x) AS c", limits=Limits(seconds=60))
    assert "not retried" in str(exc.value)
    assert not [r for r in caplog.records if "retried" in r.getMessage()]
    assert run_read_only(box, "RETURN 1 AS one").rows == [{"one": 1}]  # the server is still there


@neo4j
def test_slow_query_meets_the_time_limit(box):
    with pytest.raises(QueryFailed, match="time limit"):
        run_read_only(
            box, "UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(x)", limits=Limits(seconds=1)
        )


# -- the server itself: even a client that skips the box cannot read files or hold much memory ---
@neo4j
def test_server_refuses_file_urls_and_limits_transaction_memory(box):
    import neo4j as driver_module

    with pytest.raises(driver_module.exceptions.ClientError) as exc:
        box.driver.execute_query("LOAD CSV FROM 'file:///proc/self/environ' AS l RETURN l", database_=box.database)
    assert "allow_csv_import_from_file_urls" in str(exc.value)
    records = box.driver.execute_query(
        "CALL dbms.listConfig('db.memory.transaction.max') YIELD value RETURN value", database_=box.database
    ).records
    assert records and records[0]["value"] not in ("0B", "0", "")


def _launcher_pid() -> int | None:
    pid_file = Path(os.environ.get("NEO4J_LOCAL_DIR", "")) / "neo4j.pid"
    if not os.environ.get("NEO4J_LOCAL_DIR") or not pid_file.is_file():
        return None
    pid = int(pid_file.read_text().strip())
    return pid if Path(f"/proc/{pid}/environ").exists() else None


@neo4j
def test_launcher_process_does_not_carry_the_password(box):
    """scripts/neo4j-local passes the password on stdin: /proc/PID/environ and argv lack it."""
    pid = _launcher_pid()
    if pid is None:
        pytest.skip("the server was not started by scripts/neo4j-local with NEO4J_LOCAL_DIR set")
    password = os.environ["NEO4J_PASSWORD"].encode()
    environ = Path(f"/proc/{pid}/environ").read_bytes()
    assert b"NEO4J_PASSWORD=" not in environ and password not in environ
    assert password not in Path(f"/proc/{pid}/cmdline").read_bytes()


JAR = ROOT / "scripts" / "neo4j-launcher" / "target" / "neo4j-launcher.jar"


@pytest.mark.skipif(not JAR.is_file(), reason="launcher jar not built (scripts/neo4j-local start builds it)")
@pytest.mark.parametrize(
    "env_password,stdin,expect",
    [
        ("devpassword123", "devpassword123\n", "NEO4J_PASSWORD is in the launcher's environment"),
        (None, "change-me-please\n", "placeholder"),
        (None, "short\n", "at least 8 characters"),
    ],
)
def test_launcher_refuses_unsafe_passwords(tmp_path, env_password, stdin, expect):
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    if env_password:
        env["NEO4J_PASSWORD"] = env_password
    done = subprocess.run(
        ["java", "-jar", str(JAR), "--home", str(tmp_path), "--password-stdin", "--port", "1"],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2 and expect in done.stderr


@pytest.mark.skipif(not JAR.is_file(), reason="launcher jar not built (scripts/neo4j-local start builds it)")
def test_launcher_reads_a_password_file_and_checks_it(tmp_path):
    secret = tmp_path / "pw"
    secret.write_text("change-me-please\n")
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    done = subprocess.run(
        ["java", "-jar", str(JAR), "--home", str(tmp_path / "home"), "--password-file", str(secret)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2 and "placeholder" in done.stderr


@pytest.mark.skipif(not JAR.is_file(), reason="launcher jar not built (scripts/neo4j-local start builds it)")
def test_neo4j_local_refuses_the_old_placeholder(tmp_path):
    env = dict(
        os.environ,
        NEO4J_LOCAL_DIR=str(tmp_path),
        NEO4J_LOCAL_PORT="1",
        NEO4J_DATABASE="remit-test",
        NEO4J_PASSWORD="change-me-please",
    )
    done = subprocess.run(
        [str(ROOT / "scripts" / "neo4j-local"), "start"], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 1 and "placeholder" in done.stderr
    assert not (tmp_path / "neo4j.pid").exists()


# -- the same box as `remit query` ---------------------------------------------------------------
@neo4j
@pytest.mark.parametrize(
    "cypher,named",
    [
        p
        for p in REFUSED
        if p[1]
        in (
            "LOAD CSV",
            "dbms.listConfig",
            "administration",
            "TerminateTransactions",
            "ShowSettings",
            "ShowTransactions",
            "Create",
            "Merge",
        )
    ],
)
def test_remit_query_refuses_with_exit_2(box, capsys, cypher, named):
    assert main(["query", cypher]) == 2
    err = capsys.readouterr().err
    assert err.startswith("remit: refused:") and named in err and "Traceback" not in err


@neo4j
def test_remit_query_reads_with_params_and_caps(box, capsys):
    assert (
        main(
            [
                "query",
                "MATCH (s:Structure) WHERE s.council = $c RETURN s.id AS id ORDER BY id",
                "--param",
                "c=harrow",
                "--format",
                "json",
            ]
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["command"] == "query" and "harrow-2023" in [r["id"] for r in doc["rows"]]
    assert (
        main(
            [
                "query",
                "UNWIND range(1, 50) AS x RETURN x + $n AS y",
                "--param",
                "n:=100",
                "--max-rows",
                "5",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert captured.out.split() == ["y", "101", "102", "103", "104", "105"]
    assert "rows cap" in captured.err


def test_remit_query_bad_param_is_exit_2(capsys):
    assert main(["query", "RETURN $n", "--param", "n:=[1,"]) == 2
    assert "JSON" in capsys.readouterr().err


def test_remit_query_unreachable_is_exit_3(monkeypatch, capsys):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    assert main(["query", "RETURN 1"]) == 3
    assert "cannot reach Neo4j" in capsys.readouterr().err


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "https://example.org", "127.0.0.1:7687"])
def test_http_uri_is_a_clear_message_not_a_traceback(uri):
    env = dict(os.environ, NEO4J_URI=uri)
    for argv in (["query", "RETURN 1"], ["structures", "--backend", "neo4j"]):
        done = subprocess.run(
            [sys.executable, "-m", "remit.cli", *argv], capture_output=True, text=True, env=env, timeout=60
        )
        assert done.returncode == 2, done.stderr
        assert "not a Bolt address" in done.stderr and "Traceback" not in done.stderr


# -- the shipped configuration: no usable password, the same server limits under Docker -------
def test_env_example_has_no_usable_password():
    values = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert values["NEO4J_PASSWORD"] == ""


def test_compose_keeps_the_password_out_of_the_server_environment_and_sets_limits():
    import yaml

    doc = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    env = doc["services"]["neo4j"]["environment"]
    assert "NEO4J_AUTH" not in env and env["NEO4J_AUTH_PATH"] == "/run/secrets/neo4j_auth"
    assert doc["secrets"]["neo4j_auth"] == {"environment": "NEO4J_AUTH"}
    assert "${NEO4J_PASSWORD:?" in doc["x-password-required"]  # compose stops when it is empty
    assert env["NEO4J_dbms_security_allow__csv__import__from__file__urls"] == "false"
    assert env["NEO4J_db_memory_transaction_max"] and env["NEO4J_dbms_memory_transaction_total_max"]
    assert all(p.startswith("127.0.0.1:") for p in doc["services"]["neo4j"]["ports"])
