"""A load on Neo4j either completes or leaves the database as it was, for the whole set of files.

Against the real local Neo4j: the loading process killed with SIGKILL at several points, the
server's connection cut mid-load (exit 3), two loads at once, bad files refused before any write,
shared nodes nobody refers to any more removed on reload, and names that cannot collide.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from remit.cli.main import main
from remit.loader import Dataset, read_files
from remit.loader.neo4j_store import load_dataset, wipe

from .conftest import SEED
from .neo4j_support import neo4j_test_store
from .test_neo4j_store import export_memory, export_neo4j

pytestmark = pytest.mark.neo4j
WAIT = 120.0  # seconds: an upper bound on real signals, never a sleep


def council_text(cid: str, structures: int, posts: int, holder: str = "Ann Lee", title: str = "Report") -> str:
    """A council whose structures supersede each other, every post held by a named person."""
    out = [
        f"format: remit/1\ncouncil: {{id: {cid}, name: Council {cid}, kind: unitary}}\n"
        f"sources:\n  - {{id: doc, title: {title}, file: none.txt}}\nstructures:\n"
    ]
    for s in range(structures):
        out.append(
            f"  - id: {cid}-s{s}\n    label: S{s}\n    status: existing\n    source: doc\n    quote: q\n"
            + (f"    supersedes: {cid}-s{s - 1}\n" if s else "")
            + "    posts:\n"
        )
        for p in range(posts):
            lm = ", line_manager: {post: p0, source: doc, quote: q}" if p else ""
            rep = f", replaces: [{{post: p{p}, source: doc, quote: q}}]" if s else ""
            name = holder if p == 0 else f"Person {p}"
            out.append(
                f"      - {{key: p{p}, title: Post {p}, source: doc, quote: q{lm}{rep}, "
                f"holders: [{{name: '{name}', source: doc, quote: q}}]}}\n"
            )
    return "".join(out)


def write_set(folder: Path, councils: int, structures: int, posts: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for c in range(councils):
        (folder / f"c{c}.yaml").write_text(council_text(f"c{c}", structures, posts), encoding="utf-8")
    return folder


@pytest.fixture()
def store():
    s = neo4j_test_store()
    wipe(s)
    load_dataset(s, read_files([SEED]))
    yield s
    s.close()


def remit_load(paths: list[Path], uri: str | None = None) -> subprocess.Popen:
    # Structures are written in groups of about REMIT_LOAD_BATCH nodes, and progress is reported per
    # group: small groups (one structure of these sets each) leave writes to do after each report,
    # so a kill at any report lands inside the open transaction.
    env = {**os.environ, "REMIT_PROGRESS": "1", "REMIT_LOAD_BATCH": "50", **({"NEO4J_URI": uri} if uri else {})}
    return subprocess.Popen(
        [sys.executable, "-m", "remit.cli", "load", "--backend", "neo4j", *map(str, paths)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def wait_for_progress(proc: subprocess.Popen, done: int) -> str:
    """Read the loader's progress counter until it has written `done` structures."""
    seen, deadline = b"", time.monotonic() + WAIT
    while f"[{done}/".encode() not in seen:
        assert time.monotonic() < deadline and proc.poll() is None, seen.decode(errors="replace")
        ready, _, _ = select.select([proc.stderr], [], [], 1.0)
        if ready:
            seen += os.read(proc.stderr.fileno(), 4096)
    return seen.decode(errors="replace")


def wait_until_no_other_transactions(store) -> None:
    """The killed client's transaction is gone (rolled back) once the server lists only ours."""
    deadline = time.monotonic() + WAIT
    with store.driver.session(database=store.database) as s:
        while True:
            rows = s.run(
                "SHOW TRANSACTIONS YIELD transactionId, currentQuery "
                "WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN count(*) AS n"
            ).single()
            if rows["n"] == 0:
                return
            assert time.monotonic() < deadline, "the killed load's transaction is still open"


def prepare(store, folder: Path, scenario: str) -> Path:
    """The set a test loads (2 councils x 6 structures x 40 posts), with the database holding, per
    scenario: none of it (a first load), all of it with other holders and source titles (every
    structure changed: rewritten in place), or council c0 as it is and c1 changed (c0's structures
    skipped by digest, c1's rewritten)."""
    files = write_set(folder, councils=2, structures=6, posts=40)
    if scenario == "first":
        return files
    old = write_set(folder.parent / "old", councils=2, structures=6, posts=40)
    for c in ("c0", "c1") if scenario == "changed" else ("c1",):
        (old / f"{c}.yaml").write_text(council_text(c, 6, 40, holder="Bo Chan", title="Draft"), encoding="utf-8")
    load_dataset(store, read_files([old]))
    return files


