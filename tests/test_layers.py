"""Imports point one way (design.md): cli -> queries -> loader and dashboard -> queries -> loader;
cli and dashboard never import each other; loader and queries never import Streamlit."""
from __future__ import annotations

import ast

import pytest

from .conftest import ROOT

FORBIDDEN = {
    "loader": {"remit.queries", "remit.dashboard", "remit.cli", "streamlit"},
    "queries": {"remit.dashboard", "remit.cli", "streamlit"},
    "cli": {"remit.dashboard", "streamlit"},
    "dashboard": {"remit.cli"},
}


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_point_one_way(package):
    bad = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imported_modules(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[package]):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)


def test_packages_import_by_their_installed_names():
    """Cross-package imports use remit.<package>; a bare `import loader` would load a second copy."""
    bare = []
    for package in FORBIDDEN:
        for path in sorted((ROOT / package).rglob("*.py")):
            for name in imported_modules(path):
                if name.split(".")[0] in FORBIDDEN:
                    bare.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bare, "\n".join(bare)
