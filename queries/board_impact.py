"""What a proposal does to the boards: SABs, HWBs and CDOPs (made of LAs) and community safety
partnerships (made of districts).

A board is caught when a member LA ceases or its area changes (for a CSP: when its districts
move to another upper-tier LA). The proposal may itself merge, split, re-form or create boards
(:mod:`queries.board_operations`); a caught board it does not handle *must re-form*. Each
:class:`BoardChange` says which (``status``) and why.

Separately, :func:`footprint_changes` measures what an option's new councils mean for each kind
of board, whatever the proposal does about them: boards whose footprint is divided between new
councils (they must split, or become joint), and boards that a new council's area brings
together (they must merge, or the council work with several).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ontology.vocabulary import Kind
from queries.footprint import Ref
from queries.scenario import WhatIf
from queries.whatif import State

MUST = "must re-form"
KIND_NAMES = {
    Kind.SAFEGUARDING_ADULTS_BOARD.value: "SAB",
    Kind.HEALTH_AND_WELLBEING_BOARD.value: "HWB",
    Kind.CHILD_DEATH_OVERVIEW_PANEL.value: "CDOP",
    Kind.COMMUNITY_SAFETY_PARTNERSHIP.value: "CSP",
}
"""The short names of the kinds of board, in the order reports list them."""


@dataclass(frozen=True, slots=True)
class BoardChange:
    """A board the change touches. ``status``: ``must re-form`` (caught, not handled by the
    proposal), ``merged``, ``split``, ``ends``, ``re-formed`` or ``new`` (by the proposal);
    ``members``: the member LAs (districts, for a CSP) that cease or change, or its members after
    for a board the proposal re-forms or creates; ``into``: what it becomes (merged, split) or is
    made from (new)."""

    board: Ref
    reason: str
    members: tuple[Ref, ...]
    status: str = MUST
    into: tuple[Ref, ...] = ()


def _members(s: State, board: str) -> tuple[str, ...] | None:
    if board in s.boards:
        return s.boards[board]
    return s.csps.get(board)


def board_changes(w: WhatIf, moved: set[str], changed: set[str]) -> tuple[BoardChange, ...]:
    """Every board caught by the change or changed by the proposal, as :class:`BoardChange`."""
    b, a = w.before, w.after
    made_from: dict[str, list[str]] = defaultdict(list)
    for new, olds in w.origins.items():
        for old in olds:
            made_from[old].append(new)
    alive = set(a.uppers())
    out = []
    for board, members in sorted({**b.boards, **b.csps}.items()):
        csp = board in b.csps
        after = _members(a, board)
        hit = [x for x in members if (x in moved if csp else x in changed)]
        if after is None:
            into = sorted(made_from.get(board, []))
            status = "merged" if len(into) == 1 else "split" if into else "ends"
            names = ", ".join(a.ref(x).name for x in into)
            reason = f"{status} into {names} by the proposal" if into else "ends"
            refs = tuple(a.ref(x) for x in into)
            out.append(
                BoardChange(b.ref(board), reason, tuple(b.ref(x) for x in hit), status, refs)
            )
        elif set(after) != {x for x in members if csp or x in alive}:
            reason = "re-formed by the proposal on a new footprint"
            out.append(
                BoardChange(b.ref(board), reason, tuple(a.ref(x) for x in after), "re-formed")
            )
        elif hit:
            if csp:
                reason = "member districts move to another upper-tier LA"
            else:
                ends = [la for la in hit if la in w.ceased]
                reason = "a member LA ceases" if ends else "a member LA's area changes"
            out.append(BoardChange(b.ref(board), reason, tuple(b.ref(x) for x in hit)))
    for board in sorted((set(a.boards) | set(a.csps)) - set(b.boards) - set(b.csps)):
        sources = tuple(b.ref(x) for x in w.origins.get(board, ()) if _known(b, x))
        now = tuple(a.ref(x) for x in _members(a, board) or ())
        reason = "new, made by the proposal" + (
            f" from {', '.join(r.name for r in sources)}" if sources else ""
        )
        out.append(BoardChange(a.ref(board), reason, now, "new", sources))
    return tuple(out)


def _known(s: State, nid: str) -> bool:
    return nid in s.boards or nid in s.csps


@dataclass(frozen=True, slots=True)
class BoardFootprints:
    """For one kind of board: the boards whose footprint an option's new councils divide
    (``split``), and those a new council's area brings together (``merged``)."""

    kind: str  # SAB, HWB, CDOP or CSP
    split: tuple[Ref, ...]
    merged: tuple[Ref, ...]


def footprint_changes(w: WhatIf, councils: list[str]) -> tuple[BoardFootprints, ...]:
    """For each kind of board, which boards the new ``councils`` (upper-tier LAs of the what-if)
    divide or bring together, on the footprints of the day before."""
    b, a = w.before, w.after
    homes = {d: la for la in councils for d in a.districts().get(la, [])}
    out = []
    for kind, short in KIND_NAMES.items():
        footprints: dict[str, set[str]] = {}
        for board, members in sorted({**b.boards, **b.csps}.items()):
            if b.ref(board).kind != kind:
                continue
            if board in b.csps:
                footprints[board] = set(members)
            else:
                footprints[board] = {d for la in members for d in b.districts().get(la, [])}
        split = [x for x, ds in footprints.items() if len({homes[d] for d in ds if d in homes}) > 1]
        merged: set[str] = set()
        for la in councils:
            mine = set(a.districts().get(la, []))
            meeting = [x for x, ds in footprints.items() if ds & mine]
            if len(meeting) > 1:
                merged.update(meeting)
        out.append(
            BoardFootprints(
                short, tuple(b.ref(x) for x in split), tuple(b.ref(x) for x in sorted(merged))
            )
        )
    return tuple(out)
