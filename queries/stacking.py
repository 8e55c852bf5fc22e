"""What a proposal comes after: changes already in the landscape, and other proposals first.

A proposal is applied to the landscape as decided on the day before its effective date: the
graph holds the decided future, so that day already includes every decided change in force by
then. A proposal may name what it comes after (``after:`` in its YAML):

- a change in the landscape, by id (``surrey-2027``, ``icb-2026-04-01``: see
  :func:`queries.basis.basis`). It must take effect on or before the proposal; one taking effect
  on the proposal's own effective date moves the base to that day, so that the proposal sees it;
- another proposal, by the name of a shipped one (``queries/proposals/``). It is applied first,
  on the same base day, and this proposal on its result: two proposals stack. The names it comes
  after are followed in turn (a cycle is refused).

Every refusal names the field (``after[0]``) and says what would have been valid.

>>> from loaders.landscape import bundled
>>> from queries.proposal import parse_proposal
>>> p = parse_proposal({"effective": "2027-04-01", "after": ["surrey-2027"], "operations": [
...     {"kind": "create_partnership", "name": "Surrey (hypothetical)",
...      "las": ["surrey-2027-east-surrey-council", "surrey-2027-west-surrey-council"]}]})
>>> chain = resolve(bundled(), p)
>>> chain.day, [c for c in chain.changes], chain.proposals
(datetime.date(2027, 4, 1), ['surrey-2027'], ())
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from graph.errors import ProposalError
from graph.temporal import TemporalGraph
from queries import proposal as P
from queries.basis import ChangeApplied, basis

PROPOSALS = Path(__file__).with_name("proposals")


def shipped_proposals() -> dict[str, Path]:
    """The proposals shipped with the package, by file name without ``.yaml``."""
    return {p.stem: p for p in sorted(PROPOSALS.glob("*.yaml"))}


@dataclass(frozen=True)
class Chain:
    """A proposal's base day, the changes it comes after, and the proposals applied first."""

    day: date
    changes: tuple[str, ...]
    proposals: tuple[P.Proposal, ...]


def _changes(g: TemporalGraph) -> dict[str, ChangeApplied]:
    far = date.max
    return {c.id: c for c in (*basis(g, far).changes, *basis(g, far).pending)}


def resolve(
    g: TemporalGraph, proposal: P.Proposal, library: Mapping[str, Path] | None = None
) -> Chain:
    """The :class:`Chain` of ``proposal``: where it starts and what is applied before it."""
    shelf = shipped_proposals() if library is None else library
    changes = _changes(g)
    day = proposal.day_before
    named: list[str] = []
    ordered: list[P.Proposal] = []

    def visit(p: P.Proposal, trail: tuple[str, ...]) -> None:
        nonlocal day
        for i, name in enumerate(p.after):
            field = f"after[{i}]"
            where = P.TOP if p is proposal else f"proposal {p.name!r}"
            if name in changes:
                c = changes[name]
                if c.effective > proposal.start:
                    raise ProposalError(
                        where,
                        field,
                        f"{name} takes effect on {c.effective}, after this proposal "
                        f"({proposal.start}): it cannot come after it",
                    )
                day = max(day, c.effective)
                if name not in named:
                    named.append(name)
                continue
            if name not in shelf:
                known = ", ".join(sorted(changes)) or "none"
                shipped = ", ".join(sorted(shelf)) or "none"
                raise ProposalError(
                    where,
                    field,
                    f"{name!r} is neither a change in the landscape ({known}) "
                    f"nor a shipped proposal ({shipped})",
                )
            if name in trail:
                raise ProposalError(where, field, f"{name!r} comes after itself: a cycle")
            first = P.load_proposal(shelf[name])
            if first.effective > proposal.start:
                raise ProposalError(
                    where,
                    field,
                    f"{name!r} takes effect on {first.effective}, after this proposal "
                    f"({proposal.start})",
                )
            visit(first, (*trail, name))
            if all(q.source != first.source for q in ordered):
                ordered.append(first)

    visit(proposal, (proposal.name,))
    return Chain(day, tuple(named), tuple(ordered))
