"""Boundary-change proposals: an effective date and a list of operations, read from a mapping.

A proposal comes from a YAML file (:func:`load_proposal`) or a GraphQL input
(:func:`parse_proposal`). Parsing checks the shape only (fields, types, the dates); codes are
checked against the graph when the proposal is applied (:func:`queries.impact.apply`), on the day
before the effective date. Every refusal is a :class:`ProposalError` naming the operation
(``#1 create_la``: operations count from 1; ``step 2 #1 create_la`` in a proposal of steps;
``proposal`` for the top level) and the field. The operations are the records of
:mod:`queries.operation_kinds`; ``queries/proposals/FORMAT.md`` is the prose reference.

>>> p = parse_proposal({"name": "Example", "effective": "2027-04-01", "operations": [
...     {"kind": "create_la", "name": "West Essex", "districts": ["E07000066", "E07000068"]}]})
>>> p.effective, p.operations[0].districts, p.status
(datetime.date(2027, 4, 1), ('E07000066', 'E07000068'), 'proposed')
>>> parse_proposal({"effective": "2018-04-01", "operations": []})
Traceback (most recent call last):
...
graph.errors.ProposalError: operation proposal, field effective: ...before the data begin...
>>> parse_proposal({"effective": "2027-02-30", "operations": []})
Traceback (most recent call last):
...
graph.errors.ProposalError: operation proposal, field effective: '2027-02-30' is not a date...

A proposal may come in dated steps (``steps:``, each with its ``effective`` date and
``operations``: a shadow year, then vesting); each step is applied on the result of the one
before. A proposal file is read within bounds (:mod:`loaders.yamlfile`: at most ``MAX_BYTES``
and ``MAX_VALUES`` values with YAML aliases expanded), and a value quoted in a refusal is cut
short (:func:`shown`), so that no file can exhaust memory on its way to being refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from graph.errors import LoadError, ProposalError
from graph.model import Status
from loaders.yamlfile import load_text, read_text
from queries.operation_kinds import (
    BOARD_CHANGES,
    GEOGRAPHY,
    HEALTH_AND_POLICE,
    PARTNERSHIPS,
    CreateBoard,
    CreateLA,
    CreatePartnership,
    Group,
    HealthPart,
    MergeBoards,
    MergeHealthBodies,
    MergeLAs,
    MergePartnerships,
    MergePoliceForces,
    MoveLA,
    New,
    Operation,
    Recode,
    ReformBoard,
    SplitBoard,
    SplitHealthBody,
    SplitLA,
    SplitPartnership,
    SplitPoliceForce,
    TransferDistricts,
    TransferHealthArea,
    TransferPoliceDistricts,
)
from queries.proposal_fields import Fields, read_date, shown

__all__ = [
    "BOARD_CHANGES",
    "BOARD_TYPES",
    "GEOGRAPHY",
    "HEALTH_AND_POLICE",
    "KINDS",
    "PARTNERSHIPS",
    "CreateBoard",
    "CreateLA",
    "CreatePartnership",
    "Group",
    "HealthPart",
    "MergeBoards",
    "MergeHealthBodies",
    "MergeLAs",
    "MergePartnerships",
    "MergePoliceForces",
    "MoveLA",
    "New",
    "Operation",
    "Proposal",
    "Recode",
    "ReformBoard",
    "SplitBoard",
    "SplitHealthBody",
    "SplitLA",
    "SplitPartnership",
    "SplitPoliceForce",
    "Step",
    "TransferDistricts",
    "TransferHealthArea",
    "TransferPoliceDistricts",
    "label",
    "load_proposal",
    "parse_proposal",
    "read_proposal",
    "shown",
]

TOP = "proposal"
MAX_BYTES = 1_000_000
"""The largest proposal file read: a real one is a few kilobytes."""
MAX_VALUES = 200_000
"""The most values a proposal file may hold once its YAML aliases are expanded."""
BOARD_TYPES = ("sab", "hwb", "cdop", "csp")
"""The ``type`` of a board: safeguarding adults board, health and wellbeing board, child death
overview panel, community safety partnership."""
STATUSES = tuple(s.value for s in Status)


@dataclass(frozen=True, slots=True)
class Step:
    """One dated step of a proposal: what takes effect on ``effective``."""

    effective: date
    name: str
    description: str
    operations: tuple[Operation, ...]
    operation_sources: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Proposal:
    name: str
    effective: date  # the day it takes effect; with steps, the last step's (vesting)
    operations: tuple[Operation, ...]  # with steps, every step's, in order
    source: str = "<input>"
    description: str = ""
    hypothetical: bool = False
    sources: tuple[str, ...] = ()
    # what it comes after: changes in the landscape (by id) or other proposals (by shipped name),
    # applied first (queries.stacking)
    after: tuple[str, ...] = ()
    status: str = Status.PROPOSED.value  # observed (a replay), decided or proposed
    proposer: str = ""  # who proposes it (a council, a government department)
    area: str = ""  # the area it is an option for (options of one area are compared)
    standing: str = ""  # where the proposal stands, in a sentence
    steps: tuple[Step, ...] = ()  # dated steps, when it has more than one
    operation_sources: tuple[tuple[str, ...], ...] = ()  # per operation: what it rests on

    @property
    def start(self) -> date:
        """The day its first step takes effect (its effective date, without steps)."""
        return self.steps[0].effective if self.steps else self.effective

    @property
    def day_before(self) -> date:
        """The day whose landscape the proposal changes; codes are resolved on it."""
        return self.start - timedelta(days=1)

    def stages(self) -> tuple[Proposal, ...]:
        """Each step as a proposal of its own (``self`` alone, without steps), applied in turn."""
        if not self.steps:
            return (self,)
        return tuple(
            replace(
                self,
                name=f"{self.name}: step {k} ({s.name or s.effective})",
                effective=s.effective,
                operations=s.operations,
                operation_sources=s.operation_sources,
                steps=(),
                after=self.after if k == 1 else (),
            )
            for k, s in enumerate(self.steps, start=1)
        )


def label(index: int, op: Operation) -> str:
    """How errors name an operation: ``#1 create_la`` (operations count from 1)."""
    return f"#{index} {op.KIND}"


