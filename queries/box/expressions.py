"""Refuse plans whose expressions can grow a value, or spend time, without bound.

Neo4j 5.26 has no setting for this: its transaction memory limit counts rows that operators
buffer (collect, sort, distinct), not a string or list built inside one expression (a `reduce`
that doubles a string 26 times filled a 1 GiB heap under a 64 MiB limit), and its time limit is
checked between rows, so one regular expression or `reduce` runs to its end (terminating the
transaction does not stop it either). So the box reads the plan `EXPLAIN` gives and refuses such
expressions before anything runs.

It reads each operator's `Details`: the planner's own rendering of the parsed expressions, with
function names canonical (`REDUCE` is `reduce`, `lower` is `toLower`), `\\uXXXX` escapes resolved,
comments gone, literals replaced by `$autostring_0`-style parameters and odd names backticked. The
words are Neo4j's, not the user's, so reading them is not a pattern over user text. Refused:

1. a function not on ALLOWED_FUNCTIONS (default deny: `reduce`, `range`, `replace`, `split`, any
   plugin or new function), except `UNWIND range(a, b) AS x` itself: there `range` is lazy, rows come
   one at a time and the time limit stops it between rows;
2. a regular-expression match (`=~`): no time limit can stop one;
3. a list comprehension or list predicate inside another, or whose body uses anything but its own
   variable, properties, parameters and allowed functions (no `+`, no list or map literal, no
   `IN`, no outer variable): each makes it quadratic or growing;
4. growth: the product over all operators of (1 + the number of `+` + the commas of list and map
   literals) above MAX_GROWTH. Each `+` or literal element adds at most one operand's size, so this
   bounds how much larger than its inputs any value can get (`WITH s+s AS s` five times is 32x;
   `WITH [s,s,s,s] AS s` three times is 64x, which the server would also have to serialise).
Procedure calls are left to the procedure allowlist (remit.queries.readonly.check_plan).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

ALLOWED_FUNCTIONS = frozenset(
    name.lower()
    for name in [
        "count",
        "collect",
        "sum",
        "avg",
        "min",
        "max",
        "percentileCont",
        "percentileDisc",
        "stDev",
        "stDevP",
        "size",
        "length",
        "type",
        "labels",
        "keys",
        "properties",
        "id",
        "elementId",
        "startNode",
        "endNode",
        "nodes",
        "relationships",
        "head",
        "last",
        "tail",
        "coalesce",
        "isEmpty",
        "exists",
        "toLower",
        "toUpper",
        "trim",
        "lTrim",
        "rTrim",
        "btrim",
        "substring",
        "left",
        "right",
        "reverse",
        "toString",
        "toStringOrNull",
        "toInteger",
        "toIntegerOrNull",
        "toFloat",
        "toFloatOrNull",
        "toBoolean",
        "toBooleanOrNull",
        "valueType",
        "abs",
        "ceil",
        "floor",
        "round",
        "sign",
        "sqrt",
        "log",
        "log10",
        "exp",
        "e",
        "pi",
        "date",
        "datetime",
        "localdatetime",
        "localtime",
        "time",
        "duration",
        "date.truncate",
        "datetime.truncate",
        "duration.between",
        "duration.inMonths",
        "duration.inDays",
        "duration.inSeconds",
        "all",
        "any",
        "none",
        "single",
        "getDegree",
        "hasDegree",
        "hasDegreeGreaterThan",
        "hasDegreeGreaterThanOrEqual",
        "hasDegreeLessThan",
        "hasDegreeLessThanOrEqual",
        "assertIsNode",
        "isRepeatTrailUnique",
    ]
)  # the last two lines: functions the planner itself writes into Details
ITERATING = frozenset({"all", "any", "none", "single"})
# The planner writes keywords in upper case and functions as named, which is how `EXISTS {` or
# `COUNT {` is told from a call.
KEYWORDS = frozenset(
    [
        "AND",
        "OR",
        "XOR",
        "NOT",
        "IN",
        "IS",
        "NULL",
        "AS",
        "WHERE",
        "CASE",
        "WHEN",
        "THEN",
        "ELSE",
        "END",
        "STARTS",
        "ENDS",
        "WITH",
        "CONTAINS",
        "ASC",
        "DESC",
        "LIMIT",
        "SKIP",
        "DISTINCT",
        "TRUE",
        "FALSE",
        "NAN",
        "INF",
        "INFINITY",
        "MATCH",
        "OPTIONAL",
        "RETURN",
        "UNWIND",
        "CALL",
        "EXISTS",
        "COUNT",
        "COLLECT",
        "UNION",
        "YIELD",
        "ORDER",
        "BY",
    ]
)
MAX_GROWTH = 16

REGEX = "regular expressions (=~) are not allowed here; use CONTAINS, STARTS WITH or ENDS WITH"
NESTED = "a list comprehension or predicate inside another is not allowed here"

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<name_q>`(?:[^`]|``)*`)
  | (?P<param>\$(?:`(?:[^`]|``)*`|[A-Za-z_][A-Za-z0-9_]*))
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<op>=~|<>|<=|>=|->|<-|\.\.|\|\||[-+*/%^=<>|,:.()\[\]{}!])
  | (?P<other>.)
""",
    re.X | re.S,
)
_NONE = ("", "")


@dataclass(frozen=True)
class Finding:
    """One reason to refuse, and the plan operator it was found in."""

    reason: str
    operator: str


