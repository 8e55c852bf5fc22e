"""The key a GraphQL request's answer is cached under: its dates counted by stretch of time.

Two requests that differ only in the ``asOf`` dates they ask about get the same answer when each
date falls in the same stretch (:func:`queries.stretches.stretch`), so their key replaces each
such date by its stretch number. A date stays in the key as sent where the answer could show it:

* the document selects a field that echoes the date asked (:data:`ECHO_FIELDS`, e.g. ``asOf``),
  or uses the name ``asOf`` any other way (an alias, ``asOf: null``);
* the date is a variable also used for anything other than ``asOf`` (``from: $day``);
* the document holds a block string (``\"\"\"``), which the scan below does not read.

The scan reads the document's strings, comments, variables and names (so a ``asOf: "…"`` inside
a string or a comment is not taken for an argument); a text that is not valid GraphQL gets a key
all the same, and its refusal is never cached. Keys are tuples of the text between the dates
and the dates' stretch numbers, so no text can be mistaken for a normalised one.

>>> from loaders.landscape import bundled
>>> g = bundled()
>>> june = request_key(g, "POST", '{ coverage(asOf: "2024-06-12") { compliant } }', None, None)
>>> later = request_key(g, "POST", '{ coverage(asOf: "2024-06-30") { compliant } }', None, None)
>>> june == later
True
>>> echo = '{ coverage(asOf: "2024-06-01") { asOf compliant } }'
>>> request_key(g, "POST", echo, None, None) == request_key(g, "POST", echo.replace("01", "30"),
...                                                         None, None)
False
"""

from __future__ import annotations

import json
import re
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from typing import Any

from api.byte_cache import ByteLRU
from graph.temporal import TemporalGraph
from queries.stretches import stretch

ECHO_FIELDS = frozenset({"asOf", "note"})
"""Fields whose value shows the date asked itself (``asOf``; a basis's ``note`` names a date
past the evidence), so distinct dates in one stretch answer them differently. A test asks every
field of the schema on the first, a middle and the last day of every stretch to hold the rest
to the stretch."""

_DATE = re.compile(r'"(\d{4}-\d\d-\d\d)"')
_MARK = "\x00"
"""What stands for each date literal in a query's template (a query holding one is scanned as it
is): not a quote, a backslash or a line break, so the template tokenises as the query does."""

_SCAN = re.compile(
    r"""(?P<arg>\basOf\s*:\s*)(?:"(?P<day>[^"\\\n]*)"|\$(?P<var>[_A-Za-z][_0-9A-Za-z]*))"""
    r"""|"(?:[^"\\\n]|\\.)*"|\#[^\n\r]*"""
    r"""|\$(?P<use>[_A-Za-z][_0-9A-Za-z]*)|(?P<name>[_A-Za-z][_0-9A-Za-z]*)"""
)


@dataclass(frozen=True, slots=True)
class Scan:
    """What the key of a request needs from its query text alone (kept per text, so a repeated
    query is not scanned again): the text between its literal ``asOf`` dates, those dates, the
    variables given as ``asOf``, how often each variable is used, and whether the answer may
    echo a date (then the key is the exact request)."""

    pieces: tuple[str, ...]
    days: tuple[str, ...]
    as_of_vars: tuple[str, ...]
    uses: tuple[tuple[str, int], ...]
    exact: bool
    marks: tuple[bool, ...] = ()  # per date mark of a template, in order: is it an asOf date?

    @property
    def size(self) -> int:
        """Bytes it holds, roughly: its text and names."""
        return (
            sum(map(len, self.pieces))
            + 16 * (len(self.days) + len(self.uses))
            + 64
            + len(self.marks)
        )


def scan(query: str) -> Scan:
    """The :class:`Scan` of a query text.

    >>> scan('query ($d: Date!) { coverage(asOf: $d) { compliant } }').as_of_vars
    ('d',)
    >>> scan('{ coverage(asOf: "2024-06-01") { asOf } }').exact
    True
    """
    if '"""' in query:
        return Scan((), (), (), (), True)
    pieces: list[str] = []
    days: list[str] = []
    as_of_vars: set[str] = set()
    uses: dict[str, int] = {}
    day_starts: set[int] = set()
    last = 0
    for match in _SCAN.finditer(query):
        if match["arg"] is not None:
            if match["var"] is not None:
                as_of_vars.add(match["var"])
                continue
            pieces.append(query[last : match.start("day") - 1])
            days.append(match["day"])
            day_starts.add(match.start("day"))
            last = match.end("day") + 1
        elif match["use"] is not None:
            uses[match["use"]] = uses.get(match["use"], 0) + 1
        elif match["name"] is not None and match["name"] in ECHO_FIELDS:
            return Scan((), (), (), (), True)
    pieces.append(query[last:])
    # in a template, each date mark in order: is it an asOf date (or a date said elsewhere)?
    marks = tuple(at in day_starts for at in _positions(query, _MARK))
    return Scan(
        tuple(pieces), tuple(days), tuple(sorted(as_of_vars)), tuple(uses.items()), False, marks
    )


def _positions(text: str, char: str) -> list[int]:
    out, at = [], text.find(char)
    while at >= 0:
        out.append(at)
        at = text.find(char, at + 1)
    return out


def request_key(
    g: TemporalGraph,
    method: str,
    query: str,
    variables: dict[str, Any] | None,
    operation: str | None,
    scans: ByteLRU[str, Scan] | None = None,
) -> Hashable:
    """The cache key of a request (``variables`` as decoded from its JSON); ``scans`` keeps the
    scans of query texts, within its bound in bytes."""
    # the scan is kept per template (the query with each date literal marked), so the same
    # question on another date is not scanned again; a query holding a mark is its own template
    dates = [] if _MARK in query else _DATE.findall(query)
    template = _DATE.sub(f'"{_MARK}"', query) if dates else query
    found = scans.get(template) if scans is not None else None
    if found is None:
        found = scan(template)
        if scans is not None:
            scans.put(template, found, len(template) + found.size)
    if found.exact:
        return ("exact", method, query, _json(variables), operation or "")
    marked = list(zip(dates, found.marks, strict=True)) if dates else []
    as_of_dates = iter([d for d, is_day in marked if is_day])
    stretches = tuple(
        _stretch(g, next(as_of_dates) if day == _MARK and dates else day) for day in found.days
    )
    # the date literals said anywhere else (another argument, a string, a comment), as sent
    said = tuple(d for d, is_day in marked if not is_day)
    given = dict(variables or {})
    uses = dict(found.uses)
    by_stretch: list[tuple[str, int | str]] = []
    for name in found.as_of_vars:
        # the declaration is the one other use a variable of asOf alone may have
        if uses.get(name, 0) <= 1 and isinstance(given.get(name), str):
            by_stretch.append((name, _stretch(g, given.pop(name))))
    rest = _json(given) if given else "{}"  # what _json gives for no other variables
    return ("stretch", method, found.pieces, stretches, said, tuple(by_stretch), rest,
            operation or "")  # fmt: skip


def _stretch(g: TemporalGraph, text: str) -> int | str:
    """The stretch of a date given as text, or the text itself where it is not a date."""
    try:
        return stretch(g, date.fromisoformat(text)) if len(text) == 10 else text
    except ValueError:
        return text


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