def _groups(
    f: Fields, key: str, by: tuple[str, ...], official: bool = True, ods: bool = False
) -> tuple[Group, ...]:
    groups = []
    for i, item in enumerate(f.items(key)):
        g = Fields(item, f.where, f"{key}[{i}].")
        present = [b for b in by if g.data.get(b) is not None]
        if len(present) != 1:
            raise g.error(by[0], f"give exactly one of {', '.join(by)}")
        for b in by:
            g.get(b, False)
        groups.append(Group(g.new(official, ods, "a partnership"), g.codes(present[0]), present[0]))
        g.done()
    if len(groups) < 2:
        raise f.error(key, "a split needs at least two parts")
    return tuple(groups)


def _health_parts(f: Fields) -> tuple[HealthPart, ...]:
    parts = []
    for i, item in enumerate(f.items("bodies")):
        if isinstance(item, str):
            parts.append(HealthPart(item.strip()))
            continue
        p = Fields(item, f.where, f"bodies[{i}].")
        # no districts (or districts: null, as GraphQL sends an absent field): the whole body
        parts.append(HealthPart(p.text("code"), p.codes("districts", False) or None))
        p.done()
    return tuple(parts)


def _type(f: Fields) -> str | None:
    value = f.opt_text("type")
    if value is not None and value.lower() not in ("ccg", "icb"):
        raise f.error("type", f"expected ccg or icb, got {shown(value)}")
    return value.lower() if value else None


def _move(f: Fields) -> MoveLA:
    if (f.data.get("la") is None) == (f.data.get("las") is None):
        raise f.error("las", "give exactly one of la, las")
    las = (f.text("la"),) if f.data.get("la") is not None else f.codes("las")
    f.used.update(("la", "las"))
    target = f.get("to")
    if isinstance(target, Mapping):
        t = Fields(target, f.where, "to.")
        new = t.new(False, what="a partnership")
        t.done()
        return MoveLA(las, None, new)
    return MoveLA(las, f.text("to"), None)


