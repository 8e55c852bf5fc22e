"""What the board operations do to a what-if state: boards (SABs, HWBs, CDOPs) and community
safety partnerships merged, split, re-formed on a new footprint, or created.

A SAB, HWB or CDOP is made of upper-tier LAs (``las``: ones that continue, or ones this proposal
makes); a community safety partnership of districts (``districts``, or ``las`` for all the
districts of those LAs). The handlers run after the partnership operations, so they may name
the LAs the proposal makes, and claim each board they change: a board changed by two operations
is refused as a conflict, naming both.
"""

from __future__ import annotations

from ontology.vocabulary import Kind
from queries import proposal as P
from queries.applier import KIND_NAMES, Applier

CSP = Kind.COMMUNITY_SAFETY_PARTNERSHIP.value


def _kind(a: Applier, board: str) -> str:
    return a.after.refs[board].kind if board in a.after.refs else a.kind(board)


def _members(a: Applier, kind: str, codes: tuple[str, ...], by: str, key: str) -> tuple[str, ...]:
    """The member ids of a board of ``kind``: LAs, or districts for a CSP."""
    if by == "districts" and kind != CSP:
        raise a.error(
            key if key.endswith(by) else f"{key}.{by}",
            "only a community safety partnership is made of districts: give las",
        )
    out: dict[str, None] = {}
    for k, code in enumerate(codes):
        field = f"{key}[{k}]" if key.endswith(by) else f"{key}.{by}[{k}]"
        if by == "districts":
            out[a.district(code, field)] = None
            continue
        la = a.member_la(code, field)
        for x in a.after.districts()[la] if kind == CSP else [la]:
            out[x] = None
    return tuple(out)


def _footprint(s_districts: dict[str, list[str]], kind: str, members: tuple[str, ...]) -> set[str]:
    """The districts of a board's members."""
    if kind == CSP:
        return set(members)
    return {d for la in members for d in s_districts.get(la, [])}


def _table(a: Applier, kind: str) -> dict[str, tuple[str, ...]]:
    return a.after.csps if kind == CSP else a.after.boards


def _end(a: Applier, board: str, kind: str) -> tuple[str, ...]:
    a.deleted.add(board)
    return _table(a, kind).pop(board, ())


def boards(a: Applier, op: P.Operation) -> None:
    new = a.new_of[a.index]
    if isinstance(op, P.MergeBoards):
        first = ""
        members: dict[str, None] = {}
        for k, code in enumerate(op.boards):
            field = f"boards[{k}]"
            b = a.board(code, field)
            kind = _kind(a, b)
            first = first or kind
            if kind != first:
                raise a.error(
                    field,
                    f"{a.name(b)} is a {KIND_NAMES[kind]}, not a {KIND_NAMES[first]}: "
                    "merge boards of one type",
                )
            a.claim(("board", b), field, f"merged into {op.new.name}")
            members.update(dict.fromkeys(_end(a, b, kind)))
            a.origins[new[0]].append(b)
        extra = _members(a, first, op.members, op.by, op.by) if op.members else ()
        members.update(dict.fromkeys(extra))
        _table(a, first)[new[0]] = tuple(members)
    elif isinstance(op, P.SplitBoard):
        b = a.board(op.board, "board")
        kind = _kind(a, b)
        a.claim(("board", b), "board", "split")
        own = _footprint(a.before.districts(), kind, _table_before(a, kind).get(b, ()))
        _end(a, b, kind)
        placed: dict[str, int] = {}
        for i, group in enumerate(op.into):
            field = f"into[{i}]"
            part = _members(a, kind, group.members, group.by, field)
            for d in sorted(_footprint(a.after.districts(), kind, part)):
                if d not in own:
                    raise a.error(
                        f"{field}.{group.by}", f"{a.name(d)} is outside {a.name(b)}'s footprint"
                    )
                if d in placed:
                    raise a.error(
                        f"{field}.{group.by}",
                        f"{a.name(d)} is in two parts: {op.into[placed[d]].new.name} too",
                    )
                placed[d] = i
            _table(a, kind)[new[i]] = part
            a.origins[new[i]].append(b)
        missing = sorted(a.name(d) for d in own if d not in placed)
        if missing:
            raise a.error("into", f"districts of {a.name(b)} in no part: {', '.join(missing)}")
    elif isinstance(op, P.ReformBoard):
        b = a.board(op.board, "board")
        kind = _kind(a, b)
        a.claim(("board", b), "board", "re-formed")
        _table(a, kind)[b] = _members(a, kind, op.members, op.by, op.by)
    elif isinstance(op, P.CreateBoard):
        kind = a.after.refs[new[0]].kind
        _table(a, kind)[new[0]] = _members(a, kind, op.members, op.by, op.by)
    a.after.invalidate()


def _table_before(a: Applier, kind: str) -> dict[str, tuple[str, ...]]:
    return a.before.csps if kind == CSP else a.before.boards
