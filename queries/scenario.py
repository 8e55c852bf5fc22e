"""Apply a proposal to the landscape as decided on the day before it takes effect: the what-if.

The proposals it comes after are applied first, each on the result of the one before
(:mod:`queries.stacking`); the changes it comes after are already in the landscape.

The day before's :class:`~queries.whatif.State` is copied and changed at block resolution:
districts go to new upper-tier LAs, blocks to new health bodies, districts to merged police
forces, LAs to new partnerships; codes change. The graph is never touched. Codes are resolved on
the day before; a partnership operation may also name an LA or partnership that this proposal
creates, by its code (or ``new-<name as a slug>`` where none is given). Each entity may be changed
by one operation only (a district, a health block, an LA's membership of a partnership, a force, a
partnership); a second is refused as a conflict, naming both operations.

>>> from loaders.landscape import bundled
>>> from queries.proposal import parse_proposal
>>> w = apply(bundled(), parse_proposal({"effective": "2027-04-01", "operations": [
...     {"kind": "merge_police_forces", "forces": ["E23000028", "E23000026"],
...      "name": "Essex and Hertfordshire Police", "code": "E23000099"}]}))
>>> len(w.before.forces), len(w.after.forces), w.after.police_by_la()["E10000012"]
(39, 38, ('E23000099',))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from graph.errors import ProposalError
from graph.temporal import TemporalGraph
from queries import operations as ops
from queries import proposal as P
from queries import stacking
from queries.applier import Applier
from queries.whatif import State, state


@dataclass(frozen=True)
class WhatIf:
    """A proposal applied: the real day before, and the landscape it makes on its effective date.

    ``origins``: each new entity and the entities it is made from; ``ceased``: entities that end;
    ``recoded``: id -> (old code, new code). ``stacked_on``: the proposals applied first (their
    result is ``before``) and ``comes_after``: the changes of the landscape it names; ``codes``:
    the codes of every entity made by it or the proposals before it.
    """

    graph: TemporalGraph
    proposal: P.Proposal
    before: State
    after: State
    origins: Mapping[str, tuple[str, ...]]
    ceased: frozenset[str]
    recoded: Mapping[str, tuple[str, str]]
    stacked_on: tuple[str, ...] = ()
    comes_after: tuple[str, ...] = ()
    codes: Mapping[str, str] = field(default_factory=dict)
    day: date | None = None  # the base day: the day before, or the day of a change it follows

    def at(self, when: date) -> State:
        """The real landscape before the effective date; the what-if on it and after."""
        return self.after if when >= self.proposal.effective else state(self.graph.at(when))


def apply(
    g: TemporalGraph, proposal: P.Proposal, library: Mapping[str, Path] | None = None
) -> WhatIf:
    """The what-if landscape of ``proposal``, after the proposals it comes after (found in
    ``library``, the shipped ones by default); raises :class:`ProposalError` for a bad one."""
    start = date.fromisoformat(g.meta.get("data_start", "2019-04-01"))
    if proposal.day_before < start:
        raise ProposalError(P.TOP, "effective", f"the day before is before the data ({start})")
    chain = stacking.resolve(g, proposal, library) if proposal.after else None
    if chain is None:
        return _run(Applier(g, proposal))
    base: WhatIf | None = None
    for first in chain.proposals:
        try:
            base = _run(_applier(g, first, chain.day, base))
        except ProposalError as err:
            raise ProposalError(
                f"{err.operation} of {first.name!r} (applied first)", err.field, str(err)
            ) from None
    w = _run(_applier(g, proposal, chain.day, base))
    names = tuple(p.name for p in chain.proposals)
    return replace(w, stacked_on=names, comes_after=chain.changes)


def _applier(g: TemporalGraph, p: P.Proposal, day: date, base: WhatIf | None) -> Applier:
    if base is None:
        return Applier(g, p, day)
    return Applier(g, p, day, base.after, base.codes)


def _run(a: Applier) -> WhatIf:
    """Run the operations by family: local government, health and police, partnerships, codes."""
    a.register_all()
    a.each(P.CreateLA | P.MergeLAs | P.SplitLA | P.TransferDistricts, ops.geography)
    a.each(P.MergeHealthBodies | P.SplitHealthBody | P.MergePoliceForces, ops.health)
    a.settle_health()
    ops.trim_members(a)
    a.each(
        P.CreatePartnership | P.MergePartnerships | P.SplitPartnership | P.MoveLA,
        ops.partnerships,
    )
    a.each(P.Recode, ops.recode)
    after = a.after
    after.invalidate()
    ceased = (
        (set(a.before.uppers()) - set(after.uppers()))
        | (a.before.bodies - after.bodies)
        | (a.before.forces - after.forces)
        | a.deleted
    )
    return WhatIf(
        a.g,
        a.p,
        a.before,
        after,
        {k: tuple(dict.fromkeys(v)) for k, v in a.origins.items()},
        frozenset(ceased),
        dict(a.recoded),
        codes={**a.inherited, **a.new_codes},
        day=a.day,
    )
