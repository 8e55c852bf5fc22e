# mypy: allow-untyped-decorators
"""Police forces and health bodies: statutory partners of every LA area any part of whose area
falls within theirs, so the same questions apply to both."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, ClassVar

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
from queries.sliver import DEFAULT_SLIVER

if TYPE_CHECKING:
    from api.types.partnership import Partnership


@strawberry.interface(
    description=(
        "A statutory safeguarding partner with an area of its own: a police force, a CCG or an ICB."
    )
)
class StatutoryPartnerBody(Entity):
    family: ClassVar[str]  # indexes.POLICE or indexes.HEALTH

    @strawberry.field(
        description=(
            "The partnerships this body must take part in (those with people in its area), and "
            "the fraction (0..1) of the body's people in each."
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
        return body_partnerships(fp, self.node.id, self.family, when, sliver_threshold)

    @strawberry.field(
        description="Upper-tier LAs in the body's area, with the fraction of its people in each."
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
        return body_local_authorities(fp, self.node.id, self.family, when, sliver_threshold)

    @strawberry.field(description="Partnerships whose published arrangements name this body.")
    def named_by(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[Partnership, strawberry.lazy("api.types.partnership")]]:
        from api.types.partnership import Partnership

        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = sorted(set(view.sources(self.node.id, Relation.HAS_PARTNER)))
        return [Partnership(node=view.node(p), when=when) for p in ids]

    @strawberry.field(description="People living in the body's area on the date.")
    def population(self, info: Info, as_of: date | None = None) -> int:
        fp = info.context.footprints(self.alive(info, as_of))
        return indexes.body_totals(fp, self.family).get(self.node.id, Pop()).people
