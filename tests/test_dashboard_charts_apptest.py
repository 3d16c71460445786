"""AppTest of what the chart component sends back (a post selected, a branch toggled) and of
uploads that belong to one browser session; helpers and fixtures from test_dashboard_apptest."""

from __future__ import annotations

import pytest

from remit.queries.snapshot import snapshot
from tests.test_dashboard_apptest import _app, _charts, _df, _no_errors, _pick, _renamed_seed, memory_pages  # noqa: F401


@pytest.mark.usefixtures("memory_pages")
class TestChartAndUploadsMemory:
    @pytest.fixture
    def lib(self, memory_backend):
        return memory_backend

    def test_chart_clicks_select_a_post_and_toggle_a_branch(self, lib):
        """What the chart component sends back on a click (the browser test clicks for real)."""
        at = _pick(_app(), "barnet-2015-04")
        snap = snapshot(lib, "barnet-2015-04")
        dcs = "commissioning-director-children-young-people"
        at.session_state["structure_chart"] = {"event": "select", "key": dcs, "n": 1}
        at.run()
        _no_errors(at)
        assert at.selectbox(key="structure_post").value == dcs
        assert at.subheader[0].value == snap.posts()[dcs]["title"]  # the details panel
        assert _charts(at)[0]["focus"] == dcs
        boss = "strategic-director-commissioning"
        below = {e["src"] for e in snap.edges_of("LINE_MANAGED_BY") if e["dst"] == snap.posts()[boss]["uid"]}
        below = {snap.nodes[u]["key"] for u in below}
        at.session_state["structure_chart"] = {"event": "toggle", "key": boss, "n": 2}
        at.run()
        args = _charts(at)[0]
        shown = {n["id"] for n in args["nodes"]}
        assert not (below - {dcs}) & shown  # collapsed (the focused post stays: it was revealed before)
        assert next(n["label"] for n in args["nodes"] if n["id"] == f"toggle:{boss}").startswith("+")
        at.session_state["structure_chart"] = {"event": "toggle", "key": boss, "n": 3}
        at.run()
        assert below <= {n["id"] for n in _charts(at)[0]["nodes"]}  # expanded again
        at.run()  # the same event is not applied twice
        assert below <= {n["id"] for n in _charts(at)[0]["nodes"]}

    def test_uploads_belong_to_the_session_and_replace_by_name(self, lib):
        at = _app()
        at.switch_page("views/load.py").run()
        assert any("not kept after the server stops" in i.value for i in at.info)
        at.file_uploader(key="load_files").set_value([("upland.yaml", _renamed_seed(), "application/x-yaml")]).run()
        at.button(key="load_go").click().run()
        _no_errors(at)
        assert "upland" in set(_df(at, "structure", "council")["council"])
        other = _app()  # another visitor
        other.switch_page("views/load.py").run()
        assert "upland" not in set(_df(other, "structure", "council")["council"])
        revised = _renamed_seed().replace(b"label: ", b"label: Revised ", 1)
        at.file_uploader(key="load_files").set_value([("upland.yaml", revised, "application/x-yaml")]).run()
        at.button(key="load_go").click().run()
        _no_errors(at)
        shown = _df(at, "structure", "label")
        assert list(shown["structure"]).count("upland-2018-01") == 1
        assert shown.set_index("structure").loc["upland-2018-01", "label"].startswith("Revised")
        at.file_uploader(key="load_files").set_value([("empty.yaml", b"", "application/x-yaml")]).run()
        at.button(key="load_go").click().run()
        assert at.error and "nothing was loaded" in at.error[0].value
        assert any("empty" in c.value for c in at.code)
