"""Values as people type them: a key, a name or a title, ignoring case and punctuation.

`--param post=chief-exec`, `--param function=children's social care` and `--council Barnet` all name
something the data knows by a key ("chief-executive", "childrens-social-care", "barnet"). A value is
matched, in order, to: a key exactly; any alias (key, name, title) once case and punctuation are
ignored; the one alias that starts with it; the one alias that contains it as whole words. No match,
or several, is an error that lists the closest known values (the CLI exits 2 with it).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from remit.loader.authorities import normalise_name


class NoMatch(ValueError):
    """A typed value that names nothing known, or several things; the message lists the closest."""


@dataclass(frozen=True)
class Candidate:
    key: str
    aliases: tuple[str, ...]  # the key itself, names, titles, codes

    def label(self) -> str:
        extra = next((a for a in self.aliases if normalise_name(a) != normalise_name(self.key)), None)
        return f"{self.key} ({extra})" if extra else self.key


def _norm(text: str) -> str:
    return normalise_name(text.replace("-", " ").replace("_", " "))


def _tiers(value: str) -> list[Callable[[str], bool]]:
    v = _norm(value)
    return [lambda a: a == v, lambda a: a.startswith(v), lambda a: f" {v} " in f" {a} "]


def match(value: str, candidates: Iterable[Candidate], what: str) -> str:
    """The key of the one candidate ``value`` names; NoMatch otherwise."""
    cands = list(candidates)
    exact = [c for c in cands if c.key == value]
    if exact:
        return exact[0].key
    if _norm(value):
        for test in _tiers(value):
            hits = sorted(
                {c.key: c for c in cands if any(test(_norm(a)) for a in c.aliases)}.values(), key=lambda c: c.key
            )
            if len(hits) == 1:
                return hits[0].key
            if hits:
                raise NoMatch(f"'{value}' could be more than one {what}: {', '.join(c.label() for c in hits)}")
    near = closest(value, cands)
    raise NoMatch(
        f"unknown {what} '{value}'"
        + (
            f" (closest: {', '.join(near)})"
            if near
            else f" (known: {', '.join(c.label() for c in cands[:10]) or 'none'})"
        )
    )


def closest(value: str, candidates: list[Candidate], n: int = 5) -> list[str]:
    by_alias = {_norm(a): c for c in candidates for a in c.aliases}
    hits = difflib.get_close_matches(_norm(value), list(by_alias), n=n * 2, cutoff=0.4)
    out: list[str] = []
    for h in hits:
        label = by_alias[h].label()
        if label not in out:
            out.append(label)
    return out[:n]
