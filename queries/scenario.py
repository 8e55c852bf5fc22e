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
from queries import board_operations, police_operations, stacking
from queries import operations as ops
from queries import proposal as P
from queries.applier import Applier
from queries.whatif import State, state


@dataclass(frozen=True)
class WhatIf:
    """A proposal applied: the real day before, and the landscape it makes on its effective date.

    ``origins``: each new entity and the entities it is made from; ``ceased``: entities that end;
    ``recoded``: id -> (old code, new code). ``stacked_on``: the proposals applied first (their
    result is ``before``) and ``comes_after``: the changes of the landscape it names; ``codes``:
    the codes of every entity made by it or the proposals before it. ``stages``: for a proposal
    in dated steps, each step applied (``before`` is the first's, ``after`` the last's);
    ``sources``: what each new entity rests on (its operation's ``sources``).
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
    stages: tuple[WhatIf, ...] = ()
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # new entity -> the
    # sources of the operation that made it

    def at(self, when: date) -> State:
        """The real landscape before the first step; the what-if of the last step in force."""
        done = [w for w in self.stages if when >= w.proposal.effective]
        if self.stages:
            return done[-1].after if done else state(self.graph.at(when))
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
        return _staged(g, proposal, proposal.day_before, None)
    base: WhatIf | None = None
    for first in chain.proposals:
        try:
            base = _staged(g, first, chain.day, base)
        except ProposalError as err:
            raise ProposalError(
                f"{err.operation} of {first.name!r} (applied first)", err.field, str(err)
            ) from None
    w = _staged(g, proposal, chain.day, base)
    names = tuple(p.name for p in chain.proposals)
    return replace(w, stacked_on=names, comes_after=chain.changes)


def _staged(g: TemporalGraph, p: P.Proposal, day: date, base: WhatIf | None) -> WhatIf:
    """``p`` applied on ``day`` (on ``base``, the result of what it comes after), step by step."""
    if not p.steps:
        return _run(_applier(g, p, day, base))
    stages: list[WhatIf] = []
    for k, stage in enumerate(p.stages(), start=1):
        if stages:
            _unchanged_between(g, stages[-1].proposal.effective, stage, k)
            day = stage.day_before
        base = _run(_applier(g, stage, day, base, f"step {k} "))
        stages.append(base)
    return _joined(p, stages)


def _unchanged_between(g: TemporalGraph, since: date, stage: P.Proposal, k: int) -> None:
    """Refuse a step whose day before differs from the previous step's effective date in the
    real landscape: the what-if of the previous step would not carry that change."""
    a, b = state(g.at(since)), state(g.at(stage.day_before))
    if a is b or all(getattr(a, x) == getattr(b, x) for x in _COMPARED):
        return
    days = [d for d in g.change_dates if since < d <= stage.day_before]
    raise ProposalError(
        f"step {k}",
        "effective",
        f"the landscape changes between step {k - 1} ({since}) and step {k} "
        f"({stage.effective}), on {', '.join(map(str, days[:3]))}: a step cannot carry a change "
        "it does not make; date the steps on either side of it",
    )


_COMPARED = (
    "upper_of",
    "police_of",
    "blocks",
    "partnerships",
    "boards",
    "csps",
    "forces",
    "bodies",
)


def _exists(s: State, nid: str) -> bool:
    return (
        nid in s.districts()
        or nid in s.bodies
        or nid in s.forces
        or nid in s.partnerships
        or nid in s.boards
        or nid in s.csps
    )


def _joined(p: P.Proposal, stages: list[WhatIf]) -> WhatIf:
    """One what-if of the steps: from the first's day before to the last's effective date."""
    first, last = stages[0], stages[-1]
    made = {n for w in stages for n in w.origins}

    def roots(nid: str, seen: frozenset[str] = frozenset()) -> list[str]:
        """What an entity is made of, back to what existed before the first step."""
        if nid not in made or nid in seen:
            return [nid]
        parts = [o for w in stages for o in w.origins.get(nid, ())]
        return [r for o in parts for r in (roots(o, seen | {nid}) if o in made else [o])]

    origins = {n: tuple(dict.fromkeys(roots(n))) for n in sorted(made) if _exists(last.after, n)}
    ceased = {n for w in stages for n in w.ceased if n not in made and _exists(first.before, n)}
    recoded: dict[str, tuple[str, str]] = {}
    for w in stages:
        for n, (old, new) in w.recoded.items():
            recoded[n] = (recoded[n][0] if n in recoded else old, new)
    return WhatIf(
        first.graph,
        p,
        first.before,
        last.after,
        origins,
        frozenset(ceased),
        recoded,
        codes=last.codes,
        day=first.day,
        stages=tuple(stages),
        sources={n: x for w in stages for n, x in w.sources.items() if n in origins},
    )


def _applier(
    g: TemporalGraph, p: P.Proposal, day: date, base: WhatIf | None, prefix: str = ""
) -> Applier:
    if base is None:
        return Applier(g, p, day, prefix=prefix)
    return Applier(g, p, day, base.after, base.codes, prefix)


def _run(a: Applier) -> WhatIf:
    """Run the operations by family: local government, health and police, partnerships, boards,
    codes."""
    a.register_all()
    a.each(P.GEOGRAPHY, ops.geography)
    a.each(P.HEALTH_AND_POLICE, _health_or_police)
    a.settle_health()
    ops.trim_members(a)
    a.each(P.PARTNERSHIPS, ops.partnerships)
    a.each(P.BOARD_CHANGES, board_operations.boards)
    a.each(P.Recode, ops.recode)
    sources: dict[str, tuple[str, ...]] = {}
    for i, made in a.new_of.items():
        for n in made:
            a.origins.setdefault(n, [])  # every new entity is listed, with what it is made of
            if i <= len(a.p.operation_sources) and a.p.operation_sources[i - 1]:
                sources[n] = a.p.operation_sources[i - 1]
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
        sources=sources,
    )


def _health_or_police(a: Applier, op: P.Operation) -> None:
    if isinstance(op, P.SplitPoliceForce):
        police_operations.split_force(a, op)
    elif isinstance(op, P.TransferPoliceDistricts):
        police_operations.transfer_districts(a, op)
    else:
        ops.health(a, op)
