# mypy: allow-untyped-decorators
"""Change events: a reorganisation, merger or recode linking the old organisations to the new."""

from __future__ import annotations

from datetime import date, timedelta

import strawberry

from api.context import Info
from api.types.common import Entity
from ontology.vocabulary import Relation


@strawberry.type(description="A reorganisation, merger or recode on one date.")
class ChangeEvent(Entity):
    @strawberry.field(name="date", description="The day the change took effect.")
    def day(self) -> date | None:
        return self.node.period.start

    @strawberry.field(description="What kind of change, e.g. reorganisation, recode, merger.")
    def change(self) -> str | None:
        value = self.node.attrs.get("change")
        return str(value) if value is not None else None

    @strawberry.field(description="The organisations before the change (seen the day before).")
    def original_organisations(self, info: Info) -> list[Entity]:
        return self._ends(info, Relation.ORIGINAL_ORGANIZATION, before=True)

    @strawberry.field(description="The organisations after the change (seen on the day).")
    def resulting_organisations(self, info: Info) -> list[Entity]:
        return self._ends(info, Relation.RESULTING_ORGANIZATION, before=False)

    def _ends(self, info: Info, relation: str, before: bool) -> list[Entity]:
        from api.types.entities import entity

        g = info.context.graph
        day = self.node.period.start or self.when
        when = day - timedelta(days=1) if before else day
        ids = sorted({e.target for e in g.out_edges(self.node.id) if e.relation == relation})
        return [entity(g.node(i), when) for i in ids]
