"""``safeguarding reviews``, ``posts`` and ``rules``: recorded reviews, a partnership's posts, and
the rules in force on a date; readable tables, ``--json``, or (reviews) ``--csv`` in the format of
``reviews.csv``, so that a list can be edited and built again."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from graph import snapshot
from graph.codes import Scheme
from graph.dates import parse_optional
from graph.model import Node
from graph.personal import public
from graph.resolver import LOCAL_AUTHORITY, PARTNERSHIP, find
from graph.temporal import TemporalGraph
from loaders.body_index import REVIEW_BODIES
from loaders.reviews import COLUMNS
from loaders.shipped import bundled
from ontology.vocabulary import Kind, ReviewKind, ReviewStatus
from queries.reviews import (
    ReviewFilter,
    areas,
    commissioning_bodies,
    dates,
    find_reviews,
    openness,
)
from queries.rules import required_posts, rules_on

BOARDS = frozenset(REVIEW_BODIES - {Kind.SAFEGUARDING_PARTNERSHIP.value})


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date of the form YYYY-MM-DD") from None


def register(sub: Any) -> None:
    r = sub.add_parser("reviews", help="recorded reviews (CSPRs, SCRs, SARs, DHRs, national)")
    r.add_argument("--la", metavar="CODE", help="only reviews concerning this LA (any code)")
    r.add_argument("--kind", choices=[k.value for k in ReviewKind], action="append")
    r.add_argument("--status", choices=[s.value for s in ReviewStatus], action="append")
    r.add_argument("--partnership", metavar="CODE", help="commissioned by this partnership")
    r.add_argument("--board", metavar="CODE", help="commissioned by this board, CSP, LSCB or Panel")
    r.add_argument("--theme", help="part of a theme, ignoring case")
    r.add_argument("--open-on", type=_date, metavar="DATE", help="only reviews open that day")
    _snapshot(r)
    out = r.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--csv", action="store_true", help="print CSV in the format of reviews.csv")
    r.set_defaults(run=run_reviews)

    p = sub.add_parser("posts", help="a partnership's posts on a date: required and recorded")
    p.add_argument("partnership", help="registry id or code of the partnership")
    p.add_argument("--as-of", type=_date, required=True, metavar="DATE")
    p.add_argument(
        "--include-holders", action="store_true", help="show holders' names (personal data)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    _snapshot(p)
    p.set_defaults(run=run_posts)

    u = sub.add_parser("rules", help="the rule sets and their state on a date")
    u.add_argument("--as-of", type=_date, required=True, metavar="DATE")
    u.add_argument("--json", action="store_true", help="print JSON")
    _snapshot(u)
    u.set_defaults(run=run_rules)


def _snapshot(p: argparse.ArgumentParser) -> None:
    p.add_argument("--snapshot", type=Path, help="a snapshot file (default: the bundled landscape)")


def _graph(args: argparse.Namespace) -> TemporalGraph:
    return snapshot.load(args.snapshot) if args.snapshot else bundled()


def review_row(g: TemporalGraph, node: Node, when: date | None = None) -> dict[str, Any]:
    """A review as a row of the reviews file (plus its openness on ``when``, if given)."""
    a = node.attrs
    bodies = [g.node(b) for b in commissioning_bodies(g, node.id)]
    # each LA by the code it held on the review's first known date, as the file writes it
    first = next((d for d in dates(node).values() if d), None)
    codes = [
        (first and g.node(la).code(Scheme.GSS, first.first)) or g.node(la).code(Scheme.GSS) or la
        for la in areas(g, node.id)
    ]
    row = {
        "id": node.id.partition(":")[2],
        "kind": a.get("review_kind"),
        "title": node.name,
        "commissioning_body": bodies[0].name if bodies else "",
        "la_codes": ";".join(codes),
        "notified": a.get("notified") or "",
        "commissioned": a.get("commissioned") or "",
        "published": a.get("published") or "",
        "status": a.get("status_text") or a.get("status"),
        "themes": "; ".join(a.get("themes", [])),
        "source": node.provenance[0].source,
        "confidence": node.provenance[0].confidence.value,
        "note": a.get("note") or "",
    }
    if when is not None:
        row["open"] = openness(node, when).value
    return row


def run_reviews(args: argparse.Namespace) -> int:
    g = _graph(args)
    bodies = [find(g, args.partnership, None, PARTNERSHIP).id] if args.partnership else []
    bodies += [find(g, args.board, None, BOARDS).id] if args.board else []
    f = ReviewFilter(
        kinds=[ReviewKind(k) for k in args.kind or []],
        statuses=[ReviewStatus(s) for s in args.status or []],
        theme=args.theme,
        areas=[find(g, args.la, None, LOCAL_AUTHORITY).id] if args.la else (),
        bodies=bodies,
        open_on=args.open_on,
    )
    rows = [review_row(g, n) for n in find_reviews(g, f)]
    if args.csv:
        w = csv.DictWriter(sys.stdout, fieldnames=list(COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        return 0
    if args.json:
        for row in rows:
            for field in ("notified", "commissioned", "published"):
                d = parse_optional(row[field])
                row[field] = {"iso": str(d), "precision": d.precision.value} if d else None
            row["la_codes"] = row["la_codes"].split(";") if row["la_codes"] else []
            row["themes"] = row["themes"].split("; ") if row["themes"] else []
        json.dump(rows, sys.stdout, indent=2)
        print()
        return 0
    print(f"{len(rows)} review(s)")
    for row in rows:
        when = row["published"] or row["commissioned"] or "date unknown"
        print(f"  {row['id']}  [{row['kind']}, {row['status']}, {when}]")
        print(
            f"      {row['title']}; {row['commissioning_body']}; {row['la_codes'] or 'no LA named'}"
        )
    return 0


def run_posts(args: argparse.Namespace) -> int:
    g = _graph(args)
    pid = find(g, args.partnership, args.as_of, PARTNERSHIP).id
    need = required_posts(g, args.as_of, pid)
    recorded = [public(g.node(p.id).attrs, args.include_holders) for p in need.recorded]
    data = {
        "partnership": need.partnership.name,
        "as_of": args.as_of.isoformat(),
        "rules_in_force": [r.code for r in need.rules_in_force],
        "required": [
            {
                "rule": p.rule.code,
                "role": p.role,
                "office": p.office,
                "organisation": p.organisation.name if p.organisation else None,
                "post": p.post.id if p.post else None,
            }
            for p in need.posts
        ],
        "participants": [
            {"rule": p.rule.code, "role": p.role, "state": p.state.value} for p in need.participants
        ],
        "recorded": [
            {"id": p.id, **{k: v for k, v in a.items() if k != "duties"}}
            for p, a in zip(need.recorded, recorded, strict=True)
        ],
    }
    if args.json:
        json.dump(data, sys.stdout, indent=2)
        print()
        return 0
    print(f"{data['partnership']} on {data['as_of']}: rules in force {data['rules_in_force']}")
    for p in data["required"]:
        where = p["organisation"] or "the partnership"
        print(f"  required: {p['role']} ({p['office'] or 'office not named'}) of {where}")
    for p in data["participants"]:
        print(f"  participants: {p['role']} ({p['rule']}: {p['state']})")
    for p in data["recorded"]:
        holder = f", held by {p['holder']}" if p.get("holder") else ""
        print(f"  recorded: {p.get('post_as_published')} (seen {p.get('seen_from')}){holder}")
    return 0


def run_rules(args: argparse.Namespace) -> int:
    g = _graph(args)
    states = rules_on(g, args.as_of)
    data = [
        {
            "rule": s.rule.code,
            "name": s.rule.name,
            "state": s.state.value,
            "enacted": s.enacted.isoformat() if s.enacted else None,
            "in_force": s.in_force.isoformat() if s.in_force else None,
            "in_force_to": s.in_force_to.isoformat() if s.in_force_to else None,
            "requires": list(s.requires),
        }
        for s in states
    ]
    if args.json:
        json.dump(data, sys.stdout, indent=2)
        print()
        return 0
    for s in states:
        when = s.in_force or "commencement unknown"
        print(f"{s.rule.name}: {s.state.value.replace('_', ' ')} (in force from {when})")
    return 0
