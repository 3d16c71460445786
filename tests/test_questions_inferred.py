"""Inferred facts are shown as inferred in every answer row that rests on them (issue 10).

The expected markers ("reasoning [source]") are read straight from the seed YAML with a plain YAML
reader, not through the loader or a question, so a question that drops or garbles the marker fails.
Each runs on networkx and on Neo4j (the `backend` fixture).
"""

from __future__ import annotations

from typing import Any

import yaml

from remit.queries.scope import Scope

from .conftest import SEED


def seed_structure(council: str, structure: str) -> dict[str, Any]:
    doc = yaml.safe_load((SEED / f"{council}.yaml").read_text(encoding="utf-8"))
    return next(s for s in doc["structures"] if s["id"] == structure)


def marker(fact: dict[str, Any]) -> str:
    """What the seed says the marker of an inferred fact is: its reasoning and its source."""
    assert fact.get("inferred") is True, fact
    return f"{fact['reasoning']} [{fact['source']}]"


def entry(items: list[dict[str, Any]], **match: str) -> dict[str, Any]:
    return next(x for x in items if all(x.get(k) == v for k, v in match.items()))


def ask(backend, qid, structure, as_of=None, **params):
    return backend.run(qid, {"structure": structure, "as_of": as_of, **params})


def trust_line_to_dcs() -> str:
    """Sandwell, April 2018: the Children's Trust's accountability to the DCS is an inference (15.1, 3.21)."""
    trust = entry(seed_structure("sandwell", "sandwell-2018-04")["units"], key="sandwell-childrens-trust")
    return marker(entry(trust["accountable_to"], post="executive-director-childrens-services"))


def test_the_trust_reaches_the_dcs_only_by_an_inferred_line(backend):
    rows = {r["key"]: r for r in ask(backend, "dcs-accountability", "sandwell-2018-04")}
    trust = rows["sandwell-childrens-trust"]
    assert trust["reaches"] == ["accountability"]
    assert trust["inferred"] == [trust_line_to_dcs()]


def test_the_dcs_span_counts_the_trust_as_an_inferred_report(backend):
    rows = {r["post"]: r for r in ask(backend, "span-of-control", "sandwell-2018-04")}
    dcs = rows["executive-director-childrens-services"]
    assert dcs["accountable_from"] == ["unit:sandwell-childrens-trust"]
    assert dcs["inferred"] == [trust_line_to_dcs()]
    # The Chief Executive's row rests on stated facts only: nothing in it is inferred.
    assert rows["chief-executive"]["inferred"] == []


def test_stated_accountability_splits_carry_no_inference(backend):
    # Barnet 2015 protocols state the Family Services Director's accountability to the DCS in so many words.
    rows = ask(backend, "accountability-split", "barnet-2015-04")
    fam = next(r for r in rows if r["post"] == "director-family-services")
    assert fam["inferred"] == [] and fam["sources"] == ["barnet-gfc-2014-10-13"]
    dcs_rows = {r["key"]: r for r in ask(backend, "dcs-accountability", "barnet-2015-04")}
    assert dcs_rows["director-family-services"]["inferred"] == []


def test_a_combined_role_resting_on_an_inferred_designation_says_so(backend):
    # Harrow 2015: the People Director's only reason is that it line-manages the DASS, and the letter never
    # says which post is the DASS: that designation is inferred, so the row rests on the inference.
    dass_post = entry(seed_structure("harrow", "harrow-2015-after")["posts"], key="director-adult-social-services")
    dass = entry(dass_post["designations"], role="dass")
    rows = ask(backend, "combined-roles", "harrow-2015-after")
    assert [(r["post"], r["reasons"]) for r in rows] == [
        ("corporate-director-people", ["line-manages other statutory officers"])
    ]
    assert rows[0]["inferred"] == [marker(dass)]


def test_barnet_2014_delivery_is_inferred_from_the_2015_protocols(backend):
    # June 2014: what the delivery units deliver is inferred from the April 2015 protocols.
    units = seed_structure("barnet", "barnet-2014-06")["units"]
    family = entry(units, key="family-services")
    expected = sorted({marker(d) for d in family["delivers"]})
    rows = {r["key"]: r for r in ask(backend, "dcs-accountability", "barnet-2014-06")}
    assert rows["director-family-services"]["inferred"] == expected


def test_the_national_register_shows_harrow_s151_as_inferred(backend):
    # Harrow 2023: the s151 designation rests on the report's statutory officer clearance, an inference.
    cfo = entry(seed_structure("harrow", "harrow-2023")["posts"], key="chief-financial-officer")
    expected = [marker(entry(cfo["designations"], role="s151"))]
    rows = backend.run("statutory-register", Scope("2023-01-15").params())
    harrow = {r["role"]: r for r in rows if r["council"] == "harrow"}
    assert harrow["s151"]["post"] == "chief-financial-officer" and harrow["s151"]["inferred"] == expected
    # Every other Harrow designation in force then, its post and holders are stated in the documents.
    assert len(harrow) > 1 and all(r["inferred"] == [] for role, r in harrow.items() if role != "s151")
