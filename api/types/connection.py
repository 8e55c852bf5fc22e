# mypy: allow-untyped-decorators
"""Cursor connections: a page of a list, at most ``max_page_size`` items, and where to go next.

Cursors are opaque offsets into the list the field answers for its arguments (the same query on
the same data gives the same list, so a cursor stays meaningful between pages).

>>> c = encode_cursor(41)
>>> decode_cursor(c)
41
>>> window(100, first=10, after=c, limit=50)
(42, 52)
>>> window(100, first=900, after=None, limit=500)
Traceback (most recent call last):
...
graph.errors.QueryRefused: first=900 is over the maximum page size of 500
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from graph.errors import QueryRefused

T = TypeVar("T")
X = TypeVar("X")

DEFAULT_PAGE_SIZE = 100
_PREFIX = "offset:"


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of a list; pass pageInfo.endCursor as `after` for the next.")
class Connection(Generic[T]):
    total_count: int = strawberry.field(description="Items in the whole list, not the page.")
    page_info: PageInfo
    edges: list[Edge[T]]

    @strawberry.field(description="The page's items without their cursors.")
    def nodes(self) -> list[T]:
        return [e.node for e in self.edges]


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    """The offset a cursor stands for; refuses a cursor this API did not give."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeError, ValueError):
        text = ""
    if not text.startswith(_PREFIX) or not text[len(_PREFIX) :].isdigit():
        raise QueryRefused(f"cursor {cursor!r} is not a cursor this API gave")
    return int(text[len(_PREFIX) :])


def window(total: int, first: int | None, after: str | None, limit: int) -> tuple[int, int]:
    """The [start, stop) slice of a list of ``total`` items for ``first`` items ``after``."""
    size = min(DEFAULT_PAGE_SIZE, limit) if first is None else first
    if size < 0:
        raise QueryRefused(f"first={size} must not be negative")
    if size > limit:
        raise QueryRefused(f"first={size} is over the maximum page size of {limit}")
    start = 0 if after is None else decode_cursor(after) + 1
    return min(start, total), min(start + size, total)


def paginate(
    items: Sequence[X],
    build: Callable[[X], T],
    first: int | None,
    after: str | None,
    limit: int,
) -> Connection[T]:
    """A page of ``items``; only the page's items are turned into API objects by ``build``."""
    start, stop = window(len(items), first, after, limit)
    edges = [Edge(cursor=encode_cursor(i), node=build(items[i])) for i in range(start, stop)]
    return Connection(
        total_count=len(items),
        page_info=PageInfo(
            has_next_page=stop < len(items),
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        edges=edges,
    )
