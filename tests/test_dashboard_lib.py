"""The dashboard's Streamlit-free helpers: post details with evidence, search, answer highlighting,
and validating uploaded files (what the Load page does with the bytes it receives)."""

from __future__ import annotations

from pathlib import Path

import pytest

from remit.dashboard import details
from remit.dashboard.uploads import validate_uploads
from remit.queries.snapshot import snapshot
from tests.conftest import SEED

BAD = b"""format: remit/1
council: {id: badtown, name: Badtown Council, kind: unitary}
sources:
  - {id: bt, title: A paper, date: 2024-01-01, file: bt.txt}
structures:
  - id: badtown-2024
    label: Badtown 2024
    status: guessed
    source: bt
    quote: The structure.
    posts:
      - key: ceo
        title: Chief Executive
        line_manager: {post: nobody, source: bt, quote: The structure.}
        source: bt
        quote: The structure.
"""


@pytest.fixture(scope="module")
def barnet(memory_backend):
    return snapshot(memory_backend, "barnet-2015-04")


def test_post_summary_and_facts_carry_evidence(barnet):
    info = details.post_summary(barnet, "commissioning-director-children-young-people")
    assert "Director of Children's Services" in info["statutory roles"]
    post = barnet.posts()["commissioning-director-children-young-people"]
    facts = details.post_facts(barnet, "commissioning-director-children-young-people")
    assert facts[0]["quote"] == post["quote"] and facts[0]["source"] == post["source"]
    assert all(f["source"] and f["quote"] for f in facts)
    kinds = " | ".join(f["fact"] for f in facts)
    for phrase in ("line managed by", "accountable to", "designated", "commissions"):
        assert phrase in kinds
    # every quoted edge touching the post is listed
    touching = [
        e
        for e in barnet.edges
        if post["uid"] in (e["src"], e["dst"]) and e["props"].get("source") and e["type"] in details.REL_WORDS
    ]
    assert len(facts) == 1 + (1 if post.get("pay_source") else 0) + len(touching)


def test_search_by_title_key_and_holder(memory_backend):
    snap = snapshot(memory_backend, "harrow-2023")
    holders = [(snap.node(e["src"]) or {}).get("name") for e in snap.edges_of("HOLDS")]
    name = next(n for n in holders if n)
    hits = details.search_posts(snap, name.split()[-1].lower())
    assert hits and all(k in snap.posts() for k in hits)
    assert details.search_posts(snap, "no such post anywhere") == []
    assert len(details.search_posts(snap, "")) == len(snap.posts())


def test_highlight_only_the_post_column():
    rows = [{"post": "a", "line_manager": "b", "line_report_posts": ["c"]}, {"post": "zz"}]
    assert details.highlighted_posts(rows, {"a", "b", "c"}) == {"a"}


def test_function_owner_highlights_its_posts_and_the_heads_of_deliverers(memory_backend):
    """Sandwell 2018-04 (report of 16 January 2018): the Executive Director of Children Services
    commissions children's social care, which the Sandwell Children's Trust delivers."""
    rows = memory_backend.run(
        "function-owner", {"structure": "sandwell-2018-04", "function": "childrens-social-care", "as_of": None}
    )
    posts = set(snapshot(memory_backend, "sandwell-2018-04").posts())
    marked = details.highlighted_posts(rows, posts)
    assert "executive-director-childrens-services" in marked
    expected = {r["key"] for r in rows if r["subject"] == "post"} | {h for r in rows for h in r.get("heads") or []}
    assert marked == expected & posts and marked
    # A unit's key is never taken for a post.
    assert not {r["key"] for r in rows if r["subject"] != "post"} & marked


def test_search_by_role_code_name_holder_and_unit(memory_backend):
    snap = snapshot(memory_backend, "barnet-2015-04")
    # From the Barnet report of 13 October 2014 (Appendix 4, Statutory Officers Protocol).
    assert details.search_posts(snap, "DCS")[0] == "commissioning-director-children-young-people"
    assert details.search_posts(snap, "s151")[0] == "chief-operating-officer"
    assert details.search_posts(snap, "S.151")[0] == "chief-operating-officer"
    assert details.search_posts(snap, "monitoring officer")[0] == "director-of-assurance"
    assert details.search_posts(snap, "Head of Paid Service")[0] == "chief-executive"
    harrow = snapshot(memory_backend, "harrow-2023")
    assert details.search_posts(harrow, "tolley") == ["director-childrens-services"]  # the holder, Peter Tolley
    by_unit = details.search_posts(snap, "adults and communities")
    assert by_unit and by_unit[0] == "director-adults-communities"


def test_bad_upload_reports_file_and_line_and_loads_nothing(tmp_path):
    result = validate_uploads([("badtown.yaml", BAD)], [SEED], tmp_path)
    assert not result.ok and result.dataset is None
    assert {p.file for p in result.problems} == {"badtown.yaml"}  # the uploaded name, not the temp path
    messages = {(p.line, p.message) for p in result.problems}
    assert any(line == 8 and "guessed" in msg for line, msg in messages)
    assert any(line == 14 and "nobody" in msg for line, msg in messages)


def test_good_upload_merges_with_current_data(tmp_path):
    seed = sorted(SEED.glob("*.yaml"))
    new = seed[0]
    current = tmp_path / "current"
    current.mkdir()
    for p in seed[1:]:
        (current / p.name).write_bytes(p.read_bytes())
    result = validate_uploads([(new.name, new.read_bytes())], [current], tmp_path / "up")
    assert result.ok
    assert {Path(p).name for p in result.paths} == {p.name for p in seed}
    assert [f.council.id for f in result.uploaded_dataset().files] == [
        result.dataset.file_of(next(iter(result.uploaded_dataset().structures))).council.id
    ]
    assert len(result.dataset.files) == len(seed)


