"""Organogram returns of the archive's kind, generated: for `remit import DIR` at the scale of the
data.gov.uk archive (about 600 returns, each a senior file and a junior file).

Sizes follow the archive (datagovuk/organograms, 590 senior and 597 junior files): a senior file
has 49 rows on average (median 8, up to 700), a junior file 400 (median 88, up to 12,700), so most
returns are small and a few large. The rows carry what real returns carry: N/D and Eliminated in
their quoting variants, Vacant, padded "Reports to" references in some files, a leading index
column in some, a cell over two lines now and then, "£" and thousands commas. Seeded: the same
call writes the same bytes.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from remit.formats.organogram import JUNIOR_COLUMNS, SENIOR_COLUMNS

# The format's own columns (formats/organogram.py), with the grade heading as many archive returns
# spell it, so the reader's alias is exercised too.
SENIOR = [("Grade (or equivalent)" if c == "Grade" else c) for c in SENIOR_COLUMNS]
JUNIOR = list(JUNIOR_COLUMNS)
NAMES = ["N/D"] * 12 + ["Eliminated", "'Eliminated'", '"Eliminated"', "Vacant", "N/D'", "ND", "Sam Example"]


def _size(rng: random.Random, median: float, mean: float, top: int) -> int:
    """A size from a log-normal with the archive's median and mean, at least 1 and at most `top`."""
    import math

    sigma = math.sqrt(2 * math.log(mean / median))
    return max(1, min(top, int(rng.lognormvariate(math.log(median), sigma))))


def write_return(folder: Path, i: int, rng: random.Random) -> int:
    """One senior and one junior file; returns the number of rows written."""
    posts = _size(rng, 8, 49, 700)
    juniors = _size(rng, 88, 400, 12700)
    body = f"Generated Body {i}"
    padded = rng.random() < 0.1
    index = rng.random() < 0.2
    date = f"20{11 + i % 3}-{'03-31' if i % 2 else '09-30'}"
    stem = folder / f"generated_body_{i:04d}-{date}"
    refs = [str(1000 + k) for k in range(posts)]
    alive: list[str] = []
    with open(f"{stem}-senior.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(([""] if index else []) + SENIOR)
        for k, ref in enumerate(refs):
            boss = "XX" if k == 0 else rng.choice(alive[max(0, len(alive) // 2 - 1) :])
            if padded and boss != "XX":
                boss = boss.zfill(8)
            function = "Leads the unit.\nAnswers to the board." if rng.random() < 0.05 else "Leads the unit"
            name = "Pat Top" if k == 0 else rng.choice(NAMES)
            if "liminated" not in name:
                alive.append(ref)
            row = [
                ref,
                name,
                rng.choice(["SCS1", "SCS2", "SCS3"]),
                f"Director {k}",
                function,
                "Department for Generation",
                body,
                f"Unit {k % 12}",
                "N/D",
                "N/D",
                boss,
                "N/D",
                "1",
                f"£{rng.randrange(60, 150) * 1000:,}",
                f"£{rng.randrange(150, 200) * 1000 - 1:,}",
                "N/D",
                "Policy",
                "",
                "1",
            ]
            w.writerow(([str(k)] if index else []) + row)
    with open(f"{stem}-junior.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(JUNIOR)
        for _ in range(juniors):
            w.writerow(
                [
                    "Department for Generation",
                    body,
                    "Unit 1",
                    rng.choice(alive),  # under a post that exists (not one marked Eliminated)
                    rng.choice(["EO", "HEO", "SEO", "G7"]),
                    str(rng.randrange(20, 40) * 1000),
                    str(rng.randrange(40, 60) * 1000),
                    "Officer",
                    rng.choice(["1", "0.5", "2.5", "1.0"]),
                    "Operational Delivery",
                    "1",
                ]
            )
    return posts + juniors


def write_returns(folder: Path, n: int = 600, seed: int = 22) -> int:
    """`n` returns into `folder` (made if missing); returns the number of rows written."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    return sum(write_return(folder, i, rng) for i in range(n))
