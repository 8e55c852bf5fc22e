"""``safeguarding status``: how current the landscape is, and what it was built from.

For each layer (local government, police, health, population) the last vintage and the last
observed one, the changes applied after the official vintages (observed or decided, with their
dates), the last day any of them describes (a later date is a projection), and the build's inputs.
The bundled snapshot by default; ``--snapshot FILE`` reads another.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from graph import snapshot
from loaders.shipped import bundled
from queries.basis import currency


def register(sub: Any) -> None:
    p = sub.add_parser("status", help="how current the landscape is and what it was built from")
    p.add_argument("--snapshot", type=Path, default=None, help="a snapshot file (default: bundled)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_status)


def run_status(args: argparse.Namespace) -> int:
    g = snapshot.load(args.snapshot) if args.snapshot else bundled()
    data = currency(g)
    if args.json:
        json.dump(data, sys.stdout, indent=2)
        print()
        return 0
    print(f"Landscape from {data['data_start']} to {data['evidence_until']} (evidence ends then;")
    print("  a later date is answered as a projection of that day)")
    for name, rows in data["layers"].items():
        last, observed = rows["last"], rows["last_observed"]
        if last is None:
            continue
        line = f"  {name:<17} last vintage {observed['from']} {observed['source']}"
        if last is not observed:
            line += f"; then {last['status']} {last['from']} {last['source']}"
        print(line)
    for c in data["changes"]:
        print(f"  change {c['id']} ({c['status']}) from {c['date']}: {c['title']}")
    decided = data["last_decided_change"]
    print(f"  last decided change: {decided['id'] + ' ' + decided['date'] if decided else 'none'}")
    inputs = data["inputs"]
    print(
        f"  built from {len(inputs['official_files'])} official files, change tables "
        f"{', '.join(inputs['change_tables']) or 'none'}"
        + (f" (not applied: {', '.join(inputs['not_applied'])})" if inputs["not_applied"] else "")
    )
    return 0
