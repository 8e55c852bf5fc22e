"""Reading an official CSV: header checks, line numbers, and one report of every bad value.

ONS writes the same column in several spellings (``LAD19CD``, ``ltla19_code``); :func:`logical`
maps each to a (geography, vintage year, field) triple, so that a loader names what it needs once
and accepts every vintage:

>>> logical("LAD19CD"), logical("ltla24_code"), logical("sicbl22_code_h"), logical("FID")
(('lad', 19, 'code'), ('lad', 24, 'code'), ('sicbl', 22, 'ods'), None)
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from graph.codes import Scheme, valid_code
from graph.errors import LoadError, Problem

_ONS = re.compile(r"^([a-z]+?)(\d\d)(cd|cdh|nm)$")
_GEOGRAPHR = re.compile(r"^([a-z]+?)(\d\d)_(code|code_h|code_nhs|name)$")
_FIELD = {"cd": "code", "code": "code", "cdh": "ods", "code_h": "ods", "code_nhs": "ods"}
_FIELD |= {"nm": "name", "name": "name"}
# the same geography under two names in ONS's files
_GEOGRAPHY = {"ltla": "lad", "region": "rgn", "utla": "utla"}


def logical(column: str) -> tuple[str, int, str] | None:
    """The (geography, two-digit year, field) a column holds, or None for any other column."""
    c = column.strip().lower()
    m = _ONS.match(c) or _GEOGRAPHR.match(c)
    if not m:
        return None
    geo, year, fld = m.groups()
    return _GEOGRAPHY.get(geo, geo), int(year), _FIELD[fld]


@dataclass
class Table:
    """A CSV file read whole: its header, rows as dicts with their 1-based line numbers."""

    path: Path
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    def logical_columns(self) -> dict[tuple[str, str], tuple[str, int]]:
        """(geography, field) -> (actual column, year), for the columns :func:`logical` knows."""
        out: dict[tuple[str, str], tuple[str, int]] = {}
        for col in self.header:
            lg = logical(col)
            if lg:
                out[(lg[0], lg[2])] = (col, lg[1])
        return out

    def problem(self, line: int | None, column: str | None, value: str | None, msg: str) -> None:
        self.problems.append(Problem(self.name, line, column, value, msg))

    def require(self, *columns: str) -> bool:
        missing = [c for c in columns if c not in self.header]
        for c in missing:
            self.problem(1, c, None, f"missing column; the header has {', '.join(self.header)}")
        return not missing

    def code(self, line: int, row: dict[str, str], column: str, scheme: Scheme) -> str:
        """The value of ``column``, checked to be a code of ``scheme``; records a problem if not."""
        value = (row.get(column) or "").strip()
        if not valid_code(scheme, value):
            self.problem(line, column, value, f"not a {scheme.value.upper()} code")
        return value

    def text(self, line: int, row: dict[str, str], column: str) -> str:
        value = (row.get(column) or "").strip()
        if not value:
            self.problem(line, column, value, "empty value")
        return value

    def date(
        self, line: int, row: dict[str, str], column: str, fmt: str = "%Y-%m-%d"
    ) -> date | None:
        """An optional date (empty means None); a malformed one is recorded as a problem."""
        value = (row.get(column) or "").strip()
        if not value:
            return None
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            self.problem(line, column, value, f"not a date of the form {fmt}")
            return None

    def integer(self, line: int, row: dict[str, str], column: str) -> int:
        value = (row.get(column) or "").strip()
        try:
            n = int(float(value)) if "." in value else int(value)
        except ValueError:
            self.problem(line, column, value, "not a whole number")
            return 0
        if n < 0:
            self.problem(line, column, value, "a negative count")
        return n

    def unique(self, key_columns: tuple[str, ...]) -> None:
        """Record every row that repeats an earlier row's key."""
        seen: dict[tuple[str, ...], int] = {}
        for line, row in self.rows:
            key = tuple((row.get(c) or "").strip() for c in key_columns)
            if key in seen:
                self.problem(
                    line,
                    ", ".join(key_columns),
                    " / ".join(key),
                    f"duplicate row: the same key is on line {seen[key]}",
                )
            else:
                seen[key] = line

    def raise_if_problems(self) -> None:
        if self.problems:
            raise LoadError(self.problems)

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        return iter(self.rows)


def read_table(path: Path) -> Table:
    """Read a CSV (UTF-8, with or without a byte-order mark); blank lines are skipped."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = [h.strip() for h in next(reader, [])]
            rows: list[tuple[int, dict[str, str]]] = []
            problems: list[Problem] = []
            for values in reader:
                line = reader.line_num
                if not "".join(values).strip():
                    continue
                if len(values) != len(header):
                    problems.append(
                        Problem(
                            path.name,
                            line,
                            None,
                            ",".join(values)[:80],
                            f"{len(values)} fields where the header has {len(header)}",
                        )
                    )
                    continue
                rows.append((line, dict(zip(header, values, strict=True))))
    except UnicodeDecodeError as exc:
        raise LoadError([Problem(path.name, None, None, None, f"not UTF-8 text: {exc}")]) from exc
    except csv.Error as exc:
        raise LoadError([Problem(path.name, None, None, None, f"not a CSV file: {exc}")]) from exc
    if not header:
        raise LoadError([Problem(path.name, 1, None, None, "the file is empty")])
    return Table(path, header, rows, problems)
