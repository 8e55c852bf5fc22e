# mypy: allow-untyped-decorators
"""Root fields for reviews and for the rules as they changed."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from api.context import Info
from api.types.connection import Connection, paginate
from api.types.review import Review, ReviewDate
from api.types.rule_set import RuleSet
from graph.errors import DateOutOfRange, QueryRefused
from graph.resolver import LOCAL_AUTHORITY, PARTNERSHIP, find
from loaders.body_index import REVIEW_BODIES
from ontology.vocabulary import Kind, ReviewKind, ReviewStatus
from queries.reviews import ReviewFilter, find_reviews
from queries.rules import rules_on

BODY_HELP = "A board, community safety partnership, LSCB or the Panel: code, registry id or id."
SEEN_HELP = "The date the entities a review names are seen on (default: the latest the data knows)."
BOARDS = frozenset(REVIEW_BODIES - {Kind.SAFEGUARDING_PARTNERSHIP.value})


def _seen(info: Info, as_of: date | None) -> date:
    if as_of is not None:
        info.context.view(as_of)
        return as_of
    return info.context.graph.change_dates[-1]


@strawberry.type
class ReviewQueries:
    @strawberry.field(
        description=(
            "Recorded reviews, most recent first, filtered; each national review once, with the "
            "areas its source names. A date range keeps the reviews whose chosen date lies "
            "wholly in it (a month-only date counts if the whole month does; unknown never)."
        )
    )
    def reviews(
        self,
        info: Info,
        kind: list[ReviewKind] | None = None,
        status: list[ReviewStatus] | None = None,
        theme: Annotated[
            str | None, strawberry.argument(description="Part of a theme, ignoring case.")
        ] = None,
        local_authority: Annotated[
            str | None, strawberry.argument(description="An LA it concerns (any date).")
        ] = None,
        partnership: Annotated[
            str | None, strawberry.argument(description="The partnership that commissioned it.")
        ] = None,
        board: Annotated[str | None, strawberry.argument(description=BODY_HELP)] = None,
        date_field: ReviewDate | None = None,
        start: Annotated[date | None, strawberry.argument(name="from")] = None,
        end: Annotated[date | None, strawberry.argument(name="to")] = None,
        open_on: Annotated[
            date | None, strawberry.argument(description="Only reviews certainly open that day.")
        ] = None,
        as_of: Annotated[date | None, strawberry.argument(description=SEEN_HELP)] = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Review] | None:
        g = info.context.graph
        if (start or end) and date_field is None:
            raise QueryRefused("a date range (from, to) needs dateField: which of the dates")
        if start and end and end < start:
            raise DateOutOfRange(f"range ends ({end}) before it starts ({start})")
        bodies = [find(g, c, None, PARTNERSHIP).id for c in (partnership,) if c]
        bodies += [find(g, c, None, BOARDS).id for c in (board,) if c]
        f = ReviewFilter(
            kinds=kind or (),
            statuses=status or (),
            theme=theme,
            areas=[find(g, local_authority, None, LOCAL_AUTHORITY).id] if local_authority else (),
            bodies=bodies,
            date_field=date_field.value if date_field else None,
            start=start,
            end=end,
            open_on=open_on,
        )
        when = _seen(info, as_of)
        nodes = find_reviews(g, f)
        return paginate(
            nodes,
            lambda n: Review(node=n, when=when),
            first,
            after,
            info.context.config.max_page_size,
        )

    @strawberry.field(description="One review by its registry id.")
    def review(self, info: Info, id: str, as_of: date | None = None) -> Review | None:
        node = find(info.context.graph, id, None, {Kind.REVIEW.value})
        return Review(node=node, when=_seen(info, as_of))

    @strawberry.field(
        description=(
            "Every rule set and its state on the date: in force, enacted but not in force "
            "(commencement unknown), replaced, or not yet in force."
        )
    )
    def rules(self, info: Info, as_of: date) -> list[RuleSet]:
        info.context.view(as_of)
        g = info.context.graph
        return [RuleSet(node=g.node(s.rule.id), when=as_of) for s in rules_on(g, as_of)]
