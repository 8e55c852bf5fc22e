"""Query parameters of the explorer's routes, read and checked once, with the API's messages.

>>> from datetime import date
>>> parse_day("2024-06-01", "asOf")
datetime.date(2024, 6, 1)
>>> parse_day("1 June", "asOf")
Traceback (most recent call last):
...
api.params.BadParameter: asOf: '1 June' is not a date (YYYY-MM-DD, e.g. 2024-06-01)
"""

from __future__ import annotations

from datetime import date

from starlette.requests import Request

from graph.temporal import TemporalGraph
from queries.coverage import check_date


class BadParameter(ValueError):
    """A query parameter that is not of its form."""


def parse_day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadParameter(
            f"{name}: {text!r} is not a date (YYYY-MM-DD, e.g. 2024-06-01)"
        ) from None


def as_of(request: Request, graph: TemporalGraph) -> date:
    """The ``asOf`` date of ``request`` (today if absent), refused if before the data begin."""
    text = request.query_params.get("asOf")
    when = date.today() if text is None or not text.strip() else parse_day(text.strip(), "asOf")
    check_date(graph, when)
    return when