SCENARIOS = ["first", "changed", "half-changed"]


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("point", ["first", "middle", "last-but-one"])
def test_kill_9_at_any_point_leaves_the_database_as_it_was(store, tmp_path, point, scenario):
    files = prepare(store, tmp_path / "set", scenario)
    n = 12
    done = {"first": 1, "middle": n // 2, "last-but-one": n - 1}[point]
    before = export_neo4j(store)
    proc = remit_load([files])
    try:
        wait_for_progress(proc, done)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(WAIT)
    assert proc.returncode == -signal.SIGKILL
    assert export_neo4j(store) == before
    wait_until_no_other_transactions(store)
    assert export_neo4j(store) == before
    # and the same load, not killed, gives exactly the files' graph (with the seed the fixture loaded)
    load_dataset(store, read_files([files]))
    assert export_neo4j(store) == export_memory(Dataset(read_files([SEED]).files + read_files([files]).files))


class CutProxy:
    """A TCP relay on loopback to the test server that can drop every connection at once."""

    def __init__(self, port: int):
        self.target = ("127.0.0.1", port)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.cut = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.cut.is_set():
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass

    def close(self) -> None:
        self.cut.set()
        for s in [self.server, *self.sockets]:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_server_gone_mid_load_exits_3_and_changes_nothing(store, tmp_path, scenario):
    files = prepare(store, tmp_path / "set", scenario)
    before = export_neo4j(store)
    port = int(store.uri.rsplit(":", 1)[1])
    proxy = CutProxy(port)
    proc = remit_load([files], uri=f"bolt://127.0.0.1:{proxy.port}")
    try:
        wait_for_progress(proc, 2)
        proxy.close()
        _, err = proc.communicate(timeout=WAIT)
    finally:
        proxy.close()
        if proc.poll() is None:
            proc.kill()
    err = err.decode()
    assert proc.returncode == 3, err
    assert "Traceback" not in err and "during the load" in err and "nothing was changed" in err, err
    wait_until_no_other_transactions(store)
    assert export_neo4j(store) == before


def test_two_loads_at_once_both_finish_and_agree(store, tmp_path):
    files = write_set(tmp_path / "set", councils=2, structures=4, posts=30)
    wipe(store)
    first, second = remit_load([files]), remit_load([files])
    results = [p.communicate(timeout=WAIT * 2) for p in (first, second)]
    for proc, (_, err) in zip((first, second), results):
        assert proc.returncode == 0, err.decode()
        assert b"ConstraintValidation" not in err
    assert export_neo4j(store) == export_memory(read_files([files]))


@pytest.mark.parametrize(
    "edit, fragment",
    [
        (("key: p3,", "key: 'p3:x',"), "may only contain"),
        (("key: p3,", "key: " + "p" * 5000 + ","), "an id has at most"),
        (
            ("title: Post 3,", "title: Post 3, pay: {salary: 99999999999999999999, source: doc, quote: q},"),
            "out of range",
        ),
    ],
)
def test_what_would_fail_at_write_time_is_refused_first(store, tmp_path, capsys, edit, fragment):
    before = export_neo4j(store)
    good = write_set(tmp_path / "set", councils=1, structures=1, posts=5)
    bad = tmp_path / "bad.yaml"
    bad.write_text(council_text("c9", 1, 5).replace(*edit), encoding="utf-8")
    assert main(["load", "--backend", "neo4j", str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and fragment in err and "nothing was loaded" in err and "Traceback" not in err
    assert export_neo4j(store) == before


def test_reload_removes_people_nobody_holds_and_keeps_backends_equal(store, tmp_path):
    seed = read_files([SEED])
    path = tmp_path / "c0.yaml"
    path.write_text(council_text("c0", 2, 3, holder="Ann Lee"), encoding="utf-8")
    load_dataset(store, read_files([path]))
    path.write_text(council_text("c0", 2, 3, holder="Bo Chan"), encoding="utf-8")
    load_dataset(store, read_files([path]))
    with store.driver.session(database=store.database) as s:
        names = {r["name"] for r in s.run("MATCH (p:Person {council: 'c0'}) RETURN p.name AS name")}
    assert "Ann Lee" not in names and "Bo Chan" in names
    assert export_neo4j(store) == export_memory(Dataset(seed.files + read_files([path]).files))


def test_names_that_cannot_collide(store, tmp_path):
    """Two councils reuse a source id with different titles; holders named only by punctuation
    stay distinct people; both stores hold exactly the same graph."""
    seed = read_files([SEED])
    one = tmp_path / "one.yaml"
    one.write_text(council_text("c1", 1, 3, holder="—", title="First report"), encoding="utf-8")
    two = tmp_path / "two.yaml"
    two.write_text(
        council_text("c2", 1, 3, holder="?", title="Second report").replace("name: 'Person 1'", "name: '…'"),
        encoding="utf-8",
    )
    data = read_files([one, two])
    load_dataset(store, data)
    with store.driver.session(database=store.database) as s:
        titles = {
            r["c"]: r["t"]
            for r in s.run(
                "MATCH (x:Source {id: 'doc'}) WHERE x.council IN ['c1', 'c2'] RETURN x.council AS c, x.title AS t"
            )
        }
        people = {r["name"] for r in s.run("MATCH (p:Person) WHERE p.council = 'c2' RETURN p.name AS name")}
    assert titles == {"c1": "First report", "c2": "Second report"}
    assert {"?", "…"} <= people
    assert export_neo4j(store) == export_memory(Dataset(seed.files + data.files))


def test_a_bulk_load_in_parts_holds_the_same_graph(store, tmp_path):
    """Sets larger than one transaction's memory load council by council (benchmarks, first loads)."""
    from remit.loader.neo4j_store import load_in_parts

    files = write_set(tmp_path / "set", councils=3, structures=2, posts=10)
    data = read_files([files])
    calls: list[tuple[int, int, str]] = []
    wipe(store)
    counts = load_in_parts(store, data, max_posts=20, progress=lambda *a: calls.append(a))
    assert sorted(counts) == sorted(data.structures)
    # three parts of one council (two structures) each; progress counts over the whole load
    assert [c[:2] for c in calls] == [(i, 6) for i in range(1, 7)]
    assert export_neo4j(store) == export_memory(data)


def test_remit_load_by_council_writes_the_same_graph(store, tmp_path, capsys):
    """`remit load --by-council` (for sets over the server's transaction memory) loads the same graph."""
    files = write_set(tmp_path / "set", councils=3, structures=2, posts=10)
    data = read_files([files])
    wipe(store)
    assert main(["load", str(files), "--backend", "neo4j", "--by-council", "--format", "json"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert export_neo4j(store) == export_memory(data)


def test_reload_removes_functions_and_sources_the_files_dropped(store, tmp_path):
    seed = read_files([SEED])
    path = tmp_path / "c0.yaml"
    extra = (
        "  - {id: old-memo, title: Old memo, file: none.txt}\nfunctions:\n"
        "  - {key: old-fn, name: Old function}\nstructures:\n"
    )
    path.write_text(council_text("c0", 1, 3).replace("structures:\n", extra, 1), encoding="utf-8")
    load_dataset(store, read_files([path]))
    with store.driver.session(database=store.database) as s:
        assert (
            s.run("MATCH (n) WHERE n.council = 'c0' AND (n:Function OR n:Source) RETURN count(n) AS n").single()["n"]
            == 3
        )
    path.write_text(council_text("c0", 1, 3), encoding="utf-8")
    load_dataset(store, read_files([path]))
    with store.driver.session(database=store.database) as s:
        left = [
            r["id"]
            for r in s.run(
                "MATCH (n) WHERE n.council = 'c0' AND (n:Function OR n:Source) RETURN coalesce(n.id, n.key) AS id"
            )
        ]
    assert left == ["doc"]
    assert export_neo4j(store) == export_memory(Dataset(seed.files + read_files([path]).files))


@pytest.mark.parametrize("by_council", [False, True])
def test_structures_the_files_dropped_stay_and_are_named_unless_pruned(store, tmp_path, capsys, by_council):
    """A structure deleted from a council's file stays in Neo4j on reload (a load of some files must
    not remove the rest), and the load names it; `--prune` deletes it in the same transaction,
    leaving exactly what the files hold. Other councils' structures are never touched."""
    import json

    seed = read_files([SEED])
    folder = tmp_path / "set"
    write_set(folder, councils=2, structures=3, posts=3)  # c0-s0..s2 and c1-s0..s2
    assert main(["load", str(folder), "--backend", "neo4j", "--format", "json"]) == 0
    (folder / "c0.yaml").write_text(council_text("c0", 2, 3), encoding="utf-8")  # c0-s2 dropped from the file
    flags = ["--by-council"] if by_council else []
    capsys.readouterr()

    assert main(["load", str(folder / "c0.yaml"), "--backend", "neo4j", "--format", "json", *flags]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["kept_not_in_files"] == ["c0-s2"]
    assert "c0-s2" in err and "--prune" in err and "Traceback" not in err

    def held() -> list[str]:
        with store.driver.session(database=store.database) as s:
            return [
                r["id"]
                for r in s.run("MATCH (s:Structure) WHERE s.council IN ['c0', 'c1'] RETURN s.id AS id ORDER BY id")
            ]

    assert held() == ["c0-s0", "c0-s1", "c0-s2", "c1-s0", "c1-s1", "c1-s2"]

    assert main(["load", str(folder / "c0.yaml"), "--backend", "neo4j", "--format", "json", "--prune", *flags]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["pruned"] == ["c0-s2"] and "removed 1 structure(s)" in err
    assert held() == ["c0-s0", "c0-s1", "c1-s0", "c1-s1", "c1-s2"]
    # exactly what the files now hold (with the seed the fixture loaded): no node or line of c0-s2 left
    assert export_neo4j(store) == export_memory(Dataset(seed.files + read_files([folder]).files))


def test_a_load_waits_only_for_loads_of_the_same_councils(store, tmp_path):
    """A load holds its councils' locks until it ends: another load of the same council waits for it,
    a load of other councils goes ahead meanwhile (the parts of a bulk load rely on this)."""
    files = write_set(tmp_path / "set", councils=2, structures=1, posts=3)
    load_dataset(store, read_files([files / "c0.yaml"]))
    session = store.driver.session(database=store.database)
    holder = session.begin_transaction()  # holds council c0 as a load of it would
    holder.run("MATCH (c:Council {uid: 'council:c0'}) SET c.name = c.name").consume()
    finished: dict[str, threading.Event] = {c: threading.Event() for c in ("c0", "c1")}

    def load(council: str) -> None:
        load_dataset(store, read_files([files / f"{council}.yaml"]), force=True)
        finished[council].set()

    threads = [threading.Thread(target=load, args=(c,), daemon=True) for c in ("c0", "c1")]
    try:
        for t in threads:
            t.start()
        assert finished["c1"].wait(WAIT)  # another council: not held up
        assert not finished["c0"].is_set()  # the same council: still waiting
    finally:
        holder.rollback()
        session.close()
    assert finished["c0"].wait(WAIT)
    for t in threads:
        t.join(WAIT)
    assert export_neo4j(store) == export_memory(Dataset(read_files([SEED]).files + read_files([files]).files))


def test_a_failed_part_stops_a_bulk_load_and_names_the_councils_loaded(store, tmp_path, monkeypatch):
    """Parts are written side by side; one that fails stops the load. Each part is all or nothing:
    the database holds exactly the councils the message names as loaded, none of the failed part."""
    import re

    from remit.loader import neo4j_store
    from remit.loader.neo4j_store import load_in_parts
    from remit.loader.records import stamp_digest

    files = write_set(tmp_path / "set", councils=6, structures=2, posts=5)
    data = read_files([files])
    original = neo4j_store.dataset_records

    def broken(d):
        for rec in original(d):
            if rec.council == "c3":  # Neo4j refuses a map as a property value, mid-part
                rec.edges.append(rec.edges[-1].__class__("OF", rec.edges[0].src, "council:c3", {"bad": {"x": 1}}))
                stamp_digest(rec)
            yield rec

    monkeypatch.setattr(neo4j_store, "dataset_records", broken)
    with pytest.raises(neo4j_store.Neo4jUnavailable) as caught:
        load_in_parts(store, data, max_posts=10)
    message = str(caught.value)
    assert "part" in message and "failed" in message, message
    named = re.search(r"\(([^)]*)\)$", message)
    loaded = set(named[1].split(", ")) if named else set()
    assert "c3" not in loaded
    kept = Dataset(read_files([SEED]).files + [f for f in data.files if f.council.id in loaded])
    assert export_neo4j(store) == export_memory(kept)
