# mypy: allow-untyped-decorators
"""Dates as sources give them: to the day, the month or only the year (a day is never invented)."""

from __future__ import annotations

from datetime import date

import strawberry

from graph.dates import PartialDate as Value
from graph.dates import Precision, parse_optional

DatePrecision = strawberry.enum(
    Precision, name="DatePrecision", description="How much of a date the source gives."
)


@strawberry.type(
    description="A date known to a day, a month or a year: `iso` as the source gives it."
)
class PartialDate:
    iso: str = strawberry.field(description="YYYY-MM-DD, YYYY-MM or YYYY.")
    precision: Precision
    earliest: date = strawberry.field(description="The first day it may be.")
    latest: date = strawberry.field(description="The last day it may be.")


def partial_date(value: Value | None) -> PartialDate | None:
    """The API object for a partial date (None stays None: unknown)."""
    if value is None:
        return None
    return PartialDate(
        iso=str(value), precision=value.precision, earliest=value.first, latest=value.last
    )


def stored(text: object) -> PartialDate | None:
    """The API object for a partial date stored in its ISO form."""
    return partial_date(parse_optional(text))
