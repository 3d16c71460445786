"""Every real file in ../shared/data, read as a careful analyst would (issue 22).

The files are data.gov.uk organogram returns (../shared/data/organograms and organograms-as-filed,
from datagovuk/organograms) and Trafford Council's senior salaries of 1 April 2021
(../shared/data/senior-salaries, from traffordDataLab/council_open_data), all under the Open
Government Licence v3.0. The files are found by listing the folders, so a file added there is
covered too. Expected answers are read off the CSV files in each test, never from Remit's output:
- imported together into one folder, whatever is written validates and loads (networkx and Neo4j),
  one structure per body and date, one post per live post reference;
- the names in the Name column that are placeholders (N/D, Vacant, Eliminated, in any quoting) are
  never holders, and every real name is;
- the top post: a post titled Chief Executive that reports to another post is never the top.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from remit.cli.main import main
from remit.formats import import_paths
from remit.loader import Dataset, read_files
from remit.loader.dates import PartialDate
from remit.loader.memory import graph_from_dataset
from remit.loader.neo4j_store import load_dataset, wipe
from remit.queries.backend import MemoryBackend, Neo4jBackend

from .conftest import SHARED_DATA
from .neo4j_support import neo4j_test_store

RETURNS = sorted(
    str(p.relative_to(SHARED_DATA))
    for folder in ("organograms", "organograms-as-filed")
    for p in (SHARED_DATA / folder).glob("*-senior.csv")
)
SALARIES = sorted(str(p.relative_to(SHARED_DATA)) for p in (SHARED_DATA / "senior-salaries").glob("*.csv"))
HOCS = "organograms-as-filed/20131114-HOCS-Consolidated-September-2013-FINAL-senior.csv"
DATE = "2013-09-30"  # for the one return with no date in its name or columns (HOCS, September 2013)

# The format's placeholders (../shared/data/README.md: "N/D" not disclosed, "Vacant", "Eliminated"), read
# here independently of Remit's own word list: quotes and spaces around them ignored, any case.
ELIMINATED, VACANT, UNDISCLOSED = {"eliminated"}, {"vacant"}, {"n/d", "nd", "not disclosed", "n/a", "na", ""}


def _word(cell: str) -> str:
    return re.sub(r"\s+", " ", cell.strip().strip("'\"").strip()).casefold()


def _rows(path: Path) -> list[dict[str, str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            with open(path, encoding=encoding, newline="") as fh:
                return list(csv.DictReader(fh))
        except UnicodeDecodeError:
            continue
    raise AssertionError(path)


def _junior(senior: Path) -> Path:
    return senior.with_name(senior.name.replace("senior", "junior"))


def test_the_folders_hold_the_files_the_readme_lists():
    assert len(RETURNS) == 4 and len(SALARIES) == 1 and all(_junior(SHARED_DATA / r).exists() for r in RETURNS)


@pytest.fixture(scope="module")
def written(shared_data, tmp_path_factory) -> Path:
    """Every real file imported in one run (lenient: HOCS has a post reporting to itself, HMIC junior rows
    under an Eliminated post), into a folder holding copies of the sources so quotes are checked too."""
    out = tmp_path_factory.mktemp("real")
    inputs = []
    for name in RETURNS + SALARIES:
        for path in [shared_data / name] + ([_junior(shared_data / name)] if name in RETURNS else []):
            (out / path.name).write_bytes(path.read_bytes())
            inputs.append(str(out / path.name))
    assert main(["import", *inputs, "--date", DATE, "--lenient", "--out", str(out / "written")]) == 0
    for y in (out / "written").glob("*.yaml"):
        (out / y.name).write_bytes(y.read_bytes())
        y.unlink()
    (out / "written").rmdir()
    return out


def _expected(shared_data: Path) -> dict[tuple[str, str], int]:
    """(body, date) -> live post references, from the files: the organisation named in the rows, the date
    in the file name (else the HOCS date); a reference counted once, unless every row of it is Eliminated.
    Reference '0' rows (paid, not in post) count one each. Salary files: one post per row, the council named
    as the local authority register names it."""
    out: dict[tuple[str, str], int] = {}
    for name in RETURNS:
        rows = _rows(shared_data / name)
        m = re.search(r"(\d{4}-\d{2}-\d{2})", name)
        date = m.group(1) if m else DATE
        body = rows[0]["Organisation"].strip()
        live = {r["Post Unique Reference"].strip() for r in rows if _word(r["Name"]) not in ELIMINATED}
        zeros = sum(1 for r in rows if r["Post Unique Reference"].strip() == "0")
        out[(body, date)] = len(live - {"0"}) + zeros
    register = _rows(shared_data / "local-authorities" / "uk_local_authorities_current.csv")
    for name in SALARIES:
        rows = _rows(shared_data / name)
        # a council is named as the register names it: the row whose gov-uk-slug ends its OrganisationURI
        slug = rows[0]["OrganisationURI"].rstrip("/").rsplit("/", 1)[1]
        [council] = [r["official-name"] for r in register if r["gov-uk-slug"] == slug]
        out[(council, rows[0]["EffectiveDate"].strip())] = len(rows)
    return out


def _yaml(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def test_every_real_file_imports_and_what_is_written_validates(written):
    """One file per body (four bodies), validated together beside the CSV files their quotes come from."""
    assert len(_yaml(written)) == 4
    assert main(["validate", *map(str, _yaml(written))]) == 0


def test_the_folder_loads_one_structure_per_body_and_date_one_post_per_live_reference(shared_data, written):
    data = read_files(_yaml(written))  # raises on any problem
    got = {(data.council_of(sid).name, str(st.effective)): len(st.posts) for sid, st in data.structures.items()}
    assert got == _expected(shared_data)
    graph_from_dataset(data)  # the in-memory store builds from it


@pytest.mark.neo4j
def test_the_folder_loads_into_neo4j_with_the_same_posts(shared_data, written, seed_dataset):
    data = read_files(_yaml(written))
    store = neo4j_test_store()
    wipe(store)
    try:
        load_dataset(store, data)
        with store.driver.session(database=store.database) as session:
            counts = {
                r["s"]: r["n"]
                for r in session.run("MATCH (s:Structure)-[:HAS_POST]->(p:Post) RETURN s.id AS s, count(p) AS n")
            }
        assert counts == {sid: len(st.posts) for sid, st in data.structures.items()}
        assert sorted(counts.values()) == sorted(_expected(shared_data).values())
    finally:
        wipe(store)
        load_dataset(store, seed_dataset)  # the session's neo4j_backend reads the seed
        store.close()


@pytest.mark.parametrize("name", RETURNS)
def test_placeholders_in_real_returns_never_become_holders(shared_data, name):
    rows = _rows(shared_data / name)
    result = import_paths([shared_data / name, _junior(shared_data / name)], lenient=True, date=PartialDate(DATE))
    [sf] = result.files
    [st] = sf.structures
    real = {r["Name"].strip() for r in rows if _word(r["Name"]) not in ELIMINATED | VACANT | UNDISCLOSED}
    named = {h.name for p in st.posts for h in p.holders if h.name is not None}
    assert named <= real  # no holder is a placeholder, however quoted
    assert named == real - {lo.evidence.quote for lo in st.left_out}  # every real name is a holder (if kept)
    vacant = {r["Post Unique Reference"].strip() for r in rows if _word(r["Name"]) in VACANT}
    assert {p.key for p in st.posts if p.status == "vacant"} >= {k for k in vacant if st.post(k) is not None}
    assert all(not st.post(k).holders for k in vacant if st.post(k) is not None)
    eliminated = {r["Post Unique Reference"].strip() for r in rows if _word(r["Name"]) in ELIMINATED}
    assert result.counts.get("eliminated", 0) == sum(1 for r in rows if _word(r["Name"]) in ELIMINATED)
    kept_elsewhere = {r["Post Unique Reference"].strip() for r in rows if _word(r["Name"]) not in ELIMINATED}
    assert all(st.post(k) is None for k in eliminated - kept_elsewhere)


# -- the top post ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hocs_memory(shared_data) -> MemoryBackend:
    data = Dataset(import_paths([shared_data / HOCS], lenient=True, date=PartialDate(DATE)).files)
    return MemoryBackend(graph_from_dataset(data), data)


def _hocs_chief_executives(shared_data) -> dict[str, str]:
    """Reference -> Reports to Senior Post of the HOCS posts titled Chief Executive."""
    return {
        r["Post Unique Reference"].strip(): r["Reports to Senior Post"].strip()
        for r in _rows(shared_data / HOCS)
        if r["Job Title"].strip().lower().startswith("chief executive")
    }


def _tiers(backend, structure: str) -> dict[str, tuple]:
    return {r["post"]: (r["tier"], r["tier_from"]) for r in backend.run("span-of-control", {"structure": structure})}


def _check_hocs_tops(shared_data, backend):
    ces = _hocs_chief_executives(shared_data)
    # the file: 197658 "Chief Executive Defence Business Services" reports to 00106000; 110709 "Chief
    # Executive Service Personnel & Veterans Agency" reports to itself (a fault: its line is unknown)
    assert ces == {"197658": "00106000", "110709": "110709"}
    tops = [r for r in _rows(shared_data / HOCS) if r["Reports to Senior Post"].strip().upper() == "XX"]
    # two posts at the top ('XX'), neither titled Chief Executive: the file states no one top post, and the
    # title rule takes only a Chief Executive the file puts at the top, so no post is the top
    assert sorted((r["Post Unique Reference"], r["Job Title"]) for r in tops) == [
        ("155792", "Chief of the Defence Staff"),
        ("5654", "Permanent Undersecretary"),
    ]
    tiers = _tiers(backend, "ministry-of-defence-2013-09-30")
    assert tiers["197658"][0] is None  # reports to another post: never the top
    assert tiers["110709"][0] is None  # reports to itself: its line is unknown, not "to nobody"
    assert {t for t, _ in tiers.values()} == {None} and {f for _, f in tiers.values()} == {None}


def test_a_chief_executive_reporting_to_another_post_is_never_the_top(shared_data, hocs_memory):
    _check_hocs_tops(shared_data, hocs_memory)


@pytest.mark.neo4j
def test_a_chief_executive_reporting_to_another_post_is_never_the_top_on_neo4j(shared_data, hocs_memory, seed_dataset):
    store = neo4j_test_store()
    wipe(store)
    try:
        load_dataset(store, hocs_memory.dataset)
        neo = Neo4jBackend(store.driver, store.database)
        _check_hocs_tops(shared_data, neo)
        structure = "ministry-of-defence-2013-09-30"
        assert neo.run("span-of-control", {"structure": structure}) == hocs_memory.run(
            "span-of-control", {"structure": structure}
        )
    finally:
        wipe(store)
        load_dataset(store, seed_dataset)
        store.close()


def test_the_one_post_a_return_puts_at_the_top_is_tier_0(shared_data):
    """AHVLA, 31 March 2011: post 1 "Chief Executive" is the one row with Reports to 'XX'."""
    name = "organograms/animal_health_and_veterinary_laboratories_agency-2011-03-31-senior.csv"
    rows = _rows(shared_data / name)
    [top] = [r for r in rows if r["Reports to Senior Post"].strip().upper() == "XX"]
    data = Dataset(import_paths([shared_data / name, _junior(shared_data / name)]).files)
    tiers = _tiers(
        MemoryBackend(graph_from_dataset(data), data), "animal-health-and-veterinary-laboratories-agency-2011-03-31"
    )
    assert tiers[top["Post Unique Reference"]] == (0, f"stated most senior position ({top['Job Title']})")
    direct = {r["Post Unique Reference"] for r in rows if r["Reports to Senior Post"] == top["Post Unique Reference"]}
    assert {k for k, (t, _) in tiers.items() if t == 1} == direct
