"""A synthetic council-sized structure (default 2,000 posts) for the Structure page benchmark and
the README screenshot: a Chief Executive, directors, heads of service, service managers and team
leaders, with statutory designations, holders, pay and a trust unit accountable to the DCS.

    python benchmarks/gen_structure.py --posts 2000 --out /tmp/bigshire.yaml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

SOURCE = "bigshire-synthetic"
DIRECTORATES = (
    "Children's Services",
    "Adult Social Care",
    "Public Health",
    "Resources",
    "Place",
    "Housing",
    "Legal and Governance",
    "Communities",
)
ROLES = {0: "dcs", 1: "dass", 2: "dph", 3: "s151", 6: "mo"}


def _ev(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {**(extra or {}), "source": SOURCE, "quote": "Synthetic structure for the benchmark."}


def _post(key: str, title: str, manager: str | None, unit: str, salary: int, person: str | None) -> dict[str, Any]:
    post: dict[str, Any] = {
        "key": key,
        "title": title,
        **_ev(),
        "unit": _ev({"unit": unit}),
        "pay": _ev({"grade": f"G{salary // 10000}", "salary": salary, "fte": 1}),
    }
    if manager:
        post["line_manager"] = _ev({"post": manager})
    if person:
        post["holders"] = [_ev({"name": person, "basis": "permanent"})]
    return post


def big_structure(posts: int = 2000, council: str = "bigshire", heads: int = 6, managers: int = 5) -> dict[str, Any]:
    """A remit/1 document with one structure of exactly `posts` posts."""
    units = [{"key": f"dir{d}", "name": name, "kind": "directorate", **_ev()} for d, name in enumerate(DIRECTORATES)]
    units.append(
        {
            "key": "childrens-trust",
            "name": f"{council.title()} Children's Trust",
            "kind": "trust",
            **_ev(),
            "accountable_to": [_ev({"post": "director-0", "mechanisms": ["performance against the contract"]})],
        }
    )
    out = [_post("chief-executive", "Chief Executive", None, "dir3", 190000, "Alex Chief")]
    out[0]["designations"] = [_ev({"role": "hops", "basis": "permanent"})]
    middle: list[str] = []
    for d, name in enumerate(DIRECTORATES):
        director = _post(
            f"director-{d}", f"Director of {name}", "chief-executive", f"dir{d}", 150000, f"Director {d} Person"
        )
        if d in ROLES:
            director["designations"] = [_ev({"role": ROLES[d], "basis": "interim" if d == 2 else "permanent"})]
        out.append(director)
        for h in range(heads):
            out.append(
                _post(f"head-{d}-{h}", f"Head of {name} Service {h + 1}", f"director-{d}", f"dir{d}", 95000, None)
            )
            for m in range(managers):
                key = f"manager-{d}-{h}-{m}"
                out.append(
                    _post(key, f"{name} Service Manager {h + 1}.{m + 1}", f"head-{d}-{h}", f"dir{d}", 65000, None)
                )
                middle.append(key)
    if posts < len(out):
        raise ValueError(f"at least {len(out)} posts are needed for this shape")
    for i in range(posts - len(out)):  # team leaders spread over the service managers
        manager = middle[i % len(middle)]
        d = manager.split("-")[1]
        out.append(_post(f"team-leader-{i}", f"Team Leader {i + 1}", manager, f"dir{d}", 45000 + i % 7 * 1000, None))
    structure = {
        "id": f"{council}-2025",
        "label": f"{council.title()} senior structure, 2025 (synthetic)",
        "effective": "2025-04-01",
        "status": "existing",
        **_ev(),
        "units": units,
        "posts": out,
    }
    return {
        "format": "remit/1",
        "council": {"id": council, "name": f"{council.title()} Council (synthetic)", "kind": "county"},
        "sources": [{"id": SOURCE, "title": "Synthetic structure", "date": "2025-01-01", "file": "synthetic.txt"}],
        "structures": [structure],
    }


def write(path: Path, posts: int = 2000) -> Path:
    path.write_text(yaml.safe_dump(big_structure(posts), sort_keys=False), encoding="utf-8")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    write(args.out, args.posts)
    print(f"wrote {args.out} ({args.posts} posts)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
