"""Issue 14's probes of hostile and unlucky input, each a regression test: every bad file gets
`FILE:LINE: message`, exit 2, no traceback, nothing loaded, and is refused cheaply."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from remit.cli.main import main
from remit.loader import InvalidStructureFiles, read_files
from remit.loader.files import Dataset
from remit.loader.memory import graph_from_dataset
from remit.loader.model import Council, Evidence, Post, Source, Structure, StructureFile
from remit.loader.records import dataset_records
from remit.loader.schema import MAX_ID, MAX_INT
from remit.loader.validate import MAX_SUPERSEDES_CHAIN

from .test_validation import GOOD, line_of, write

ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi")
)


def cli_refuses(path: Path, capsys, fragment: str | None, line: int | None = None) -> str:
    """`remit validate` and `remit load` (memory) exit 2 with FILE:LINE: message and no traceback.

    `fragment` is Remit's own wording; None where a third party (the YAML parser) may speak first
    in words of its own, so only the behaviour is checked."""
    for command in (["validate", str(path)], ["load", str(path)]):
        rc = main(command)
        err = capsys.readouterr().err
        assert rc == 2, (command, err)
        assert "Traceback" not in err and (fragment is None or fragment in err), err
        assert "nothing was loaded" in err, err
        where = f"{path}:{line}: " if line is not None else f"{path}:"
        assert where in err, err
        assert max(len(x) for x in err.splitlines()) < 600, "messages are shortened"
    return err


def edit(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


# -- YAML ----------------------------------------------------------------------------------------
def test_alias_bomb_is_refused_before_expansion(tmp_path, capsys):
    path = write(tmp_path, GOOD.replace("effective: 2024-01-01", "effective: 2024-01-01\n    x: 1") + "\n" + ALIAS_BOMB)
    assert len(path.read_bytes()) < 4000  # expanded, it would be 9**9 strings (gigabytes)
    cli_refuses(path, capsys, "anchors", line_of(path.read_text(), "a: &a"))


def test_alias_alone_is_refused(tmp_path, capsys):
    text = GOOD.replace("sources:\n  - {id: doc,", "sources:\n  - &src {id: doc,").replace(
        "functions:\n", "other: *src\nfunctions:\n"
    )
    cli_refuses(write(tmp_path, text), capsys, "anchors (&src)", line_of(text, "&src"))


def test_unquoted_impossible_date(tmp_path, capsys):
    text = edit("{role: dcs, from: 2024-01-01,", "{role: dcs, from: 2024-02-30,")
    cli_refuses(write(tmp_path, text), capsys, "'from' in a designation is not a date", line_of(text, "2024-02-30"))


def test_nesting_twenty_thousand_deep(tmp_path, capsys):
    """PyYAML 6.0.4's scanner refuses deep flow nesting itself ("exceeded maximum nesting depth")
    before Remit's own depth check sees an event; 6.0.3 leaves it to Remit. Either way: exit 2,
    FILE:LINE at the nested value, no traceback, nothing loaded."""
    text = GOOD + "extra: " + "[" * 20000 + "]" * 20000 + "\n"
    cli_refuses(write(tmp_path, text), capsys, None, line_of(text, "extra:"))


def test_nesting_deeper_than_the_format_allows(tmp_path, capsys):
    """Nesting too shallow for any parser's own limit but deeper than the format needs: Remit's words."""
    text = GOOD + "extra: " + "[" * 70 + "]" * 70 + "\n"
    cli_refuses(write(tmp_path, text), capsys, "nesting is deeper than 64 levels", line_of(text, "extra:"))


def test_size_limit_is_configurable_with_a_clear_message(tmp_path, capsys, monkeypatch):
    path = write(tmp_path, GOOD)
    monkeypatch.setenv("REMIT_MAX_FILE_MB", "0.001")
    cli_refuses(path, capsys, "the limit is 0.0 MB (set REMIT_MAX_FILE_MB", 0)
    monkeypatch.setenv("REMIT_MAX_FILE_MB", "1")
    assert read_files([path]).files


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n", "---\n", "~\n"])
def test_empty_file_is_an_error(tmp_path, capsys, text):
    cli_refuses(write(tmp_path, text), capsys, "file is empty")


def test_python_tags_are_refused(tmp_path, capsys):
    text = edit("label: Structure 2024", "label: !!python/object/apply:os.system [echo hi]")
    cli_refuses(write(tmp_path, text), capsys, "YAML tag", line_of(text, "!!python"))


def test_a_second_document_is_refused(tmp_path, capsys):
    text = GOOD + "---\nformat: remit/1\n"
    cli_refuses(write(tmp_path, text), capsys, "one YAML document", line_of(text, "---"))


# -- numbers, ids, lengths ---------------------------------------------------------------------
PAY = "        pay: {{salary: {}, source: doc, quote: The DCS is interim.}}\n"


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("-5", "must not be negative"),
        (".nan", "must be a finite number"),
        (".inf", "must be a finite number"),
        ("-.inf", "must be a finite number"),
        (str(MAX_INT + 1), "out of range"),
        ("1" * 5000, "must be a number, not the text '111"),
    ],
)
def test_pay_is_range_checked(tmp_path, capsys, value, fragment):
    text = edit("        responsible_for:\n", PAY.format(value) + "        responsible_for:\n")
    cli_refuses(write(tmp_path, text), capsys, fragment, line_of(text, "pay: {salary"))


def test_the_largest_integer_is_accepted(tmp_path):
    text = edit("        responsible_for:\n", PAY.format(MAX_INT) + "        responsible_for:\n")
    (tmp_path / "testshire.txt").write_text("The DCS is interim.", encoding="utf-8")
    data = read_files([write(tmp_path, text)])
    assert data.files[0].structures[0].post("dcs").pay.salary == MAX_INT


def test_a_stated_change_may_be_negative_but_finite(tmp_path, capsys):
    change = "    stated_change: {{total_cost: {}, source: doc, quote: The structure.}}\n"
    text = edit("    status: existing\n", "    status: existing\n" + change.format("-120000"))
    assert read_files([write(tmp_path, text)]).files
    text = edit("    status: existing\n", "    status: existing\n" + change.format(".nan"))
    cli_refuses(write(tmp_path, text), capsys, "finite", line_of(text, "stated_change"))


@pytest.mark.parametrize(
    "key, fragment",
    [
        ("b:c", "may only contain"),
        ("'a b'", "may only contain"),
        ("'-x'", "may only contain"),
        ("'dcs%3A'", "may only contain"),
        ("k" * (MAX_ID + 1), f"an id has at most {MAX_ID}"),
        ("k" * 100_000, "is 100000 characters long"),
    ],
)
def test_ids_are_restricted_to_a_safe_set(tmp_path, capsys, key, fragment):
    text = edit("      - key: dcs\n", f"      - key: {key}\n")
    err = cli_refuses(write(tmp_path, text), capsys, fragment, line_of(text, "- key: " + key[:20]))
    assert len(err) < 5000


def test_long_text_and_names_are_limited(tmp_path, capsys):
    text = edit("title: Director of Children's Services", "title: " + "T" * 20_000)
    cli_refuses(write(tmp_path, text), capsys, "is 20000 characters long; the limit is", line_of(text, "TTTT"))
    holder = "        holders:\n          - {name: " + "N" * 300 + ", source: doc, quote: The DCS is interim.}\n"
    text = edit("        responsible_for:\n", holder + "        responsible_for:\n")
    cli_refuses(write(tmp_path, text), capsys, "the limit is 200", line_of(text, "NNNN"))


def test_huge_unknown_key_is_shortened(tmp_path, capsys):
    text = edit("    status: existing\n", "    status: existing\n    " + "z" * 500 + ": 1\n")
    cli_refuses(write(tmp_path, text), capsys, "unknown key 'zzzz", line_of(text, "zzzz"))


# -- graph rules ---------------------------------------------------------------------------------
def structure_yaml(sid: str, supersedes: str | None = None, posts: str = "") -> str:
    sup = f"    supersedes: {supersedes}\n" if supersedes else ""
    return (
        f"  - id: {sid}\n    label: S\n    status: existing\n{sup}    source: doc\n    quote: q\n"
        f"    posts:\n{posts or '      - {key: ceo, title: Chief, source: doc, quote: q}'}\n"
    )


def council_yaml(structures: str, council: str = "{id: testshire, name: Testshire Council, kind: unitary}") -> str:
    return (
        f"format: remit/1\ncouncil: {council}\nsources:\n  - {{id: doc, title: T, file: none.txt}}\n"
        f"structures:\n{structures}"
    )


def test_supersedes_cycle_is_reported(tmp_path, capsys):
    text = council_yaml(structure_yaml("s-a", "s-c") + structure_yaml("s-b", "s-a") + structure_yaml("s-c", "s-b"))
    cli_refuses(write(tmp_path, text), capsys, "supersedes cycle: s-a -> s-c -> s-b -> s-a", line_of(text, "id: s-a"))


def test_over_long_supersedes_chain_is_reported_not_recursed(tmp_path, capsys):
    n = MAX_SUPERSEDES_CHAIN + 200  # the 1,200
    text = council_yaml("".join(structure_yaml(f"s{i}", f"s{i - 1}" if i else None) for i in range(n)))
    path = write(tmp_path, text)
    cli_refuses(
        path,
        capsys,
        f"ends a chain of more than {MAX_SUPERSEDES_CHAIN}",
        line_of(text, f"id: s{MAX_SUPERSEDES_CHAIN + 1}\n".strip()),
    )


def test_a_chain_at_the_limit_builds_without_recursion():
    """The graph writers walk supersedes chains iteratively: the limit is validation's, not Python's."""
    council = Council("c", "C", "unitary")
    ev = Evidence("doc", "q")
    structures = [
        Structure(f"s{i}", "S", "existing", ev, supersedes=f"s{i - 1}" if i else None, posts=[Post("ceo", "Chief", ev)])
        for i in range(MAX_SUPERSEDES_CHAIN + 1)
    ]
    data = Dataset([StructureFile("f.yaml", council, [Source("doc", "T", None, "x")], [], structures)])
    order = [rec.structure for rec in dataset_records(data)]
    assert order == [f"s{i}" for i in range(MAX_SUPERSEDES_CHAIN + 1)]
    assert graph_from_dataset(data).number_of_edges() > MAX_SUPERSEDES_CHAIN


def test_long_line_cycle_is_found(tmp_path, capsys):
    """A 3,000-post line-management ring (quadratic before: over 180 s) is one problem, shortened."""
    n = 3000
    posts = "".join(
        f"      - {{key: p{i}, title: P, line_manager: {{post: p{(i + 1) % n}, source: doc, quote: q}}, "
        f"source: doc, quote: q}}\n"
        for i in range(n)
    )
    text = council_yaml(structure_yaml("s", posts=posts.rstrip("\n")))
    err = cli_refuses(
        write(tmp_path, text), capsys, "line management cycle in structure 's': p0 -> p1", line_of(text, "key: p0,")
    )
    assert err.count("line management cycle") == 1 and "more)" in err


def test_many_designations_of_one_role_are_checked_without_pairs(tmp_path, capsys):
    n = 4000
    posts = "".join(
        f"      - {{key: p{i}, title: P, designations: [{{role: dcs, from: {2000 + i % 20}-01-01, "
        f"to: {2000 + i % 20}-12-31, joint: true, source: doc, quote: q}}], source: doc, quote: q}}\n"
        for i in range(n)
    )
    assert read_files([write(tmp_path, council_yaml(structure_yaml("s", posts=posts.rstrip("\n"))))]).files
    posts = posts.replace("joint: true, ", "", 1)  # p0 (2000) now overlaps p20, p40, ... without joint
    text = council_yaml(structure_yaml("s", posts=posts.rstrip("\n")))
    cli_refuses(write(tmp_path, text), capsys, "role 'dcs' is designated to both 'p0'")


def test_a_council_defined_twice_differently_names_both_files(tmp_path, capsys):
    first = write(tmp_path, council_yaml(structure_yaml("s-a")), "one.yaml")
    second = write(
        tmp_path, council_yaml(structure_yaml("s-b"), "{id: testshire, name: Other Name, kind: unitary}"), "two.yaml"
    )
    with pytest.raises(InvalidStructureFiles) as info:
        read_files([first, second])
    [problem] = info.value.problems
    assert problem.file == str(second) and problem.line == 2
    assert f"council 'testshire' is defined differently in {first}:2 and here" in problem.message
    same = write(tmp_path, council_yaml(structure_yaml("s-b")), "three.yaml")
    assert len(read_files([first, same]).files) == 2  # the same definition twice is fine


def test_a_source_id_reused_with_another_meaning_in_one_council(tmp_path):
    first = write(tmp_path, council_yaml(structure_yaml("s-a")), "one.yaml")
    other = council_yaml(structure_yaml("s-b")).replace("title: T,", "title: Another report,")
    with pytest.raises(InvalidStructureFiles, match="source 'doc' of council 'testshire' is defined differently"):
        read_files([first, write(tmp_path, other, "two.yaml")])


def test_nan_never_reaches_the_graph(tmp_path):
    """Sanity for the range checks above: a valid file's numbers are all finite."""
    (tmp_path / "testshire.txt").write_text("The DCS is interim.", encoding="utf-8")
    text = edit("        responsible_for:\n", PAY.format("150000.5") + "        responsible_for:\n")
    g = graph_from_dataset(read_files([write(tmp_path, text)]))
    assert all(math.isfinite(v) for _, a in g.nodes(data=True) for v in a.values() if isinstance(v, float))


