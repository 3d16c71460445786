"""Issue 25, finding 6: on the Neo4j backend any visitor could upload `barnet.yaml` and replace
Barnet for everyone. Writing to the shared database now needs a say-so (REMIT_UPLOAD_TOKEN given on
the Load page, or the administrator's REMIT_SHARED_UPLOADS=1); without it an upload is loaded into
the visitor's session only. And (finding 8) uploads are not kept in the memory store's on-disk cache,
as the Load page says. AppTest against the real test Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from .conftest import SEED
from .test_dashboard_apptest import _df, _no_errors, _renamed_seed

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
TOKEN = "the-administrators-upload-token"


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=120).run()


def _barnet_rewritten() -> bytes:
    """Barnet's own file with every structure relabelled: what a visitor could try to pass off."""
    text = (SEED / "barnet.yaml").read_text(encoding="utf-8")
    return text.replace("    label: ", "    label: Replaced by a visitor ").encode("utf-8")


def _labels(backend, council: str) -> dict[str, str]:
    return {r["structure"]: r["label"] for r in backend.run("structures", {"council": council})}


@pytest.fixture
def neo4j_pages(monkeypatch, neo4j_backend):
    monkeypatch.setenv("REMIT_BACKEND", "neo4j")
    monkeypatch.delenv("REMIT_SHARED_UPLOADS", raising=False)
    monkeypatch.delenv("REMIT_UPLOAD_TOKEN", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield neo4j_backend
    with neo4j_backend.driver.session(database=neo4j_backend.database) as s:
        s.run("MATCH (n) WHERE n.council = 'upland' OR (n:Council AND n.id = 'upland') DETACH DELETE n").consume()
    st.cache_resource.clear()
    st.cache_data.clear()


def _upload(at: AppTest, name: str, content: bytes) -> None:
    at.file_uploader(key="load_files").set_value([(name, content, "application/x-yaml")]).run()
    at.button(key="load_go").click().run()


@pytest.mark.neo4j
def test_without_a_say_so_an_upload_stays_in_the_session(neo4j_pages):
    backend = neo4j_pages
    barnet = _labels(backend, "barnet")
    at = _app()
    at.switch_page("views/load.py").run()
    assert any("The shared database that other visitors read is not changed" in i.value for i in at.info)
    _upload(at, "upland.yaml", _renamed_seed())
    _no_errors(at)
    assert "into your session only" in at.success[0].value
    assert "upland" in set(_df(at, "structure", "council")["council"])  # this visitor sees it
    assert backend.run("structures", {"council": "upland"}) == []  # the database does not
    other = _app()  # another visitor
    other.switch_page("views/load.py").run()
    assert "upland" not in set(_df(other, "structure", "council")["council"])
    # the same visitor can go back to the shared data (the sidebar offers it from the next run)
    at.run()
    at.sidebar.radio(key="data_view").set_value("The shared database").run()
    _no_errors(at)
    assert "upland" not in set(_df(at, "structure", "council")["council"])
    assert _labels(backend, "barnet") == barnet


@pytest.mark.neo4j
def test_another_councils_data_is_never_replaced_without_a_say_so(neo4j_pages, monkeypatch):
    backend = neo4j_pages
    barnet = _labels(backend, "barnet")
    monkeypatch.setenv("REMIT_UPLOAD_TOKEN", TOKEN)
    at = _app()
    at.switch_page("views/load.py").run()
    at.text_input(key="load_token").input("a guess").run()
    assert at.error and "not the upload token" in at.error[0].value
    _upload(at, "barnet.yaml", _barnet_rewritten())
    assert "into your session only" in at.success[0].value
    assert _labels(backend, "barnet") == barnet  # Barnet for every other visitor is as it was
    mine = _df(at, "structure", "label")
    assert all(label.startswith("Replaced by a visitor") for label in mine["label"])


@pytest.mark.neo4j
def test_with_the_token_or_the_admin_setting_an_upload_is_shared(neo4j_pages, monkeypatch):
    backend = neo4j_pages
    monkeypatch.setenv("REMIT_UPLOAD_TOKEN", TOKEN)
    at = _app()
    at.switch_page("views/load.py").run()
    at.text_input(key="load_token").input(TOKEN).run()
    assert any("every visitor of this dashboard reads" in i.value for i in at.info)
    _upload(at, "upland.yaml", _renamed_seed())
    _no_errors(at)
    assert (
        sorted(r["structure"] for r in backend.run("structures", {"council": "upland"}))
        == [
            "upland-2018-01",
            "upland-2018-04",
            "upland-2018-permanent-dcs",  # seed/sandwell.yaml's three structures (the permanent DCS is a proposal of its own)
        ]
    )
    with backend.driver.session(database=backend.database) as s:
        s.run("MATCH (n) WHERE n.council = 'upland' OR (n:Council AND n.id = 'upland') DETACH DELETE n").consume()
    monkeypatch.delenv("REMIT_UPLOAD_TOKEN")
    monkeypatch.setenv("REMIT_SHARED_UPLOADS", "1")
    st.cache_data.clear()
    admin = _app()
    admin.switch_page("views/load.py").run()
    assert not admin.text_input and any("every visitor of this dashboard reads" in i.value for i in admin.info)
    _upload(admin, "upland.yaml", _renamed_seed())
    _no_errors(admin)
    assert len(backend.run("structures", {"council": "upland"})) == 3


def test_uploads_are_not_kept_in_the_graph_cache(monkeypatch, tmp_path):
    """The Load page says uploads are not kept after the server stops; the memory store's on-disk
    graph cache ($REMIT_CACHE_DIR) must not keep them either."""
    monkeypatch.setenv("REMIT_BACKEND", "memory")
    monkeypatch.setenv("REMIT_DATA", str(SEED))
    monkeypatch.setenv("REMIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REMIT_NO_CACHE", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = _app()
    at.switch_page("views/load.py").run()
    before = sorted(p.name for p in (tmp_path / "cache").rglob("*"))
    _upload(at, "upland.yaml", _renamed_seed())
    _no_errors(at)
    assert "upland" in set(_df(at, "structure", "council")["council"])
    after = sorted(p.name for p in (tmp_path / "cache").rglob("*"))
    assert after == before, "the uploaded files' graph was written to the cache"
    st.cache_resource.clear()
    st.cache_data.clear()