def _members(f: Fields, required: bool = True) -> tuple[tuple[str, ...], str]:
    """A board's members: ``las`` (upper-tier LAs) or ``districts`` (community safety)."""
    by = f.one_of("las", "districts", required=required)
    return (f.codes(by), by) if by else ((), "las")


def _board_type(f: Fields) -> str:
    value = f.text("type").lower()
    if value not in BOARD_TYPES:
        raise f.error("type", f"expected one of {', '.join(BOARD_TYPES)}, got {shown(value)}")
    return value


def _merge_boards(f: Fields) -> MergeBoards:
    boards = f.codes("boards")
    if len(boards) < 2:
        raise f.error("boards", "a merger needs at least two boards")
    new = f.new()
    members, by = _members(f, required=False)
    return MergeBoards(boards, new, members, by)


def _transfer_health(f: Fields) -> TransferHealthArea:
    by = f.one_of("sub_icb_locations", "districts")
    assert by is not None  # one_of refuses none when one is required
    return TransferHealthArea(f.text("from"), f.text("to"), f.codes(by), by)


PARSERS: dict[str, Callable[[Fields], Operation]] = {
    "create_la": lambda f: CreateLA(f.new(), f.codes("districts")),
    "merge_las": lambda f: MergeLAs(f.codes("las"), f.new()),
    "split_la": lambda f: SplitLA(f.text("la"), _groups(f, "into", ("districts",))),
    "transfer_districts": lambda f: TransferDistricts(
        f.codes("districts"), f.text("from"), f.text("to")
    ),
    "merge_health_bodies": lambda f: MergeHealthBodies(_health_parts(f), f.new(ods=True), _type(f)),
    "split_health_body": lambda f: SplitHealthBody(
        f.text("body"), _groups(f, "into", ("districts", "sub_icb_locations"), ods=True)
    ),
    "transfer_health_area": _transfer_health,
    "merge_police_forces": lambda f: MergePoliceForces(f.codes("forces"), f.new()),
    "split_police_force": lambda f: SplitPoliceForce(
        f.text("force"), _groups(f, "into", ("districts",))
    ),
    "transfer_police_districts": lambda f: TransferPoliceDistricts(
        f.codes("districts"), f.text("from"), f.text("to")
    ),
    "create_partnership": lambda f: CreatePartnership(
        f.new(False, what="a partnership"), f.codes("las")
    ),
    "merge_partnerships": lambda f: MergePartnerships(
        f.codes("partnerships"), f.new(False, what="a partnership")
    ),
    "split_partnership": lambda f: SplitPartnership(
        f.text("partnership"), _groups(f, "into", ("las",), official=False)
    ),
    "move_la": _move,
    "merge_boards": _merge_boards,
    "split_board": lambda f: SplitBoard(f.text("board"), _groups(f, "into", ("las", "districts"))),
    "reform_board": lambda f: ReformBoard(f.text("board"), *_members(f)),
    "create_board": lambda f: CreateBoard(_board_type(f), f.new(), *_members(f)),
    "recode": lambda f: Recode(f.text("entity"), f.text("code")),
}
KINDS = tuple(PARSERS)


def _operations(
    raw: object, where: str, field: str, prefix: str = ""
) -> tuple[tuple[Operation, ...], tuple[tuple[str, ...], ...]]:
    """The operations of a list (and each one's ``sources``); ``prefix`` names a step."""
    if not isinstance(raw, list) or not raw:
        raise ProposalError(where, field, f"expected a non-empty list, got {shown(raw)}")
    ops: list[Operation] = []
    sources: list[tuple[str, ...]] = []
    for i, item in enumerate(raw, start=1):
        kind = item.get("kind") if isinstance(item, Mapping) else None
        said = kind if isinstance(kind, str) else shown(kind) if kind is not None else "(no kind)"
        at = f"{prefix}#{i} {said}"
        parse = PARSERS.get(kind) if isinstance(kind, str) else None
        if parse is None:
            raise ProposalError(at, "kind", f"unknown kind; expected one of {', '.join(KINDS)}")
        f = Fields(item, at)
        f.get("kind")
        sources.append(f.texts("sources"))
        ops.append(parse(f))
        f.done()
    return tuple(ops), tuple(sources)


