"""pyproject.toml's package list is hand-kept (each folder maps to remit.<folder>): a folder of Python
files that is missing from it would be left out of the installed package."""

from __future__ import annotations

import tomllib

from .conftest import ROOT


def test_every_package_folder_is_installed():
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folder_of = tool["package-dir"]
    listed = set(tool["packages"])
    found = set()
    for name, folder in folder_of.items():
        for module in (ROOT / folder).rglob("*.py"):
            rel = module.parent.relative_to(ROOT / folder)
            found.add(".".join([name, *rel.parts]))
    assert found == listed, (
        f"missing from pyproject: {sorted(found - listed)}; listed but absent: {sorted(listed - found)}"
    )


def test_every_top_level_package_folder_is_mapped():
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "benchmarks"}
    assert folders == set(tool["package-dir"].values())


def test_cypher_and_data_files_are_package_data():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    cypher_dirs = {p.parent.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.cypher") if "tests" not in p.parts}
    patterns = {f"{pkg.split('.', 1)[1].replace('.', '/')}/{pat}" for pkg, pats in data.items() for pat in pats}
    for d in cypher_dirs:
        top, _, rest = d.partition("/")
        assert any(p in (f"{top}/*.cypher", f"{top}/{rest}/*.cypher") for p in patterns), d
