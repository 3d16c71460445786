"""Generated councils for the benchmarks: structure files as a user would write them, at national scale.

Each council is its own YAML file with its own sources (ids carry the council), ~150 posts under a
Head of Paid Service in a line-management tree, DCS/DASS/LMCS/s151/MO designations (some interim
or acting, some dated), holders, accountability splits with escalations, a trust delivering
children's social care, and an assurance review: what the questions and rules traverse. Councils
take real register codes in turn, so --type / --region filters have something to select.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

FUNCTIONS = [
    ("childrens-social-care", "Children's social care"),
    ("education", "Education"),
    ("adult-social-care", "Adult social care"),
    ("housing", "Housing"),
    ("public-health", "Public health"),
]
CODES = ("BNE", "HRW", "SAW", "LCE", "BIR", "MAN", "KEN", "DEV", "CMD", "LDS")
UNITS = 6


def council_file(c: int, posts: int, rng: random.Random) -> dict[str, Any]:
    cid = f"gen{c:04d}"
    src = f"{cid}-report"

    def ev(**extra: Any) -> dict[str, Any]:
        return {**extra, "source": src, "quote": f"Senior structure of generated council {c}."}

    units = [
        {
            "key": "trust",
            "name": "Children's Trust",
            "kind": "trust",
            "delivers": [ev(function="childrens-social-care")],
            **ev(),
        }
    ]
    units += [{"key": f"u{u}", "name": f"Directorate {u}", "kind": "directorate", **ev()} for u in range(UNITS)]
    units[1]["delivers"] = [ev(function="education")]
    plist: list[dict[str, Any]] = [
        {
            "key": "p0",
            "title": "Chief Executive",
            "designations": [ev(role="hops", basis="permanent")],
            "holders": [ev(name=f"Chief {c}", basis="permanent", **{"from": "2019-01-01"})],
            **ev(),
        }
    ]
    for p in range(1, posts):
        director = p <= UNITS
        post: dict[str, Any] = {
            "key": f"p{p}",
            "title": f"{'Director' if director else 'Head of Service'} {p}",
            "line_manager": ev(post="p0" if director else f"p{rng.randrange(1, min(p, 40))}"),
            "unit": ev(unit=f"u{p % UNITS}"),
            "pay": ev(grade=f"G{p % 7}", salary=60000 + 500 * p, fte=1),
            **ev(),
        }
        if rng.random() < 0.6:
            post["holders"] = [ev(name=f"Person {c}-{p}", basis=rng.choice(["permanent", "permanent", "interim"]))]
        if director:
            post["heads"] = ev(unit=f"u{p - 1}")
        plist.append(post)
    dcs, dass = plist[1], plist[rng.choice([1, 2])]
    dcs.setdefault("designations", []).append(
        ev(role="dcs", basis=rng.choice(["permanent", "interim", "acting"]), **{"from": "2020-04"})
    )
    dcs["responsible_for"] = [ev(function="childrens-social-care"), ev(function="education")]
    if rng.random() < 0.3:
        dcs["responsible_for"].append(ev(function="adult-social-care"))
    dass.setdefault("designations", []).append(ev(role="dass", basis=rng.choice(["permanent", "interim"])))
    plist[3].setdefault("designations", []).append(ev(role="s151"))
    plist[4].setdefault("designations", []).append(ev(role="mo"))
    plist[-1]["designations"] = [ev(role="lmcs")]
    plist[-1]["kind"] = "member"
    plist[-1].pop("line_manager")
    units[0]["accountable_to"] = [ev(post="p1")]
    for x in rng.sample(plist[UNITS + 1 : -1], k=3):
        x["accountable_to"] = [ev(post="p1", mechanisms=["quarterly report"])]
        x["escalations"] = [ev(to="p1", trigger="safeguarding concern")]
    structure = {
        "id": f"{cid}-2021",
        "label": "Senior structure 2021",
        "effective": "2021-04-01",
        "status": "existing",
        **ev(),
        "units": units,
        "posts": plist,
        "assurance_reviews": [ev(id="assurance", status="completed", assesses=["p1"], date="2021-03")]
        if dcs is dass
        else [],
    }
    return {
        "format": "remit/1",
        "council": {"id": cid, "code": CODES[c % len(CODES)], "name": f"Generated Council {c}", "kind": "unitary"},
        "sources": [
            {
                "id": src,
                "title": f"Generated council {c}: senior structure report",
                "date": "2021-03-01",
                "file": f"{src}.txt",
            }
        ],
        "functions": [{"key": k, "name": n} for k, n in FUNCTIONS],
        "structures": [structure],
    }


def write_councils(folder: Path, councils: int, posts: int, seed: int = 13) -> list[Path]:
    """Write one YAML file per council into `folder` (reused when already there with the same shape)."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / f".generated-{councils}x{posts}-{seed}"
    paths = [folder / f"gen{c:04d}.yaml" for c in range(councils)]
    if marker.exists():
        return paths
    for old in folder.glob("*.yaml"):
        old.unlink()
    rng = random.Random(seed)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for c, path in enumerate(paths):
        path.write_text(yaml.dump(council_file(c, posts, rng), Dumper=dumper, sort_keys=False), encoding="utf-8")
    marker.touch()
    return paths
