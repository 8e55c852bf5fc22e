"""``safeguarding diff --from DATE --to DATE``: what differs between the landscape on two dates.

The same answer as the GraphQL ``diff`` field: entities and relations present on ``--to`` and not
on ``--from`` (added), and the other way round (removed). Population blocks are counted, not
listed, unless ``--blocks`` is given: there are thousands of them.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from graph.temporal import TemporalGraph
from loaders.shipped import bundled
from ontology.vocabulary import Kind
from queries.coverage import check_date
from safeguarding.cli_args import check_range, iso_date

_BLOCK = Kind.POPULATION_BLOCK.value


def register(sub: Any) -> None:
    d = sub.add_parser("diff", help="what differs between the landscape on two dates")
    d.add_argument("--from", dest="start", type=iso_date, required=True, metavar="DATE")
    d.add_argument("--to", dest="end", type=iso_date, required=True, metavar="DATE")
    d.add_argument("--blocks", action="store_true", help="list population blocks too")
    d.add_argument("--json", action="store_true", help="print JSON")
    d.set_defaults(run=run_diff)


def diff_json(g: TemporalGraph, start: Any, end: Any, blocks: bool) -> dict[str, Any]:
    """The difference as plain data: entities with kind and name, relations as triples."""
    report = g.diff(start, end)

    def entities(ids: tuple[str, ...]) -> list[dict[str, str]]:
        nodes = [g.node(i) for i in ids]
        return [
            {"id": n.id, "kind": n.kind, "name": n.name}
            for n in nodes
            if blocks or n.kind != _BLOCK
        ]

    def relations(keys: tuple[tuple[str, str, str], ...]) -> list[dict[str, str]]:
        return [
            {"relation": r, "source": s, "target": t}
            for r, s, t in keys
            if blocks or (g.node(s).kind != _BLOCK and g.node(t).kind != _BLOCK)
        ]

    blocks_changed = sum(
        1 for i in (*report.nodes_added, *report.nodes_removed) if g.node(i).kind == _BLOCK
    )
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "entities_added": entities(report.nodes_added),
        "entities_removed": entities(report.nodes_removed),
        "relations_added": relations(report.edges_added),
        "relations_removed": relations(report.edges_removed),
        "population_blocks_changed": blocks_changed,
    }


def run_diff(args: argparse.Namespace) -> int:
    check_range(args.start, args.end, "--from", "--to")
    g = bundled()
    check_date(g, args.start)
    data = diff_json(g, args.start, args.end, args.blocks)
    if args.json:
        json.dump(data, sys.stdout, indent=2)
        print()
        return 0
    print(f"Landscape on {data['to']} compared with {data['from']}")
    for title, key in (("added", "entities_added"), ("removed", "entities_removed")):
        print(f"  entities {title}: {len(data[key])}")
        for e in data[key]:
            print(f"    {e['kind']:<28} {e['id']:<32} {e['name']}")
    for title, key in (("added", "relations_added"), ("removed", "relations_removed")):
        print(f"  relations {title}: {len(data[key])}")
    if not args.blocks:
        print(f"  population blocks added or removed: {data['population_blocks_changed']}")
    return 0
