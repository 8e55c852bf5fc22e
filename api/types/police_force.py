# mypy: allow-untyped-decorators
"""Police force areas: the chief officer of police is a safeguarding partner of every LA area any
part of which falls within the force's area."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api import indexes
from api.context import Info
from api.types.statutory import StatutoryPartnerBody
from ontology.vocabulary import Relation

if TYPE_CHECKING:
    from api.types.community_safety import CommunitySafetyPartnership
    from api.types.post import Post


@strawberry.type(description="A police force area (E23 code).")
class PoliceForce(StatutoryPartnerBody):
    family = indexes.POLICE

    @strawberry.field(description="Community safety partnerships in the force's area.")
    def community_safety_partnerships(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[CommunitySafetyPartnership, strawberry.lazy("api.types.community_safety")]]:
        from api.types.community_safety import CommunitySafetyPartnership

        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = sorted(
            {
                c
                for d in view.sources(self.node.id, Relation.IN_POLICE_FORCE_AREA)
                for c in view.targets(d, Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP)
            }
        )
        return [CommunitySafetyPartnership(node=view.node(c), when=when) for c in ids]

    @strawberry.field(description="Posts in the force, e.g. its chief officer as lead partner.")
    def posts(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[Post, strawberry.lazy("api.types.post")]]:
        from api.types.post import posts_in

        return posts_in(info, self.node.id, self.on(info, as_of))
