"""`remit chart`: a structure's organisation chart as a file to take away (PDF, SVG or PNG)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_OK, CommandError, Subparsers, add_command, open_backend, structure_arg

SUFFIXES = (".pdf", ".svg", ".png")


def cmd_chart(args: argparse.Namespace) -> int:
    """Draw a structure's organisation chart, every post by default, as the dashboard lays it out:
    FILE.pdf is vector and tiled on A4 or A3 pages (--paper) at a legible size, with page labels,
    an overview page and an index of posts; FILE.svg is one drawing; FILE.png an image (Pillow).

    --tiers N draws only the top N tiers, with +N for the posts hidden below; --branch POST only
    that post and those below it; --compact / --spread choose the layout (default: compact for
    charts of more than 60 posts or wide ones)."""
    from remit.present.drawing.scene import chart_scene
    from remit.present.layout import default_collapsed, layout
    from remit.present.orgchart import chart_graph, subtree
    from remit.present.palette import extra_lines
    from remit.queries.snapshot import snapshot

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise CommandError(f"--out {args.out}: the file name must end in .pdf, .svg or .png")
    if not out.parent.is_dir():
        raise CommandError(f"--out {args.out}: no such folder {out.parent}")
    if args.tiers is not None and args.tiers < 1:
        raise CommandError("--tiers takes a number of tiers, 1 or more")
    backend = open_backend(args)
    used = structure_arg(args, backend)
    snap = snapshot(backend, used.structure)
    graph = chart_graph(snap)
    if args.branch:
        from remit.queries.matching import Candidate, NoMatch, match

        cands = [Candidate(k, (k, p.title)) for k, p in graph.posts.items()]
        try:
            root = match(args.branch, cands, f"post of {used.structure}")
        except NoMatch as exc:
            raise CommandError(f"--branch: {exc}") from None
        graph = subtree(graph, root)
    collapsed = default_collapsed(graph, args.tiers) if args.tiers else set()
    if args.tiers and len(graph.posts) <= 60:  # default_collapsed opens small charts whole; --tiers means it
        from remit.present.orgchart import tiers as depth

        levels = depth(graph)
        collapsed = {k for k in graph.children() if levels[k] >= args.tiers - 1}
    compact = True if args.compact else False if args.spread else None
    placed = layout(graph, collapsed, compact, extra_lines(graph, None))
    scene = chart_scene(graph, collapsed, placed=placed)
    title = snap.structure.get("label") or used.structure
    if suffix == ".pdf":
        from remit.present.drawing.pdf import chart_pdf

        data = chart_pdf(scene, f"{title} ({used.structure})", args.paper)
    elif suffix == ".svg":
        from remit.present.drawing.svg import scene_svg

        data = scene_svg(scene, f"{title} ({used.structure})").encode("utf-8")
    else:
        from remit.present.drawing.png import scene_png

        data = scene_png(scene)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"cannot write {exc.filename}: {exc.strerror}") from None
    boxes = sum(1 for b in scene.boxes)
    print(
        f"remit: wrote {out} ({suffix[1:]}, {len(data):,} bytes): {boxes} boxes of {used.structure}"
        + (f", {args.paper}" if suffix == ".pdf" else ""),
        file=sys.stderr,
    )
    return EXIT_OK


def register(sub: Subparsers) -> None:
    p = add_command(sub, "chart", cmd_chart, "draw a structure's organisation chart as PDF, SVG or PNG", fmt=False)
    p.add_argument("structure", nargs="?", metavar="STRUCTURE", help="structure id (see `remit structures`)")
    p.add_argument("--council", help="council id, with --as-of")
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help="date (YYYY-MM-DD): the structure in force then")
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.pdf, FILE.svg or FILE.png")
    p.add_argument("--paper", choices=("A4", "A3"), default="A4", help="PDF paper size (default: A4)")
    p.add_argument("--tiers", type=int, metavar="N", help="only the top N tiers (default: every post)")
    p.add_argument("--branch", metavar="POST", help="only this post (key or title) and the posts below it")
    layout_choice = p.add_mutually_exclusive_group()
    layout_choice.add_argument("--compact", action="store_true", help="hang wide, flat levels as indented lists")
    layout_choice.add_argument("--spread", action="store_true", help="every report side by side")
