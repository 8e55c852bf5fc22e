"""Boundary-change proposals: an effective date and a list of operations, read from a mapping.

A proposal comes from a YAML file (:func:`load_proposal`) or a GraphQL input
(:func:`parse_proposal`). Parsing checks the shape only (fields, types, the date); codes are
checked against the graph when the proposal is applied (:func:`queries.impact.apply`), on the day
before the effective date. Every refusal is a :class:`ProposalError` naming the operation
(``#1 create_la``: operations count from 1; ``proposal`` for the top level) and the field.

>>> p = parse_proposal({"name": "Example", "effective": "2027-04-01", "operations": [
...     {"kind": "create_la", "name": "West Essex", "districts": ["E07000066", "E07000068"]}]})
>>> p.effective, p.operations[0].districts
(datetime.date(2027, 4, 1), ('E07000066', 'E07000068'))
>>> parse_proposal({"effective": "2018-04-01", "operations": []})
Traceback (most recent call last):
...
graph.errors.ProposalError: operation proposal, field effective: ...before the data begin...
>>> parse_proposal({"effective": "2027-02-30", "operations": []})
Traceback (most recent call last):
...
graph.errors.ProposalError: operation proposal, field effective: '2027-02-30' is not a date...

A proposal file is read within bounds (:mod:`loaders.yamlfile`: at most ``MAX_BYTES`` and
``MAX_VALUES`` values with YAML aliases expanded), and a value quoted in a refusal is cut short
(:func:`shown`), so that no file can exhaust memory on its way to being refused.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

from graph.errors import LoadError, ProposalError
from loaders import controls
from loaders.yamlfile import load_text, read_text

TOP = "proposal"
MAX_BYTES = 1_000_000
"""The largest proposal file read: a real one is a few kilobytes."""
MAX_VALUES = 200_000
"""The most values a proposal file may hold once its YAML aliases are expanded."""

_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxlist, _SHOWN.maxdict, _SHOWN.maxstring, _SHOWN.maxother = 3, 4, 4, 60, 60


def shown(value: object) -> str:
    """``repr(value)``, cut short: a refused value is quoted, never printed whole.

    >>> shown(list(range(100)))
    '[0, 1, 2, 3, ...]'
    """
    return _SHOWN.repr(value)


@dataclass(frozen=True, slots=True)
class New:
    """An entity the proposal creates: its name and, optionally, its codes (GSS or registry id)."""

    name: str
    code: str | None = None
    ods: str | None = None  # health bodies only


@dataclass(frozen=True, slots=True)
class Group:
    """One part of a split: a new entity and what it is made of."""

    new: New
    members: tuple[str, ...]  # districts (LA, health), LAs (partnership) or sub-ICB locations
    by: str  # "districts", "las" or "sub_icb_locations"


@dataclass(frozen=True, slots=True)
class HealthPart:
    """A health body, or its part in some districts; a sub-ICB location code means that area."""

    code: str
    districts: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class CreateLA:
    KIND: ClassVar[str] = "create_la"
    new: New
    districts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MergeLAs:
    KIND: ClassVar[str] = "merge_las"
    las: tuple[str, ...]
    new: New


@dataclass(frozen=True, slots=True)
class SplitLA:
    KIND: ClassVar[str] = "split_la"
    la: str
    into: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class TransferDistricts:
    KIND: ClassVar[str] = "transfer_districts"
    districts: tuple[str, ...]
    source: str  # YAML field "from"
    target: str  # YAML field "to"


@dataclass(frozen=True, slots=True)
class MergeHealthBodies:
    KIND: ClassVar[str] = "merge_health_bodies"
    bodies: tuple[HealthPart, ...]
    new: New
    type: str | None  # "ccg" or "icb"; None: ICB from 2022-07-01, CCG before


@dataclass(frozen=True, slots=True)
class SplitHealthBody:
    KIND: ClassVar[str] = "split_health_body"
    body: str
    into: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class MergePoliceForces:
    KIND: ClassVar[str] = "merge_police_forces"
    forces: tuple[str, ...]
    new: New


@dataclass(frozen=True, slots=True)
class CreatePartnership:
    KIND: ClassVar[str] = "create_partnership"
    new: New
    las: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MergePartnerships:
    KIND: ClassVar[str] = "merge_partnerships"
    partnerships: tuple[str, ...]
    new: New


@dataclass(frozen=True, slots=True)
class SplitPartnership:
    KIND: ClassVar[str] = "split_partnership"
    partnership: str
    into: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class MoveLA:
    KIND: ClassVar[str] = "move_la"
    las: tuple[str, ...]
    to: str | None  # an existing partnership, or one this proposal creates
    to_new: New | None  # or a new partnership of its own


@dataclass(frozen=True, slots=True)
class Recode:
    KIND: ClassVar[str] = "recode"
    entity: str
    code: str


Operation = (
    CreateLA
    | MergeLAs
    | SplitLA
    | TransferDistricts
    | MergeHealthBodies
    | SplitHealthBody
    | MergePoliceForces
    | CreatePartnership
    | MergePartnerships
    | SplitPartnership
    | MoveLA
    | Recode
)


@dataclass(frozen=True, slots=True)
class Proposal:
    name: str
    effective: date
    operations: tuple[Operation, ...]
    source: str = "<input>"
    description: str = ""
    hypothetical: bool = False
    sources: tuple[str, ...] = ()
    # what it comes after: changes in the landscape (by id) or other proposals (by shipped name),
    # applied first (queries.stacking)
    after: tuple[str, ...] = ()

    @property
    def day_before(self) -> date:
        """The day whose landscape the proposal changes; codes are resolved on it."""
        return self.effective - timedelta(days=1)


def label(index: int, op: Operation) -> str:
    """How errors name an operation: ``#1 create_la`` (operations count from 1)."""
    return f"#{index} {op.KIND}"


