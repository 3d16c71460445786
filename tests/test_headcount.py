"""Headcount and cost below each post (issue 22): junior FTE and pay ranges roll up under each senior
post and to the top, summing to the file's totals, on networkx and on the real Neo4j; the Structure
page and the report show them.

The files are data.gov.uk organogram returns (../shared/data, Open Government Licence v3.0): the
Animal Health and Veterinary Laboratories Agency, 31 March 2011, and the Ministry of Defence's HOCS
return of September 2013 as filed. Expected figures are summed from the CSV files in each test."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from remit.formats import import_paths
from remit.formats.remit_yaml import write
from remit.loader import read_files
from remit.loader.dates import PartialDate
from remit.loader.memory import graph_from_dataset
from remit.loader.neo4j_store import load_dataset, wipe
from remit.present import headcount
from remit.present.report.model import build_report
from remit.present.report.sections import sections
from remit.queries.backend import MemoryBackend, Neo4jBackend

from .neo4j_support import neo4j_test_store

AHVLA = "organograms/animal_health_and_veterinary_laboratories_agency-2011-03-31-senior.csv"
HOCS = "organograms-as-filed/20131114-HOCS-Consolidated-September-2013-FINAL-senior.csv"
AHVLA_ID = "animal-health-and-veterinary-laboratories-agency-2011-03-31"
HOCS_ID = "ministry-of-defence-2013-09-30"
APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _number(text: str) -> float | None:
    try:
        return float(text.replace("£", "").replace(",", ""))
    except ValueError:
        return None


@pytest.fixture(scope="module")
def folder(shared_data, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("headcount")
    result = import_paths([shared_data / AHVLA, shared_data / HOCS], lenient=True, date=PartialDate("2013-09-30"))
    for sf in result.files:
        write(sf, out / f"{sf.council.id}.yaml")
    return out


@pytest.fixture(scope="module")
def memory(folder) -> MemoryBackend:
    data = read_files([folder])
    return MemoryBackend(graph_from_dataset(data), data)


def _by_post(backend, structure: str) -> dict[str, dict]:
    return {r["post"]: r for r in backend.run("headcount-below", {"structure": structure})}


def test_the_top_post_holds_the_whole_return(shared_data, memory):
    rows = _by_post(memory, AHVLA_ID)
    junior = _csv(shared_data / AHVLA.replace("senior", "junior"))
    senior = _csv(shared_data / AHVLA)
    top = rows["1"]  # "1","Catherine Brown",...,"Chief Executive",...,"XX"
    assert top["line_manager"] is None and top["senior_posts_below"] == len(senior) - 1 == 11
    fte = sum(float(r["Number of Posts in FTE"]) for r in junior)
    assert top["junior_fte_below"] == pytest.approx(fte)
    cost_min = sum(float(r["Number of Posts in FTE"]) * float(r["Payscale Minimum (£)"]) for r in junior)
    cost_max = sum(float(r["Number of Posts in FTE"]) * float(r["Payscale Maximum (£)"]) for r in junior)
    assert top["junior_cost_min_below"] == pytest.approx(cost_min, abs=0.01)
    assert top["junior_cost_max_below"] == pytest.approx(cost_max, abs=0.01)
    others = [r for r in senior if r["Post Unique Reference"] != "1"]
    floors = [_number(r["Actual Pay Floor (£)"]) for r in others]
    ceilings = [_number(r["Actual Pay Ceiling (£)"]) for r in others]
    paid = [i for i in range(len(others)) if floors[i] and ceilings[i]]
    assert top["senior_pay_min_below"] == pytest.approx(sum(floors[i] for i in paid))
    assert top["senior_pay_max_below"] == pytest.approx(sum(ceilings[i] for i in paid))
    assert top["senior_posts_without_pay_below"] == len(others) - len(paid)


def test_a_director_holds_its_own_and_its_reports_juniors(shared_data, memory):
    rows = _by_post(memory, AHVLA_ID)
    senior = _csv(shared_data / AHVLA)
    junior = _csv(shared_data / AHVLA.replace("senior", "junior"))
    under_6 = {r["Post Unique Reference"] for r in senior if r["Reports to Senior Post"] == "6"}
    assert under_6 == {"10", "11", "12"}
    team = under_6 | {"6"}
    fte = sum(float(r["Number of Posts in FTE"]) for r in junior if r["Reporting Senior Post"] in team)
    assert rows["6"]["senior_posts_below"] == 3 and rows["6"]["junior_fte_below"] == pytest.approx(fte)
    own = sum(float(r["Number of Posts in FTE"]) for r in junior if r["Reporting Senior Post"] == "6")
    assert rows["6"]["junior_fte"] == pytest.approx(own)


def test_the_posts_no_one_manages_add_up_to_the_files_totals(shared_data, memory):
    rows = memory.run("headcount-below", {"structure": HOCS_ID})
    junior = _csv(shared_data / HOCS.replace("senior", "junior"))
    total = headcount.totals(rows)
    assert total["junior_fte"] == pytest.approx(sum(float(r["Number of Posts in FTE"]) for r in junior))
    assert total["senior_posts"] == len(rows)
    # the roll-up rests on the lines matched without their leading zeros: it says so
    pus = next(r for r in rows if r["post"] == "5654")
    assert any("'00005654' matched post '5654' only with leading zeros ignored" in i for i in pus["inferred"])
    assert "8133.26 junior FTE" in headcount.summary(rows)


@pytest.mark.neo4j
def test_both_stores_give_the_same_rows(folder, memory, seed_dataset):
    store = neo4j_test_store()
    data = read_files([folder])
    wipe(store)
    try:
        load_dataset(store, data)
        neo = Neo4jBackend(store.driver, store.database)
        for structure in (AHVLA_ID, HOCS_ID):
            assert neo.run("headcount-below", {"structure": structure}) == memory.run(
                "headcount-below", {"structure": structure}
            )
    finally:
        wipe(store)
        load_dataset(store, seed_dataset)  # the session's neo4j_backend reads the seed
        store.close()


def test_the_report_has_the_section(memory):
    report = build_report(memory, AHVLA_ID)
    [section] = [s for s in sections(report) if s.heading == "Headcount and cost below each post"]
    assert section.paragraphs[0].startswith("In all (the one post no one manages and everything under it): 12 senior")
    assert section.table.rows[0][0] == "Chief Executive" and section.table.headings[2] == "Senior posts below"


def test_the_structure_page_shows_it(folder, monkeypatch):
    monkeypatch.setenv("REMIT_BACKEND", "memory")
    monkeypatch.setenv("REMIT_DATA", str(folder))
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=120).run()
        at.sidebar.selectbox(key="main_council").select("animal-health-and-veterinary-laboratories-agency").run()
        at.sidebar.selectbox(key="main_structure").select(AHVLA_ID).run()
        assert not at.exception
        [box] = [e for e in at.expander if e.label == "Headcount and cost below each post"]
        assert box.caption[0].value.startswith("In all (the one post no one manages")
        frame = next(d.value for d in box.dataframe)
        assert list(frame["Post"])[0] == "Chief Executive" and list(frame["Senior posts below"])[0] == "11"
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
