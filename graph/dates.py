"""Dates known to a day, a month or only a year, as sources give them: a day is never invented.

A :class:`PartialDate` is the span of days it may be: ``2025-11`` is any day from 1 to 30
November 2025. Comparisons say what is certain: a review published in ``2022-03`` was published by
2022-04-01 (:meth:`PartialDate.by`), not by 2022-03-15 (unknown: None). ``str`` gives the ISO form
as the source wrote it, which exports and the API show.

>>> d = PartialDate.parse("2025-11")
>>> str(d), d.precision.value, d.first, d.last
('2025-11', 'month', datetime.date(2025, 11, 1), datetime.date(2025, 11, 30))
>>> d.by(date(2025, 12, 1)), d.by(date(2025, 11, 15)), d.by(date(2025, 10, 31))
(True, None, False)
>>> PartialDate.parse("2025-02-30")
Traceback (most recent call last):
...
ValueError: '2025-02-30' is not a date YYYY-MM-DD, YYYY-MM or YYYY
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Precision(StrEnum):
    """How much of a date a source gives."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A year, a month of a year, or a day; ``month`` and ``day`` are None where not known."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; raise ValueError for anything else."""
        match = _FORM.match(text.strip())
        if match is None:
            raise ValueError(f"{text!r} is not a date YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            date(year, month or 1, day or 1)
        except ValueError:
            raise ValueError(f"{text!r} is not a date YYYY-MM-DD, YYYY-MM or YYYY") from None
        return cls(year, month, day)

    @classmethod
    def of(cls, day: date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @property
    def first(self) -> date:
        """The earliest day it may be."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> date:
        """The latest day it may be."""
        if self.day is not None:
            return self.first
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def by(self, when: date) -> bool | None:
        """Whether it had happened by ``when`` (on or before): True, False, or None if unknown."""
        if self.last <= when:
            return True
        if self.first > when:
            return False
        return None

    def within(self, start: date | None, end: date | None) -> bool:
        """Whether every day it may be lies in ``[start, end]`` (inclusive; None: unbounded)."""
        return (start is None or start <= self.first) and (end is None or self.last <= end)

    def not_after(self, other: PartialDate) -> bool:
        """Whether it may come on or before ``other`` (False: it is certainly later).

        >>> PartialDate.parse("2017-11").not_after(PartialDate.parse("2017"))
        True
        >>> PartialDate.parse("2021-01-04").not_after(PartialDate.parse("2020-12"))
        False
        """
        return self.first <= other.last

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def parse_optional(text: object) -> PartialDate | None:
    """A stored ISO form (``"2025-11"``) as a PartialDate, or None for an absent value.

    >>> parse_optional("2019"), parse_optional(None)
    (PartialDate(year=2019, month=None, day=None), None)
    """
    return PartialDate.parse(text) if isinstance(text, str) and text else None
