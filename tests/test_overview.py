"""The dashboard's Overview: the national table on the seed (facts from its documents), its filters, the
counts by type and region, and the link that opens a council's structure."""

from __future__ import annotations

import datetime as dt

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from remit.present.overview import counts_by, national_table
from remit.queries.scope import Scope

from .conftest import ROOT, SEED

APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture(autouse=True)
def _memory(monkeypatch):
    monkeypatch.setenv("REMIT_BACKEND", "memory")
    monkeypatch.setenv("REMIT_DATA", str(SEED))
    st.cache_resource.clear()
    st.cache_data.clear()


def test_national_table_on_the_seed(backend):
    rows = {r["council"]: r for r in national_table(backend, Scope("2023-01-15"))}
    assert set(rows) == {"barnet", "harrow", "leicester", "sandwell"}
    # Harrow's March 2023 report: the Corporate Director of People is the interim DASS.
    assert rows["harrow"]["dass_post"] == "Corporate Director of People" and rows["harrow"]["dass_basis"] == "interim"
    assert rows["harrow"]["type"] == "London borough" and rows["sandwell"]["region"] == "West Midlands"
    by_type = {r["type"]: r for r in counts_by(list(rows.values()), "type")}
    assert by_type["London borough"]["councils"] == 2


def test_overview_page_filters_downloads_and_links():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/overview.py").run()
    at.date_input(key="overview_date").set_value(dt.date(2023, 1, 15)).run()
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert sorted(table["council"]) == ["barnet", "harrow", "leicester", "sandwell"]
    harrow = table[table["council"] == "harrow"].iloc[0]
    assert harrow["open"] == "./?council=harrow&structure=harrow-2023"
    at.multiselect(key="overview_type").set_value(["London borough"]).run()
    assert sorted(at.dataframe[0].value["council"]) == ["barnet", "harrow"]
    assert at.metric[0].value == "2"


def test_link_opens_the_structure_page():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["council"] = "sandwell"
    at.query_params["structure"] = "sandwell-2018-04"
    at.run()
    assert not at.exception
    assert at.session_state["chosen"].structure == "sandwell-2018-04"


def test_assurance_all_councils_page_counts_lists_filters_and_links():
    """Every rule for every council in force on 15 January 2023: Harrow's DASS (interim, per its March 2023
    report) and Sandwell's DCS (interim, per the Trust report) are among the statutory-interim findings."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/assurance_all.py").run()
    at.date_input(key="assurance_all_date").set_value(dt.date(2023, 1, 15)).run()
    assert not at.exception and not at.error
    assert at.metric[0].value == "4"
    by_rule = at.dataframe[0].value.set_index("rule")
    assert (by_rule.sum(axis=1) >= 4).all()  # every rule judged every council at least once
    findings = at.dataframe[1].value
    assert set(findings["outcome"]) <= {"flag", "unknown"}  # the default: what needs acting on
    interim = findings[findings["rule"] == "statutory-interim"]
    assert {"London Borough of Harrow", "Sandwell Metropolitan Borough Council"} <= set(interim["council_name"])
    assert all(link.startswith("./assurance?council=") for link in findings["open"])
    at.multiselect(key="assurance_all_outcome").set_value(["pass"]).run()
    assert set(at.dataframe[1].value["outcome"]) == {"pass"}
    at.text_input(key="assurance_all_name").set_value("harrow").run()
    assert set(at.dataframe[1].value["council_name"]) == {"London Borough of Harrow"}
