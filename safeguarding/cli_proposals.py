"""``safeguarding proposals``: the council proposals of ``DATA/changes/lgr_proposals_2025.csv``
as shipped proposal files (``queries/proposals/lgr-2025-*.yaml``).

Without a flag it lists them, each with whether the shipped file is what the table gives;
``--check`` exits 1 if any differs or is missing; ``--write`` writes them (a re-run reproduces
them byte for byte). A table with a bad cell is refused with its file, line, column and value.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from graph.errors import SafeguardingError
from loaders.landscape import DEFAULT_DATA, bundled
from queries.council_proposals import council_proposal_files
from queries.stacking import PROPOSALS

TABLE = "lgr_proposals_2025.csv"


def register(sub: Any) -> None:
    p = sub.add_parser("proposals", help="the council proposals of 2025 as shipped proposal files")
    p.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="data folder (default ../shared/data)"
    )
    p.add_argument(
        "--out", type=Path, default=PROPOSALS, help="folder of proposal files (default: shipped)"
    )
    how = p.add_mutually_exclusive_group()
    how.add_argument("--write", action="store_true", help="write the files")
    how.add_argument("--check", action="store_true", help="exit 1 if a file differs")
    p.set_defaults(run=run_proposals)


def run_proposals(args: argparse.Namespace) -> int:
    table = args.data / "changes" / TABLE
    if not table.is_file():
        raise SafeguardingError(f"no table of council proposals at {table}")
    if not args.out.is_dir():
        raise SafeguardingError(f"--out {args.out}: no such folder")
    files = council_proposal_files(bundled(), table)
    stale = []
    for name, text in files.items():
        path = args.out / name
        current = path.is_file() and path.read_text(encoding="utf-8") == text
        if args.write and not current:
            part = path.with_name(f".{name}.part")  # whole or not at all: write, then rename
            part.write_text(text, encoding="utf-8")
            part.replace(path)
        elif not current:
            stale.append(name)
        if not args.check:
            state = "written" if args.write and not current else "current" if current else "differs"
            print(f"{name}: {state}")
    if args.check and stale:
        print(f"differ from {TABLE}: {', '.join(stale)} (run with --write)", file=sys.stderr)
        return 1
    return 0
