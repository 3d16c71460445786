"""`remit import DIR` on many returns (issue 22): read over the machine's cores with the same result as
one by one, progress shown on long runs. The returns are generated (benchmarks/gen_returns.py: the
data.gov.uk archive's kinds and sizes); what a return holds is counted from its CSV files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from benchmarks.gen_returns import write_returns
from remit.cli.main import main
from remit.formats import import_paths
from remit.formats.remit_yaml import dump

N = 8


@pytest.fixture(scope="module")
def returns(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("returns")
    write_returns(folder, N, seed=5)
    return folder


def test_read_over_the_cores_as_one_by_one_with_progress(returns):
    paths = sorted(returns.glob("*.csv"))
    seen: list[tuple[int, int]] = []
    pooled = import_paths(paths, lenient=True, progress=lambda done, total, _: seen.append((done, total)), workers=2)
    serial = import_paths(paths, lenient=True, workers=1)
    assert seen == [(i, len(paths)) for i in range(1, len(paths) + 1)]
    assert [dump(sf) for sf in pooled.files] == [dump(sf) for sf in serial.files]
    assert len(pooled.files) == N  # one body per return


def test_each_generated_return_keeps_its_live_posts(returns):
    result = import_paths(sorted(returns.glob("*.csv")), lenient=True)
    by_body = {sf.council.name: sf.structures[0] for sf in result.files}
    for senior in sorted(returns.glob("*-senior.csv")):
        with open(senior, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        live = [r for r in rows if "liminated" not in r["Name"]]
        st = by_body[rows[0]["Organisation"]]
        assert len(st.posts) == len(live), senior.name
        assert not any(h.name and "liminated" in h.name for p in st.posts for h in p.holders)


def test_progress_on_a_long_run_without_a_terminal(returns, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("REMIT_PROGRESS", "1")
    assert main(["import", str(returns), "--lenient", "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert f"import: {2 * N}/{2 * N} files read" in err
    assert len(list(tmp_path.glob("*.yaml"))) == N
