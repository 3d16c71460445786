"""Behaviour the mutation report (benchmarks/MUTATION.md, scripts/mutation-report) found no fast-tier
test holding: each test names what it holds and where that is written down.

Harrow's 2023 facts are the papers' (seed/harrow.yaml quotes them): the Director of Children's
Services is "graded D3 with salary packages of £127,698 - £140,652" and "Reports to Corporate
Director of People"."""

from __future__ import annotations

import re

import pytest

from remit.cli.main import main
from remit.loader import read_files
from remit.loader.overlay import APPLIED, Change, Overlay, apply
from remit.loader.text import shorten

from .conftest import SEED

HARROW = SEED / "harrow.yaml"
DCS, CE, CDP = "director-childrens-services", "chief-executive", "corporate-director-people"
KEEP = {"asserted": True, "reasoning": "a test", "by": "A Tester", "on": "2025-01-01"}


@pytest.fixture(scope="module")
def harrow():
    return read_files([HARROW])


def _structure(done, sid: str = "harrow-2023"):
    return next(s for f in done.files for s in f.structures if s.id == sid)


def test_a_re_pay_with_fte_changes_the_fte_and_keeps_grade_and_range(harrow):
    """README, Review and scenarios: `pay` takes `grade`, `salary`, `fte`; a change of FTE alone keeps
    the grade (D3) and the salary range (£127,698 - £140,652) the paper gives."""
    done = apply(Overlay("harrow-2023", changes=[Change("pay", {"post": DCS, "fte": 0.6}, **KEEP)]), list(harrow.files))
    assert [o.status for o in done.outcomes] == [APPLIED]
    pay = _structure(done).post(DCS).pay
    assert (pay.fte, pay.grade, pay.salary_min, pay.salary_max) == (0.6, "D3", 127698, 140652)


def test_a_joint_designation_keeps_the_other_joint_holder(harrow):
    """docs/structure-format.md: one role is not designated to two posts at once "unless every such
    designation says `joint: true`". Two joint designations stand side by side; a designation that is
    not joint takes the role from the other post."""
    first = Change("designate", {"post": CE, "role": "dph", "joint": True}, **KEEP)
    second = Change("designate", {"post": CDP, "role": "dph", "joint": True}, **KEEP)
    done = apply(Overlay("harrow-2023", changes=[first, second]), list(harrow.files))
    assert [o.status for o in done.outcomes] == [APPLIED, APPLIED]
    held = {p.key: d.joint for p in _structure(done).posts for d in p.designations if d.role == "dph"}
    assert held == {CE: True, CDP: True}

    alone = Change("designate", {"post": CDP, "role": "dph"}, **KEEP)
    done = apply(Overlay("harrow-2023", changes=[first, alone]), list(harrow.files))
    held = {p.key: d.joint for p in _structure(done).posts for d in p.designations if d.role == "dph"}
    assert held == {CDP: False}
    assert CE in done.outcomes[1].detail


def test_a_scenario_named_like_a_structure_is_refused_at_its_line(tmp_path, capsys):
    """README: a bad overlay is `FILE:LINE: message`, exit 2, nothing applied. A scenario whose id is
    already a structure (harrow-2015-before, the 2015 letter's existing structure) is one."""
    overlay = tmp_path / "o.yaml"
    overlay.write_text(
        "overlay: remit-overlay/1\n"
        "structure: harrow-2023\n"
        "scenario: {id: harrow-2015-before, label: A name already taken}\n"
        "changes:\n"
        f"  - {{do: line_manager, post: {DCS}, to: {CE}, asserted: true, reasoning: a test, by: A Tester, date: 2025-01-01}}\n",
        encoding="utf-8",
    )
    assert main(["validate", str(HARROW), "--overlay", str(overlay)]) == 2
    err = capsys.readouterr().err
    assert re.search(rf"{re.escape(str(overlay))}:\d+: .*'harrow-2015-before'", err), err
    assert "Traceback" not in err


def test_shorten_gives_at_most_n_characters_ending_in_an_ellipsis():
    """loader.text.shorten: "At most `n` characters, one line ...; an ellipsis marks what was cut"."""
    cut = shorten("x" * 100, 10)
    assert len(cut) == 10 and cut == "x" * 9 + "…"
    assert shorten("short", 10) == "short"
    assert shorten("two\nlines", 20) == "two lines"


def test_a_database_the_server_cannot_serve_is_named_with_the_servers_reason(monkeypatch):
    """A server that answers but has no such database: the message names the database and gives the
    server's own first line (Neo4j's DatabaseNotFound: "Database does not exist. Database name: ..."),
    exit 3, and closes the driver."""
    import neo4j
    from neo4j import exceptions as nx

    from remit.loader.neo4j_store import Neo4jUnavailable, connect

    closed = []

    class Driver:
        def verify_connectivity(self):
            return None

        def execute_query(self, *_args, **_kwargs):
            # As the driver builds it from the server's failure (code and message).
            raise nx.Neo4jError._hydrate_neo4j(
                code="Neo.ClientError.Database.DatabaseNotFound",
                message="Database does not exist. Database name: 'nope'.\nmore detail",
            )

        def close(self):
            closed.append(True)

    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_DATABASE", "nope")
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda *_a, **_k: Driver())
    with pytest.raises(Neo4jUnavailable) as info:
        connect(timeout=1)
    message = str(info.value)
    assert "cannot serve database 'nope'" in message
    assert "(Database does not exist. Database name: 'nope'.)" in message and "more detail" not in message
    assert info.value.exit_code == 3 and closed == [True]