class _Fields:
    """Reads one mapping, naming the operation and field in every refusal."""

    def __init__(self, data: object, where: str, prefix: str = "") -> None:
        if not isinstance(data, Mapping):
            raise ProposalError(
                where, prefix or "(entry)", f"expected a mapping, got {shown(data)}"
            )
        self.data, self.where, self.prefix = data, where, prefix
        self.used: set[str] = set()

    def field(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def error(self, key: str, message: str) -> ProposalError:
        return ProposalError(self.where, self.field(key), message)

    def get(self, key: str, required: bool = True) -> Any:
        self.used.add(key)
        value = self.data.get(key)
        if value is None and required:
            raise self.error(key, "missing")
        return value

    def text(self, key: str) -> str:
        value = self.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a bare number in YAML, e.g. an all-digit ODS code
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"expected text, got {shown(value)}")
        return value.strip()

    def opt_text(self, key: str) -> str | None:
        self.used.add(key)
        return self.text(key) if self.data.get(key) is not None else None

    def codes(self, key: str, required: bool = True) -> tuple[str, ...]:
        value = self.get(key, required)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise self.error(key, f"expected a non-empty list of codes, got {shown(value)}")
        out: dict[str, None] = {}  # a dict keeps the order and finds a repeat in constant time
        for i, item in enumerate(value):
            if isinstance(item, int) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                raise self.error(f"{key}[{i}]", f"expected a code, got {shown(item)}")
            if item.strip() in out:
                raise self.error(f"{key}[{i}]", f"{shown(item)} is listed twice")
            out[item.strip()] = None
        return tuple(out)

    def items(self, key: str) -> list[Any]:
        value = self.get(key)
        if not isinstance(value, list) or not value:
            raise self.error(key, f"expected a non-empty list, got {shown(value)}")
        return value

    def new(self, code: str = "code", ods: bool = False) -> New:
        """A new entity: ``name``, optional ``code`` (``id`` for partnerships), ``ods``."""
        return New(self.text("name"), self.opt_text(code), self.opt_text("ods") if ods else None)

    def done(self) -> None:
        unknown = sorted(set(map(str, self.data)) - self.used)
        if unknown:
            raise self.error(unknown[0], "unknown field (a typo?)")


def _groups(
    f: _Fields, key: str, by: tuple[str, ...], code: str = "code", ods: bool = False
) -> tuple[Group, ...]:
    groups = []
    for i, item in enumerate(f.items(key)):
        g = _Fields(item, f.where, f"{key}[{i}].")
        present = [b for b in by if g.data.get(b) is not None]
        if len(present) != 1:
            raise g.error(by[0], f"give exactly one of {', '.join(by)}")
        for b in by:
            g.get(b, False)
        groups.append(Group(g.new(code, ods), g.codes(present[0]), present[0]))
        g.done()
    if len(groups) < 2:
        raise f.error(key, "a split needs at least two parts")
    return tuple(groups)


