"""``safeguarding export --format turtle|jsonld|graphml``: the whole temporal graph as text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from loaders.landscape import bundled
from safeguarding.cli_args import writable_file


def register(sub: Any) -> None:
    from graph.export import FORMATS

    p = sub.add_parser("export", help="export the landscape as Turtle, JSON-LD or GraphML")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", type=Path, help="file to write (default: standard output)")
    p.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    from graph.export import export

    if args.out:
        writable_file(args.out)
    text = export(bundled(), args.format)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
