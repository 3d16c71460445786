"""The one list of extension points (remit.extensions) against the code: every question, rule,
format, command and page the code has is registered there, and everything registered exists."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil

import pytest

from remit import extensions
from remit.cli.main import command_names
from remit.formats import export_names, import_names, published
from remit.formats.common import PublishedFormat
from remit.loader.formats import FORMATS as LOADER_FORMATS
from remit.queries import catalogue

from .conftest import ROOT


def test_every_command_module_is_listed_once():
    """A module in cli/ with register() is a command, and COMMANDS lists each once."""
    import remit.cli as package

    modules = {f"remit.cli.{m.name}" for m in pkgutil.iter_modules(package.__path__) if m.name != "__main__"}
    with_register = {name for name in modules if hasattr(importlib.import_module(name), "register")}
    assert sorted(with_register) == sorted(extensions.COMMANDS)
    assert len(set(extensions.COMMANDS)) == len(extensions.COMMANDS)


def test_commands_appear_in_the_listed_order():
    registered = [importlib.import_module(m) for m in extensions.COMMANDS]
    assert len(command_names()) == len(registered)


def test_every_page_module_is_listed_once():
    pages = {
        f"remit.dashboard.views.{p.stem}" for p in (ROOT / "dashboard" / "views").glob("*.py") if p.stem != "__init__"
    }
    listed = [p.module for p in extensions.PAGES]
    assert sorted(listed) == sorted(pages)
    assert len({p.title for p in extensions.PAGES}) == len(extensions.PAGES)
    assert [p.url_path for p in extensions.PAGES].count("") == 1  # one default page
    for page in extensions.PAGES:
        assert importlib.util.find_spec(page.module) is not None, page.module


@pytest.mark.parametrize("entry", extensions.FORMATS, ids=lambda f: f.module)
def test_each_format_module_declares_what_its_line_says(entry):
    fmt = importlib.import_module(entry.module).FORMAT
    assert isinstance(fmt, PublishedFormat)
    assert (fmt.name if fmt.read else None) == entry.reads
    assert tuple(fmt.writers) == entry.writes
    if entry.suffixes:
        assert fmt.read is not None and fmt.recognises is not None


def test_every_format_module_is_listed():
    import remit.formats as package

    declaring = set()
    for m in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"remit.formats.{m.name}")
        if isinstance(getattr(module, "FORMAT", None), PublishedFormat):
            declaring.add(module.__name__)
    assert declaring == {f.module for f in extensions.FORMATS}
    assert [f.name for f in published()] == [importlib.import_module(f.module).FORMAT.name for f in extensions.FORMATS]


def test_the_loader_and_the_command_line_read_the_same_list():
    assert [f.name for f in LOADER_FORMATS[1:]] == [f.reads for f in extensions.FORMATS if f.reads and f.suffixes]
    assert import_names() == tuple(f.reads for f in extensions.FORMATS if f.reads)
    assert export_names() == tuple(name for f in extensions.FORMATS for name in f.writes)
    # The formats of today are there; a new format adds to both lists with its one line in FORMATS,
    # without an edit here.
    assert {"lga", "organogram", "senior-salaries"} <= set(import_names())
    assert {"lga", "organogram", "jsonld", "turtle"} <= set(export_names())


def test_question_packages_are_scanned_and_hold_every_cypher_file():
    scanned = set(catalogue.question_modules())
    for package in extensions.QUESTION_PACKAGES:
        assert any(m.startswith(package + ".") for m in scanned), package


def test_a_question_id_registered_twice_is_refused():
    """The duplicate-id guard: a second question with a known id raises, naming it."""
    first = catalogue.all_questions()[0]
    with pytest.raises(ValueError, match=f"question id '{first.id}' registered twice"):
        catalogue.register(first)
    assert catalogue.get(first.id) is first  # the catalogue is unchanged


def test_another_question_with_a_known_id_is_refused():
    """Two modules defining the same id (not one module imported twice): the second is refused and the
    first stays."""
    import dataclasses

    first = catalogue.all_questions()[0]
    other = dataclasses.replace(first, title="Another question that took the same id")
    with pytest.raises(ValueError, match=f"question id '{first.id}' registered twice"):
        catalogue.register(other)
    assert catalogue.get(first.id) is first