def _health_parts(f: _Fields) -> tuple[HealthPart, ...]:
    parts = []
    for i, item in enumerate(f.items("bodies")):
        if isinstance(item, str):
            parts.append(HealthPart(item.strip()))
            continue
        p = _Fields(item, f.where, f"bodies[{i}].")
        parts.append(HealthPart(p.text("code"), p.codes("districts")))
        p.done()
    return tuple(parts)


def _type(f: _Fields) -> str | None:
    value = f.opt_text("type")
    if value is not None and value.lower() not in ("ccg", "icb"):
        raise f.error("type", f"expected ccg or icb, got {shown(value)}")
    return value.lower() if value else None


def _move(f: _Fields) -> MoveLA:
    if (f.data.get("la") is None) == (f.data.get("las") is None):
        raise f.error("las", "give exactly one of la, las")
    las = (f.text("la"),) if f.data.get("la") is not None else f.codes("las")
    f.used.update(("la", "las"))
    target = f.get("to")
    if isinstance(target, Mapping):
        t = _Fields(target, f.where, "to.")
        new = New(t.text("name"), t.opt_text("id"))
        t.done()
        return MoveLA(las, None, new)
    return MoveLA(las, f.text("to"), None)


PARSERS: dict[str, Callable[[_Fields], Operation]] = {
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
    "merge_police_forces": lambda f: MergePoliceForces(f.codes("forces"), f.new()),
    "create_partnership": lambda f: CreatePartnership(f.new("id"), f.codes("las")),
    "merge_partnerships": lambda f: MergePartnerships(f.codes("partnerships"), f.new("id")),
    "split_partnership": lambda f: SplitPartnership(
        f.text("partnership"), _groups(f, "into", ("las",), "id")
    ),
    "move_la": _move,
    "recode": lambda f: Recode(f.text("entity"), f.text("code")),
}
KINDS = tuple(PARSERS)


def _date(value: object) -> date:
    if isinstance(value, date):
        when = value
    else:
        try:
            when = date.fromisoformat(str(value))
        except ValueError as exc:
            raise ProposalError(
                TOP, "effective", f"{shown(value)} is not a date (YYYY-MM-DD): {exc}"
            ) from None
    if when <= controls.DATA_START:  # compared, not subtracted: date.min has no day before
        raise ProposalError(
            TOP,
            "effective",
            f"{when} is too early: the day before it must be on or after "
            f"{controls.DATA_START}, before the data begin",
        )
    return when


def parse_proposal(data: Mapping[str, Any], source: str = "<input>") -> Proposal:
    """A :class:`Proposal` from a mapping with ``name``, ``effective`` and ``operations``."""
    top = _Fields(data, TOP)
    name = top.opt_text("name") or Path(source).stem
    effective = _date(top.get("effective"))
    description = top.opt_text("description") or ""
    hypothetical = top.get("hypothetical", False) or False
    if not isinstance(hypothetical, bool):
        raise top.error("hypothetical", f"expected true or false, got {shown(hypothetical)}")
    sources = top.codes("sources", False)
    after = top.codes("after", False)
    raw = top.get("operations")
    if not isinstance(raw, list) or not raw:
        raise top.error("operations", f"expected a non-empty list, got {shown(raw)}")
    top.done()
    ops: list[Operation] = []
    for i, item in enumerate(raw, start=1):
        kind = item.get("kind") if isinstance(item, Mapping) else None
        said = kind if isinstance(kind, str) else shown(kind) if kind is not None else "(no kind)"
        where = f"#{i} {said}"
        parse = PARSERS.get(kind) if isinstance(kind, str) else None
        if parse is None:
            raise ProposalError(where, "kind", f"unknown kind; expected one of {', '.join(KINDS)}")
        f = _Fields(item, where)
        f.get("kind")
        ops.append(parse(f))
        f.done()
    return Proposal(name, effective, tuple(ops), source, description, hypothetical, sources, after)


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
