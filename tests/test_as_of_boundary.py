"""A structure is in force from its effective date itself: `--as-of` that very day picks it, the day
before does not. Held for one structure (`--council C --as-of D`) and for every council (`--all`),
on both stores.

Dates from the documents (/work/shared/seeds):
- Barnet, 001: "the implementation date for this restructure is the 1st April 2015" (barnet-2015-04,
  proposed; the structure before it, barnet-2014-06, is the June 2014 one).
- Sandwell, 002: the paper of 16 January 2018, "The DCS role is currently filled on an interim basis"
  (sandwell-2018-01, effective 2018-01-16, the first Sandwell structure the documents give).
- Harrow, 000: the minutes "of the meeting held on 8 December 2022" (harrow-2023, effective 2022-12-08;
  before it, harrow-2015-before of the 5 June 2015 letter).
"""

from __future__ import annotations

import pytest

from remit.queries.scope import Scope, structures
from remit.queries.structures import UsageError, resolve_structure


@pytest.mark.parametrize(
    "council,day,day_before,structure,before",
    [
        ("sandwell", "2018-01-16", "2018-01-15", "sandwell-2018-01", None),
        ("harrow", "2022-12-08", "2022-12-07", "harrow-2023", "harrow-2015-before"),
    ],
)
def test_effective_on_the_day_itself(backend, council, day, day_before, structure, before):
    assert resolve_structure(backend, council=council, as_of=day).structure == structure
    by_council = {r["council"]: r["structure"] for r in structures(backend, Scope(day))}
    assert by_council[council] == structure
    in_force = backend.run("structures-in-force", Scope(day).params())  # the question behind --all
    assert {r["council"]: r["structure"] for r in in_force} == by_council
    day_earlier = {r["council"]: r["structure"] for r in structures(backend, Scope(day_before))}
    assert day_earlier.get(council) == before
    if before is None:
        with pytest.raises(UsageError, match="no existing or approved structure"):
            resolve_structure(backend, council=council, as_of=day_before)
    else:
        assert resolve_structure(backend, council=council, as_of=day_before).structure == before


def test_a_proposed_structure_on_its_implementation_date(backend):
    """With --include-proposed, the proposal is used from the implementation date on, not the day before."""
    on = resolve_structure(backend, council="barnet", as_of="2015-04-01", include_proposed=True)
    assert (on.structure, on.status) == ("barnet-2015-04", "proposed")
    before = resolve_structure(backend, council="barnet", as_of="2015-03-31", include_proposed=True)
    assert before.structure == "barnet-2014-06"
    # Without it, the existing structure answers and a note says the proposal's date has passed.
    plain = resolve_structure(backend, council="barnet", as_of="2015-04-01")
    assert plain.structure == "barnet-2014-06" and any("barnet-2015-04" in n for n in plain.notes)
