"""A loaded structure written as the published CSV formats, so a council can produce its return
from Remit: the LGA OrganisationStructure chart and the data.gov.uk organogram (senior, junior).

Why from a snapshot: it reads the same on the networkx and the Neo4j store, so an export does not
depend on where the structure was loaded. What the formats cannot say (stated accountability
lines, designations not in a title) is not written; `remit import` of the export gives back the
same posts, lines and designations (tests/test_export.py).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from remit.loader import authorities

from ..diff_side import Side
from ..diff_tables import placement_names
from ..snapshot import Snapshot

LGA_COLUMNS = ("OrganisationLabel", "OrganisationURI", "EffectiveDate", "Level", "JobTitle", "Name", "Grade",
               "Directorate", "Service", "ContractType", "SharedPost", "ContactDetails", "SalaryBand", "MaximumSalary",
               "Vacancy", "Comments")
SENIOR_COLUMNS = ("Post Unique Reference", "Name", "Grade", "Job Title", "Job/Team Function", "Parent Department",
                  "Organisation", "Unit", "Contact Phone", "Contact E-mail", "Reports to Senior Post",
                  "Salary Cost of Reports (£)", "FTE", "Actual Pay Floor (£)", "Actual Pay Ceiling (£)",
                  "Total Pay (£)", "Professional/Occupational Group", "Notes", "Valid?")
JUNIOR_COLUMNS = ("Parent Department", "Organisation", "Unit", "Reporting Senior Post", "Grade",
                  "Payscale Minimum (£)", "Payscale Maximum (£)", "Generic Job Title", "Number of Posts in FTE",
                  "Professional/Occupational Group", "Valid?")
NA = "NA"


@dataclass
class Exported:
    """The CSV text of an export; `junior` only for the organogram."""

    main: str
    junior: str | None = None


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def _num(x: Any) -> str:
    if x is None:
        return NA
    return str(int(x)) if float(x).is_integer() else str(x)


def council_node(snap: Snapshot) -> dict[str, Any]:
    uid = next((e["dst"] for e in snap.edges_of("OF")), None)
    return snap.node(uid) or {} if uid else {}


def organisation_uri(council: dict[str, Any]) -> str:
    """The council's statistical-geography URI (from its GSS code in the register), as councils publish it."""
    found = authorities.by_code(council["code"]) if council.get("code") else None
    return f"http://statistics.data.gov.uk/id/statistical-geography/{found.gss}" if found and found.gss else NA


def levels(side: Side) -> dict[str, int]:
    """Each post's published Level, or its depth below a post with no line manager (1)."""
    out: dict[str, int] = {}
    for key, post in side.posts.items():
        if post.get("level"):
            out[key] = int(post["level"])
            continue
        depth, node, seen = 1, key, {key}
        while (boss := side.manager(node)[0]) and boss not in seen:
            depth, node = depth + 1, boss
            seen.add(boss)
        out[key] = depth
    return out


def _holders(side: Side, key: str) -> list[tuple[str | None, str | None]]:
    uid = side.posts[key]["uid"]
    found = []
    for e in side.snap.edges_of("HOLDS"):
        if e["dst"] == uid:
            person = side.snap.node(e["src"]) or {}
            found.append((person.get("name"), e["props"].get("basis")))
    return sorted(found, key=lambda h: h[0] or "")


def lga_csv(snap: Snapshot) -> Exported:
    side = Side(snap)
    council = council_node(snap)
    effective = snap.structure.get("effective") or ""
    level = levels(side)
    rows = []
    for key in sorted(side.posts, key=lambda k: (level[k], side.posts[k].get("row") or 0, k)):
        p = side.posts[key]
        directorate, service = placement_names(side, key)
        holders = _holders(side, key)
        basis = next((b for _, b in holders if b), None)
        lo, hi = p.get("salary_min"), p.get("salary_max")
        rows.append({
            "OrganisationLabel": council.get("name", snap.structure.get("council")),
            "OrganisationURI": organisation_uri(council), "EffectiveDate": effective, "Level": level[key],
            "JobTitle": p.get("title"), "Name": " / ".join(n or "Not disclosed" for n, _ in holders) or NA,
            "Grade": p.get("grade") or NA, "Directorate": directorate or NA, "Service": service or NA,
            "ContractType": basis.capitalize() if basis else NA, "SharedPost": NA, "ContactDetails": NA,
            "SalaryBand": f"{_num(lo)} - {_num(hi)}" if lo is not None and hi is not None else NA,
            "MaximumSalary": _num(hi), "Vacancy": "Vacant" if p.get("status") == "vacant" else NA, "Comments": NA})
    return Exported(_csv(LGA_COLUMNS, rows))


def organogram_csv(snap: Snapshot) -> Exported:
    side = Side(snap)
    council = council_node(snap)
    org = council.get("name", snap.structure.get("council"))
    ref = {k: str(p.get("reference") or k) for k, p in side.posts.items()}
    senior, junior = [], []
    for key in sorted(side.posts, key=lambda k: (side.posts[k].get("row") or 0, k)):
        p = side.posts[key]
        unit = placement_names(side, key)
        unit_name = unit[1] or unit[0]
        boss = side.manager(key)[0]
        holders = _holders(side, key) or [(None, None)]
        vacant = p.get("status") == "vacant"
        fte = p.get("fte")
        for name, _ in holders:
            senior.append({
                "Post Unique Reference": ref[key],
                "Name": "Vacant" if vacant else (name or ("N/D" if p.get("status") == "filled" else "")),
                "Grade": p.get("grade") or "N/D", "Job Title": p.get("title"), "Job/Team Function": p.get("title"),
                "Parent Department": "N/A", "Organisation": org, "Unit": unit_name or "N/A",
                "Contact Phone": "N/A", "Contact E-mail": "N/A", "Reports to Senior Post": ref[boss] if boss else "XX",
                "Salary Cost of Reports (£)": "N/A",
                "FTE": _num(fte / len(holders)) if fte is not None else "N/A",
                "Actual Pay Floor (£)": _num(p.get("salary_min")) if p.get("salary_min") is not None else "N/D",
                "Actual Pay Ceiling (£)": _num(p.get("salary_max")) if p.get("salary_max") is not None else "N/D",
                "Total Pay (£)": "N/A", "Professional/Occupational Group": "N/A", "Notes": "", "Valid?": "1"})
        junior += _junior(p, org, unit_name, ref[key])
    return Exported(_csv(SENIOR_COLUMNS, senior), _csv(JUNIOR_COLUMNS, junior))


def _junior(p: dict[str, Any], org: str, unit: str, ref: str) -> list[dict[str, Any]]:
    grades = p.get("junior_grades") or []
    cols = {c: p.get(c) or [None] * len(grades) for c in ("junior_titles", "junior_fte_each", "junior_min",
                                                          "junior_max")}
    return [{"Parent Department": "N/A", "Organisation": org, "Unit": unit or "N/A", "Reporting Senior Post": ref,
             "Grade": g, "Payscale Minimum (£)": _pay(cols["junior_min"][i]),
             "Payscale Maximum (£)": _pay(cols["junior_max"][i]), "Generic Job Title": cols["junior_titles"][i] or "N/A",
             "Number of Posts in FTE": _num(cols["junior_fte_each"][i]), "Professional/Occupational Group": "N/A",
             "Valid?": "1"} for i, g in enumerate(grades)]


def _pay(x: Any) -> str:
    return "N/A" if x is None or x == -1 else _num(x)
