"""Import speed: a synthetic organogram return of N senior posts and M junior rows (and an LGA
chart of N posts) read, checked and turned into the structure model.

Not a test (timings vary by machine); run by hand, record the result in benchmarks/RESULTS.md:

    python benchmarks/bench_import.py --posts 2000 --juniors 20000 --repeat 3

The target (issue 11) is under 2 s for 2,000 senior posts with 20,000 junior rows. Issue 22 adds
`remit import DIR` of 600 generated returns of the archive's kind (senior + junior, sizes as in the
data.gov.uk archive; benchmarks/gen_returns.py), end to end, in at most 45 s on a 2-core machine:

    python benchmarks/bench_import.py --returns 600 [--record]     (also a section of python -m benchmarks)
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.gen_returns import JUNIOR, SENIOR  # noqa: E402  (the format's columns, one place)
from remit.formats import import_file  # noqa: E402
from remit.formats.remit_yaml import dump  # noqa: E402

LGA = [
    "OrganisationLabel",
    "OrganisationURI",
    "EffectiveDate",
    "Level",
    "JobTitle",
    "Name",
    "Grade",
    "Directorate",
    "Service",
    "ContractType",
    "SharedPost",
    "ContactDetails",
    "SalaryBand",
    "MaximumSalary",
    "Vacancy",
    "Comments",
]


def write_organogram(
    folder: Path,
    posts: int,
    juniors: int,
    stem: str = "bench-2024-03-31",
    organisation: str = "Bench Agency",
    department: str = "Department for Benchmarks",
) -> Path:
    """A tree of `posts` senior posts (each reporting to post (i-1)//8) and `juniors` junior rows,
    as STEM-senior.csv and STEM-junior.csv (one body's return at one date)."""
    senior = folder / f"{stem}-senior.csv"
    with open(senior, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(SENIOR)
        for i in range(posts):
            boss = "XX" if i == 0 else f"P{(i - 1) // 8}"
            w.writerow(
                [
                    f"P{i}",
                    "N/D" if i % 5 else f"Person {i}",
                    "SCS1",
                    f"Post {i}",
                    "Function",
                    department,
                    organisation,
                    f"Unit {i % 40}",
                    "N/A",
                    "N/A",
                    boss,
                    "N/A",
                    "1.0",
                    "£70,000",
                    "£74,999",
                    "N/A",
                    "Policy",
                    "",
                    "1",
                ]
            )
    with open(folder / f"{stem}-junior.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(JUNIOR)
        for j in range(juniors):
            w.writerow(
                [
                    department,
                    organisation,
                    f"Unit {j % 40}",
                    f"P{j % posts}",
                    "EO",
                    "25000",
                    "29000",
                    "Officer",
                    "2.5",
                    "Operational Delivery",
                    "1",
                ]
            )
    return senior


def write_lga(folder: Path, posts: int) -> Path:
    path = folder / "bench-lga.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(LGA)
        for i in range(posts):
            level = 1 if i == 0 else 2 if i <= 10 else 3
            directorate = "Chief Executive's Office" if i == 0 else f"Directorate {i % 10}"
            w.writerow(
                [
                    "Kirklees Council",
                    "",
                    "2024-04-01",
                    level,
                    f"Post {i}",
                    f"Person {i}",
                    "G",
                    directorate,
                    f"Service {i % 7}",
                    "Permanent",
                    "NA",
                    "NA",
                    "70000 - 75000",
                    "75000",
                    "NA",
                    "NA",
                ]
            )
    return path


RETURNS_TARGET = 45.0  # seconds for 600 returns, issue 22


def archive_import(n: int = 600) -> tuple[float, str]:
    """Wall time of `remit import DIR --out OUT` over `n` generated returns (a fresh process, as a user
    runs it: start-up, reading over the cores, writing the YAML), and a note with its CPU time."""
    from benchmarks.gen_returns import write_returns

    with tempfile.TemporaryDirectory() as d:
        folder = Path(d) / "returns"
        rows = write_returns(folder, n)
        cmd = [sys.executable, "-m", "remit.cli", "import", str(folder), "--out", str(Path(d) / "out")]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        written = len(list((Path(d) / "out").glob("*.yaml")))
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, f"{n} returns, {rows:,} rows, {written} files written; CPU {cpu:.0f} s on {os.cpu_count()} cores"


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--juniors", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--record", action="store_true", help="write the result into benchmarks/RESULTS.md")
    ap.add_argument("--returns", type=int, default=0, help="time `remit import DIR` of this many generated returns")
    args = ap.parse_args()
    if args.returns:
        load_before = os.getloadavg()
        wall, note = archive_import(args.returns)
        load = os.getloadavg()
        lines = [
            f"`remit import DIR` of {args.returns} generated returns (senior + junior, the archive's sizes): "
            f"{wall:.1f} s (target <= {RETURNS_TARGET:.0f} s; ratio {wall / RETURNS_TARGET:.2f}); {note}",
            f"machine load average (1, 5, 15 min) before: {' '.join(f'{x:.2f}' for x in load_before)}; after: "
            f"{' '.join(f'{x:.2f}' for x in load)}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        ]
        print("\n".join(lines))
        if args.record:
            from benchmarks.results import record as record_section

            record_section("bench_import_returns", "Import of many returns (issue 22)", lines)
        return
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        senior = write_organogram(folder, args.posts, args.juniors)
        lga = write_lga(folder, args.posts)
        result = import_file(senior, senior.name)
        assert not result.problems, result.problems[:3]
        st = result.file.structures[0]
        assert len(st.posts) == args.posts and sum(len(p.grade_groups) for p in st.posts) == args.juniors
        t_org = best(lambda: import_file(senior, senior.name), args.repeat)
        t_yaml = best(lambda: dump(result.file), 1)
        assert not import_file(lga, lga.name).problems
        t_lga = best(lambda: import_file(lga, lga.name), args.repeat)
    load = os.getloadavg()
    lines = [
        f"organogram import: {args.posts} senior posts + {args.juniors} junior rows: {t_org:.2f} s (best of "
        f"{args.repeat}; target < 2 s); YAML write of the result: {t_yaml:.2f} s; both (what `remit import` "
        f"does): {t_org + t_yaml:.2f} s",
        f"LGA import: {args.posts} posts with line and role inference: {t_lga:.2f} s (best of {args.repeat})",
        f"machine load average (1, 5, 15 min) at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"cpus: {os.cpu_count()}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
    ]
    print("\n".join(lines))
    if args.record:
        record(lines)


def record(lines: list[str]) -> None:
    """Replace this benchmark's own section of benchmarks/RESULTS.md (other sections are kept)."""
    from benchmarks.results import record as record_section

    record_section("bench_import", "Import (issue 11): `python benchmarks/bench_import.py --record`", lines)


if __name__ == "__main__":
    main()
