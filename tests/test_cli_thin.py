"""The command line stays thin: a command makes library calls and prints what they return.

- No result travels on the argparse namespace: structure_arg returns the structure it resolved and
  emit() is given it (a command that forgot to pass it would print no "Structure used" line).
- `--param` is parsed once, by argparse (cli.common.parse_param), for every command that takes it.
- The backend answers "can you answer now?" itself (Backend.health); the dashboard's outage banner
  asks that instead of opening a driver of its own.
"""

from __future__ import annotations

import ast
import json
import socket
from argparse import Namespace

import pytest

from remit.cli.common import emit, structure_arg
from remit.cli.main import build_parser, main
from remit.dashboard import outage
from remit.queries.backend import MemoryBackend, Neo4jBackend

from .conftest import ROOT


def _sources(folder: str) -> dict[str, ast.Module]:
    return {
        p.relative_to(ROOT).as_posix(): ast.parse(p.read_text(encoding="utf-8")) for p in (ROOT / folder).rglob("*.py")
    }


# -- no result on the namespace ------------------------------------------------------------------


def test_structure_arg_returns_what_it_resolved_and_leaves_the_namespace_alone(memory_backend):
    args = Namespace(structure=None, council="barnet", as_of="2015-06-01", include_proposed=False, format="json")
    before = dict(vars(args))
    used = structure_arg(args, memory_backend)
    assert vars(args) == before
    # seed/barnet.yaml: barnet-2014-06 "effective: 2014-06 / status: existing"; barnet-2015-04 is
    # "status: proposed", so without --include-proposed the existing one answers, with a note saying so.
    assert (used.structure, used.as_of, used.status) == ("barnet-2014-06", "2015-06-01", "existing")
    assert used.notes


def test_emit_names_the_structure_it_is_given(memory_backend, capsys):
    args = Namespace(structure=None, council="barnet", as_of="2015-06-01", include_proposed=False, format="json")
    used = structure_arg(args, memory_backend)
    emit(args, "ask", ["post"], [], used)
    doc = json.loads(capsys.readouterr().out)
    assert doc["used"] == used.describe() and doc["structure_status"] == used.status
    emit(args, "ask", ["post"], [])  # given nothing, it claims nothing
    assert "used" not in json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("command", [["ask", "statutory-holders"], ["check"]])
def test_an_answer_for_a_date_says_which_structure_answered(command, capsys):
    code = main([*command, "--council", "barnet", "--as-of", "2015-06-01", "--format", "json"])
    assert code in (0, 1)
    doc = json.loads(capsys.readouterr().out)
    assert "barnet-2014-06" in doc["used"] and doc["structure_status"] == "existing"


def test_no_command_writes_to_the_argparse_namespace():
    """Assigning to `args.X` or setattr(args, ...) is how a result was passed on before."""
    found = []
    for name, tree in _sources("cli").items():
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else []
            targets += [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
            found += [
                f"{name}:{node.lineno}"
                for t in targets
                if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "args"
            ]
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "setattr"
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == "args"
            ):
                found.append(f"{name}:{node.lineno}")
    assert not found


# -- --param parsed once -------------------------------------------------------------------------


def test_param_pairs_are_parsed_by_argparse_for_every_command():
    parser = build_parser()
    assert parser.parse_args(["ask", "chain", "--param", "post=a=b"]).param == [("post", "a=b")]
    assert parser.parse_args(["query", "RETURN $n", "--param", "n:=[1, 2]", "--param", "c=x"]).param == [
        ("n", [1, 2]),
        ("c", "x"),
    ]


@pytest.mark.parametrize(
    "argv,says",
    [
        (["ask", "chain", "--structure", "barnet-2015-04", "--param", "post"], "takes KEY=VALUE"),
        (["ask", "chain", "--structure", "barnet-2015-04", "--param", "=x"], "takes KEY=VALUE"),
        (["ask", "chain", "--structure", "barnet-2015-04", "--param", "n:=3"], "not a parameter name"),  # no JSON here
        (["query", "RETURN $n", "--param", "n:=[1,"], "needs a JSON value"),
        (["query", "RETURN $n", "--param", "bad-name=1"], "not a parameter name"),
    ],
)
def test_a_malformed_param_is_exit_2_before_anything_runs(argv, says, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"remit: {argv[0]}: argument --param: " in err and says in err and "Traceback" not in err


def test_a_param_the_question_does_not_declare_is_exit_2(capsys):
    assert main(["ask", "chain", "--structure", "barnet-2015-04", "--param", "nope=1"]) == 2
    assert "question 'chain' has no parameter 'nope'" in capsys.readouterr().err


def test_param_text_is_split_in_one_place():
    """One function splits K=V for the whole command line (cli.common.parse_param)."""
    splitting = []
    for name, tree in _sources("cli").items():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("partition", "split")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value == "="
            ):
                splitting.append(name)
    assert splitting == ["cli/common.py"]


# -- health ------------------------------------------------------------------------------------


def test_the_memory_store_always_answers(memory_backend):
    assert memory_backend.health() is None
    assert outage.server_problem("memory", lambda: memory_backend) is None


@pytest.mark.neo4j
def test_a_running_neo4j_answers(neo4j_backend):
    assert neo4j_backend.health() is None
    assert outage.check(lambda: neo4j_backend) is None


def test_a_neo4j_that_is_not_there_is_named_not_raised():
    """A real driver aimed at a port nothing listens on: health() gives a line, never an exception."""
    import neo4j

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free once closed: nothing listens there
    driver = neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", "x"), connection_timeout=2)
    try:
        gone = Neo4jBackend(driver, "remit-test")
        problem = gone.health()
        assert isinstance(problem, str) and problem
        assert outage.check(lambda: gone) == problem
    finally:
        driver.close()


def test_a_backend_that_cannot_be_opened_is_not_answering():
    def cannot_open() -> MemoryBackend:
        raise RuntimeError("Neo4j refused the connection\nmore detail")

    assert outage.check(cannot_open) == "Neo4j refused the connection"


def test_the_dashboard_opens_no_driver_session_of_its_own():
    """The outage banner asks Backend.health(); no dashboard module opens a session or a driver."""
    found = []
    for name, tree in _sources("dashboard").items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("session", "driver", "verify_connectivity"):
                found.append(f"{name}:{node.lineno}: .{node.attr}")
    assert not found
