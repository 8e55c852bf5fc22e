"""Apply a proposal to the landscape of the day before it takes effect: the what-if.

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
from dataclasses import dataclass
from datetime import date

from graph.errors import ProposalError
from graph.temporal import TemporalGraph
from queries import operations as ops
from queries import proposal as P
from queries.applier import Applier
from queries.whatif import State, state


@dataclass(frozen=True)
class WhatIf:
    """A proposal applied: the real day before, and the landscape it makes on its effective date.

    ``origins``: each new entity and the entities it is made from; ``ceased``: entities that end;
    ``recoded``: id -> (old code, new code).
    """

    graph: TemporalGraph
    proposal: P.Proposal
    before: State
    after: State
    origins: Mapping[str, tuple[str, ...]]
    ceased: frozenset[str]
    recoded: Mapping[str, tuple[str, str]]

    def at(self, when: date) -> State:
        """The real landscape before the effective date; the what-if on it and after."""
        return self.after if when >= self.proposal.effective else state(self.graph.at(when))


def apply(g: TemporalGraph, proposal: P.Proposal) -> WhatIf:
    """The what-if landscape of ``proposal``; raises :class:`ProposalError` for a bad one."""
    start = date.fromisoformat(g.meta.get("data_start", "2019-04-01"))
    if proposal.day_before < start:
        raise ProposalError(P.TOP, "effective", f"the day before is before the data ({start})")
    return _run(Applier(g, proposal))


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
    )
