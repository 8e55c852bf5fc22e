# mypy: allow-untyped-decorators
"""Community safety partnerships (E22 codes): district-level, commissioning domestic homicide
(domestic abuse related death) reviews."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.types.common import Entity
from ontology.vocabulary import Relation

if TYPE_CHECKING:
    from api.types.review import Review


@strawberry.type(description="A community safety partnership (E22 code), made of districts.")
class CommunitySafetyPartnership(Entity):
    @strawberry.field(
        description="The district-level authorities in it (districts, unitaries, boroughs)."
    )
    def members(self, info: Info, as_of: date | None = None) -> list[Entity]:
        from api.types.entities import entity

        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = sorted(view.sources(self.node.id, Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP))
        return [entity(view.node(i), when) for i in ids]

    @strawberry.field(description="Reviews it commissioned (e.g. domestic homicide reviews).")
    def reviews(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[Review, strawberry.lazy("api.types.review")]]:
        from api.types.review import reviews_into

        return reviews_into(info, self.node.id, Relation.COMMISSIONED_BY, self.on(info, as_of))
