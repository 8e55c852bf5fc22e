"""Reading one mapping of a proposal, naming the operation and field in every refusal.

:class:`Fields` wraps a mapping (an operation, a part of a split, the top of a proposal): each
read marks its key as used, so that a key nothing read is refused as a typo; each refusal is a
:class:`~graph.errors.ProposalError` naming ``where`` (``#2 split_la``, ``step 1``, ``proposal``)
and the field (``into[0].districts[3]``).

>>> f = Fields({"name": "West Essex", "districts": ["E07000066", "E07000066"]}, "#1 create_la")
>>> f.new()
New(name='West Essex', code=None, ods=None, id=None)
>>> f.codes("districts")
Traceback (most recent call last):
...
graph.errors.ProposalError: operation #1 create_la, field districts[1]: 'E07000066' is listed twice
"""

from __future__ import annotations

import reprlib
from collections.abc import Mapping
from datetime import date
from typing import Any

from graph.errors import ProposalError
from loaders import controls
from queries.operation_kinds import New

_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxlist, _SHOWN.maxdict, _SHOWN.maxstring, _SHOWN.maxother = 3, 4, 4, 60, 60


def shown(value: object) -> str:
    """``repr(value)``, cut short: a refused value is quoted, never printed whole.

    >>> shown(list(range(100)))
    '[0, 1, 2, 3, ...]'
    """
    return _SHOWN.repr(value)


def read_date(value: object, where: str, field: str) -> date:
    """A day on or after the day after the data begin (a proposal changes a day of the data).

    >>> read_date("2027-02-30", "step 2", "effective")
    Traceback (most recent call last):
    ...
    graph.errors.ProposalError: operation step 2, field effective: '2027-02-30' is not a date \
(YYYY-MM-DD): day is out of range for month
    """
    if isinstance(value, date):
        when = value
    else:
        try:
            when = date.fromisoformat(str(value))
        except ValueError as exc:
            raise ProposalError(
                where, field, f"{shown(value)} is not a date (YYYY-MM-DD): {exc}"
            ) from None
    if when <= controls.DATA_START:  # compared, not subtracted: date.min has no day before
        raise ProposalError(
            where,
            field,
            f"{when} is too early: the day before it must be on or after "
            f"{controls.DATA_START}, before the data begin",
        )
    return when


class Fields:
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

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

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

    def flag(self, key: str) -> bool:
        value = self.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.error(key, f"expected true or false, got {shown(value)}")
        return value

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

    def texts(self, key: str) -> tuple[str, ...]:
        """An optional list of text (``sources``); a single text is a list of one."""
        value = self.get(key, False)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(key, f"expected a list of text, got {shown(value)}")
        return tuple(v.strip() for v in value)

    def items(self, key: str) -> list[Any]:
        value = self.get(key)
        if not isinstance(value, list) or not value:
            raise self.error(key, f"expected a non-empty list, got {shown(value)}")
        return value

    def one_of(self, *keys: str, required: bool = True) -> str | None:
        """The one of ``keys`` given (refused if several are, or none is and one is required)."""
        present = [k for k in keys if self.has(k)]
        self.used.update(keys)
        if len(present) > 1 or (required and not present):
            raise self.error(
                present[-1] if present else keys[0], f"give exactly one of {', '.join(keys)}"
            )
        return present[0] if present else None

    def new(self, code: bool = True, ods: bool = False, what: str = "") -> New:
        """A new entity: ``name``, optional ``code`` (official), ``id`` (the project's own) and,
        for health bodies, ``ods``. ``code=False``: the entity has no official code (a
        partnership, a board), only an ``id``."""
        name = self.text("name")
        if not code and self.has("code"):
            raise self.error("code", f"{what or 'it'} has no official code: give an id")
        official = self.opt_text("code") if code else None
        own = self.opt_text("id")
        if official is not None and own is not None:
            raise self.error("id", "give code or id, not both")
        return New(name, official, self.opt_text("ods") if ods else None, own)

    def done(self) -> None:
        unknown = sorted(set(map(str, self.data)) - self.used)
        if unknown:
            raise self.error(unknown[0], "unknown field (a typo?)")