def _steps(top: Fields) -> tuple[Step, ...]:
    steps: list[Step] = []
    for k, item in enumerate(top.items("steps"), start=1):
        where = f"step {k}"
        s = Fields(item, where)
        when = read_date(s.get("effective"), where, "effective")
        if steps and when <= steps[-1].effective:
            raise s.error(
                "effective",
                f"{when} is not after step {k - 1}'s {steps[-1].effective}: "
                "steps are in date order",
            )
        name, description = s.opt_text("name") or "", s.opt_text("description") or ""
        ops, sources = _operations(s.get("operations"), where, "operations", f"{where} ")
        s.done()
        steps.append(Step(when, name, description, ops, sources))
    return tuple(steps)


def parse_proposal(data: Mapping[str, Any], source: str = "<input>") -> Proposal:
    """A :class:`Proposal` from a mapping with ``name``, ``effective`` and ``operations`` (or
    ``steps``)."""
    top = Fields(data, TOP)
    name = top.opt_text("name") or Path(source).stem
    stepped = top.one_of("operations", "steps", required=False) == "steps"
    effective = (
        read_date(top.get("effective"), TOP, "effective")
        if not stepped or top.has("effective")
        else None
    )
    description = top.opt_text("description") or ""
    hypothetical = top.flag("hypothetical")
    status = (top.opt_text("status") or Status.PROPOSED.value).lower()
    if status not in STATUSES:
        raise top.error("status", f"expected one of {', '.join(STATUSES)}, got {shown(status)}")
    if hypothetical and status != Status.PROPOSED.value:
        raise top.error("status", f"a hypothetical illustration cannot be {status}")
    proposer = top.opt_text("proposer") or ""
    area = top.opt_text("area") or ""
    standing = top.opt_text("standing") or ""
    sources = top.codes("sources", False)
    after = top.codes("after", False)
    steps: tuple[Step, ...] = ()
    if stepped:
        steps = _steps(top)
        last = steps[-1].effective
        if effective is not None and effective != last:
            raise top.error(
                "effective", f"{effective} is not the last step's date ({last}): leave it out"
            )
        effective = last
        ops = tuple(op for s in steps for op in s.operations)
        op_sources = tuple(x for s in steps for x in s.operation_sources)
        if len(steps) == 1:  # one step is a proposal without steps
            steps = ()
    else:
        ops, op_sources = _operations(top.get("operations"), TOP, "operations")
    top.done()
    assert effective is not None  # read above, or the last step's
    return Proposal(
        name,
        effective,
        ops,
        source,
        description,
        hypothetical,
        sources,
        after,
        status,
        proposer,
        area,
        standing,
        steps,
        op_sources,
    )


def load_proposal(path: Path | str) -> Proposal:
    """Read a proposal from a YAML file (safe loading, within bounds)."""
    path = Path(path)
    try:
        text = read_text(path, MAX_BYTES)
    except LoadError as exc:
        raise ProposalError(TOP, "(file)", str(exc.problems[0])) from None
    return read_proposal(text, path.name)


def read_proposal(text: str, source: str = "<input>") -> Proposal:
    """Read a proposal from YAML text (safe loading, within the same bounds as a file); ``source``
    names it in messages.

    >>> read_proposal("operations: [", "pasted.yaml")
    Traceback (most recent call last):
    ...
    graph.errors.ProposalError: operation proposal, field (file): pasted.yaml ...not valid YAML...
    """
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        message = f"{source}: {size} bytes, over the limit of {MAX_BYTES}"
        raise ProposalError(TOP, "(file)", message)
    try:
        data = load_text(text, source, MAX_VALUES)
    except LoadError as exc:
        raise ProposalError(TOP, "(file)", str(exc.problems[0])) from None
    if not isinstance(data, Mapping):
        raise ProposalError(TOP, "(file)", f"{source}: expected a mapping at the top")
    return parse_proposal(data, source)
