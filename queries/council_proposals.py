"""The council proposals of 2025 as proposal files: one YAML file per proposal of
``lgr_proposals_2025.csv`` (read by :mod:`loaders.council_proposals`), shipped in
``queries/proposals/`` as ``lgr-2025-<proposal id>.yaml``.

Each file is marked as a council proposal (``status: proposed``, its ``proposer`` and where it
``standing``), names its sources (the table's file and line of each member row, with the row's
public address and confidence) and what it comes after: the changes of the landscape, taking
effect before its vesting date, that change the police force, health bodies or council of any of
its districts (``after: [icb-2026-04-01]`` where the April 2026 ICBs changed them). Every
proposed council of two or more members is a ``create_la``; a council of one existing unitary
alone (the Isle of Wight in Hampshire's proposal) continues as it is, and the file says so.

``safeguarding proposals --write`` writes the files; a test holds the shipped ones to what the
table gives.
"""

from __future__ import annotations

import json
import textwrap
from datetime import date, timedelta
from pathlib import Path

from graph.errors import UnknownCode
from graph.resolver import find
from graph.temporal import TemporalGraph
from loaders.council_proposals import UNITARY, CouncilProposal, Member, read_council_proposals
from queries.basis import basis
from queries.whatif import state

PREFIX = "lgr-2025-"


def file_name(p: CouncilProposal) -> str:
    """>>> file_name(CouncilProposal("shire-1", "", "", "", date(2028, 4, 1), ()))
    'lgr-2025-shire-1.yaml'
    """
    return f"{PREFIX}{p.id}.yaml"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def comes_after(g: TemporalGraph, p: CouncilProposal) -> tuple[str, ...]:
    """The changes of the landscape in force by ``p``'s vesting date that change the council,
    police force or health bodies of one of its members."""
    far = date.max
    changes = [*basis(g, far).changes, *basis(g, far).pending]
    out = []
    for c in sorted(changes, key=lambda c: (c.effective, c.id)):
        if c.effective > p.vesting:
            continue
        before, after = state(g.at(c.effective - timedelta(days=1))), state(g.at(c.effective))
        for m in p.members:
            try:
                d = find(g, m.code, c.effective - timedelta(days=1)).id
            except UnknownCode:
                continue
            bodies_b = {x.body for x in before.blocks.get(d, ())}
            bodies_a = {x.body for x in after.blocks.get(d, ())}
            if (
                before.upper_of.get(d) != after.upper_of.get(d)
                or before.police_of.get(d) != after.police_of.get(d)
                or bodies_b != bodies_a
            ):
                out.append(c.id)
                break
    return tuple(out)


def _source(m: Member) -> str:
    note = f"; {m.note}" if m.note else ""
    said = f"{m.code} {m.name}, {m.kind}; {m.confidence.value}{note}"
    return f"{m.file} line {m.line} ({said}): {m.source}"


def proposal_text(p: CouncilProposal, after: tuple[str, ...] = ()) -> str:
    """The proposal file of ``p``, as shipped."""
    table = p.members[0].file if p.members else "lgr_proposals_2025.csv"
    made = [(name, ms) for name, ms in p.councils if not _continues(ms)]
    kept = [ms[0] for _, ms in p.councils if _continues(ms)]
    n = len(p.councils)
    urls = list(dict.fromkeys(m.source for m in p.members))
    kept_text = "".join(f" {m.name} continues as it is." for m in kept)
    description = (
        f"Council proposal, not a decision: {p.proposer} proposed {n} unitary "
        f"council{'s' if n != 1 else ''} for {p.area}: "
        + "; ".join(f"{name} ({', '.join(m.name for m in ms)})" for name, ms in p.councils)
        + f".{kept_text} Where it stands: {p.status}."
    )
    kept_note = "".join(f" {m.name} ({m.code}) is a council of its own area alone." for m in kept)
    head = (
        f"COUNCIL PROPOSAL, not a decision: made from {table} (../shared/data/changes, see its "
        "SOURCES.md) by `safeguarding proposals --write`; change the table, not this file. "
        f"{p.proposer}: {n} unitary council{'s' if n != 1 else ''} for {p.area}, from "
        f"{p.vesting} (the intended vesting date).{kept_note}"
    )
    lines = [f"# {x}" for x in textwrap.wrap(head, 96)]
    title = f"{p.area}: {n} unitar{'ies' if n != 1 else 'y'}, proposed by {p.proposer}"
    lines += [
        f"name: {_q(title)}",
        f"area: {_q(p.area)}",
        "status: proposed",
        f"proposer: {_q(p.proposer)}",
        f"standing: {_q(p.status)}",
        f"effective: {p.vesting.isoformat()}",
    ]
    if after:
        lines.append(f"after: [{', '.join(after)}]")
    lines.append("description: >-")
    lines += [f"  {x}" for x in textwrap.wrap(description, 96)]
    lines.append("sources:")
    lines += [f"  - {_q(x)}" for x in (table, *urls)]
    lines.append("operations:")
    for name, members in made:
        lines += ["  - kind: create_la", f"    name: {_q(name)}", "    districts:"]
        lines += [f"      - {m.code}  # {m.name}" for m in members]
        lines.append("    sources:")
        lines += [f"      - {_q(_source(m))}" for m in members]
    return "\n".join(lines) + "\n"


def _continues(members: tuple[Member, ...]) -> bool:
    """A proposed council of one existing unitary alone is that unitary, continuing."""
    return len(members) == 1 and members[0].kind == UNITARY


def council_proposal_files(g: TemporalGraph, table: Path) -> dict[str, str]:
    """File name -> text of every proposal of ``table``, with what each comes after in ``g``."""
    return {
        file_name(p): proposal_text(p, comes_after(g, p)) for p in read_council_proposals(table)
    }