def test_messages_never_dump_a_huge_value(tmp_path, capsys):
    text = edit("effective: 2024-01-01", "effective: '" + "9" * 100_000 + "'")
    err = cli_refuses(write(tmp_path, text), capsys, "is not a date", line_of(text, "effective:"))
    assert len(err) < 2000


def test_any_reader_s_model_is_checked_for_storage():
    """A reader that builds the model itself (the CSV importers) cannot hand the writers a value Neo4j
    would refuse half-way through a load: the check runs on every file, whatever its format."""
    from remit.loader.model import Pay
    from remit.loader.problems import Problems
    from remit.loader.validate import check_all

    ev = Evidence("doc", "q", 7)
    posts = [
        Post("p" * (MAX_ID + 1), "T", ev),
        Post("ok", "T", Evidence("doc", "q", 9), pay=Pay(Evidence("doc", "q", 9), salary=math.nan)),
        Post("big", "T", Evidence("doc", "q", 11), pay=Pay(Evidence("doc", "q", 11), total_cost=MAX_INT + 1)),
        Post("p@1", "T" * 20_000, Evidence("doc", "q", 13)),
    ]
    sf = StructureFile(
        "x.csv",
        Council("c", "C", "unitary", 1),
        [Source("doc", "T", None, "x", 2)],
        [],
        [Structure("s", "S", "existing", Evidence("doc", "q", 3), posts=posts)],
    )
    problems = Problems("x.csv")
    check_all([(sf, problems)])
    found = sorted((p.line, p.message) for p in problems)
    assert [line for line, _ in found] == [7, 9, 11, 13], found
    assert "an id has at most" in found[0][1] and "finite" in found[1][1] and "out of range" in found[2][1]
    assert "the limit is" in found[3][1]


def test_imported_files_meet_the_id_rules(tmp_path, capsys):
    """`remit import` writes YAML that the safe id set accepts (organogram rows keyed 0@ROW)."""
    from .conftest import ROOT

    fixture = ROOT / "tests" / "fixtures" / "import" / "organogram" / "example-2020-03-31-senior.csv"
    assert main(["import", str(fixture), "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    data = read_files([tmp_path])
    assert any("@" in p.key for st in data.structures.values() for p in st.posts)


@pytest.mark.parametrize("value", ["=", "<<"])
def test_scalars_yaml_resolves_to_other_tags_are_text(tmp_path, capsys, value):
    """Found by fuzzing: `=` (YAML's value tag) and `<<` (merge) as plain scalars are only text here."""
    text = edit("label: Structure 2024", f"label: {value}")
    assert read_files([write(tmp_path, text)])
    text = edit("    status: existing\n", f"    status: existing\n    {value}: 1\n")
    cli_refuses(write(tmp_path, text), capsys, f"unknown key '{value}'", line_of(text, f"    {value}: 1"))
