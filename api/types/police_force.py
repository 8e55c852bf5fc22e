# mypy: allow-untyped-decorators
"""Police force areas: the chief officer of police is a safeguarding partner of every LA area any
part of which falls within the force's area."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api import indexes
from api.context import Info
from api.types.common import SLIVER_HELP, Entity
from api.types.shares import (
    LocalAuthorityShare,
    PartnershipShare,
    body_local_authorities,
    body_partnerships,
)
from ontology.vocabulary import Relation
from queries.footprint import Pop
from queries.overlap import DEFAULT_SLIVER

if TYPE_CHECKING:
    from api.types.community_safety import CommunitySafetyPartnership
    from api.types.partnership import Partnership
    from api.types.post import Post


@strawberry.type(description="A police force area (E23 code).")
class PoliceForce(Entity):
    @strawberry.field(
        description=(
            "The partnerships this force must take part in (those with people in its area), and "
            "the fraction (0..1) of the force's people in each."
        )
    )
    def partnerships(
        self,
        info: Info,
        as_of: date | None = None,
        sliver_threshold: Annotated[
            float, strawberry.argument(description=SLIVER_HELP)
        ] = DEFAULT_SLIVER,
    ) -> list[PartnershipShare]:
        when = self.on(info, as_of)
        fp = info.context.footprints(when)
        return body_partnerships(fp, self.node.id, indexes.POLICE, when, sliver_threshold)

    @strawberry.field(
        description="Upper-tier LAs in the force's area, with the fraction of its people in each."
    )
    def local_authorities(
        self,
        info: Info,
        as_of: date | None = None,
        sliver_threshold: Annotated[
            float, strawberry.argument(description=SLIVER_HELP)
        ] = DEFAULT_SLIVER,
    ) -> list[LocalAuthorityShare]:
        when = self.on(info, as_of)
        fp = info.context.footprints(when)
        return body_local_authorities(fp, self.node.id, indexes.POLICE, when, sliver_threshold)

    @strawberry.field(description="Partnerships whose published arrangements name this force.")
    def named_by(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[Partnership, strawberry.lazy("api.types.partnership")]]:
        from api.types.partnership import Partnership

        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = sorted(set(view.sources(self.node.id, Relation.HAS_PARTNER)))
        return [Partnership(node=view.node(p), when=when) for p in ids]

    @strawberry.field(description="People living in the force's area on the date.")
    def population(self, info: Info, as_of: date | None = None) -> int:
        fp = info.context.footprints(self.on(info, as_of))
        return indexes.body_totals(fp, indexes.POLICE).get(self.node.id, Pop()).people

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
