# mypy: allow-untyped-decorators
"""Bodies that commissioned reviews and are not today's partnerships or boards: the national
Child Safeguarding Practice Review Panel, and local safeguarding children boards (to 2019)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.types.common import Entity
from ontology.vocabulary import Relation

if TYPE_CHECKING:
    from api.types.local_authority import LocalAuthority
    from api.types.review import Review

LazyReview = Annotated["Review", strawberry.lazy("api.types.review")]


@strawberry.interface(description="A body that commissions reviews.")
class ReviewBody(Entity):
    @strawberry.field(description="Every review recorded as commissioned by it.")
    def reviews(self, info: Info) -> list[LazyReview]:
        from api.types.review import recorded

        return recorded(info, self.node.id, Relation.COMMISSIONED_BY, self.when)

    @strawberry.field(
        description="Its reviews certainly open (commissioned, unpublished) on the date."
    )
    def open_reviews(self, info: Info, as_of: date | None = None) -> list[LazyReview]:
        from api.types.review import open_on

        return open_on(info, self.node.id, Relation.COMMISSIONED_BY, self.on(info, as_of))


@strawberry.type(description="The Child Safeguarding Practice Review Panel: national reviews.")
class NationalReviewPanel(ReviewBody):
    pass


@strawberry.type(description="A local safeguarding children board, before the 2019 arrangements.")
class LocalSafeguardingChildrenBoard(ReviewBody):
    @strawberry.field(description="Its member LAs (on any date: boards ended in 2019).")
    def local_authorities(
        self, info: Info
    ) -> list[Annotated[LocalAuthority, strawberry.lazy("api.types.local_authority")]]:
        from api.types.local_authority import LocalAuthority

        g = info.context.graph
        ids = sorted(
            {e.target for e in g.out_edges(self.node.id) if e.relation == Relation.HAS_MEMBER}
        )
        return [LocalAuthority(node=g.node(i), when=self.when) for i in ids]
