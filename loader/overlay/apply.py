"""Laying overlays over structure files: the base's file copied, never changed in place; each
change's outcome reported; an overlay whose base or sources are missing a problem at its line."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..model import Evidence, PostLink, Source, Structure, StructureFile
from ..problems import Problem
from .changes import apply_one
from .model import APPLIED, ASSERTED, Outcome, Overlay
from .read import read_overlay

T = TypeVar("T")


@dataclass
class Applied:
    """The files with the overlay laid over them (the base's file copied, never changed in place),
    each change's outcome, and the problems that stop it (FILE:LINE, nothing applied)."""

    files: list[StructureFile]
    outcomes: list[Outcome]
    problems: list[Problem]


def apply(overlay: Overlay, files: list[StructureFile]) -> Applied:
    """Lay `overlay` over the structure it names. A change whose post is gone, or whose base now says
    something else than its `was`, is reported and left out; an overlay whose base is missing, or
    whose sources are not found, is a problem at its line."""
    label = overlay.path or "overlay"
    target = next(
        ((i, sf, st) for i, sf in enumerate(files) for st in sf.structures if st.id == overlay.structure), None
    )
    if target is None:
        return Applied(files, [], [Problem(label, overlay.line, f"no structure '{overlay.structure}' is loaded")])
    i, sf, base = target
    if overlay.scenario and any(st.id == overlay.scenario.id for f in files for st in f.structures):
        return Applied(
            files,
            [],
            [Problem(label, overlay.line, f"the scenario's id '{overlay.scenario.id}' is already a structure")],
        )
    new_sf = copy.copy(sf)
    new_sf.sources = list(sf.sources)
    problems = _merge_sources(new_sf, overlay, label)
    known = {s.id for s in new_sf.sources}
    keys = {p.key for p in base.posts} | {c.post for c in overlay.changes if c.do == "add_post"}
    for c in overlay.changes:
        named = [c.post] + [c.values[k] for k in ("to", "line_manager") if c.values.get(k)]
        if not c.recorded and (gone := [k for k in named if k not in keys]):
            # written by hand, not against a base: a key that names no post is a mistake in the file
            problems.append(Problem(label, c.line, f"the change names no post '{gone[0]}' of structure '{base.id}'"))
        elif c.source and not c.asserted and c.source not in known:
            problems.append(Problem(label, c.line, f"the change cites unknown source '{c.source}'"))
    if problems:
        return Applied(files, [], problems)
    if any(c.asserted or not c.source for c in overlay.changes) and ASSERTED not in known:
        new_sf.sources.append(Source(ASSERTED, "Entered without a document (the person's own assertion)", None, ""))
    st = _copy(base)
    if overlay.scenario:
        st.id = overlay.scenario.id
        st.label = overlay.scenario.label or f"Scenario over {base.label}"
        st.status = "proposed"
        st.supersedes = base.id
        who = sorted({c.by for c in overlay.changes if c.by})
        st.evidence = Evidence(
            ASSERTED,
            st.label,
            0,
            None,
            True,
            f"a scenario over {base.id}" + (f" entered by {', '.join(who)}" if who else ""),
        )
        st.stated_change = None
        # What the base said about its own predecessor (posts it replaces or deletes) is not the
        # scenario's: the scenario's predecessor is the base itself, post for post by key.
        st.deletes = []
        for p in st.posts:
            p.replaces = []
        for u in st.units:
            u.replaces = []
        new_sf.structures = [*sf.structures, st]
    else:
        new_sf.structures = [st if s is base else s for s in sf.structures]
    index = {p.key: p for p in st.posts}
    outcomes = [apply_one(c, st, index) for c in overlay.changes]
    if overlay.scenario:  # posts of the base the scenario deletes, said so to the diff
        had = {p.key for p in base.posts}
        st.deletes = [
            PostLink(c.post, c.evidence())
            for c, o in zip(overlay.changes, outcomes)
            if c.do == "delete_post" and o.status == APPLIED and c.post in had
        ]
    out = list(files)
    out[i] = new_sf
    return Applied(out, outcomes, [])


def _copy(base: Structure) -> Structure:
    """A copy of the structure the changes may write into without touching the base: the structure,
    its posts, units and reviews are copied one level deep (a change replaces a post's lists and
    links, never edits them in place), which is what keeps a 2,000-post overlay fast."""
    st = _shallow(base)
    st.posts = [_shallow(p) for p in base.posts]
    st.units = [_shallow(u) for u in base.units]
    st.reviews = [_shallow(r) for r in base.reviews]
    return st


def _shallow(obj: T) -> T:
    """copy.copy for the model's plain dataclasses, without its generic reduce protocol (a tenth of
    the time, thousands of times per overlay)."""
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__)
    return new


def _merge_sources(sf: StructureFile, overlay: Overlay, label: str) -> list[Problem]:
    have = {s.id: s for s in sf.sources}
    problems = []
    for s in overlay.sources:
        old = have.get(s.id)
        if old is None:
            sf.sources.append(s)
        elif (old.title, old.file, old.url) != (s.title, s.file, s.url):
            problems.append(Problem(label, s.line, f"source '{s.id}' is already a different source of {sf.council.id}"))
    return problems


def apply_files(paths: list[Path], files: list[StructureFile]) -> tuple[list[StructureFile], list[str], list[Problem]]:
    """Read and lay each overlay file over `files` in turn: (files, report lines, problems)."""
    report: list[str] = []
    for path in paths:
        overlay, problems = read_overlay(path)
        if overlay is None:
            return files, report, problems
        done = apply(overlay, files)
        if done.problems:
            return files, report, done.problems
        files = done.files
        report += [f"{path}: {o}" for o in done.outcomes]
    return files, report, []


def overlay_dataset(data: Any, paths: list[Path]) -> tuple[Any, list[str]]:
    """A Dataset with the overlay files laid over it (a new Dataset; `data` is not changed), and the
    report line of every change. Raises InvalidStructureFiles (FILE:LINE, exit 2) on a bad overlay."""
    from ..files import Dataset
    from ..problems import InvalidStructureFiles

    files, report, problems = apply_files([Path(p) for p in paths], list(data.files))
    if problems:
        raise InvalidStructureFiles(problems)
    return Dataset(files), report


def apply_overlay(path: Path, files: list[StructureFile], label: str | None = None) -> tuple[list[str], list[Problem]]:
    """`remit import --overlay`: lay one file over freshly imported files, in place; (report lines,
    problems). Nothing is changed when the overlay has a problem."""
    overlay, problems = read_overlay(path, label)
    if overlay is None:
        return [], problems
    done = apply(overlay, files)
    if done.problems:
        return [], done.problems
    files[:] = done.files
    return [_legacy_report(o) for o in done.outcomes], []


def _legacy_report(o: Outcome) -> str:
    c = o.change
    if c.do == "designate":
        text = f"post '{c.post}': designation '{c.values['role']}' stated"
        return text + (f"; overrides inferred '{o.detail[11:]}'" if o.detail.startswith("taken from ") else "")
    if c.do == "line_manager":
        return f"post '{c.post}': line manager '{c.values['to']}' stated" + (f"; {o.detail}" if o.detail else "")
    if c.do == "holder":
        return f"post '{c.post}': holder '{c.values.get('name') or 'unnamed'}' stated"
    if c.do == "accountable_to":
        return f"post '{c.post}': accountable to '{c.values['to']}' stated"
    return str(o)
