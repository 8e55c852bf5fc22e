# mypy: allow-untyped-decorators
"""The end of an entity, as the API shows it: when, by which change events, replaced by whom."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from queries.lifespan import Cessation as CessationReport

if TYPE_CHECKING:
    from api.types.change_event import ChangeEvent
    from api.types.common import Entity


@strawberry.type(
    description=(
        "An entity that no longer exists on asOf: the first day it did not exist, the change "
        "events that ended it and the entities that replaced it (seen on that day)."
    )
)
class Cessation:
    report: strawberry.Private[CessationReport]

    @strawberry.field(description="The first day the entity no longer existed (its validTo).")
    def ended(self) -> date:
        return self.report.ended

    @strawberry.field(description="Its last day.")
    def last_day(self) -> date:
        return self.report.ended - timedelta(days=1)

    @strawberry.field(description="What replaced it, seen on the day it ended (may be empty).")
    def successors(
        self, info: Info
    ) -> list[Annotated[Entity, strawberry.lazy("api.types.common")]]:
        from api.types.entities import entity

        g = info.context.graph
        return [entity(g.node(i), self.report.ended) for i in self.report.successors]

    @strawberry.field(description="The reorganisations, mergers or recodes that ended it.")
    def events(
        self, info: Info
    ) -> list[Annotated[ChangeEvent, strawberry.lazy("api.types.change_event")]]:
        from api.types.change_event import ChangeEvent

        g = info.context.graph
        return [ChangeEvent(node=g.node(i), when=self.report.ended) for i in self.report.events]
