"""A council whose files say hostile things (issue 25): markup, formulas, escape codes and links in
every free-text field, valid otherwise, so it loads and every page, export and report shows it.

The values are what a probe would type; EVIL is a host no test machine resolves, so a request to
it is caught by the browser tests (routed and recorded, never sent)."""

from __future__ import annotations

from pathlib import Path

import yaml

EVIL = "evil.example"
IMAGE = f"![x](http://{EVIL}/t.png)"
LINK = "[link](javascript:alert(1))"
TAG = f"<img src=http://{EVIL}/i.png onerror=alert(1)>"
COLOUR = ":red[x]"
LATEX = "$x^2$"
ICON = ":material/warning:"
AUTOLINKS = f"see http://{EVIL}/a www.{EVIL} x@{EVIL}"  # GitHub markdown links these without brackets
MARKUP = [IMAGE, LINK, TAG, COLOUR, LATEX, ICON]
FORMULAS = ['=HYPERLINK("http://evil.example/","x")', "+cmd|' /C calc'!A0", "=1+1", "-2+3", "@SUM(1)", "\tx", "\rx"]

COUNCIL = "hostileshire"
BEFORE, AFTER = f"{COUNCIL}-2024", f"{COUNCIL}-2025"
TITLE = f"Director {IMAGE} {LINK} {TAG} {COLOUR} {LATEX} {ICON}"  # the post the pages show
FORMULA_TITLE = FORMULAS[0]


def _fact(quote: str) -> dict[str, str]:
    return {"source": "doc", "quote": quote}


