"""The seed: valid, every fact cited and found in its document, and shaped as the documents say."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from remit.cli.main import main
from remit.loader.documents import normalise, quote_found
from remit.loader.memory import counts_by_structure, graph_from_dataset

from .conftest import SEED

SEED_FILES = sorted(SEED.glob("*.yaml"))
# Mappings under `structures` that are containers or values, not facts.
NOT_FACTS = {"salary"}


def facts(node, key=None):
    """Every mapping below `structures` that states something (i.e. everything but a salary range)."""
    if isinstance(node, dict):
        if key not in NOT_FACTS:
            yield node
        for k, v in node.items():
            yield from facts(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from facts(v, key)


def test_validate_seed_exits_zero(capsys):
    assert main(["validate", str(SEED)]) == 0
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_every_fact_has_source_and_quote_found_in_its_document(path, documents):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    files = {s["id"]: s["file"] for s in data["sources"]}
    docs = {sid: normalise((documents / f).read_text(encoding="utf-8")) for sid, f in files.items()}
    checked = 0
    for fact in facts(data["structures"]):
        assert fact.get("source") in docs, f"{path.name}: fact without a known source: {fact}"
        assert isinstance(fact.get("quote"), str) and fact["quote"].strip(), f"{path.name}: fact without quote: {fact}"
        assert quote_found(fact["quote"], docs[fact["source"]]), (
            f"{path.name}: quote not in document: {fact['quote']!r}"
        )
        checked += 1
    assert checked > 10


def test_seed_covers_all_five_documents(documents):
    cited = set()
    for path in SEED_FILES:
        cited |= {s["file"] for s in yaml.safe_load(path.read_text())["sources"]}
    assert cited == {p.name for p in documents.glob("*.txt")}


# Post counts a reader gets from the documents themselves.
POSTS_FROM_DOCUMENTS = {
    # Appendix C1 "Current financial position of existing roles": 19 rows (FTE total 19).
    "barnet-2014-06": 19,
    # Appendix C2: 16 rows with figures + the Joint Director of Public Health, plus the Lead
    # Member for Children's Services that the DCS protocol names.
    "barnet-2015-04": 18,
}


def test_structure_posts_as_documents_list(seed_dataset):
    structures = seed_dataset.structures
    for sid, n in POSTS_FROM_DOCUMENTS.items():
        assert len(structures[sid].posts) == n, sid
    barnet_2015 = structures["barnet-2015-04"]
    officers = [p for p in barnet_2015.posts if p.kind == "officer"]
    assert len(officers) == 17  # 19 - 7 deleted + 5 created (section 6.8)
    assert {p.key for p in barnet_2015.posts if p.kind == "member"} == {"lead-member-childrens-services"}


def test_graph_counts_per_structure_follow_the_model(seed_dataset):
    """Node and relationship counts per structure, derived independently from the parsed files."""
    counts = counts_by_structure(graph_from_dataset(seed_dataset))
    assert set(counts) == set(seed_dataset.structures)
    for sid, st in seed_dataset.structures.items():
        nodes, rels = counts[sid]["nodes"], counts[sid]["relationships"]
        assert nodes["Structure"] == 1
        assert nodes["Post"] == rels["HAS_POST"] == len(st.posts)
        assert nodes["Unit"] == len(st.units)
        assert nodes["AssuranceReview"] == len(st.reviews)
        assert rels["LINE_MANAGED_BY"] == sum(1 for p in st.posts if p.line_manager)
        assert rels["ACCOUNTABLE_TO"] == sum(len(p.accountable_to) for p in st.posts) + sum(
            len(u.accountable_to) for u in st.units
        )
        assert rels["ESCALATION_LINE"] == sum(len(p.escalations) for p in st.posts)
        assert rels["DESIGNATED"] == sum(len(p.designations) for p in st.posts)
        assert rels["HOLDS"] == sum(len(p.holders) for p in st.posts)
        assert rels["DELIVERS"] == sum(len(u.delivers) for u in st.units)
        assert rels["SUPERSEDES"] == (1 if st.supersedes else 0)


def test_barnet_2015_lines_as_the_protocols_say(seed_dataset):
    st = seed_dataset.structures["barnet-2015-04"]
    # "The Family Services Director and Education and Skills Director are formally line managed by
    # the Chief Executive of the Council, but are accountable to the DCS."
    for key in ("director-family-services", "director-education-skills"):
        post = st.post(key)
        assert post.line_manager.post == "chief-executive"
        assert [a.post for a in post.accountable_to] == ["commissioning-director-children-young-people"]
        assert [e.post for e in post.escalations] == ["commissioning-director-children-young-people"]
    adults = st.post("director-adults-communities")
    assert adults.line_manager.post == "chief-executive"
    assert [a.post for a in adults.accountable_to] == ["commissioning-director-adults-health"]
    # "Reporting to the Strategic Director for Commissioning are four new roles of Commissioning Directors"
    reports = Counter(p.line_manager.post for p in st.posts if p.line_manager)
    assert reports["strategic-director-commissioning"] == 4


def test_designations_as_documents_say(seed_dataset):
    def holders(sid, role):
        return sorted(p.key for p in seed_dataset.structures[sid].posts if any(d.role == role for d in p.designations))

    assert holders("barnet-2015-04", "dcs") == ["commissioning-director-children-young-people"]
    assert holders("barnet-2015-04", "dass") == ["commissioning-director-adults-health"]
    assert holders("barnet-2014-06", "dass") == ["director-adults-communities"]
    assert holders("barnet-2014-06", "dcs") == []  # the report does not say where DCS sat in June 2014
    assert (
        holders("leicester-2018-06-after", "dcs")
        == holders("leicester-2018-06-after", "dass")
        == ["strategic-director-social-care-education"]
    )
    assert holders("harrow-2015-after", "dcs") == ["corporate-director-people"]
    assert holders("harrow-2023", "dcs") == ["director-childrens-services"]
    assert holders("harrow-2023", "dass") == ["corporate-director-people", "director-adult-social-services"]
    assert holders("sandwell-2018-01", "hops") == ["chief-executive"]
    harrow = seed_dataset.structures["harrow-2023"]
    dass = {p.key: d for p in harrow.posts for d in p.designations if d.role == "dass"}
    assert (str(dass["director-adult-social-services"].end), dass["director-adult-social-services"].basis) == (
        "2022-12-31",
        "acting",
    )
    assert (str(dass["corporate-director-people"].start), dass["corporate-director-people"].basis) == (
        "2023-01-01",
        "interim",
    )
