# mypy: allow-untyped-decorators
"""Root fields asking the named questions: coverage, overlap, history and difference."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

import strawberry

from api.context import Info
from api.types.coverage import Coverage, CoverageChange
from api.types.history import Diff, History
from api.types.overlap import Overlap
from graph.codes import Scheme
from graph.errors import DateOutOfRange
from graph.resolver import find
from ontology.vocabulary import Kind
from queries.coverage import coverage, coverage_timeline
from queries.overlap import overlap
from queries.sliver import DEFAULT_SLIVER, check_sliver


@strawberry.type
class ReportQueries:
    @strawberry.field(
        description=(
            "Is every upper-tier LA covered by exactly one partnership on the date, and is every "
            "police force and health body in an arrangement?"
        )
    )
    def coverage(self, info: Info, as_of: date) -> Coverage | None:
        info.context.view(as_of)
        return Coverage(report=coverage(info.context.graph, as_of))

    @strawberry.field(
        name="coverageTimeline",
        description="`from` and every later day up to `to` on which the coverage answer changes.",
    )
    def coverage_timeline(
        self,
        info: Info,
        start: Annotated[date, strawberry.argument(name="from")],
        end: Annotated[date, strawberry.argument(name="to")],
    ) -> list[CoverageChange] | None:
        info.context.view(start)
        if end < start:
            raise DateOutOfRange(f"timeline ends ({end}) before it starts ({start})")
        entries = coverage_timeline(info.context.graph, start, end)
        return [CoverageChange(entry=e) for e in entries]

    @strawberry.field(
        description=(
            "Which police forces and health bodies each partnership must work with on the date, "
            "with population shares; shares under sliverThreshold are flagged."
        )
    )
    def overlap(
        self, info: Info, as_of: date, sliver_threshold: float = DEFAULT_SLIVER
    ) -> Overlap | None:
        info.context.view(as_of)
        check_sliver(sliver_threshold)
        return Overlap(report=overlap(info.context.graph, as_of, sliver_threshold))

    @strawberry.field(
        description=(
            "Everything that happened to one entity, by a code in any scheme (or an internal "
            "id); give the scheme, or a date, where a code was held by several entities."
        )
    )
    def history(
        self,
        info: Info,
        code: str,
        scheme: Scheme | None = None,
        as_of: Annotated[
            date | None,
            strawberry.argument(description="A date the code was held (to tell holders apart)."),
        ] = None,
    ) -> History | None:
        g = info.context.graph
        if as_of is not None:
            info.context.view(as_of)
            node = find(g, code, as_of, [k.value for k in Kind], scheme)
        else:
            node = find(g, code, None, scheme=scheme)
        when = as_of or _seen(node.period.start, node.period.end, g.change_dates)
        return History(report=g.history(node.id), when=when)

    @strawberry.field(description="What differs between the landscape on two dates.")
    def diff(
        self,
        info: Info,
        start: Annotated[date, strawberry.argument(name="from")],
        end: Annotated[date, strawberry.argument(name="to")],
    ) -> Diff | None:
        info.context.view(start)
        info.context.view(end)
        if end < start:
            raise DateOutOfRange(
                f"diff: to ({end}) is before from ({start}); give the earlier first"
            )
        return Diff(report=info.context.graph.diff(start, end))


def _seen(start: date | None, end: date | None, changes: list[date]) -> date:
    """The date to show an entity on: its last day, or the last change date if still valid."""
    if end is not None:
        return end - timedelta(days=1)
    last = changes[-1] if changes else date.min
    return max(last, start) if start else last
