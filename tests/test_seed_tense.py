"""No dated fact of the seed rests on an intention (issue 21).

A fact of an existing or approved structure is a fact of the structure's date; a quote in the future
or conditional tense ("will retire", "intends", "proposes", "subject to") does not say what was true
then. Such a sentence may only carry an `intended_end`, a fact of a proposed structure, or a fact of a
structure whose effective date is itself a plan (`effective_intended`). The checker walks every fact
of every seed structure; its own test feeds it the mistake issue 21 found (Harrow's "has indicated
that he will retire at the end of May 2023" recorded as `to: 2023-05`), so the seed test cannot pass
by checking nothing.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

from remit.loader import read_files
from remit.loader.model import Evidence, Intention, Structure

SEED = Path(__file__).resolve().parents[1] / "seed"

FUTURE = re.compile(
    r"\b(will|would|shall|intends?|intended|intending|intention|propos(?:e|es|ed|ing|al|als)|"
    r"subject to|due to)\b",
    re.IGNORECASE,
)
# Sentences whose future-looking word states a present fact: that nothing is proposed to change.
PRESENT_FACT = re.compile(r"no propos(?:als|ed changes?) (?:to change|in respect|for)", re.IGNORECASE)


def future_words(quote: str) -> list[str]:
    """The future or conditional words of a quote, leaving out "there are no proposals to change ..."."""
    return [m.group(0) for m in FUTURE.finditer(PRESENT_FACT.sub(" ", quote))]


def facts(obj: object, path: str = "") -> Iterator[tuple[str, Evidence]]:
    """(where, evidence) of every fact under ``obj``, leaving out intentions (they may be future)."""
    if isinstance(obj, Intention):
        return
    if isinstance(obj, Evidence):
        yield path, obj
        return
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from facts(getattr(obj, f.name), f"{path}.{f.name}" if path else f.name)
    elif isinstance(obj, (list, tuple)):
        for i, x in enumerate(obj):
            yield from facts(x, f"{path}[{i}]")


def tense_problems(st: Structure) -> list[str]:
    """Facts of a structure that state as fact what a quote only intends or proposes."""
    if st.status == "proposed" or st.effective_intended:
        return []  # kept as a proposal, or dated by a plan: future words are expected there
    out = []
    for where, ev in facts(st):
        words = future_words(ev.quote)
        if words:
            out.append(f"{st.id} {where} (line {ev.line}): {', '.join(words)} in '{ev.quote[:90]}'")
    return out


def test_no_dated_fact_of_the_seed_rests_on_an_intention():
    data = read_files([SEED])
    problems = [p for f in data.files for st in f.structures for p in tense_problems(st)]
    assert problems == [], "\n".join(problems)


def test_the_checker_finds_an_intention_recorded_as_a_fact(tmp_path):
    # Issue 21's case, as the seed had it: the holder's intended retirement written as `to`.
    (tmp_path / "doc.txt").write_text(
        "The post has been fulfilled since June 2022 by Peter Tolley. The current postholder, has indicated "
        "that he will retire at the end of May 2023.",
        encoding="utf-8",
    )
    body = """\
        format: remit/1
        council: {id: testshire, name: Testshire Council, kind: unitary}
        sources: [{id: doc, title: A report, date: 2023-03-30, file: doc.txt}]
        structures:
          - id: t-2023
            label: T
            effective: 2023-01-01
            status: existing
            source: doc
            quote: The post has been fulfilled since June 2022 by Peter Tolley.
            posts:
              - key: dcs
                title: Director of Children's Services
                holders:
                  - {name: Peter Tolley, from: 2022-06, HOLDER}
                source: doc
                quote: The post has been fulfilled since June 2022 by Peter Tolley.
        """
    import textwrap

    wrong = "to: 2023-05, source: doc, quote: 'The current postholder, has indicated that he will retire at the end of May 2023.'"
    right = (
        "source: doc, quote: The post has been fulfilled since June 2022 by Peter Tolley., intended_end: {date: 2023-05, "
        "source: doc, quote: 'The current postholder, has indicated that he will retire at the end of May 2023.'}"
    )
    for text, expected in ((wrong, 1), (right, 0)):
        path = tmp_path / "t.yaml"
        path.write_text(textwrap.dedent(body).replace("HOLDER", text), encoding="utf-8")
        [st] = read_files([path]).files[0].structures
        assert len(tense_problems(st)) == expected, tense_problems(st)
    # A proposed structure, or one whose date is a plan, may rest on future words.
    assert not tense_problems(dataclasses.replace(st, status="proposed"))


def test_no_proposals_to_change_states_a_present_fact():
    assert future_words("There are no proposals to change the designations of the following Statutory Officers") == []
    assert future_words("There are no proposed changes for the Head of Paid Service") == []
    assert future_words("he will retire at the end of May 2023") == ["will"]
    assert future_words("subject to the agreement of the recommendations") == ["subject to"]
