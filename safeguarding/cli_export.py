"""``safeguarding export``: the whole temporal graph as Turtle, JSON-LD or GraphML, or the
landscape on one date as CSV tables (``--format csv --as-of DATE --out FOLDER|FILE.zip``).

CSV writes one file per table of :mod:`queries.tables` (``local-authorities.csv``, …) into a
folder (made if its parent exists), or into a zip file when ``--out`` ends in ``.zip``.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path
from typing import Any

from graph.errors import SafeguardingError
from loaders.shipped import bundled
from safeguarding.cli_args import iso_date, writable_file

CSV = "csv"


def register(sub: Any) -> None:
    from graph.export import FORMATS

    p = sub.add_parser(
        "export", help="export the landscape as Turtle, JSON-LD, GraphML or CSV tables"
    )
    p.add_argument("--format", choices=(*FORMATS, CSV), required=True)
    p.add_argument(
        "--out",
        type=Path,
        help="file to write (default: standard output); for csv a folder or a .zip file",
    )
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help="the date of the csv tables")
    p.add_argument(
        "--include-holders",
        action="store_true",
        help="keep the names of post holders (GraphML only; personal data, off by default)",
    )
    p.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    if args.format == CSV:
        return _run_csv(args)
    from graph.export import export

    if args.out:
        writable_file(args.out)
    text = export(bundled(), args.format, include_holders=args.include_holders)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _run_csv(args: argparse.Namespace) -> int:
    from queries.tables import tables

    if args.as_of is None:
        raise SafeguardingError("--format csv needs --as-of DATE: the tables describe one date")
    if args.out is None:
        raise SafeguardingError(
            "--format csv needs --out FOLDER or --out FILE.zip (one file per table)"
        )
    out: Path = args.out
    zipped = out.suffix.lower() == ".zip"
    if zipped:
        writable_file(out)
    elif out.exists() and not out.is_dir():
        raise SafeguardingError(f"--out {out}: is a file, not a folder (or name a .zip file)")
    elif not out.parent.is_dir():
        raise SafeguardingError(f"--out {out}: the folder {out.parent} does not exist")
    found = tables(bundled(), args.as_of)
    if zipped:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, t in found.items():
                z.writestr(f"{name}.csv", t.to_csv())
    else:
        out.mkdir(exist_ok=True)
        for name, t in found.items():
            (out / f"{name}.csv").write_text(t.to_csv(), encoding="utf-8", newline="")
    counts = ", ".join(f"{name} {len(t.rows)}" for name, t in found.items())
    print(f"wrote {len(found)} tables on {args.as_of} to {out} ({counts} rows)", file=sys.stderr)
    return 0