def test_the_first_formats_lines_take_an_accountability_line(tmp_path, harrow):
    """README: the first overlay format's `lines` section is still read; an entry names the post and
    its `line_manager` or its `accountable_to` (docs/structure-format.md: an accountability line, not
    line management)."""
    from remit.loader.overlay import overlay_dataset

    overlay = tmp_path / "o.yaml"
    overlay.write_text(
        "overlay: remit-overlay/1\n"
        "structure: harrow-2023\n"
        "sources: [{id: note, title: A note, date: 2025-01-01, url: https://example.org/note}]\n"
        f"lines: [{{post: {DCS}, accountable_to: {CE}, source: note, quote: answers to the Chief Executive}}]\n",
        encoding="utf-8",
    )
    new, _report = overlay_dataset(harrow, [overlay])
    dcs = new.structures["harrow-2023"].post(DCS)
    assert [a.post for a in dcs.accountable_to] == [CE]
    assert dcs.line_manager is not None and dcs.line_manager.post == CDP  # line management unchanged


def test_a_posts_pay_evidence_is_on_its_node(seed_dataset):
    """Harrow 000: "The Director of Children Services and Director of Corporate Resources and
    Transformation are both graded D3 ..." is the source of the DCS's pay; the graph keeps it on the post
    (pay_source, pay_quote), as the evidence table and the chart's tooltip show it."""
    from remit.loader.memory import graph_from_dataset

    g = graph_from_dataset(seed_dataset)
    [post] = [
        a
        for _, a in g.nodes(data=True)
        if a.get("_label") == "Post" and a.get("structure") == "harrow-2023" and a.get("key") == DCS
    ]
    assert post["pay_source"] == "harrow-2023-coep"
    assert post["pay_quote"].startswith(
        "The Director of Children Services and Director of Corporate Resources and Transformation are both graded D3"
    )


def test_assurance_reviews_name_the_review(memory_backend):
    """Harrow 003 (the LGA adviser's local test of assurance, 5 June 2015) and Leicester 004 (the planned
    test "after 6 months"): each row names the review it belongs to, as the structure files record them."""
    rows = memory_backend.run("assurance-reviews", {"structure": "harrow-2015-after"})
    assert {r["review"] for r in rows} == {"harrow-2015-local-test-of-assurance"}
    [planned] = memory_backend.run("assurance-reviews", {"structure": "leicester-2018-06-after"})
    assert planned["review"] == "leicester-2018-lga-test-of-assurance"


def test_structures_in_force_give_their_effective_date(memory_backend):
    """On 15 January 2023 Harrow's structure in force is the one the minutes of 8 December 2022 show
    ("all of the posts were filled"), effective 2022-12-08; Sandwell's is the Trust's of April 2018."""
    from remit.queries.scope import Scope

    rows = {r["council"]: r for r in memory_backend.run("structures-in-force", Scope("2023-01-15").params())}
    assert (rows["harrow"]["structure"], rows["harrow"]["effective"]) == ("harrow-2023", "2022-12-08")
    assert (rows["sandwell"]["structure"], rows["sandwell"]["effective"]) == ("sandwell-2018-04", "2018-04")


def test_a_passed_intended_departure_quotes_the_paper(memory_backend):
    """Harrow 000: "The current postholder, has indicated that he will retire at the end of May 2023."
    After May 2023 statutory-interim cannot say who holds the DCS role, and quotes that sentence."""
    rows = memory_backend.run("statutory-interim", {"structure": "harrow-2023", "as_of": "2023-07-01"})
    [dcs] = [r for r in rows if "Director of Children's Services" in r["reason"]]
    assert dcs["outcome"] == "unknown"
    assert (
        "\u201cThe current postholder, has indicated that he will retire at the end of May 2023.\u201d" in dcs["reason"]
    )


def test_a_structure_file_keeps_who_settled_a_fact_and_when(tmp_path):
    """docs/structure-format.md: a fact a person settled carries `settled_by` (who) and `settled_on`
    (the date). Harrow's DCS designation, settled by a reviewer on 3 June 2025, keeps both."""
    text = HARROW.read_text(encoding="utf-8")
    old = "- {role: dcs, source: harrow-2023-coep, quote:"
    assert text.count(old) >= 1
    settled = tmp_path / "harrow.yaml"
    settled.write_text(
        text.replace(
            old, "- {role: dcs, settled_by: A Reviewer, settled_on: 2025-06-03, source: harrow-2023-coep, quote:"
        ),
        encoding="utf-8",
    )
    st = read_files([settled]).structures["harrow-2023"]
    [d] = [d for d in st.post(DCS).designations if d.role == "dcs"]
    assert (d.evidence.by, d.evidence.on) == ("A Reviewer", "2025-06-03")
