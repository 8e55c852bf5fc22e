"""Reading an official CSV: header checks, line numbers, and one report of every bad value.

A file that is not UTF-8 CSV text (UTF-16, a Latin-1 byte, binary data), a directory named
``.csv`` or a link that leads nowhere is refused with the file, and the line, column and bytes
where there are some; problems of one kind are listed at most ``PER_KIND`` times
(:class:`loaders.problems.ProblemLog`).

ONS writes the same column in several spellings (``LAD19CD``, ``ltla19_code``); :func:`logical`
maps each to a (geography, vintage year, field) triple, so that a loader names what it needs once
and accepts every vintage:

>>> logical("LAD19CD"), logical("ltla24_code"), logical("sicbl22_code_h"), logical("FID")
(('lad', 19, 'code'), ('lad', 24, 'code'), ('sicbl', 22, 'ods'), None)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

from graph.codes import Scheme, valid_code
from graph.errors import LoadError, Problem
from loaders.problems import ProblemLog

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
    """A CSV file read whole: its header and its records (1-based line number, values in header
    order); :attr:`rows` gives them as dicts, and :meth:`column` one column's values.

    >>> t = Table(Path("t.csv"), ["code", "name"], [(2, ["E1 ", "A"]), (4, ["E2", "B"])])
    >>> t.rows[1], t.column("code")
    ((4, {'code': 'E2', 'name': 'B'}), ['E1', 'E2'])
    """

    path: Path
    header: list[str]
    records: list[tuple[int, list[str]]]
    problems: ProblemLog = field(default_factory=ProblemLog)

    @property
    def name(self) -> str:
        return self.path.name

    @cached_property
    def rows(self) -> list[tuple[int, dict[str, str]]]:
        """The records as dicts, made once on first use (parsers that read whole columns, such
        as the lookups', never need them)."""
        header = self.header
        return [(line, dict(zip(header, values, strict=True))) for line, values in self.records]

    def column(self, name: str) -> list[str]:
        """The stripped values of column ``name``, one per record (a KeyError if none)."""
        i = self.header.index(name) if name in self.header else None
        if i is None:
            raise KeyError(name)
        return [values[i].strip() for _, values in self.records]

    def logical_columns(self) -> dict[tuple[str, str], tuple[str, int]]:
        """(geography, field) -> (actual column, year), for the columns :func:`logical` knows."""
        out: dict[tuple[str, str], tuple[str, int]] = {}
        for col in self.header:
            lg = logical(col)
            if lg:
                out[(lg[0], lg[2])] = (col, lg[1])
        return out

    def problem(
        self,
        line: int | None,
        column: str | None,
        value: str | None,
        msg: str,
        kind: Hashable | None = None,
    ) -> None:
        """Record a problem; ``kind`` groups messages that differ only in a value (default:
        the column and message)."""
        self.problems.append(Problem(self.name, line, column, value, msg), kind)

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
                    kind=("duplicate", key_columns),
                )
            else:
                seen[key] = line

    def raise_if_problems(self) -> None:
        self.problems.raise_if_any()

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        return iter(self.rows)


def _refuse(path: Path, message: str, line: int | None = None, **where: str | None) -> LoadError:
    return LoadError([Problem(path.name, line, where.get("column"), where.get("value"), message)])


def read_bytes(path: Path, limit: int = -1) -> bytes:
    """The bytes of ``path`` (at most ``limit``, all if -1), or a refusal saying why not."""
    try:
        with path.open("rb") as fh:
            return fh.read(limit)
    except IsADirectoryError:
        raise _refuse(path, "a directory, not a file") from None
    except OSError as exc:  # a link that leads nowhere or in a loop, no permission, …
        raise _refuse(path, f"cannot be read: {exc.strerror or exc}") from None


def decode(path: Path, data: bytes) -> str:
    """``data`` as UTF-8 text (a byte-order mark dropped), or a refusal naming the line, the
    column (counted by commas) and the bytes that are not UTF-8.

    >>> decode(Path("x.csv"), b"a,b\\n1,caf\\xe9\\n")
    Traceback (most recent call last):
    ...
    graph.errors.LoadError: 1 problem in x.csv:
      x.csv line 2, column b, value 'caf�': not UTF-8 text: byte 0xE9 at character 6 ...
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refuse(
            path, "a UTF-16 file (it starts with a UTF-16 byte-order mark): save it as UTF-8", 1
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise _refuse(path, "binary data, not CSV text (a NUL byte)", line)
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark (three files have one)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        header = data.split(b"\n", 1)[0].decode("utf-8-sig", "replace").rstrip("\r").split(",")
        field = data[start : exc.start].decode("utf-8", "replace").count(",")
        column = header[field].strip().strip('"') if line > 1 and field < len(header) else None
        end = data.find(b"\n", exc.start)
        cells = data[start : end if end >= 0 else len(data)].decode("utf-8", "replace").split(",")
        raise _refuse(
            path,
            f"not UTF-8 text: byte 0x{data[exc.start]:02X} at character {exc.start - start + 1} "
            "of the line (Latin-1 or Windows-1252?): save the file as UTF-8",
            line,
            column=column,
            value=cells[field].strip() if field < len(cells) else None,
        ) from None


def read_header(path: Path) -> list[str]:
    """The column names on the first line of ``path``, or a refusal (see :func:`decode`)."""
    data = read_bytes(path, 65_536)
    first = data.split(b"\n", 1)[0]
    text = decode(path, first if len(first) < len(data) or len(data) < 65_536 else data)
    return [h.strip().strip('"') for h in text.splitlines()[0].split(",")] if text else []


def read_table(path: Path) -> Table:
    """Read a CSV (UTF-8, with or without a byte-order mark); blank lines are skipped."""
    text = decode(path, read_bytes(path))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader, [])]
        parsed = list(reader)  # in C: the line of each record is worked out below
    except csv.Error as exc:
        raise _refuse(path, f"not a CSV file: {exc}", reader.line_num or None) from None
    if not header:
        raise _refuse(path, "the file is empty", 1)
    if reader.line_num == len(parsed) + 1:  # one record a line (no quoted line break)
        lines: list[int] | range = range(2, len(parsed) + 2)
    else:  # read again, record by record, for the line number the reader gives each
        reader = csv.reader(io.StringIO(text, newline=""))
        next(reader)
        lines = []
        for _ in reader:
            lines.append(reader.line_num)
    width = len(header)
    problems = ProblemLog()
    if all(len(values) == width and values[0].strip() for values in parsed):
        # the usual file: every record whole, none blank (one pass in C-level loops)
        return Table(path, header, list(zip(lines, parsed, strict=True)), problems)
    records: list[tuple[int, list[str]]] = []
    for line, values in zip(lines, parsed, strict=True):
        if not (values and values[0].strip()) and not "".join(values).strip():
            continue  # a blank line, or one of empty fields
        if len(values) == width:
            records.append((line, values))
            continue
        problems.append(
            Problem(
                path.name,
                line,
                None,
                ",".join(values)[:80],
                f"{len(values)} fields where the header has {width}",
            ),
            kind="fields",
        )
    return Table(path, header, records, problems)