@dataclass
class _Scope:
    """One list iteration `var IN source WHERE/| body`, closed by the bracket that opened it."""

    depth: int
    var: str | None = None
    in_body: bool = False


def _tokens(details: str) -> list[tuple[str, str]]:
    return [(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(details) if m.lastgroup != "ws"]


def check_details(operator: str, details: str) -> tuple[set[str], int]:
    """The reasons to refuse one operator's Details, and its growth factor (1 + '+' + literal commas)."""
    toks = _tokens(details)
    found: set[str] = set()
    brackets: list[str] = []  # "(", "[" (a list), "[i" (an index or slice), "{" (a map), "{p" (a projection)
    scopes: list[_Scope] = []
    plus = fanout = 0
    pending_iteration = False
    for i, (kind, text) in enumerate(toks):
        prev = toks[i - 1] if i else _NONE
        nxt = toks[i + 1] if i + 1 < len(toks) else _NONE
        nxt2 = toks[i + 2] if i + 2 < len(toks) else _NONE
        body = scopes[-1] if scopes and scopes[-1].in_body else None
        upper = text.upper()
        if kind == "other":
            found.add(f"unexpected character {text!r} in the plan")
        elif kind == "name" and nxt[1] == "(" and prev[1] != ":" and not (text.isupper() and text in KEYWORDS):
            # (`s:Structure(council)` is an index named in an index seek's Details, not a call.)
            if not (i == 0 and operator == "Unwind" and text == "range") and text.lower() not in ALLOWED_FUNCTIONS:
                found.add(f"function {text}() is not allowed here")
            pending_iteration = text.lower() in ITERATING
        elif kind in ("name", "name_q") and upper not in KEYWORDS:
            # A variable, unless it is a label, type, map key or property key, or the planner's `cache[`.
            in_map = bool(brackets) and brackets[-1] in ("{", "{p")
            if prev[1] in (":", ".") or (nxt[1] == ":" and in_map) or (nxt[1] == "[" and text == "cache"):
                pass
            elif scopes and scopes[-1].var is None and nxt[1].upper() == "IN":
                scopes[-1].var = text
            elif body is not None:
                base = text.split(".")[0] if kind == "name" else text
                if "." not in text and base != body.var:
                    found.add(
                        f"inside a list comprehension or predicate only its own variable may be used (found {base})"
                    )
        elif kind == "name" and upper == "IN" and body is not None:
            found.add("IN inside a list comprehension or predicate (quadratic) is not allowed here")
        elif kind == "name" and upper == "WHERE" and scopes and not scopes[-1].in_body:
            if len(brackets) == scopes[-1].depth:
                scopes[-1].in_body = True
        elif kind == "op":
            if text == "=~":
                found.add(REGEX)
            elif text == "+":
                plus += 1
                if body is not None:
                    found.add("'+' inside a list comprehension or predicate is not allowed here")
            elif text == "|" and scopes and len(brackets) == scopes[-1].depth:
                scopes[-1].in_body = True
            elif text == "(":
                brackets.append("(")
                if pending_iteration:
                    if scopes:
                        found.add(NESTED)
                    scopes.append(_Scope(len(brackets)))
                pending_iteration = False
            elif text == "[":
                after_value = (
                    prev[0] in ("name_q", "param", "number", "string")
                    or prev[1] in (")", "]", "}")
                    or (prev[0] == "name" and prev[1].upper() not in KEYWORDS)
                )
                comprehension = not after_value and nxt[0] in ("name", "name_q") and nxt2[1].upper() == "IN"
                brackets.append("[i" if after_value else "[")
                if comprehension:
                    if scopes:
                        found.add(NESTED)
                    scopes.append(_Scope(len(brackets)))
                elif not after_value and body is not None and prev[1] not in ("-", "<-"):
                    found.add("list literals inside a list comprehension or predicate are not allowed here")
            elif text == "{":
                brackets.append("{p" if prev[0] in ("name", "name_q") else "{")
                if brackets[-1] == "{" and body is not None:
                    found.add("map literals inside a list comprehension or predicate are not allowed here")
            elif text in (")", "]", "}"):
                if scopes and len(brackets) == scopes[-1].depth:
                    scopes.pop()
                if brackets:
                    brackets.pop()
            elif text == "," and brackets and brackets[-1] in ("[", "{"):
                fanout += 1
    return found, 1 + plus + fanout


def _plan_operators(plan: Any) -> Iterable[tuple[str, str]]:
    stack = [plan]
    while stack:
        node = stack.pop()
        stack.extend(node.get("children") or [])
        args = node.get("args") or node.get("arguments") or {}
        yield str(node.get("operatorType", "")).split("@")[0], str(args.get("Details", ""))


def check_expressions(plan: Any) -> list[Finding]:
    """Every reason the plan's expressions are refused (empty: none)."""
    findings: list[Finding] = []
    growth = 1
    for operator, details in _plan_operators(plan):
        if operator == "ProcedureCall":
            continue
        found, factor = check_details(operator, details)
        findings += [Finding(reason, operator) for reason in sorted(found)]
        growth *= factor
    if growth > MAX_GROWTH:
        findings.append(
            Finding(
                f"the query can build values up to {growth}x larger than its inputs ('+' and list or map "
                f"literals across its steps; the limit is {MAX_GROWTH}x)",
                "plan",
            )
        )
    return findings
