"""Argument types of the command line: each refuses a user's mistake with one line naming it.

argparse turns an ``ArgumentTypeError`` into ``safeguarding CMD: error: argument --as-of: …``
and exit status 2, so a bad date or a missing folder never reaches the code as a traceback.

>>> iso_date("2024-06-01")
datetime.date(2024, 6, 1)
>>> iso_date("2027-02-30")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: '2027-02-30' is not a real date: day is out of range for month
>>> iso_date("1st June")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: '1st June' is not a date of the form YYYY-MM-DD
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

from graph.errors import SafeguardingError

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(text: str) -> date:
    """A ``YYYY-MM-DD`` date; an impossible one (30 February) is named as such."""
    if not _ISO.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date of the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a real date: {exc}") from None


def check_range(start: date, end: date, start_flag: str, end_flag: str) -> None:
    """Refuse a range that ends before it starts, naming both flags.

    >>> check_range(date(2024, 1, 1), date(2023, 1, 1), "FROM", "TO")
    Traceback (most recent call last):
    ...
    graph.errors.SafeguardingError: TO 2023-01-01 is before FROM 2024-01-01: give the earlier ...
    """
    if end < start:
        raise SafeguardingError(
            f"{end_flag} {end} is before {start_flag} {start}: give the earlier date first"
        )


def writable_file(path: Path, flag: str = "--out") -> Path:
    """``path`` if a file can be written there: its folder exists and it is not a folder itself.

    Checked before any work is done, so a long export is not computed only to be lost.

    >>> writable_file(Path("no-such-folder/x.csv"))
    Traceback (most recent call last):
    ...
    graph.errors.SafeguardingError: --out no-such-folder/x.csv: the folder no-such-folder does ...
    """
    if path.is_dir():
        raise SafeguardingError(f"{flag} {path}: is a folder, not a file")
    folder = path.parent
    if not folder.is_dir():
        raise SafeguardingError(f"{flag} {path}: the folder {folder} does not exist")
    return path
