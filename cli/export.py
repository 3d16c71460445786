"""`remit export`: a loaded structure as a published CSV return or as linked data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from remit.extensions import FORMATS

from .common import EXIT_OK, CommandError, Subparsers, add_command, add_raw_csv_option, open_backend


def cmd_export(args: argparse.Namespace) -> int:
    """Write a structure as the LGA OrganisationStructure CSV, the data.gov.uk organogram CSV
    (senior file to --out, junior file beside it), or JSON-LD / Turtle in the W3C Organization
    Ontology with each fact's provenance. Without --out the file goes to standard output.

    The CSV is meant for people: a cell that begins with = + - @, a tab or a carriage return gets a
    leading ' so a spreadsheet shows it as text instead of running it (`remit import` removes it
    again); --raw-csv writes the cells as they are, for programs."""
    from remit.formats import export
    from remit.formats.common import date_in_name

    backend = open_backend(args)
    try:
        result = export(backend, args.structure, args.export_format, raw=args.raw_csv)
    except LookupError as exc:
        raise CommandError(str(exc).strip("'\"")) from None
    if not args.out:
        sys.stdout.write(result.main)
        if result.junior is not None:
            print("remit: the junior rows are written only with --out (beside the senior file)", file=sys.stderr)
        return EXIT_OK
    out = Path(args.out)
    try:
        out.write_text(result.main, encoding="utf-8")
        if result.junior is not None:
            junior = junior_name(out)
            junior.write_text(result.junior, encoding="utf-8")
            print(f"remit: wrote {out} and {junior}", file=sys.stderr)
            if date_in_name(out) is None:
                print(
                    "remit: an organogram return holds no date: name the file …-YYYY-MM-DD-senior.csv (or give "
                    "`remit import --date`) to read it back",
                    file=sys.stderr,
                )
    except OSError as exc:
        raise CommandError(f"cannot write {exc.filename}: {exc.strerror}") from None
    return EXIT_OK


def junior_name(senior: Path) -> Path:
    """name-senior.csv -> name-junior.csv; any other name gets '-junior' before its suffix."""
    name = senior.name
    i = name.lower().rfind("senior")
    if i >= 0:
        return senior.with_name(name[:i] + "junior" + name[i + 6 :])
    return senior.with_name(f"{senior.stem}-junior{senior.suffix or '.csv'}")


def register(sub: Subparsers) -> None:
    p = add_command(
        sub, "export", cmd_export, "write a structure as a published CSV return or as linked data", fmt=False
    )
    p.add_argument("structure", metavar="STRUCTURE", help="structure id (see `remit structures`)")
    p.add_argument(
        "--format",
        dest="export_format",
        choices=[n for f in FORMATS for n in f.writes],
        required=True,
        help="lga | organogram (CSV as published) | jsonld | turtle (W3C Organization Ontology)",
    )
    p.add_argument("--out", help="file to write (default: standard output)")
    add_raw_csv_option(p)
