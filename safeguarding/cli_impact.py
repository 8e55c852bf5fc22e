"""``safeguarding impact PROPOSAL``: what a boundary-change proposal would change.

PROPOSAL is a YAML file, or the name of a shipped proposal (``queries/proposals/``), with or
without ``.yaml``. A readable report by default (long sections cut at ``--rows``), ``--json`` for
machines. A refused proposal is one line naming the operation and field, exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import SafeguardingError
from loaders.shipped import bundled
from queries.derived_partners import DerivedPartners
from queries.impact import ImpactReport, apply, impact, shipped_proposals
from queries.overlap import Share
from queries.proposal import Proposal, load_proposal
from queries.sliver import DEFAULT_SLIVER


def register(sub: Any) -> None:
    p = sub.add_parser("impact", help="what a boundary-change proposal would change")
    p.add_argument(
        "proposal",
        help="a proposal YAML file, or a shipped one by name: " + ", ".join(shipped_proposals()),
    )
    p.add_argument(
        "--sliver", type=float, default=DEFAULT_SLIVER, help="share below which a part is a sliver"
    )
    p.add_argument("--rows", type=int, default=25, help="rows shown per section (default 25)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_impact)


def library(text: str) -> dict[str, Path]:
    """The proposals a proposal may come after: the shipped ones, and the YAML files beside it."""
    found = dict(shipped_proposals())
    path = Path(text)
    if path.is_file():
        found.update({p.stem: p for p in sorted(path.parent.glob("*.yaml")) if p != path})
    return found


def find_proposal(text: str) -> Proposal:
    """A proposal from a file, or a shipped one by name."""
    path = Path(text)
    if path.is_file():
        return load_proposal(path)
    shipped = shipped_proposals()
    name = text.removesuffix(".yaml")
    if name in shipped:
        return load_proposal(shipped[name])
    raise SafeguardingError(
        f"no file {text!r} and no shipped proposal of that name (shipped: {', '.join(shipped)})"
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def run_impact(args: argparse.Namespace) -> int:
    proposal = find_proposal(args.proposal)
    if not 0 <= args.sliver < 1:
        raise SafeguardingError(f"sliver threshold {args.sliver} must be at least 0 and below 1")
    g = bundled()
    report = impact(g, apply(g, proposal, library(args.proposal)), args.sliver)
    if args.json:
        json.dump(_jsonable(asdict(report)), sys.stdout, indent=2)
        print()
    else:
        print("\n".join(render(report, max(args.rows, 1))))
    return 0


def _cut(lines: list[str], rows: int) -> list[str]:
    if len(lines) <= rows:
        return lines
    return [*lines[:rows], f"    … and {len(lines) - rows} more (--rows, or --json for all)"]


def _people(n: int, children: int | None = None) -> str:
    return f"{n:,}" + (f" ({children:,} children)" if children is not None else "")


def _partners(p: DerivedPartners) -> list[str]:
    """A new LA's partners by geography, placed in a partnership or not."""

    def shares(xs: tuple[Share, ...]) -> str:
        return "; ".join(
            f"{x.body.name} {x.population:,} ({x.share:.2%}{', a sliver' if x.sliver else ''})"
            for x in xs
        )

    csps = "; ".join(
        f"{c.csp.name}{'' if c.whole else ' (part)'}" for c in p.community_safety_partnerships
    )
    return [
        f"      police: {shares(p.police_forces) or 'none'}",
        f"      health: {shares(p.health_bodies) or 'none'}",
        f"      community safety partnerships: {csps or 'none'}",
        f"      boards: {', '.join(b.name for b in p.boards) or 'none yet'}",
    ]


