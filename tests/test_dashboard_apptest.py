"""Every dashboard page driven with Streamlit's AppTest on the seed data, on networkx and on the real
local Neo4j: what each page shows is compared with what the library answers for the same input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from remit.diff import diff
from remit.present.palette import CHANGES
from remit.present.tables import column_label, rows_for_people
from remit.queries.catalogue import all_questions
from remit.queries.snapshot import snapshot
from remit.queries.structures import resolve
from tests.conftest import SEED
from tests.test_dashboard_lib import BAD

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
TIMEOUT = 120


def _app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    return at.run()


def _no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _df(where, *columns: str):
    """The one table showing these columns (non-interactive tables carry no key in AppTest). Tables
    are for people (headings in words): the columns asked for come back under the names asked."""
    names = {column_label(c): c for c in columns}
    found = [d.value for d in where.dataframe if set(names) <= set(d.value.columns)]
    assert len(found) == 1, f"{len(found)} tables with columns {columns}"
    return found[0].rename(columns=names)


def _charts(at: AppTest) -> list[dict]:
    """What each chart component was sent (nodes, edges, focus...)."""
    return [
        json.loads(el.proto.json_args)
        for el in at.get("component_instance")
        if el.proto.component_name.endswith("remit_org_chart")
    ]


def _labels(args: dict) -> str:
    return " ".join(n["label"] for n in args["nodes"])


def _pick(at: AppTest, structure: str) -> AppTest:
    council = structure.split("-")[0]
    at.sidebar.selectbox(key="main_council").select(council).run()
    at.sidebar.selectbox(key="main_structure").select(structure).run()
    return at


def _expected(rows: list[dict], columns, titles=None) -> list[list[str]]:
    heads, shown = rows_for_people(rows, columns, titles)
    return [[r[h] for h in heads] for r in shown]


class PagesContract:
    """The page checks, run once per backend (subclasses set the backend)."""

    @pytest.fixture
    def lib(self):  # the backend the page's answers are checked against
        raise NotImplementedError

    def test_structure_page_chart_and_post_details(self, lib):
        at = _pick(_app(), "barnet-2015-04")
        _no_errors(at)
        assert at.title[0].value == "Structure"
        snap = snapshot(lib, "barnet-2015-04")
        assert at.header[0].value == snap.structure["label"]  # h2 under the page's h1 (heading order)
        (args,) = _charts(at)
        for post in snap.posts().values():  # a small structure opens whole
            assert post["title"] in _labels(args)
        assert args["focus"] is None
        # search narrows the post list to matches
        at.text_input(key="structure_search").input("commissioning director").run()
        options = at.selectbox(key="structure_post").options[1:]
        assert options and all("commissioning director" in o.lower() for o in options)
        at.selectbox(key="structure_post").select("commissioning-director-children-young-people").run()
        _no_errors(at)
        post = snap.posts()["commissioning-director-children-young-people"]
        assert at.subheader[0].value == post["title"]  # the details panel beside the chart
        panel = " ".join(t.value for t in at.text)
        assert "Statutory roles: Director of Children's Services (dcs)" in panel
        # chains: the same rows as the chain question
        chain = lib.run("chain", {"structure": "barnet-2015-04", "post": post["key"], "as_of": None})
        chain_df = _df(at, "chain", "step", "post")
        assert len(chain_df) == len(chain) and list(chain_df["post"]) == [r["title"] for r in chain]  # titles, not keys
        facts = _df(at, "fact", "source", "quote")
        assert post["quote"] in list(facts["quote"])
        assert facts["source"].notna().all() and facts["quote"].notna().all()
        # the chart is told to focus the selected post
        assert _charts(at)[0]["focus"] == "commissioning-director-children-young-people"

    def test_structure_subtree_collapses_the_chart(self, lib):
        at = _pick(_app(), "barnet-2015-04")
        at.selectbox(key="structure_root").select("strategic-director-commissioning").run()
        _no_errors(at)
        snap = snapshot(lib, "barnet-2015-04")
        reports = [
            e
            for e in snap.edges_of("LINE_MANAGED_BY")
            if e["dst"] == snap.posts()["strategic-director-commissioning"]["uid"]
        ]
        captions = [c.value for c in at.caption]
        assert f"Chart: {1 + len(reports)} of {len(snap.posts())} posts" in captions

    def test_structure_counts_posts_and_units_apart(self, lib):
        # Sandwell 2018-04: the Children's Trust is a unit with an accountability line, drawn on the
        # chart beside the posts; the counts must not call it a post.
        at = _pick(_app(), "sandwell-2018-04")
        _no_errors(at)
        posts = snapshot(lib, "sandwell-2018-04").posts()
        assert f"Chart: {len(posts)} of {len(posts)} posts" in [c.value for c in at.caption]
        assert f"The chart as a table ({len(posts)} posts and 1 unit)" in [e.label for e in at.expander]

    def test_pick_by_date(self, lib):
        at = _app()
        at.sidebar.selectbox(key="main_council").select("harrow").run()
        at.sidebar.radio(key="main_mode").set_value("Date").run()
        at.sidebar.date_input(key="main_date").set_value("2023-01-15").run()
        _no_errors(at)
        sid, as_of = resolve(lib, council="harrow", as_of="2023-01-15")
        assert any(f"In force on {as_of}: **{sid}**" in c.value for c in at.sidebar.caption)
        assert at.header[0].value == snapshot(lib, sid).structure["label"]
        at.sidebar.date_input(key="main_date").set_value("2001-01-01").run()
        assert any("no existing or approved structure" in w.value for w in at.sidebar.warning)

    def test_ask_every_question(self, lib):
        at = _pick(_app(), "barnet-2015-04")
        at.switch_page("views/ask.py").run()
        _no_errors(at)
        assert at.title[0].value == "Ask"
        questions = all_questions("question")
        assert questions
        for q in questions:
            at.selectbox(key="ask_question").select(q.id).run()
            _no_errors(at)
            params = {"structure": "barnet-2015-04", "as_of": None}
            for p in q.params:
                if p.name in ("structure", "as_of"):
                    continue
                w = at.selectbox(key=f"ask_{q.id}_{p.name}") if p.kind in ("post", "function") else None
                if p.kind == "post":
                    params[p.name] = "commissioning-director-children-young-people"
                    w.select(params[p.name]).run()
                elif p.kind == "function":
                    params[p.name] = "childrens-social-care"
                    w.select(params[p.name]).run()
                elif p.kind == "date":
                    params[p.name] = None
                else:
                    params[p.name] = None
            _no_errors(at)
            expected = lib.run(q, params)
            got = _df(at, *q.columns)
            assert list(got.columns) == list(q.columns), q.id
            titles = {k: p.get("title") or k for k, p in snapshot(lib, "barnet-2015-04").posts().items()}
            assert got.astype(str).values.tolist() == _expected(expected, q.columns, titles), q.id
            assert at.header[0].value == f"{q.title} — barnet-2015-04"
            assert any(c.value.strip() == q.cypher.strip() for c in at.code), q.id
            assert at.get("download_button"), q.id
            nodes = _charts(at)[0]["nodes"]
            # the posts an answer is about: its post column, the post a row's subject is, the heads of
            # a unit or body delivering a function (function-owner, dcs-accountability)
            marked = {r["post"] for r in expected if r.get("post")}
            marked |= {r["key"] for r in expected if r.get("subject") == "post"}
            marked |= {h for r in expected for h in (r.get("heads") or [])}
            assert sum(1 for n in nodes if n.get("borderWidth") == 5) == len(marked & set(titles)), q.id

    def test_assurance_every_rule(self, lib):
        """The four outcomes apart (unknown in its own colour), every finding as a card read in full
        where it is shown: the rule's name and citation, the reason whole, the missing fact, the
        sources by title."""
        from remit.present.findings import sentence
        from remit.queries.assurance import LABELS, ORDER, rule_outcome

        at = _pick(_app(), "harrow-2023")
        at.switch_page("views/assurance.py").run()
        _no_errors(at)
        assert at.title[0].value == "Assurance"
        rules = all_questions("rule")
        summary = _df(at, "rule", "title", "outcome", "findings")
        assert sorted(summary["rule"]) == sorted(r.id for r in rules)
        counts = dict.fromkeys(ORDER, 0)
        cards = {}
        for c in at.get("flex_container"):  # st.container(border=True, key=...): one card per rule and outcome
            key = getattr(c.proto, "key", "") or ""
            cards.setdefault(key, c)
        texts = {outcome: [t.value for t in at.text if t.value.startswith("Reason: ")] for outcome in ORDER}
        every_text = [t.value for t in at.text]
        for rule in rules:
            rows = lib.run(rule, {"structure": "harrow-2023", "as_of": None})
            outcome = rule_outcome(rows)
            counts[outcome] += 1
            assert summary.set_index("rule").loc[rule.id, "outcome"] == outcome
            for f in rows:  # every reason whole, in a text element of its own (never cut in a cell)
                assert f"Reason: {sentence(f['reason'])}" in every_text, (rule.id, f["reason"])
                if f.get("missing"):
                    assert f"Missing fact: {sentence(f['missing'])}" in every_text
            assert f"Law and guidance: {rule.guidance}" in every_text
            heads = [m.value for m in at.markdown if m.value.endswith(f"({rule.id})")]
            assert any(f"{f['outcome'].upper()} · {rule.title}" in h for f in rows for h in heads), rule.id
        assert texts  # cards were drawn
        # harrow-2023 has all four outcomes: the DCS reports to the Corporate Director of People (flag), no
        # LMCS is named (unknown), one s151 officer is (pass), no trust delivers a function (n/a).
        assert all(counts[o] for o in ORDER), counts
        assert [m.value for m in at.metric] == [str(counts[o]) for o in ORDER]
        groups = [h.value for h in at.subheader]
        assert any(LABELS["unknown"] in g and ":orange[" in g for g in groups)
        assert any(LABELS["flag"] in g and ":red[" in g for g in groups)
        # flag before unknown before pass before n/a
        order = [next(i for i, g in enumerate(groups) if LABELS[o] in g) for o in ORDER]
        assert order == sorted(order)
        # Sources are named by their document's title, not only their id.
        assert any("harrow-2023-coep (Chief Officers' Employment Panel" in t for t in every_text)
        # The local tests of assurance are shown in full (harrow-2023 records none).
        assert "Local tests of assurance" in groups
        assert any(i.value == "No local test of assurance is recorded for this structure." for i in at.info)

    def test_assurance_shows_local_tests_in_full(self, lib):
        at = _pick(_app(), "harrow-2015-after")
        at.switch_page("views/assurance.py").run()
        _no_errors(at)
        shown = _df(at, "review", "criterion", "criterion_outcome", "condition", "reviewer", "follow_up")
        expected = lib.run("assurance-reviews", {"structure": "harrow-2015-after"})
        assert len(shown) == len(expected) == 3
        assert sorted(shown["criterion"]) == sorted(r["criterion"] for r in expected)

    def test_compare_two_structures(self, lib):
        at = _app()
        at.switch_page("views/compare.py").run()
        at.selectbox(key="compare_council").select("barnet").run()
        _no_errors(at)
        assert at.title[0].value == "Compare"
        # defaults to the recorded restructure: the structure that supersedes another
        assert at.selectbox(key="compare_before_structure").value == "barnet-2014-06"
        assert at.selectbox(key="compare_after_structure").value == "barnet-2015-04"
        # The story first, with the figures of the Barnet report (General Functions Committee,
        # 13 October 2014): 7 posts deleted, 5 created; salary change (101,186).
        assert at.header[0].value == "What the restructure does"
        headline = next(m.value for m in at.markdown if "posts deleted" in m.value)
        assert "7 posts deleted, 5 created" in headline and "salary \u2212£101,186" in headline
        assert "(the document states \u2212£101,186)" in headline
        metrics = {m.label: m.value for m in at.metric}
        assert metrics["Posts deleted"] == "7" and metrics["Posts created"] == "5"
        assert metrics["Salary change"] == "\u2212£101,186"
        roles = _df(at, "role", "before", "after")
        dcs = roles.set_index("role").loc["Director of Children's Services"]
        assert dcs["before"] == "no document names the post"  # issue 21: not "the council had no DCS"
        assert dcs["after"] == "Commissioning Director (Children and Young People)"
        markdown = " ".join(m.value for m in at.markdown)
        assert "- Lead Commissioner (Later Life)" in markdown  # deleted posts by title
        assert "- Strategic Director for Commissioning" in markdown  # created
        cost = _df(at, "metric", "difference", "stated_change", "quote")
        salary = cost.set_index("metric").loc["Salary"]
        assert salary["difference"] == "\u2212£101,186" and salary["stated_change"] == "\u2212£101,186"
        assert "(101,186)" in salary["quote"]
        # then one chart of both structures coloured by change
        (args,) = _charts(at)
        d = diff(lib, "barnet-2014-06", "barnet-2015-04")
        deleted = {r["key_before"] for r in d.rows if r["kind"] == "post" and r["change"] == "deleted"}
        nodes = {n["id"]: n for n in args["nodes"]}
        deleted_style = CHANGES["deleted"]
        # told by fill, border style and a badge (not by colour alone)
        assert all(nodes[k]["color"]["background"] == deleted_style.fill for k in deleted)
        assert all(nodes[k]["shapeProperties"]["borderDashes"] == list(deleted_style.dashes) for k in deleted)
        assert all(nodes[k]["label"].startswith("x deleted\n") for k in deleted)
        # then the changes grouped by kind, functions under their own heading
        labels = [e.label for e in at.expander]
        # see test_report: 24 not recorded before, 1 moved, 3 responsibilities the protocols state (B 402, B 475)
        assert "Posts (19)" in labels and "Functions (28)" in labels
        posts = _df(next(e for e in at.expander if e.label == "Posts (19)"), "what", "change", "from → to")
        assert len(posts) == sum(1 for r in d.rows if r["kind"] in ("post", "member post"))
        assert "title: Assistant Director for Commissioning Strategy → title: Director for Strategy" in list(
            posts["from → to"]
        )
        assert not any("-" in w and w == w.lower() for w in posts["what"])  # titles, not keys
        # the same structure twice is refused with a message
        at.selectbox(key="compare_after_structure").select("barnet-2014-06").run()
        assert any("two different structures" in w.value for w in at.warning)

    def test_load_bad_file_shows_problems_and_loads_nothing(self, lib):
        at = _app()
        at.switch_page("views/load.py").run()
        _no_errors(at)
        before = _df(at, "structure", "posts", "council")
        at.file_uploader(key="load_files").set_value([("badtown.yaml", BAD, "application/x-yaml")]).run()
        at.button(key="load_go").click().run()
        assert not at.exception
        assert at.error and "nothing was loaded" in at.error[0].value
        assert any(s.value == "badtown.yaml" for s in at.subheader)
        problems = _df(at, "line", "problem")
        assert "8" in list(problems["line"]) and any("guessed" in p for p in problems["problem"])
        assert any("badtown.yaml:8:" in c.value for c in at.code)
        after = _df(at, "structure", "posts", "council")
        assert list(after["structure"]) == list(before["structure"])
        assert "badtown" not in set(after["council"])


def _renamed_seed() -> bytes:
    """A valid file for a council not loaded yet: a seed file under new ids (quotes still check)."""
    text = (SEED / "sandwell.yaml").read_text(encoding="utf-8")
    return text.replace("sandwell-2018", "upland-2018").replace("id: sandwell", "id: upland").encode("utf-8")


@pytest.fixture
def memory_pages(monkeypatch):
    """The app on the memory backend over the seed, with no cache left from another test."""
    monkeypatch.setenv("REMIT_BACKEND", "memory")
    monkeypatch.setenv("REMIT_DATA", str(SEED))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


class TestPagesMemory(PagesContract):
    @pytest.fixture(autouse=True)
    def _env(self, memory_pages):
        yield

    @pytest.fixture
    def lib(self, memory_backend):
        return memory_backend

    def test_load_good_file_merges_and_clears_caches(self, lib):
        at = _app()
        at.switch_page("views/load.py").run()
        at.file_uploader(key="load_files").set_value([("upland.yaml", _renamed_seed(), "application/x-yaml")]).run()
        at.button(key="load_go").click().run()
        _no_errors(at)
        assert "upland-2018-01" in at.success[0].value
        shown = _df(at, "structure", "posts", "council")
        assert {"upland", "barnet", "sandwell"} <= set(shown["council"])
        # the new structure is available on the other pages too (answer caches were cleared)
        at.switch_page("views/structure.py").run()
        _pick(at, "upland-2018-01")
        _no_errors(at)
        assert at.selectbox(key="main_structure").value == "upland-2018-01"


@pytest.mark.neo4j
class TestPagesNeo4j(PagesContract):
    @pytest.fixture(autouse=True)
    def _env(self, monkeypatch, neo4j_backend):
        monkeypatch.setenv("REMIT_BACKEND", "neo4j")
        st.cache_resource.clear()
        st.cache_data.clear()
        yield
        st.cache_resource.clear()
        st.cache_data.clear()

    @pytest.fixture
    def lib(self, neo4j_backend):
        return neo4j_backend

    def test_read_only_cypher_box(self, lib):
        at = _pick(_app(), "barnet-2015-04")
        at.switch_page("views/ask.py").run()
        _no_errors(at)
        assert at.header[-1].value == "Read-only Cypher"
        at.text_area(key="ask_cypher").input("MATCH (p:Post) DETACH DELETE p").run()
        at.button(key="ask_run").click().run()
        assert any(e.value.startswith("Refused: DetachDelete") for e in at.error)
        assert len(lib.run("structure-nodes", {"structure": "barnet-2015-04"})) > 0  # nothing was deleted
        at.text_area(key="ask_cypher").input(
            "MATCH (s:Structure {id: $structure})-[:HAS_POST]->(p:Post) RETURN p.key AS post ORDER BY post"
        ).run()
        at.number_input(key="ask_cap").set_value(3).run()
        at.button(key="ask_run").click().run()
        _no_errors(at)
        (result,) = [d.value for d in at.dataframe if list(d.value.columns) == ["Post"]]  # headings capitalised
        keys = sorted(snapshot(lib, "barnet-2015-04").posts())
        assert list(result["Post"]) == keys[:3]
        assert any("stopped at the rows cap" in c.value for c in at.caption)
        at.text_area(key="ask_cypher").input("MATCH (p:Post RETURN p").run()
        at.button(key="ask_run").click().run()
        assert any(e.value.startswith("Refused: Neo4j cannot plan this text") for e in at.error)
        at.text_area(key="ask_cypher").input(
            "WITH 1 AS x \\u004cOAD CSV FROM 'file:///proc/self/environ' AS l RETURN l"
        ).run()
        at.button(key="ask_run").click().run()
        assert any(e.value.startswith("Refused: LOAD CSV") for e in at.error)
        assert not any("NEO4J_PASSWORD" in str(d.value) for d in at.dataframe)


TOKEN = "upload-token-for-the-tests"


@pytest.mark.neo4j
class TestLoadNeo4j:
    """Last: it adds a council to the test database, and removes it again afterwards."""

    @pytest.fixture(autouse=True)
    def _env(self, monkeypatch, neo4j_backend):
        monkeypatch.setenv("REMIT_BACKEND", "neo4j")
        # Writing to the shared database needs a say-so (issue 25): these visitors give the token.
        monkeypatch.setenv("REMIT_UPLOAD_TOKEN", TOKEN)
        st.cache_resource.clear()
        st.cache_data.clear()
        yield
        with neo4j_backend.driver.session(database=neo4j_backend.database) as s:
            s.run("MATCH (n) WHERE n.council = 'upland' OR (n:Council AND n.id = 'upland') DETACH DELETE n").consume()
        st.cache_resource.clear()
        st.cache_data.clear()

    def test_load_good_file_into_neo4j(self, neo4j_backend):
        at = _app()
        at.switch_page("views/load.py").run()
        at.text_input(key="load_token").input(TOKEN).run()
        assert any("every visitor of this dashboard reads" in i.value for i in at.info)
        at.file_uploader(key="load_files").set_value([("upland.yaml", _renamed_seed(), "application/x-yaml")]).run()
        at.button(key="load_go").click().run()
        _no_errors(at)
        assert "upland-2018-01" in at.success[0].value
        shown = _df(at, "structure", "posts", "council")
        assert "upland-2018-04" in set(shown["structure"])
        stored = neo4j_backend.run("structures", {"council": "upland"})
        # Sandwell's file holds three structures since issue 21 (the permanent DCS is a proposal of its own).
        assert sorted(r["structure"] for r in stored) == [
            "upland-2018-01",
            "upland-2018-04",
            "upland-2018-permanent-dcs",
        ]

    def test_reload_names_a_structure_the_file_dropped(self, neo4j_backend):
        """Loading the file again without its second structure leaves that structure in the database
        (the page never deletes), and says so by name."""
        import yaml

        at = _app()
        at.switch_page("views/load.py").run()
        at.text_input(key="load_token").input(TOKEN).run()
        at.file_uploader(key="load_files").set_value([("upland.yaml", _renamed_seed(), "application/x-yaml")]).run()
        at.button(key="load_go").click().run()
        assert not at.warning
        doc = yaml.safe_load(_renamed_seed())
        # The last structure (nothing supersedes it): dropping it leaves a valid file.
        doc["structures"] = [st for st in doc["structures"] if st["id"] != "upland-2018-permanent-dcs"]
        at.file_uploader(key="load_files").set_value(
            [("upland.yaml", yaml.safe_dump(doc, sort_keys=False).encode("utf-8"), "application/x-yaml")]
        ).run()
        at.button(key="load_go").click().run()
        _no_errors(at)
        assert "upland-2018-permanent-dcs" in at.warning[0].value and "--prune" in at.warning[0].value
        stored = neo4j_backend.run("structures", {"council": "upland"})
        assert sorted(r["structure"] for r in stored) == [
            "upland-2018-01",
            "upland-2018-04",
            "upland-2018-permanent-dcs",
        ]
