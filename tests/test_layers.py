"""Imports point one way (design.md's cli/dashboard -> queries -> loader, with the rooms beside them):

    cli, dashboard -> review -> present -> formats -> diff -> queries -> loader -> extensions

Each room may import only the rooms below it in ORDER; cli and dashboard never import each
other; nothing below the faces imports Streamlit. `extensions` names modules as text and
imports nothing of Remit's, so every room may read it."""

from __future__ import annotations

import ast

import pytest

from .conftest import ROOT

# Bottom to top. A room may import the rooms before it in this list, never those after it.
ORDER = ("extensions", "loader", "queries", "diff", "formats", "present", "review")
FACES = ("cli", "dashboard")  # the top: each may import every room, never the other face
ROOMS = ORDER + FACES


def forbidden(room: str) -> set[str]:
    if room in FACES:
        other = next(f for f in FACES if f != room)
        return {f"remit.{other}"} | ({"streamlit"} if room == "cli" else set())
    above = ORDER[ORDER.index(room) + 1 :] + FACES
    return {f"remit.{r}" for r in above} | {"streamlit"}


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("room", ROOMS)
def test_imports_point_one_way(room):
    bad = []
    for path in sorted((ROOT / room).rglob("*.py")):
        for name in imported_modules(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden(room)):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)


def test_extensions_import_nothing_of_remit():
    names = imported_modules(ROOT / "extensions" / "__init__.py")
    assert not [n for n in names if n.startswith("remit")], names


def test_every_room_is_in_the_layer_order():
    """A new top-level package must take its place in ORDER (or FACES) before it is imported."""
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "benchmarks"}
    assert packages == set(ROOMS), packages ^ set(ROOMS)


def test_packages_import_by_their_installed_names():
    """Cross-package imports use remit.<package>; a bare `import loader` would load a second copy."""
    bare = []
    for package in ROOMS:
        for path in sorted((ROOT / package).rglob("*.py")):
            for name in imported_modules(path):
                if name.split(".")[0] in ROOMS:
                    bare.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bare, "\n".join(bare)


def test_a_forbidden_import_is_caught(tmp_path):
    """The check itself: a loader module importing the diff would be reported."""
    path = tmp_path / "x.py"
    path.write_text("from remit.diff import diff\nimport streamlit\n")
    names = imported_modules(path)
    assert {n for n in names if any(n == f or n.startswith(f + ".") for f in forbidden("loader"))} == {
        "remit.diff",
        "streamlit",
    }
