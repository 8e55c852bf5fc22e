"""A hand-compiled CSV file of the shared data (reviews, chairs and scrutiny), read whole: its
rows with their line numbers, and its header checked against the columns the format knows.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "x.csv"
>>> _ = path.write_text("id,nmae\\nr1,x\\n", encoding="utf-8")
>>> read_rows(path, columns=("id", "name"), required=("id", "name"))
Traceback (most recent call last):
...
graph.errors.LoadError: 2 problems in x.csv:
  x.csv line 1, column name: missing column; the header has id, nmae
  x.csv line 1, column nmae, value 'nmae': unknown column; one of id, name
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from graph.errors import LoadError, Problem

Row = dict[str | None, str | None]


def read_rows(path: Path, columns: Sequence[str], required: Sequence[str]) -> list[tuple[int, Row]]:
    """(line, row) of every row of ``path``; refused, naming the file and every header problem,
    if it cannot be read, lacks a ``required`` column or has one that is not in ``columns``."""
    name = path.name
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            header = list(reader.fieldnames or [])
            rows: list[tuple[int, Row]] = [(reader.line_num, row) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise LoadError([Problem(name, None, None, None, f"cannot read: {err}")]) from err
    problems = [
        Problem(name, 1, column, None, f"missing column; the header has {', '.join(header)}")
        for column in required
        if column not in header
    ]
    problems += [
        Problem(name, 1, column, column, f"unknown column; one of {', '.join(columns)}")
        for column in header
        if column not in columns
    ]
    if problems:
        raise LoadError(problems)
    return rows
