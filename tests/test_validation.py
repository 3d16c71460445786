"""Each validation rule, shown with a bad file: the message, its line, exit 2, nothing loaded."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from remit.cli.main import main
from remit.loader import InvalidStructureFiles, read_files

GOOD = textwrap.dedent("""\
    format: remit/1
    council: {id: testshire, name: Testshire Council, kind: unitary}
    sources:
      - {id: doc, title: A report, date: 2024-01-01, file: testshire.txt}
    functions:
      - {key: csc, name: Children's social care}
    structures:
      - id: testshire-2024
        label: Structure 2024
        effective: 2024-01-01
        status: existing
        source: doc
        quote: The structure.
        posts:
          - key: ceo
            title: Chief Executive
            designations:
              - {role: hops, basis: permanent, source: doc, quote: The Chief Executive is Head of Paid Service.}
            source: doc
            quote: The Chief Executive is Head of Paid Service.
          - key: dcs
            title: Director of Children's Services
            line_manager: {post: ceo, source: doc, quote: The DCS reports to the Chief Executive.}
            designations:
              - {role: dcs, from: 2024-01-01, basis: interim, source: doc, quote: The DCS is interim.}
            responsible_for:
              - {function: csc, source: doc, quote: The DCS is responsible for children's social care.}
            source: doc
            quote: The DCS reports to the Chief Executive.
    """)
DOC = (
    "The structure. The Chief Executive is Head of Paid Service. The DCS reports to the Chief Executive. "
    "The DCS is interim. The DCS is responsible for children's social care."
)


def write(tmp_path: Path, text: str, name: str = "testshire.yaml") -> Path:
    (tmp_path / "testshire.txt").write_text(DOC, encoding="utf-8")
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def problems_of(path: Path) -> list[tuple[int, str]]:
    with pytest.raises(InvalidStructureFiles) as info:
        read_files([path])
    return [(p.line, p.message) for p in info.value.problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = [i + 1 for i, ln in enumerate(text.splitlines()) if needle in ln]
    return lines[nth - 1]


def test_good_file_loads(tmp_path):
    data = read_files([write(tmp_path, GOOD)])
    assert [s.id for s in data.files[0].structures] == ["testshire-2024"]


CASES = {
    # name: (edit to GOOD, line anchor in the edited text, expected message fragment)
    "unknown reference": (
        ("line_manager: {post: ceo,", "line_manager: {post: boss,"),
        "post: boss",
        "unknown post 'boss'",
    ),
    "unknown function": (
        ("{function: csc,", "{function: education,"),
        "function: education",
        "unknown function 'education'",
    ),
    "unknown source": (
        (
            "{role: dcs, from: 2024-01-01, basis: interim, source: doc,",
            "{role: dcs, from: 2024-01-01, basis: interim, source: memo,",
        ),
        "source: memo",
        "unknown source 'memo'",
    ),
    "duplicate key": (
        ("      - key: dcs\n", "      - key: ceo\n"),
        "- key: ceo",
        "duplicate post key 'ceo' in structure 'testshire-2024'",
    ),
    "cycle": (
        (
            "        title: Chief Executive\n",
            "        title: Chief Executive\n        line_manager: {post: dcs, source: doc, quote: The DCS reports to the Chief Executive.}\n",
        ),
        "line_manager: {post: dcs",
        "line management cycle",
    ),
    "two line managers": (
        (
            "        line_manager: {post: ceo, source: doc, quote: The DCS reports to the Chief Executive.}\n",
            "        line_manager: {post: ceo, source: doc, quote: The DCS reports to the Chief Executive.}\n"
            "        line_manager: {post: ceo, source: doc, quote: The DCS reports to the Chief Executive.}\n",
        ),
        "line_manager",
        "duplicate key 'line_manager'",
    ),
    "overlapping designation": (
        ("{role: hops, basis: permanent,", "{role: dcs, basis: permanent,"),
        "role: dcs, from",
        "role 'dcs' is designated to both",
    ),
    "dates out of order": (
        ("{role: dcs, from: 2024-01-01,", "{role: dcs, from: 2024-01-01, to: 2023-01-01,"),
        "role: dcs, from",
        "'from' 2024-01-01 is after 'to' 2023-01-01",
    ),
    "unknown role code": (("{role: dcs,", "{role: dcx,"), "role: dcx", "'role' in a designation is 'dcx'"),
    "wrong type": (
        ("effective: 2024-01-01", "effective: [2024]"),
        "effective:",
        "'effective' in structure 'testshire-2024' is not a date",
    ),
    "missing source": (
        (
            "        source: doc\n        quote: The DCS reports to the Chief Executive.\n",
            "        quote: The DCS reports to the Chief Executive.\n",
        ),
        "      - key: dcs",
        "post 'dcs' is missing 'source'",
    ),
    "quote not in document": (
        ("quote: The DCS is interim.", "quote: The DCS is permanent."),
        "The DCS is permanent",
        "quote not found in testshire.txt",
    ),
    "unknown key": (
        ("    status: existing\n", "    status: existing\n    colour: blue\n"),
        "colour: blue",
        "unknown key 'colour'",
    ),
    # Issue 21's fields: a function's domain and parent, intended ends, stated deletions and top post.
    "unknown domain": (
        ("{key: csc, name: Children's social care}", "{key: csc, name: Children's social care, domain: childrens}"),
        "domain: childrens",
        "'domain' in function 'csc' is 'childrens'; expected one of",
    ),
    "domain without evidence": (
        ("{key: csc, name: Children's social care}", "{key: csc, name: Children's social care, domain: other}"),
        "domain: other",
        "function 'csc' is missing 'source'",
    ),
    "unknown parent function": (
        (
            "{key: csc, name: Children's social care}",
            "{key: csc, name: Children's social care, part_of: care, source: doc, quote: The structure.}",
        ),
        "part_of: care",
        "function 'csc' is part of unknown function 'care'",
    ),
    "intended end beside a stated end": (
        (
            "{role: dcs, from: 2024-01-01, basis: interim, source: doc, quote: The DCS is interim.}",
            "{role: dcs, from: 2024-01-01, to: 2024-05, basis: interim, source: doc, quote: The DCS is interim., "
            "intended_end: {date: 2024-05, source: doc, quote: The DCS is interim.}}",
        ),
        "intended_end",
        "states 'to' and an 'intended_end'",
    ),
    "intended end before the start": (
        (
            "{role: dcs, from: 2024-01-01, basis: interim, source: doc, quote: The DCS is interim.}",
            "{role: dcs, from: 2024-01-01, basis: interim, source: doc, quote: The DCS is interim., "
            "intended_end: {date: 2023-05, source: doc, quote: The DCS is interim.}}",
        ),
        "intended_end",
        "'from' 2024-01-01 is after its intended end 2023-05",
    ),
    "intended end quote not in document": (
        (
            "{role: dcs, from: 2024-01-01, basis: interim, source: doc, quote: The DCS is interim.}",
            "{role: dcs, from: 2024-01-01, basis: interim, source: doc, quote: The DCS is interim., "
            "intended_end: {date: 2024-05, source: doc, quote: The DCS will retire.}}",
        ),
        "intended_end",
        "intended_end: quote not found in testshire.txt",
    ),
    "deletes without a superseded structure": (
        (
            "    status: existing\n",
            "    status: existing\n    deletes: [{post: ceo, source: doc, quote: The structure.}]\n",
        ),
        "deletes:",
        "deletes 'ceo' but structure 'testshire-2024' supersedes no structure in this file",
    ),
    "unknown top post": (
        (
            "    status: existing\n",
            "    status: existing\n    top_post: {post: mayor, source: doc, quote: The structure.}\n",
        ),
        "top_post:",
        "top_post names unknown post 'mayor'",
    ),
    "intended effective date without a date": (
        ("    effective: 2024-01-01\n", "    effective_intended: true\n"),
        "effective_intended",
        "marks its effective date intended but gives none",
    ),
    "grade group with neither grade nor title": (
        (
            "        title: Chief Executive\n",
            "        title: Chief Executive\n        grade_groups: [{count: 5, source: doc, quote: The structure.}]\n",
        ),
        "grade_groups",
        "a grade group needs a 'grade' or a 'title'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_reports_file_line_and_message(tmp_path, case, capsys):
    (old, new), anchor, fragment = CASES[case]
    assert old in GOOD, case
    text = GOOD.replace(old, new, 1)
    path = write(tmp_path, text)
    found = problems_of(path)
    expected_line = line_of(text, anchor, 2 if case in ("two line managers", "duplicate key") else 1)
    assert any(fragment in msg and line == expected_line for line, msg in found), (found, expected_line)
    # The command line says the same, with exit 2 and no traceback.
    rc = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert rc == 2
    assert f"{path}:{expected_line}: " in err and fragment in err
    assert "Traceback" not in err


def test_not_utf8(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_bytes(GOOD.encode() + b"# caf\xe9\n")
    found = problems_of(path)
    assert found == [(GOOD.count("\n") + 1, "file is not UTF-8 text")]
    assert main(["validate", str(path)]) == 2


def test_not_yaml(tmp_path):
    path = write(tmp_path, GOOD.replace("    status: existing\n", "    status: [existing\n"))
    found = problems_of(path)
    assert len(found) == 1 and found[0][1].startswith("not valid YAML")


def test_every_problem_reported_at_once(tmp_path):
    text = GOOD.replace("{role: dcs,", "{role: dcx,").replace("line_manager: {post: ceo,", "line_manager: {post: boss,")
    messages = [m for _, m in problems_of(write(tmp_path, text))]
    assert any("dcx" in m for m in messages) and any("boss" in m for m in messages)


def test_joint_designation_allowed(tmp_path):
    text = GOOD.replace("{role: hops, basis: permanent,", "{role: dcs, joint: true, basis: permanent,").replace(
        "{role: dcs, from: 2024-01-01, basis: interim,", "{role: dcs, joint: true, from: 2024-01-01, basis: interim,"
    )
    read_files([write(tmp_path, text)])


def test_nothing_loaded_when_one_file_is_bad(tmp_path, capsys):
    good = write(tmp_path, GOOD)
    bad_dir = tmp_path / "more"
    bad_dir.mkdir()
    (bad_dir / "testshire.txt").write_text(DOC)
    (bad_dir / "other.yaml").write_text(GOOD.replace("testshire", "otherton").replace("{role: dcs,", "{role: dcx,"))
    with pytest.raises(InvalidStructureFiles):
        read_files([good, bad_dir])
    rc = main(["load", "--backend", "memory", str(good), str(bad_dir)])
    out, err = capsys.readouterr()
    assert rc == 2 and "nothing was loaded" in err and "testshire-2024" not in out


def test_missing_path_is_usage_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_structure_ids_unique_across_files(tmp_path):
    a = write(tmp_path, GOOD, "a.yaml")
    b = write(tmp_path, GOOD.replace("id: testshire,", "id: other,"), "b.yaml")
    with pytest.raises(InvalidStructureFiles) as info:
        read_files([a, b])
    assert any("structure id 'testshire-2024' is already used" in p.message for p in info.value.problems)
