"""The structure model written back as a `remit/1` YAML file a person can review and edit.

Why: an import is only trusted once someone has read it, so `remit import` writes the same
format people write by hand (loader/parse.py reads it), with every fact's source, row and quote,
and `inferred: true` with its rule where Remit worked a fact out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from remit.loader.model import (
    Designation,
    Evidence,
    Function,
    GradeGroup,
    Holding,
    Intention,
    Pay,
    Post,
    PostLink,
    Structure,
    StructureFile,
    Unit,
    UnitLink,
)

# A string YAML reads back as the same string without quotes: starts with a letter, no ':' or '#'.
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.'()&/_+-]*(?<! )$")
_SPECIAL = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})


def _ev(ev: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {"source": ev.source, "quote": ev.quote}
    if ev.row is not None:
        out["row"] = ev.row
    if ev.inferred:
        out["inferred"] = True
        out["rule"] = ev.rule
    if ev.by:
        out["settled_by"] = ev.by
    if ev.on:
        out["settled_on"] = ev.on
    return out


def _drop(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != [] and v is not False}


def _link(link: PostLink | UnitLink, key: str = "post") -> dict[str, Any]:
    target = link.post if isinstance(link, PostLink) else link.unit
    return {("unit" if isinstance(link, UnitLink) else key): target, **_ev(link.evidence)}


def _pay(pay: Pay) -> dict[str, Any]:
    salary: Any = pay.salary
    if pay.salary_min is not None and pay.salary_max is not None:
        salary = {"min": pay.salary_min, "max": pay.salary_max}
    return _drop(
        {"grade": pay.grade, "salary": salary, "on_costs": pay.on_costs, "fte": pay.fte, "total_cost": pay.total_cost}
    ) | _ev(pay.evidence)


def _intention(i: Intention | None) -> dict[str, Any] | None:
    if i is None:
        return None
    return _drop({"date": str(i.date) if i.date else None}) | _ev(i.evidence)


def _designation(d: Designation) -> dict[str, Any]:
    return _drop(
        {
            "role": d.role,
            "basis": d.basis,
            "from": str(d.start) if d.start else None,
            "to": str(d.end) if d.end else None,
            "joint": d.joint,
            "intended_end": _intention(d.intended_end),
        }
    ) | _ev(d.evidence)


def _holding(h: Holding) -> dict[str, Any]:
    return _drop(
        {
            "name": h.name,
            "basis": h.basis,
            "from": str(h.start) if h.start else None,
            "to": str(h.end) if h.end else None,
            "intended_end": _intention(h.intended_end),
        }
    ) | _ev(h.evidence)


def _group(g: GradeGroup) -> dict[str, Any]:
    return _drop(
        {
            "grade": g.grade,
            "title": g.title,
            "count": g.count,
            "fte": g.fte,
            "salary_min": g.salary_min,
            "salary_max": g.salary_max,
            "profession": g.profession,
        }
    ) | _ev(g.evidence)


def post_doc(x: Post) -> dict[str, Any]:
    return _drop(
        {
            "key": x.key,
            "title": x.title,
            "reference": x.reference,
            "level": x.level,
            "kind": x.kind if x.kind != "officer" else None,
            "status": x.status,
            "unit": _link(x.unit) if x.unit else None,
            "heads": _link(x.heads) if x.heads else None,
            "pay": _pay(x.pay) if x.pay else None,
            "line_manager": _link(x.line_manager) if x.line_manager else None,
            "accountable_to": [
                _drop({"post": a.post, "mechanisms": list(a.mechanisms)}) | _ev(a.evidence) for a in x.accountable_to
            ],
            "escalations": [_drop({"to": e.post, "trigger": e.trigger}) | _ev(e.evidence) for e in x.escalations],
            "designations": [_designation(d) for d in x.designations],
            "holders": [_holding(h) for h in x.holders],
            "commissions": [{"function": f.function, **_ev(f.evidence)} for f in x.commissions],
            "responsible_for": [{"function": f.function, **_ev(f.evidence)} for f in x.responsible_for],
            "replaces": [_link(r) for r in x.replaces],
            "note": x.note,
            "grade_groups": [_group(g) for g in x.grade_groups],
            "candidate_for": [{"role": c.role, **_ev(c.evidence)} for c in x.candidate_for],
        }
    ) | _ev(x.evidence)


def _unit(u: Unit) -> dict[str, Any]:
    return _drop(
        {"key": u.key, "name": u.name, "kind": u.kind, "part_of": _link(u.part_of) if u.part_of else None}
    ) | _ev(u.evidence)


def _structure(st: Structure) -> dict[str, Any]:
    return (
        _drop(
            {
                "id": st.id,
                "label": st.label,
                "status": st.status,
                "effective": str(st.effective) if st.effective else None,
                "supersedes": st.supersedes,
            }
        )
        | _ev(st.evidence)
        | _drop(
            {
                "top_post": _link(st.top_post) if st.top_post else None,
                "units": [_unit(u) for u in st.units],
                "posts": [post_doc(x) for x in st.posts],
                "left_out": [{"reason": lo.reason, **_ev(lo.evidence)} for lo in st.left_out],
            }
        )
    )


def _function(f: Function) -> dict[str, Any]:
    head = _drop({"key": f.key, "name": f.name, "domain": list(f.domains) or None, "part_of": f.part_of})
    return head | (_ev(f.evidence) if f.evidence else {})


def to_doc(sf: StructureFile) -> dict[str, Any]:
    c = sf.council
    return {
        "format": "remit/1",
        "council": _drop({"id": c.id, "code": c.code or None, "name": c.name, "kind": c.kind or None}),
        "sources": [
            _drop(
                {
                    "id": s.id,
                    "title": s.title,
                    "date": str(s.date) if s.date else None,
                    "file": s.file or None,
                    "url": s.url,
                }
            )
            for s in sf.sources
        ],
        **({"functions": [_function(f) for f in sf.functions]} if sf.functions else {}),
        "structures": [_structure(st) for st in sf.structures],
    }


def scalar(v: Any) -> str:
    """One value as YAML: plain where that reads back the same, else a JSON string (valid YAML)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    text = str(v)
    if _PLAIN.match(text) and text.lower() not in _SPECIAL:
        return text
    body = json.dumps(text, ensure_ascii=False)  # escapes quotes, backslashes and C0 controls
    if body.isprintable():
        return body
    return "".join(
        c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}" for c in body
    )


def _emit(obj: Any, pad: str, out: list[str], lead: str | None = None) -> None:
    """Block-style YAML of nested dicts and lists (PyYAML's Python representer is ~10x slower).
    `lead` replaces `pad` on the first line (a list item's "- ")."""
    first = lead if lead is not None else pad
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, (dict, list)):
                if v:
                    out.append(f"{first}{k}:")
                    _emit(v, pad + "  ", out)
                else:
                    out.append(f"{first}{k}: {'{}' if isinstance(v, dict) else '[]'}")
            else:
                out.append(f"{first}{k}: {scalar(v)}")
            first = pad
        return
    for item in obj:
        if isinstance(item, (dict, list)) and item:
            _emit(item, pad + "  ", out, first + "- ")
        elif isinstance(item, (dict, list)):
            out.append(f"{first}- {'{}' if isinstance(item, dict) else '[]'}")
        else:
            out.append(f"{first}- {scalar(item)}")
        first = pad


def dump(sf: StructureFile, header: str = "") -> str:
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    out: list[str] = []
    _emit(to_doc(sf), "", out)
    return comment + "\n".join(out) + "\n"


def write(sf: StructureFile, path: Path, header: str = "") -> None:
    path.write_text(dump(sf, header), encoding="utf-8")
