"""``safeguarding export --format turtle|jsonld|graphml``: the whole temporal graph as text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from loaders.landscape import bundled


def register(sub: Any) -> None:
    from graph.export import FORMATS

    p = sub.add_parser("export", help="export the landscape as Turtle, JSON-LD or GraphML")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", type=Path, help="file to write (default: standard output)")
    p.add_argument(
        "--include-holders",
        action="store_true",
        help="keep the names of post holders (GraphML only; personal data, off by default)",
    )
    p.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    from graph.export import export

    text = export(bundled(), args.format, include_holders=args.include_holders)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
