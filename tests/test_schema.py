"""The graph's shape, written once: uids that no key can forge, and encoders that keep 'none'."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from remit.loader.schema import (
    KIND_LABEL,
    STATED_COUNT_FIELDS,
    decode_records,
    encode_records,
    label_of_uid,
    last_part,
    parse_uid,
    person_uid,
    post_uid,
    source_uid,
    uid,
    unit_uid,
)


def test_keys_with_the_separator_cannot_collide():
    """The issue's probe: structure `a` key `b:c` against structure `a:b` key `c`."""
    assert post_uid("a", "b:c") != post_uid("a:b", "c")
    assert unit_uid("a", "b:c") != unit_uid("a:b", "c")
    assert parse_uid(post_uid("a", "b:c")) == ("post", ("a", "b:c"))


@settings(max_examples=300, derandomize=True, database=None)
@given(
    kind=st.sampled_from(sorted(KIND_LABEL)),
    a=st.lists(st.text(max_size=12), min_size=1, max_size=3),
    b=st.lists(st.text(max_size=12), min_size=1, max_size=3),
)
def test_uids_are_injective_and_parse_back(kind, a, b):
    assert parse_uid(uid(kind, *a)) == (kind, tuple(a))
    assert label_of_uid(uid(kind, *a)) == KIND_LABEL[kind]
    assert last_part(uid(kind, *a)) == a[-1]
    if a != b:
        assert uid(kind, *a) != uid(kind, *b)


def test_source_ids_are_scoped_per_council():
    assert source_uid("barnet", "doc") != source_uid("harrow", "doc")


def test_people_are_not_reduced_to_a_slug():
    names = ["—", "?", "…", "1", "Ann Lee", "Ann-Lee", "Ann Lée"]
    assert len({person_uid("c", n) for n in names}) == len(names)
    # spacing and case are not identity: the same person written twice
    assert person_uid("c", "Ann  Lee") == person_uid("c", "ann lee")
    assert person_uid("c", "Ann Lee") != person_uid("d", "Ann Lee")


def test_stated_counts_keep_none_apart_from_every_number():
    rows = [
        {"what": "directors", "title_contains": "Director", "before": None, "after": 3, "source": "s", "quote": "q"},
        {"what": "heads", "title_contains": "Head", "before": -1, "after": None, "source": "s", "quote": "q"},
    ]
    text = encode_records(rows, STATED_COUNT_FIELDS)
    assert isinstance(text, str)
    assert decode_records(text, STATED_COUNT_FIELDS) == rows
    assert encode_records([], STATED_COUNT_FIELDS) is None and decode_records(None, STATED_COUNT_FIELDS) == []


@settings(max_examples=300, derandomize=True, database=None)
@given(
    parts=st.lists(
        st.one_of(
            st.text(alphabet=st.sampled_from("aZ09_.~- @:%/\u00e9\u2019"), max_size=10),
            st.text(max_size=10),
            st.integers(0, 99),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_uid_parts_are_exactly_percent_encoded(parts):
    """The fast paths for plain ids and spaced names give what urllib's quote gives (uids stored by
    older versions of Remit, and Neo4j's, must keep matching)."""
    from urllib.parse import quote

    assert uid("person", *parts) == ":".join(["person", *(quote(str(p), safe="") for p in parts)])
