"""Every extension point of Remit, named in one place (as datasette's hookspecs.py names its hooks).

Each list names modules by their import path, as text: this file imports nothing, so every layer
(the loader at the bottom, the CLI and the dashboard at the top) can read it without an import
pointing the wrong way, and tests/test_extensions.py holds each list against the code.

- A question: one `queries/NAME.py` (its networkx function and `register(Question(...))`) beside
  one `queries/NAME.cypher`. A rule: one `queries/checks/NAME.py`. Both are found by scanning the
  packages below, so neither needs a line here. A question computed from other questions (holder-
  changes) is its .py alone, registering a Question with `compute`.
- A published format: one `formats/NAME.py` defining `FORMAT` (its columns, reader and writer) and
  one line in FORMATS.
- A command: one `cli/NAME.py` with `register(subparsers)` and one line in COMMANDS.
- A dashboard page: one `dashboard/views/NAME.py` and one line in PAGES.
"""

from __future__ import annotations

from typing import NamedTuple

# Packages whose every public module registers catalogue questions (plain questions, national
# questions, internal ones) or assurance rules.
QUESTION_PACKAGES = ("remit.queries", "remit.queries.checks")


class Format(NamedTuple):
    module: str  # defines FORMAT, a formats.common.PublishedFormat (tests hold the two equal)
    reads: str | None  # the `remit import --format` name, None when written only
    writes: tuple[str, ...]  # the `remit export --format` names
    suffixes: tuple[str, ...]  # file names the loader reads as this format


# Published formats, besides Remit's own YAML structure file (loader.formats). The names and
# suffixes are here as well as in each module so that building the command line and scanning a
# folder for structure files import no reader (rdflib alone takes longer than a `remit ask`).
FORMATS = (
    Format("remit.formats.lga", "lga", ("lga",), (".csv",)),
    Format("remit.formats.organogram", "organogram", ("organogram",), (".csv",)),
    Format("remit.formats.senior_salaries", "senior-salaries", (), (".csv",)),
    Format("remit.formats.linked_data", None, ("jsonld", "turtle"), ()),
)

# `remit COMMAND`, in the order `remit --help` lists them.
COMMANDS = (
    "remit.cli.validate",
    "remit.cli.load",
    "remit.cli.structures",
    "remit.cli.questions",
    "remit.cli.ask",
    "remit.cli.query",
    "remit.cli.check",
    "remit.cli.diff",
    "remit.cli.review",
    "remit.cli.importer",
    "remit.cli.export",
    "remit.cli.report",
    "remit.cli.chart",
    "remit.cli.dashboard",
)


class Page(NamedTuple):
    title: str
    module: str  # a script Streamlit runs (dashboard/views/NAME.py)
    url_path: str  # "" for the default page
    picks_structure: bool = False  # draws the sidebar's structure picker


# The dashboard's pages, in the order of its navigation; the first is the default.
PAGES = (
    Page("Structure", "remit.dashboard.views.structure", "", picks_structure=True),
    Page("Ask", "remit.dashboard.views.ask", "ask", picks_structure=True),
    Page("Assurance", "remit.dashboard.views.assurance", "assurance", picks_structure=True),
    Page("Review", "remit.dashboard.views.review", "review", picks_structure=True),
    Page("Scenario", "remit.dashboard.views.scenario", "scenario", picks_structure=True),
    Page("Compare", "remit.dashboard.views.compare", "compare"),
    Page("Load", "remit.dashboard.views.load", "load"),
    Page("Overview", "remit.dashboard.views.overview", "overview"),
    Page("Assurance, all councils", "remit.dashboard.views.assurance_all", "assurance-all"),
)
