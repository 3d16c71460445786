"""The UK local authority register: which council a structure is about, and what kind of council it is.

Why: the statutory roles a council must have follow from its kind (only councils with education and
social services functions appoint a Director of Children's Services, a Lead Member for Children's
Services and a Director of Adult Social Services), so a rule about those roles is "not applicable"
elsewhere. Structure files name their council by the register's stable three-letter
``local-authority-code``; importers (CSV organisation charts) find it by name, GSS code or the
``OrganisationURI`` column of the LGA organisation-structure schema.

Data: ``loader/data/uk_local_authorities.csv``, a column subset of mySociety's "UK Local Authorities
(past and current)" register (dataset uk_la_past_current 1.6.1, CC BY 4.0) -- see
``loader/data/README.md`` for the attribution and the exact source.

Stable API (other modules and importers rely on it; extend, do not change):

- ``Authority`` -- frozen dataclass: ``code`` (local-authority-code, e.g. ``"BNE"``), ``name``
  (official name, "London Borough of Barnet"), ``short_name`` (the register's nice-name, "Barnet"),
  ``gss`` ("E09000003"), ``kind`` (register type code: ``LBO`` London borough, ``MD`` metropolitan
  district, ``UA`` unitary, ``CTY`` county, ``CC`` City of London Corporation, ``NMD``
  non-metropolitan district, ``WPA`` Welsh unitary, ``SCO`` Scottish unitary, ``NID`` Northern Ireland
  district, ``COMB`` combined authority, ``SRA`` Greater London Authority), ``kind_name`` ("London
  borough"), ``region``, ``nation``, ``start_date``/``end_date`` (ISO text or ``""``),
  ``replaced_by``, ``former_gss`` (tuple), ``alt_names`` (tuple), ``slug`` (gov.uk slug), ``current``
  (bool), and the property ``has_childrens_and_adults_duties``.
- ``by_code(code)`` -- case-insensitive local-authority-code, ``None`` when unknown.
- ``by_gss(gss)`` -- current or former GSS code, ``None`` when unknown.
- ``by_name(name)`` -- official name, nice name or any alt name ignoring case and punctuation, then
  the same with generic words dropped ("London Borough of Barnet" ~ "Barnet" ~ "barnet council");
  ``None`` when nothing or more than one authority matches (``find_by_name`` returns all matches).
- ``by_uri(uri)`` -- an ``OrganisationURI`` as councils publish it: a URI containing a GSS code
  (``http://statistics.data.gov.uk/id/statistical-geography/E09000003``), a register code
  (``local-authority-eng:BNE`` or ``.../local-authority/BNE``) or ending in a name slug
  (``http://opendatacommunities.org/id/london-borough-council/barnet``); ``None`` otherwise.
- ``lookup(text)`` -- any of the above, tried in the order code, GSS, URI, name.
- ``closest(text, n=5)`` -- the nearest authority names, for "did you mean" messages.
- ``has_childrens_and_adults_duties(kind)`` -- True for ``CTY``, ``UA``, ``MD``, ``LBO``, ``CC``.
- ``all_authorities()`` -- every row, in register order.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "Authority",
    "CHILDRENS_AND_ADULTS_KINDS",
    "KIND_NAMES",
    "all_authorities",
    "by_code",
    "by_gss",
    "by_name",
    "by_uri",
    "closest",
    "find_by_name",
    "has_childrens_and_adults_duties",
    "lookup",
    "normalise_name",
]

# English councils with education and social services functions: the Children Act 2004 s.18/s.19 (DCS,
# LMCS) and the Local Authority Social Services Act 1970 s.6 (DASS) apply to them. Welsh and Scottish
# unitaries have their own statutory officers under their own law, so the English DfE/DH guidance
# rules are "not applicable" to them as well as to districts.
CHILDRENS_AND_ADULTS_KINDS: frozenset[str] = frozenset({"CTY", "UA", "MD", "LBO", "CC"})

KIND_NAMES: dict[str, str] = {
    "CTY": "County",
    "UA": "Unitary authority",
    "MD": "Metropolitan district",
    "LBO": "London borough",
    "CC": "City corporation",
    "NMD": "Non-metropolitan district",
    "WPA": "Welsh unitary authority",
    "SCO": "Scottish unitary authority",
    "NID": "NI district",
    "COMB": "Combined authority",
    "SRA": "Strategic Regional Authority",
}

# Words that say what kind of body a council is rather than which one: dropped for the second,
# looser name match ("London Borough of Barnet" -> "barnet").
_GENERIC_WORDS = frozenset(
    {
        "the",
        "london",
        "borough",
        "of",
        "council",
        "city",
        "metropolitan",
        "county",
        "district",
        "corporation",
        "royal",
        "authority",
        "mbc",
        "lbc",
        "lb",
        "cc",
        "dc",
        "bc",
        "ua",
    }
)
_GSS = re.compile(r"\b([ENSWK]\d{8})\b", re.IGNORECASE)
_CODE_IN_URI = re.compile(r"(?:local-authority(?:-[a-z]{3})?[:/])([A-Za-z]{3,4})$")


@dataclass(frozen=True)
class Authority:
    """One council in the register: identity, kind and place."""

    code: str
    name: str
    short_name: str
    gss: str
    kind: str
    kind_name: str
    region: str
    nation: str
    start_date: str = ""
    end_date: str = ""
    replaced_by: str = ""
    former_gss: tuple[str, ...] = ()
    alt_names: tuple[str, ...] = ()
    slug: str = ""
    current: bool = True

    @property
    def has_childrens_and_adults_duties(self) -> bool:
        """Whether this council appoints a DCS, an LMCS and a DASS (see the module function)."""
        return has_childrens_and_adults_duties(self.kind)


def has_childrens_and_adults_duties(kind: str) -> bool:
    """True for the kinds of council that have education and social services functions.

    Counties, unitaries, metropolitan districts, London boroughs and the City of London: only these
    appoint a Director of Children's Services, a Lead Member for Children's Services and a Director
    of Adult Social Services, so the rules about those roles are "n/a" for any other kind.
    """
    return kind.strip().upper() in CHILDRENS_AND_ADULTS_KINDS


def normalise_name(text: str) -> str:
    """Lower case, '&' as 'and', apostrophes dropped, any other punctuation as one space."""
    text = text.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _loose(key: str) -> str:
    return " ".join(w for w in key.split() if w not in _GENERIC_WORDS)


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip()) if text else ()


@lru_cache(maxsize=1)
def all_authorities() -> tuple[Authority, ...]:
    """Every authority of the shipped register, in its order (read once, then cached)."""
    data = resources.files(__package__).joinpath("data", "uk_local_authorities.csv")
    with io.TextIOWrapper(data.open("rb"), encoding="utf-8", newline="") as f:  # csv wants newline=""
        return tuple(
            Authority(
                code=r["local-authority-code"],
                name=r["official-name"],
                short_name=r["nice-name"],
                gss=r["gss-code"],
                kind=r["local-authority-type"],
                kind_name=r["local-authority-type-name"],
                region=r["region"],
                nation=r["nation"],
                start_date=r["start-date"],
                end_date=r["end-date"],
                replaced_by=r["replaced-by"],
                former_gss=_split(r["former-gss-codes"]),
                alt_names=_split(r["alt-names"]),
                slug=r["gov-uk-slug"],
                current=r["current-authority"].strip().lower() == "true",
            )
            for r in csv.DictReader(f)
        )


@dataclass(frozen=True)
class _Index:
    code: dict[str, Authority]
    gss: dict[str, Authority]
    exact: dict[str, tuple[Authority, ...]]
    loose: dict[str, tuple[Authority, ...]]
    slug: dict[str, Authority]


def _add(index: dict[str, list[Authority]], key: str, a: Authority) -> None:
    if key and a not in index.setdefault(key, []):
        index[key].append(a)


@lru_cache(maxsize=1)
def _index() -> _Index:
    exact: dict[str, list[Authority]] = {}
    loose: dict[str, list[Authority]] = {}
    codes: dict[str, Authority] = {}
    gss: dict[str, Authority] = {}
    slugs: dict[str, Authority] = {}
    for a in all_authorities():
        codes[a.code.upper()] = a
        for g in (a.gss, *a.former_gss):
            if g:
                gss.setdefault(g.upper(), a)
        if a.slug:
            slugs[a.slug] = a
        for n in (a.name, a.short_name, *a.alt_names):
            key = normalise_name(n)
            _add(exact, key, a)
            _add(loose, _loose(key), a)
    return _Index(codes, gss, {k: tuple(v) for k, v in exact.items()}, {k: tuple(v) for k, v in loose.items()}, slugs)


def by_code(code: str) -> Authority | None:
    """The authority with this local-authority-code (any case), or None."""
    return _index().code.get(code.strip().upper())


def by_gss(gss: str) -> Authority | None:
    """The authority with this current or former GSS code (e.g. E09000003), or None."""
    return _index().gss.get(gss.strip().upper())


def find_by_name(name: str) -> tuple[Authority, ...]:
    """Every authority the name matches: exact names first, then with generic words dropped."""
    key = normalise_name(name)
    if not key:
        return ()
    found = _index().exact.get(key)
    if found:
        return found
    loose = _loose(key)
    return _index().loose.get(loose, ()) if loose else ()


def by_name(name: str) -> Authority | None:
    """The one authority this name means, or None when it means none or several."""
    found = find_by_name(name)
    return found[0] if len(found) == 1 else None


def by_uri(uri: str) -> Authority | None:
    """The authority an OrganisationURI identifies: by GSS code, register code or name slug."""
    text = uri.strip().rstrip("/")
    if not text:
        return None
    m = _GSS.search(text)
    if m and by_gss(m.group(1)):
        return by_gss(m.group(1))
    m = _CODE_IN_URI.search(text)
    if m and by_code(m.group(1)):
        return by_code(m.group(1))
    last = re.split(r"[/#:]", text)[-1]
    return _index().slug.get(last.lower()) or by_name(last.replace("-", " "))


def lookup(text: str) -> Authority | None:
    """Whatever the user typed: a code, a GSS code, an OrganisationURI or a name."""
    text = text.strip()
    if not text:
        return None
    if len(text) <= 4 and by_code(text):
        return by_code(text)
    if _GSS.fullmatch(text):
        return by_gss(text)
    if "/" in text or ":" in text:
        return by_uri(text)
    return by_name(text)


def closest(text: str, n: int = 5) -> list[str]:
    """The n register names nearest to text (for an error that lists what the user may have meant)."""
    names = {normalise_name(a.short_name): a.short_name for a in all_authorities()}
    hits = difflib.get_close_matches(normalise_name(text), list(names), n=n, cutoff=0.5)
    return [names[h] for h in hits]