def render(r: ImpactReport, rows: int = 25) -> list[str]:
    """The readable report, line by line."""
    out = [f"Impact of {r.proposal!r} ({r.source}), effective {r.effective}"]
    if r.hypothetical:
        out.append("  HYPOTHETICAL: an illustration, not a real proposal")
    elif r.status == "proposed":
        by = f" by {r.proposer}" if r.proposer else ""
        out.append(f"  PROPOSED{by}: a proposal, not a decision")
    else:
        what = "a replay of a change that happened" if r.status == "observed" else "decided"
        out.append(f"  {r.status.upper()}: {what}")
    if r.standing:
        out.append(f"  where it stands: {r.standing}")
    out += [f"  source: {x}" for x in r.sources]
    for s in r.steps:
        name = f" ({s.name})" if s.name else ""
        made = ", ".join(e.name for e in s.new_entities) or "nothing new"
        out.append(
            f"  step {s.effective}{name}: {made}; "
            f"{'compliant' if s.after.compliant else 'not compliant'} after it"
        )
    if r.stacked_on or r.comes_after:
        out.append(f"  comes after: {', '.join((*r.comes_after, *r.stacked_on))}")
    if r.basis is not None:
        out.append(f"  basis of {r.before_date}: {r.basis.note}")
    b, a = r.before, r.after
    rows3 = (
        ("", f"before ({r.before_date})", "after (what-if)"),
        ("compliant", "yes" if b.compliant else "NO", "yes" if a.compliant else "NO"),
        ("local authority areas", b.local_authority_count, a.local_authority_count),
        ("partnerships", b.partnership_count, a.partnership_count),
    )
    out += [f"  {x:<28} {y:>24} {z:>18}" for x, y, z in rows3]
    out += [f"  after: {reason}" for reason in a.reasons]
    out.append(
        f"  new entities {len(r.new_entities)}, ceasing {len(r.ceased)}, recoded {len(r.recoded)}"
    )
    out += _cut(
        [f"    recode {x.entity.name}: {x.old_code} -> {x.new_code}" for x in r.recoded], rows
    )
    out.append(f"LAs needing a new arrangement: {len(r.needing_arrangement)}")
    lines = []
    for n in r.needing_arrangement:
        came = ", ".join(p.name for p in n.from_partnerships) or "no partnership"
        placed = f"; placed in {n.placed_in.name}" if n.placed_in else "; in no partnership yet"
        lines.append(
            f"    {n.la.code:<16} {n.la.name[:40]:<40} {_people(n.population, n.children)}: "
            f"{n.reason}; from {came}{placed}"
        )
        if n.partners is not None:
            lines += _partners(n.partners)
    out += _cut(lines, rows * 6)
    out.append(f"Partnerships that gain or lose partners: {len(r.partnerships)}")
    lines = []
    for c in r.partnerships:
        lines.append(
            f"    {c.partnership.name[:60]} ({c.status}): "
            f"{c.population_before:,} -> {c.population_after:,} people"
        )
        for sign, shares in (("+", c.gained), ("-", c.lost)):
            lines += [
                f"      {sign} {s.partner.name[:50]:<50} {s.family:<16} {s.population:>10,} "
                f"{s.share:>7.2%}"
                for s in shares
            ]
    out += _cut(lines, rows * 4)
    out.append("Partnerships each police force and health body must work with (changes only):")
    out += _cut(
        [
            f"    {x.body.name[:60]:<60} {x.partnerships_before:>3} -> {x.partnerships_after:<3}"
            + (f" and {x.uncovered_las_after} LA(s) with none" if x.uncovered_las_after else "")
            for x in r.bodies
        ],
        rows,
    )
    out.append(f"Boards that must re-form or that the proposal changes: {len(r.boards_to_reform)}")
    out += _cut(
        [
            f"    {x.board.name[:60]} [{x.status}]: {x.reason} "
            f"({', '.join(m.name for m in x.members)})"
            for x in r.boards_to_reform
        ],
        rows,
    )
    out.append(f"Reviews in progress caught: {len(r.open_reviews)}")
    out += _cut(
        [
            f"    {x.review.name} ({x.status}; open: {x.openness.value}; "
            f"{', '.join(b.name for b in x.commissioned_by)})"
            for x in r.open_reviews
        ],
        rows,
    )
    f = r.affected
    out += [
        f"People affected: {_people(f.people, f.children)} (children aged {r.children_ages})",
        f"    by local government {f.local_government:,}; health {f.health:,}; "
        f"police {f.police:,}; partnership {f.partnership:,}",
        f"New slivers (under {r.sliver_threshold:.1%}): {len(r.new_slivers)}",
    ]
    out += _cut(
        [
            f"    {s.area.name[:40]} in {s.body.name[:50]}: {s.population:,} ({s.share:.2%})"
            for s in r.new_slivers
        ],
        rows,
    )
    return out
