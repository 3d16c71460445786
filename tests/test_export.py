"""Export round trips: CSV export then import gives the same posts, lines and designations; the
JSON-LD and Turtle exports parse back with rdflib to the same posts, lines and designations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import ORG, RDF, SKOS

from remit.cli.main import main
from remit.formats import export, import_file
from remit.formats.linked_data import REMIT, node
from remit.queries.backend import MemoryBackend

FIX = Path(__file__).parent / "fixtures" / "import"
LGA_2024 = FIX / "lga" / "kirklees-2024-04-01.csv"
ORGANOGRAM = FIX / "organogram" / "example-2020-03-31-senior.csv"


def facts(sf) -> tuple[set, set, set]:
    """(posts, lines, designations) of an imported structure, by title so keys may differ."""
    st = sf.structures[0]
    title = {p.key: p.title for p in st.posts}
    posts = {(p.title, p.reference) for p in st.posts}
    lines = {(p.title, title[p.line_manager.post]) for p in st.posts if p.line_manager}
    roles = {(p.title, d.role, d.evidence.inferred) for p in st.posts for d in p.designations}
    return posts, lines, roles


def test_lga_round_trip(tmp_path):
    original = import_file(LGA_2024, "a").file
    backend = MemoryBackend.from_paths([LGA_2024])
    out = tmp_path / "kirklees-export.csv"
    out.write_text(export(backend, "kirklees-2024-04-01", "lga").main)
    again = import_file(out, "b")
    assert again.problems == []
    assert again.file.council.code == "KIR"  # matched again, by the exported OrganisationURI
    assert facts(again.file) == facts(original)
    assert len(facts(original)[1]) == 13 and len(facts(original)[2]) == 6


def test_organogram_round_trip_with_juniors(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("example-2020-03-31-senior.csv", "example-2020-03-31-junior.csv"):
        shutil.copy(FIX / "organogram" / name, src / name)
    original = import_file(src / ORGANOGRAM.name, "a")
    backend = MemoryBackend.from_paths([src / ORGANOGRAM.name])
    assert (
        main(
            [
                "export",
                "example-agency-2020-03-31",
                "--data",
                str(src / ORGANOGRAM.name),
                "--format",
                "organogram",
                "--out",
                str(tmp_path / "back-2020-03-31-senior.csv"),
            ]
        )
        == 0
    )
    again = import_file(tmp_path / "back-2020-03-31-senior.csv", "b")
    assert again.problems == []
    assert facts(again.file) == facts(original.file)
    groups = lambda sf: sorted(
        (p.key, g.grade, g.fte, g.salary_min, g.salary_max) for p in sf.structures[0].posts for g in p.grade_groups
    )
    assert groups(again.file) == groups(original.file) and len(groups(original.file)) == 3
    share = again.file.structures[0].post("DD1")
    assert sorted(h.name for h in share.holders) == ["Kim Share", "Sam Share"]
    assert backend is not None


@pytest.mark.parametrize("fmt,parser", [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_linked_data_parses_back(fmt, parser):
    original = import_file(LGA_2024, "a").file
    backend = MemoryBackend.from_paths([LGA_2024])
    g = Graph().parse(data=export(backend, "kirklees-2024-04-01", fmt).main, format=parser)
    sid = "kirklees-2024-04-01"
    posts = {str(g.value(p, SKOS.prefLabel)) for p in g.subjects(RDF.type, ORG.Post)}
    assert posts == {p.title for p in original.structures[0].posts}
    lines = {
        (str(g.value(s, REMIT.key)), str(g.value(o, REMIT.key))) for s, o in g.subject_objects(REMIT.lineManagedBy)
    }
    assert lines == {(p.key, p.line_manager.post) for p in original.structures[0].posts if p.line_manager}
    roles = {(str(g.value(s, REMIT.key)), str(g.value(o, SKOS.notation))) for s, o in g.subject_objects(ORG.role)}
    assert roles == {(p.key, d.role) for p in original.structures[0].posts for d in p.designations}
    assert (REMIT.lineManagedBy, None, None) in g and set(g.objects(REMIT.lineManagedBy, None)) >= {ORG.reportsTo}
    # provenance: the inferred line of the DCS keeps its rule and row
    dcs = node(f"post:{sid}:strategic-director-for-children-s-services-director-of-children-s-services")
    [st] = [s for s in g.subjects(RDF.subject, dcs) if g.value(s, RDF.predicate) == REMIT.lineManagedBy]
    assert g.value(st, REMIT.inferred) == Literal(True) and g.value(st, REMIT.row) == Literal(3)
    assert str(g.value(st, REMIT.rule)) == "Level 2 post reports to the only Level 1 post"


def test_export_unknown_structure_exit_2(capsys):
    assert main(["export", "nope", "--data", str(LGA_2024), "--format", "lga"]) == 2
    assert "nope" in capsys.readouterr().err


def test_linked_data_change_event_between_two_returns(tmp_path):
    assert main(["import", str(FIX / "lga"), "--out", str(tmp_path)]) == 0  # the import chains the two returns
    backend = MemoryBackend.from_paths([tmp_path])
    g = Graph().parse(data=export(backend, "kirklees-2025-04-01", "turtle").main, format="turtle")
    [event] = list(g.subjects(RDF.type, ORG.ChangeEvent))
    assert g.value(event, ORG.originalOrganization) == node("structure:kirklees-2024-04-01")
    assert g.value(event, ORG.resultingOrganization) == node("structure:kirklees-2025-04-01")


def test_a_hand_written_structure_exports_as_an_organogram_return(tmp_path, seed_dataset):
    """A seed structure (Barnet, April 2015) as a return: re-imported, its stated lines come back."""
    seed = seed_dataset.structures["barnet-2015-04"]
    out = tmp_path / "barnet-2015-04-30-senior.csv"
    assert main(["export", "barnet-2015-04", "--format", "organogram", "--out", str(out)]) == 0
    again = import_file(out, "b")
    assert again.problems == []
    st = again.file.structures[0]
    assert again.file.council.code == "BNE" and st.id == "barnet-2015-04-30"
    assert {p.key: p.line_manager.post for p in st.posts if p.line_manager} == {
        p.key: p.line_manager.post for p in seed.posts if p.line_manager
    }


def test_linked_data_sources_are_scoped_by_council(tmp_path):
    """Two councils' files may both call their document "doc": in linked data they are two sources."""
    from rdflib.namespace import PROV

    from remit.loader.schema import source_uid

    for council in ("north", "south"):
        (tmp_path / f"{council}.yaml").write_text(
            f"""format: remit/1
council: {{id: {council}, name: {council.title()} Council, kind: unitary}}
sources: [{{id: doc, title: Senior structure, date: "2024-01-01", file: {council}.pdf}}]
structures:
  - id: {council}-2024
    label: 2024
    effective: "2024-01-01"
    status: existing
    source: doc
    quote: The senior structure.
    posts:
      - {{key: ceo, title: Chief Executive, source: doc, quote: Chief Executive}}
      - {{key: dcs, title: Director of Children's Services, source: doc, quote: Director,
         line_manager: {{post: ceo, source: doc, quote: reports to the Chief Executive}}}}
""",
            encoding="utf-8",
        )
    backend = MemoryBackend.from_paths([tmp_path])
    g = Graph()
    for council in ("north", "south"):
        g.parse(data=export(backend, f"{council}-2024", "turtle").main, format="turtle")
    cited = {
        council: {o for o in g.objects(None, PROV.wasDerivedFrom) if f"/{council}/" in str(o)}
        for council in ("north", "south")
    }
    assert cited == {c: {node(source_uid(c, "doc"))} for c in ("north", "south")}
    assert set(g.objects(None, PROV.wasDerivedFrom)) == cited["north"] | cited["south"]
    assert g.value(node(source_uid("north", "doc")), SKOS.notation) == Literal("doc")
