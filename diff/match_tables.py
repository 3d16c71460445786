"""Matching posts imported from published tables across two yearly returns.

Why: an LGA chart has no post reference, and councils rename directorates and retitle posts
between returns; pairing by exact key would read every relabelling as posts deleted and created
(the Chief Executive among them). The rules run in order, each only over posts still unmatched,
and each pairs only when exactly one candidate exists on both sides.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from remit.queries.side import Side, placement_names

CLOSE_TITLE = 0.75  # difflib ratio of two lower-cased titles for "a close title"


def _norm(text: Any) -> str:
    return " ".join(str(text or "").lower().split())


def placement(side: Side, key: str) -> tuple[str, str]:
    directorate, service = placement_names(side, key)
    return _norm(directorate), _norm(service)


def _is_top(side: Side, key: str) -> bool:
    post = side.posts[key]
    return post.get("level") == 1 or (
        post.get("reference") is not None and side.manager(key)[0] is None and "top post" in (post.get("note") or "")
    )


def _unique_pairs(
    b_keys: list[str],
    a_keys: list[str],
    sig_b: Callable[[str], Any],
    sig_a: Callable[[str], Any],
) -> list[tuple[str, str]]:
    by_b: dict[Any, list[str]] = {}
    by_a: dict[Any, list[str]] = {}
    for k in b_keys:
        by_b.setdefault(sig_b(k), []).append(k)
    for k in a_keys:
        by_a.setdefault(sig_a(k), []).append(k)
    return [
        (ks[0], by_a[sig][0])
        for sig, ks in by_b.items()
        if sig is not None and len(ks) == 1 and len(by_a.get(sig, [])) == 1
    ]


def match_tables(b: Side, a: Side) -> dict[str, tuple[str, str]]:
    """before key -> (after key, how) for posts that came from table rows on both sides."""
    bk = [k for k, p in b.posts.items() if p.get("row") is not None]
    ak = [k for k, p in a.posts.items() if p.get("row") is not None]
    out: dict[str, tuple[str, str]] = {}

    def take(pairs: list[tuple[str, str]], how: Callable[[str, str], str]) -> None:
        for kb, ka in pairs:
            out[kb] = (ka, how(kb, ka))
            bk.remove(kb)
            ak.remove(ka)

    ref_b = [k for k in bk if b.posts[k].get("reference")]
    ref_a = [k for k in ak if a.posts[k].get("reference")]
    take(
        _unique_pairs(ref_b, ref_a, lambda k: b.posts[k]["reference"], lambda k: a.posts[k]["reference"]),
        lambda kb, ka: "reference",
    )
    place_b = {k: placement(b, k) for k in bk}
    place_a = {k: placement(a, k) for k in ak}
    take(
        _unique_pairs(
            bk,
            ak,
            lambda k: (_norm(b.posts[k].get("title")), *place_b[k]),
            lambda k: (_norm(a.posts[k].get("title")), *place_a[k]),
        ),
        lambda kb, ka: "title, directorate and service",
    )
    take(
        _unique_pairs(bk, ak, lambda k: _norm(b.posts[k].get("title")), lambda k: _norm(a.posts[k].get("title"))),
        lambda kb, ka: (
            "inferred: same title; directorate or service relabelled "
            f"('{' / '.join(filter(None, place_b[kb]))}' -> '{' / '.join(filter(None, place_a[ka]))}')"
        ),
    )
    tops_b, tops_a = [k for k in bk if _is_top(b, k)], [k for k in ak if _is_top(a, k)]
    if len(tops_b) == 1 and len(tops_a) == 1:
        take(
            [(tops_b[0], tops_a[0])],
            lambda kb, ka: (
                "inferred: the single top post of both structures "
                f"('{b.posts[kb].get('title')}' -> '{a.posts[ka].get('title')}')"
            ),
        )
    take(
        _close_titles(b, a, bk, ak, place_b, place_a),
        lambda kb, ka: (
            "inferred: close title in the same directorate "
            f"('{b.posts[kb].get('title')}' -> '{a.posts[ka].get('title')}', similarity "
            f"{_ratio(b.posts[kb].get('title'), a.posts[ka].get('title')):.2f})"
        ),
    )
    return out


def _ratio(x: Any, y: Any) -> float:
    return difflib.SequenceMatcher(None, _norm(x), _norm(y)).ratio()


def _close_titles(
    b: Side,
    a: Side,
    bk: list[str],
    ak: list[str],
    place_b: dict[str, tuple[str, str]],
    place_a: dict[str, tuple[str, str]],
) -> list[tuple[str, str]]:
    """Pairs whose titles are each other's single best close match within one directorate."""

    def best(key: str, side: Side, others: list[str], other_side: Side, mine: str, theirs: dict) -> str | None:
        scored = sorted(
            (
                (_ratio(side.posts[key].get("title"), other_side.posts[o].get("title")), o)
                for o in others
                if theirs[o][0] == mine and mine
            ),
            reverse=True,
        )
        if not scored or scored[0][0] < CLOSE_TITLE or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        return scored[0][1]

    pairs = []
    for kb in bk:
        ka = best(kb, b, ak, a, place_b[kb][0], place_a)
        if ka and best(ka, a, bk, b, place_a[ka][0], place_b) == kb:
            pairs.append((kb, ka))
    return pairs
