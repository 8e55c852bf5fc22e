"""``safeguarding coverage`` and ``safeguarding overlap``: readable tables, or ``--json``."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from typing import Any

from loaders.shipped import bundled
from queries.basis import basis
from queries.coverage import Coverage, coverage, coverage_timeline
from queries.overlap import Overlap, overlap
from queries.sliver import DEFAULT_SLIVER
from safeguarding.cli_args import check_range, iso_date


def register(sub: Any) -> None:
    c = sub.add_parser("coverage", help="is every LA area covered by exactly one partnership?")
    c.add_argument("--as-of", type=iso_date, required=True, metavar="DATE")
    c.add_argument(
        "--until",
        type=iso_date,
        metavar="DATE",
        help="also list the days the answer changes up to DATE",
    )
    c.add_argument("--json", action="store_true", help="print JSON")
    c.set_defaults(run=run_coverage)

    o = sub.add_parser(
        "overlap", help="police forces and health bodies of each partnership, with shares"
    )
    o.add_argument("--as-of", type=iso_date, required=True, metavar="DATE")
    o.add_argument(
        "--sliver", type=float, default=DEFAULT_SLIVER, help="share below which a part is a sliver"
    )
    o.add_argument("--json", action="store_true", help="print JSON")
    o.set_defaults(run=run_overlap)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def coverage_json(report: Coverage) -> dict[str, Any]:
    """The machine form: ``uncovered`` and ``multiply_covered`` are objects with code and name."""
    data: dict[str, Any] = _jsonable(asdict(report))

    def issue(i: dict[str, Any]) -> dict[str, Any]:
        la = i.pop("la")
        return {"code": la["code"], "name": la["name"], "id": la["id"], **i}

    data["uncovered"] = [issue(i) for i in data["uncovered"]]
    data["multiply_covered"] = [issue(i) for i in data["multiply_covered"]]
    data["awaiting_arrangement"] = [issue(i) for i in data["awaiting_arrangement"]]
    return data


def run_coverage(args: argparse.Namespace) -> int:
    if args.until:
        check_range(args.as_of, args.until, "--as-of", "--until")
    g = bundled()
    report = coverage(g, args.as_of)
    timeline = coverage_timeline(g, args.as_of, args.until) if args.until else []
    if args.json:
        data = coverage_json(report)
        data["basis"] = _jsonable(asdict(basis(g, args.as_of)))
        if args.until:
            data["timeline"] = _jsonable([asdict(t) for t in timeline])
        json.dump(data, sys.stdout, indent=2)
        print()
        return 0
    print(f"Coverage on {report.as_of}: {'compliant' if report.compliant else 'NOT compliant'}")
    print(f"  local authority areas  {report.local_authority_count:>5}")
    print(f"  partnerships           {report.partnership_count:>5}")
    for reason in report.reasons:
        print(f"  - {reason}")
    for title, issues in (
        ("uncovered", report.uncovered),
        ("covered more than once", report.multiply_covered),
    ):
        for i in issues:
            by = ", ".join(p.name for p in i.partnerships) or "no partnership"
            until = i.until or "the end of the data"
            print(f"  {title}: {i.code} {i.name} ({by}) from {i.since} to {until}")
    for w in report.awaiting_arrangement:
        print(f"  awaiting an arrangement: {w.code} {w.name}, by {w.arrange_by} ({w.status})")
        print(f"    {w.must_arrange}")
    print(f"  LAs with no recorded CDOP (unknown, not missing): {len(report.cdop_unknown)}")
    print(
        f"  LAs with no SAB: {len(report.without_sab)}; with no HWB: {len(report.without_hwb)}; "
        f"districts with no CSP: {len(report.districts_without_csp)}"
    )
    for t in timeline:
        print(
            f"  {t.date}: {'compliant' if t.compliant else 'not compliant'}"
            f" ({len(t.uncovered)} uncovered, {len(t.multiply_covered)} covered twice, "
            f"{len(t.awaiting_arrangement)} awaiting an arrangement)"
        )
    print(f"  basis: {basis(g, args.as_of).note}")
    return 0


def run_overlap(args: argparse.Namespace) -> int:
    g = bundled()
    report: Overlap = overlap(g, args.as_of, args.sliver)
    if args.json:
        data = _jsonable(asdict(report))
        data["basis"] = _jsonable(asdict(basis(g, args.as_of)))
        json.dump(data, sys.stdout, indent=2)
        print()
        return 0
    print(
        f"Overlap on {report.as_of} (children aged {report.children_ages or 'unknown'}; "
        f"sliver below {report.sliver_threshold:.1%})"
    )
    cols = ("partnership", "people", "forces", "health", "coterm. police", "health")
    print(f"{cols[0]:<60} {cols[1]:>10} {cols[2]:>6} {cols[3]:>6} {cols[4]:>14} {cols[5]:>7}")
    for p in sorted(report.partnerships, key=lambda p: p.partnership.name):
        print(
            f"{p.partnership.name[:60]:<60} {p.population:>10,} {len(p.police_forces):>6} "
            f"{len(p.health_bodies):>6} {p.police_coterminosity:>14.3f} "
            f"{p.health_coterminosity:>7.3f}"
        )
        for s in (*p.police_forces, *p.health_bodies):
            if len(p.police_forces) > 1 or len(p.health_bodies) > 1:
                flag = " (sliver)" if s.sliver else ""
                print(f"    {s.body.name[:56]:<56} {s.population:>10,} {s.share:>7.2%}{flag}")
    print(f"partnerships with more than one police force: {len(report.multi_force)}")
    print(f"partnerships with more than one health body: {len(report.multi_health)}")
    print(f"boards whose footprint differs from the partnerships': {len(report.board_mismatches)}")
    print(f"basis: {basis(g, args.as_of).note}")
    return 0
