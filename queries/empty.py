"""What an empty answer means, in words: "none" (the documents say there is nothing to list) or "not
known" (they do not say enough to list anything), never a bare "(no rows)" (issue 21).

Each function takes the backend and the question's parameters and asks the store what it needs, so the
words rest on the same facts as the answer; a question without one gets `DEFAULT`.
"""

from __future__ import annotations

from typing import Any

from remit.loader.model import ROLE_CODES, ROLE_NAMES

DEFAULT = "none recorded: the documents record nothing that answers this question here"
# The roles an officer structure is expected to designate (the LMCS is a member role).
OFFICER_ROLES = tuple(r for r in ROLE_CODES if r != "lmcs")


def _names(codes: list[str]) -> str:
    return ", ".join(ROLE_NAMES[c] for c in codes)


def exposure_words(rows: list[dict[str, Any]], roles: tuple[str, ...]) -> str:
    """Why no statutory role of `roles` is exposed, from the register rows of the same date."""
    by_role: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_role.setdefault(r["role"], []).append(r)
    missing = [c for c in roles if c not in by_role]
    unstated = sorted(
        {
            r["role"]
            for r in rows
            if r["role"] in roles
            and r.get("basis") == "not stated"
            and not (set(r.get("holder_basis") or ()) - {"not stated"})
        }
    )
    parts = []
    if unstated:
        parts.append(f"not known: no document states the basis on which {_names(unstated)} is held")
    if missing:
        parts.append(f"not known: no document names the post that holds {_names(missing)}")
    if not parts:
        stated = sorted({r["role"] for r in rows if r["role"] in roles})
        return f"none: {_names(stated)} held on a stated basis that is not interim, acting or vacant"
    return "; ".join(parts)


def interim_exposure(backend: Any, params: dict[str, Any]) -> str:
    rows = backend.run("statutory-holders", {"structure": params["structure"], "as_of": params.get("as_of")})
    return exposure_words(rows, OFFICER_ROLES)


def director_exposure(backend: Any, params: dict[str, Any]) -> str:
    rows = backend.run("statutory-register", params)
    if not rows:
        return "not known: no council's structure in force on that date designates a DCS or a DASS"
    return exposure_words(rows, ("dcs", "dass"))


def statutory_holders(backend: Any, params: dict[str, Any]) -> str:
    return f"not known: no document names the post that holds any statutory role ({_names(list(ROLE_CODES))})"


def dcs_combined(backend: Any, params: dict[str, Any]) -> str:
    rows = backend.run("statutory-register", params)
    if not any(r["role"] == "dcs" for r in rows):
        return "not known: no structure in force on that date names the post that holds the DCS role"
    return (
        "none: no DCS post in force holds another statutory role or a function whose stated domain is not "
        "children's social care or education"
    )
