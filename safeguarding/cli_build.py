"""``safeguarding build`` makes the snapshot; ``safeguarding history`` reads an entity's past."""

from __future__ import annotations

import argparse
import json
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from graph import snapshot
from graph.codes import Scheme
from graph.resolver import find
from loaders.boundaries import build_boundaries, write_boundaries
from loaders.landscape import (
    BUNDLED,
    BUNDLED_BOUNDARIES,
    DEFAULT_DATA,
    boundaries_folder,
    build_landscape,
    bundled,
)
from queries.coverage import check_date
from safeguarding.beside import Beside
from safeguarding.cli_args import iso_date, writable_file


def register(sub: Any) -> None:
    p = sub.add_parser("build", help="build the landscape snapshot from the official files")
    p.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="data folder (default ../shared/data)"
    )
    p.add_argument(
        "--changes",
        type=Path,
        default=None,
        help="folder of change tables (default DATA/changes): changes after the official vintages",
    )
    p.add_argument(
        "--registry", type=Path, default=None, help="registry folder (default: the shipped one)"
    )
    p.add_argument("--out", type=Path, default=BUNDLED, help="snapshot file to write")
    p.add_argument(
        "--boundaries-out",
        type=Path,
        default=None,
        help="boundaries file to write (default: boundaries.json.gz beside the snapshot)",
    )
    p.set_defaults(run=run_build)

    h = sub.add_parser(
        "history", help="the history of an entity, by code (GSS, ODS, DfE, mySociety)"
    )
    h.add_argument("code", help="a code, e.g. E10000006, QYG, 909; or scheme:code")
    h.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="a date the code was held on (tells apart entities that held it in turn)",
    )
    h.add_argument(
        "--scheme",
        choices=[s.value for s in Scheme],
        help="the scheme of the code (default: every scheme the code's form fits)",
    )
    h.add_argument("--json", action="store_true", help="print JSON")
    h.set_defaults(run=run_history)


def run_build(args: argparse.Namespace) -> int:
    writable_file(args.out)
    started = time.perf_counter()
    folder = boundaries_folder(args.data)
    # the boundaries read only their own folder: built in a process of their own beside the
    # landscape, the build takes as long as the longer of the two, not both
    with Beside(build_boundaries, folder) if folder.is_dir() else nullcontext() as pending:
        try:
            g = build_landscape(args.data, args.registry, args.changes)
        except Exception:
            if pending is not None:
                pending.result()  # a problem in the boundaries is told first, as it always was
            raise
        boundaries = pending.result() if pending is not None else None
    seconds = time.perf_counter() - started
    # written only after the whole build, boundaries included, succeeded
    snapshot.save(g, args.out)
    print(
        f"built {len(g)} nodes and {len(g.all_edges())} edges in {seconds:.1f} s; "
        f"wrote {args.out} ({args.out.stat().st_size:,} bytes)"
    )
    out = args.boundaries_out or args.out.with_name(BUNDLED_BOUNDARIES.name)
    if boundaries is None:
        print(f"no boundaries folder {folder}: {out} not written")
    else:
        write_boundaries(boundaries, out)
        print(f"wrote {out} ({len(boundaries):,} bytes) from {folder}")
    if g.meta.get("unrecognised_files"):
        print(f"files of no known format, not read: {', '.join(g.meta['unrecognised_files'])}")
    return 0


def run_history(args: argparse.Namespace) -> int:
    g = bundled()
    if args.as_of is not None:
        check_date(g, args.as_of)
    scheme = Scheme(args.scheme) if args.scheme else None
    h = g.history(find(g, args.code, args.as_of, scheme=scheme).id)
    data: dict[str, Any] = {
        "id": h.node.id,
        "kind": h.node.kind,
        "name": h.node.name_on(args.as_of) if args.as_of else h.node.name,
        "valid": str(h.node.period),
        "identifiers": [f"{a.identifier} {a.period}" for a in h.node.identifiers],
        "events": [
            {"date": e.attrs.get("date"), "change": e.attrs.get("change"), "name": e.name}
            for e in h.events
        ],
        "relations": [f"{e.relation} {e.source} -> {e.target} {e.period}" for e in h.edges[:200]],
    }
    if args.json:
        json.dump(data, sys.stdout, indent=2)
        print()
    else:
        print(f"{data['name']} ({data['kind']}, {data['id']}), valid {data['valid']}")
        for line in data["identifiers"]:
            print(f"  identifier {line}")
        for ev in data["events"]:
            print(f"  {ev['change']} {ev['name']}")
    return 0
