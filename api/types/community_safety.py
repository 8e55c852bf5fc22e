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


@strawberry.type(
    description=(
        "A community safety partnership: ONS's (E22 code, made of districts) or one ONS does not "
        "list (registry id; county-level or merged)."
    )
)
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

    @strawberry.field(description="Every review recorded as commissioned by it (e.g. DHRs).")
    def reviews(self, info: Info) -> list[Annotated[Review, strawberry.lazy("api.types.review")]]:
        from api.types.review import recorded

        return recorded(info, self.node.id, Relation.COMMISSIONED_BY, self.when)

    @strawberry.field(
        description="Its reviews certainly open (commissioned, unpublished) on the date."
    )
    def open_reviews(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[Review, strawberry.lazy("api.types.review")]]:
        from api.types.review import open_on

        return open_on(info, self.node.id, Relation.COMMISSIONED_BY, self.on(info, as_of))

    @strawberry.field(description="Upper-tier LAs it covers where it is recorded at that level.")
    def local_authorities(self, info: Info, as_of: date | None = None) -> list[Entity]:
        from api.types.entities import entity

        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = sorted(set(view.targets(self.node.id, Relation.HAS_MEMBER)))
        return [entity(view.node(i), when) for i in ids]