def test_upload_clashing_with_current_data_is_refused(tmp_path):
    seed = sorted(SEED.glob("*.yaml"))[0]
    result = validate_uploads([("copy-" + seed.name, seed.read_bytes())], [SEED], tmp_path)
    assert not result.ok
    assert all(p.file == "copy-" + seed.name for p in result.problems)
    assert any("already used" in p.message for p in result.problems)


def test_not_yaml_refused(tmp_path):
    result = validate_uploads([("notes.txt", b"hello")], [SEED], tmp_path)
    message = result.problems[0].message
    assert not result.ok and "must end in" in message and ".yaml" in message


def test_dashboard_command_usage_errors(monkeypatch, capsys):
    from remit.cli.main import main

    assert main(["dashboard", "--data", "/no/such/folder"]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    assert main(["dashboard", "--backend", "neo4j"]) == 3
    err = capsys.readouterr().err
    assert "bolt://127.0.0.1:1" in err and "Traceback" not in err


def test_dashboard_command_runs_streamlit_headless():
    from remit.cli.dashboard import APP, SERVER, streamlit_command

    cmd = streamlit_command(8765)
    # The app inside Streamlit's ASGI App, which adds the security headers (issue 25, finding 8).
    assert cmd[1:4] == ["-m", "streamlit", "run"] and cmd[4] == str(SERVER) and APP.exists()
    assert 'st.App("app.py"' in SERVER.read_text(encoding="utf-8") and SERVER.parent == APP.parent
    assert cmd[cmd.index("--server.headless") + 1] == "true"
    assert cmd[cmd.index("--server.port") + 1] == "8765"
    assert cmd[cmd.index("--browser.gatherUsageStats") + 1] == "false"
    assert cmd[cmd.index("--client.showErrorDetails") + 1] == "none"  # no tracebacks to users


def _seed_as(council: str) -> bytes:
    text = (SEED / "sandwell.yaml").read_text(encoding="utf-8")
    return text.replace("sandwell-2018", f"{council}-2018").replace("id: sandwell", f"id: {council}").encode("utf-8")


def test_empty_file_is_an_error(tmp_path):
    for content in (b"", b"  \n\n"):
        result = validate_uploads([("empty.yaml", content)], [SEED], tmp_path)
        assert not result.ok and result.problems[0].file == "empty.yaml"
        assert "empty" in result.problems[0].message
    assert not any(p.is_file() for p in tmp_path.rglob("*"))  # nothing kept


def test_upload_size_limit(tmp_path):
    result = validate_uploads([("big.yaml", b"x" * 2000)], [SEED], tmp_path, max_bytes=1000)
    assert not result.ok and "2,000 bytes" in result.problems[0].message and "1,000" in result.problems[0].message


def test_names_that_clean_to_the_same_text_cannot_collide(tmp_path):
    from remit.dashboard.uploads import slot

    a, b = slot(tmp_path, "up land.yaml"), slot(tmp_path, "up_land.yaml")
    assert a.name == b.name == "up_land.yaml" and a != b
    assert slot(tmp_path, "../../etc/x.yaml").parent.parent == tmp_path  # never outside the folder
    result = validate_uploads(
        [("up land.yaml", _seed_as("upland")), ("up_land.yaml", _seed_as("lowland"))], [SEED], tmp_path
    )
    assert result.ok, result.problems
    assert {f.council.id for f in result.uploaded_dataset().files} == {"upland", "lowland"}


def test_same_file_twice_replaces_it(tmp_path):
    first = validate_uploads([("upland.yaml", _seed_as("upland"))], [SEED], tmp_path)
    assert first.ok
    changed = _seed_as("upland").replace(b"label: ", b"label: Revised ", 1)
    second = validate_uploads([("upland.yaml", changed)], first.paths, tmp_path)
    assert second.ok, second.problems  # not refused as a clash with the first copy
    uploads = list(tmp_path.rglob("*.yaml"))
    assert len(uploads) == 1 and uploads[0].read_bytes() == changed
    assert len([p for p in second.paths if p.name == "upland.yaml"]) == 1


def test_bad_upload_leaves_no_temporary_files(tmp_path):
    validate_uploads([("badtown.yaml", BAD)], [SEED], tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_session_folder_removed_when_the_session_goes(tmp_path):
    import gc

    from remit.dashboard.uploads import SessionUploads

    s = SessionUploads(tmp_path)
    folder = s.dir
    validate_uploads([("upland.yaml", _seed_as("upland"))], [SEED], folder)
    assert any(folder.rglob("*.yaml"))
    del s
    gc.collect()
    assert not folder.exists()


def test_dashboard_listens_on_localhost_unless_told(monkeypatch):
    from remit.cli.dashboard import streamlit_command
    from remit.cli.main import build_parser

    args = build_parser().parse_args(["dashboard"])
    assert args.host == "127.0.0.1"
    cmd = streamlit_command(8765, args.host)
    assert cmd[cmd.index("--server.address") + 1] == "127.0.0.1"
    assert build_parser().parse_args(["dashboard", "--host", "0.0.0.0"]).host == "0.0.0.0"
    assert int(cmd[cmd.index("--server.maxUploadSize") + 1]) >= 1


def test_facts_say_stated_or_inferred(memory_backend):
    snap = snapshot(memory_backend, "harrow-2023")
    facts = details.post_facts(snap, "chief-financial-officer")
    s151 = next(f for f in facts if f["fact"].startswith("designated") and "s151" in f["fact"])
    assert s151["stated or inferred"].startswith("inferred: Taken from the report's statutory officer clearance")
    assert facts[0]["stated or inferred"] == "stated"
