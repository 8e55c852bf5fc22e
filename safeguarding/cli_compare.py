"""``safeguarding compare A B [C...]``: options for the same area side by side.

Each option is a proposal YAML file or a shipped proposal by name (as ``safeguarding impact``
takes them). A table by default, a measure a row and an option a column (long cells wrapped);
``--json`` for machines, ``--csv`` for spreadsheets (``section,measure,<option>...``). Options that
change no area in common are refused with one line, exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import Any

from api.types.impact import plain
from graph.errors import SafeguardingError
from loaders.shipped import bundled
from queries.compare import Comparison, compare, to_csv
from queries.scenario import apply
from queries.sliver import DEFAULT_SLIVER
from safeguarding.cli_impact import find_proposal, library

MEASURE, CELL = 36, 34


def register(sub: Any) -> None:
    p = sub.add_parser("compare", help="options for the same area side by side")
    p.add_argument("proposals", nargs="+", metavar="PROPOSAL", help="two or more proposals")
    p.add_argument(
        "--sliver", type=float, default=DEFAULT_SLIVER, help="share below which a part is a sliver"
    )
    how = p.add_mutually_exclusive_group()
    how.add_argument("--json", action="store_true", help="print JSON")
    how.add_argument("--csv", action="store_true", help="print CSV")
    p.set_defaults(run=run_compare)


def run_compare(args: argparse.Namespace) -> int:
    if not 0 <= args.sliver < 1:
        raise SafeguardingError(f"sliver threshold {args.sliver} must be at least 0 and below 1")
    if len(args.proposals) < 2:
        raise SafeguardingError("give at least two proposals to compare")
    g = bundled()
    options = [apply(g, find_proposal(x), library(x)) for x in args.proposals]
    c = compare(g, options, args.sliver)
    if args.json:
        json.dump(as_json(c), sys.stdout, indent=2, ensure_ascii=False)
        print()
    elif args.csv:
        sys.stdout.write(to_csv(c))
    else:
        print("\n".join(render(c)))
    return 0


def as_json(c: Comparison) -> dict[str, Any]:
    """The comparison as JSON: the table's rows, and each option's measures (its impact report
    left out: ``safeguarding impact --json`` gives it)."""
    options = []
    for o in c.options:
        data = plain(o)
        data.pop("report", None)
        options.append(data)
    return {
        "options": options,
        "common_districts": plain(c.common),
        "sliver_threshold": c.sliver_threshold,
        "children_ages": c.children_ages,
        "notes": list(c.notes),
        "rows": [plain(r) for r in c.rows()],
    }


def _cell(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for item in text.split("; "):
        lines += textwrap.wrap(item, width, subsequent_indent="  ") or [""]
    return lines


def render(c: Comparison) -> list[str]:
    """The table, line by line."""
    out = [f"Options compared: {len(c.options)}"]
    for i, o in enumerate(c.options, start=1):
        out.append(f"  {i}. {o.name} ({o.source})")
    out += [f"  note: {n}" for n in c.notes]
    out.append(f"  districts every option changes: {len(c.common)}")
    head = "".join(f"{i:<{CELL + 2}}" for i in range(1, len(c.options) + 1))
    out.append(f"{'':<{MEASURE}}  {head}")
    section = ""
    for row in c.rows():
        if row.section != section:
            section = row.section
            out.append(section.upper())
        cells = [_cell(v, CELL) for v in row.values]
        measure = textwrap.wrap(row.measure, MEASURE - 2) or [""]
        for k in range(max(len(measure), *(len(x) for x in cells))):
            left = measure[k] if k < len(measure) else ""
            rest = "".join(f"{(x[k] if k < len(x) else ''):<{CELL + 2}}" for x in cells)
            out.append(f"  {left:<{MEASURE - 2}}  {rest}".rstrip())
    return out