def hostile_file(folder: Path, name: str = f"{COUNCIL}.yaml") -> Path:
    """Write the council's YAML file and its document into `folder`; return the YAML path."""
    quotes: list[str] = []

    def q(text: str) -> dict[str, str]:
        quotes.append(text)
        return _fact(text)

    def structure(sid: str, extra_posts: list[dict], **more: object) -> dict:
        return {
            "id": sid,
            "label": f"Structure {LINK} {IMAGE}",
            "effective": "2024-01-01" if sid == BEFORE else "2025-01-01",
            "status": "existing",
            **q(f"The structure {sid}."),
            "units": [
                {"key": "people", "name": f"People {TAG}", "kind": "directorate", **q("The People directorate.")}
            ],
            "posts": [
                {
                    "key": "ceo",
                    "title": "Chief Executive",
                    "designations": [{"role": "hops", "basis": "permanent", **q("The Chief Executive is HoPS.")}],
                    **q("The Chief Executive is HoPS."),
                },
                *extra_posts,
            ],
            **more,
        }

    old = {
        "key": "old",
        "title": f"Old post {COLOUR} {FORMULAS[2]}",
        "line_manager": {"post": "ceo", **q("The old post reports to the Chief Executive.")},
        **q("The old post reports to the Chief Executive."),
    }
    new = {
        "key": "hostile",
        "title": TITLE,
        "unit": {"unit": "people", **q("The Director is in People.")},
        "line_manager": {"post": "ceo", **q("The Director reports to the Chief Executive.")},
        "holders": [{"name": f"A {LATEX} {ICON} Person", "basis": "interim", **q("A Person is interim.")}],
        "designations": [{"role": "dcs", "basis": "interim", **q("The Director is the DCS.")}],
        "created": q("The Director post is created."),
        "note": f"Note {IMAGE} {LINK}\nsecond line {COLOUR} {AUTOLINKS}",
        **q("The Director reports to the Chief Executive."),
    }
    formula = {
        "key": "formula",
        "title": FORMULA_TITLE,
        "line_manager": {"post": "ceo", **q("The formula post reports to the Chief Executive.")},
        "holders": [{"name": FORMULAS[1], **q("The formula post is held.")}],
        "created": q("The formula post is created."),
        **q("The formula post reports to the Chief Executive."),
    }
    data = {
        "format": "remit/1",
        "council": {"id": COUNCIL, "name": f"Hostileshire {IMAGE}", "kind": "unitary"},
        "sources": [{"id": "doc", "title": f"A report {LINK}", "date": "2024-01-01", "file": f"{COUNCIL}.txt"}],
        "structures": [
            structure(BEFORE, [old]),
            structure(
                AFTER,
                [new, formula],
                supersedes=BEFORE,
                deletes=[{"post": "old", **q("The old post is deleted.")}],
            ),
        ],
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{COUNCIL}.txt").write_text(" ".join(dict.fromkeys(quotes)), encoding="utf-8")
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def formula_file(folder: Path) -> Path:
    """A structure with one post per formula-like title (holder named the same): what an export
    must neutralise and an import must read back unchanged."""
    folder.mkdir(parents=True, exist_ok=True)
    quote = "The posts are listed."
    posts = [
        {
            "key": f"p{i}",
            "title": text,
            "holders": [{"name": text, "source": "doc", "quote": quote}],
            **({"line_manager": {"post": "p0", "source": "doc", "quote": quote}} if i else {}),
            "source": "doc",
            "quote": quote,
        }
        for i, text in enumerate(["Chief Executive", *FORMULAS, "'=already quoted", "-5", "O'Brien = boss"])
    ]
    data = {
        "format": "remit/1",
        "council": {"id": "formulashire", "name": "Formulashire", "kind": "unitary"},
        "sources": [{"id": "doc", "title": "A report", "date": "2024-01-01", "file": "formulashire.txt"}],
        "structures": [
            {
                "id": "formulashire-2024",
                "label": "=1+1 label",
                "effective": "2024-01-01",
                "status": "existing",
                "source": "doc",
                "quote": quote,
                "posts": posts,
            }
        ],
    }
    (folder / "formulashire.txt").write_text(quote, encoding="utf-8")
    path = folder / "formulashire.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


DEEP = "deepshire"


def deep_file(folder: Path, depth: int, name: str = f"{DEEP}.yaml", dcs_on_top: bool = False) -> Path:
    """A structure whose posts form one line-management chain `depth` posts long under the Chief
    Executive (the Head of Paid Service): p1 reports to ceo, p2 to p1, ... (issue 25, finding 7).
    Post pN is N steps below the top, so its tier is N and its chain has N + 1 rows. With `dcs_on_top`
    the Chief Executive is the DCS too, so every post's line chain reaches the DCS."""
    folder.mkdir(parents=True, exist_ok=True)
    quote = "Each post reports to the one before."
    fact = {"source": "doc", "quote": quote}
    posts: list[dict] = [
        {
            "key": "ceo",
            "title": "Chief Executive",
            "designations": [{"role": "hops", "basis": "permanent", **fact}]
            + ([{"role": "dcs", "basis": "permanent", **fact}] if dcs_on_top else []),
            **fact,
        }
    ]
    for i in range(1, depth + 1):
        above = "ceo" if i == 1 else f"p{i - 1}"
        posts.append({"key": f"p{i}", "title": f"Post {i}", "line_manager": {"post": above, **fact}, **fact})
    data = {
        "format": "remit/1",
        "council": {"id": DEEP, "name": "Deepshire", "kind": "unitary"},
        "sources": [{"id": "doc", "title": "A report", "date": "2024-01-01", "file": f"{DEEP}.txt"}],
        "structures": [
            {
                "id": f"{DEEP}-2024",
                "label": "Deep",
                "effective": "2024-01-01",
                "status": "existing",
                **fact,
                "posts": posts,
            }
        ],
    }
    (folder / f"{DEEP}.txt").write_text(quote, encoding="utf-8")
    path = folder / name
    # The C dumper when there is one: a 20,000-post file in well under a second.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def control_file(folder: Path) -> Path:
    """A council whose structure label, council name and a post title carry a NUL and terminal escape
    codes (issue 25, finding 8: a NUL or ESC in a title crashed `remit report … .pdf`)."""
    path = deep_file(folder, 2, name=f"{DEEP}.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["council"]["name"] = "Deep\x00shire \x1b]0;retitled\x07"
    data["structures"][0]["label"] = "Deep \x1b[2J label"
    data["structures"][0]["posts"][2]["title"] = CONTROL_TITLE
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


CONTROL_TITLE = "Post\x00two \x1b[31mred\x1b[0m"
CONTROL_SHOWN = "Post\\u0000two \\u001b[31mred\\u001b[0m"  # how every output writes it
