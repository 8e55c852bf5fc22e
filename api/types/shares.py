"""Shares: one area's people in another, as a fraction of a whole, with the entity they point to.

``LocalAuthority.policeForces`` gives PoliceForceShare rows (the fraction of the LA's people in
each force); ``PoliceForce.partnerships`` gives PartnershipShare rows (the fraction of the
force's people in each partnership): each field says which whole its fractions are of.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, TypeVar

import strawberry

from api import indexes
from api.context import Info
from api.types.common import Share
from queries.footprint import Footprints, Pop, Ref
from queries.overlap import Share as QueryShare
from queries.sliver import check_sliver, is_sliver

if TYPE_CHECKING:
    from api.types.health import HealthBody
    from api.types.local_authority import LocalAuthority
    from api.types.partnership import Partnership
    from api.types.police_force import PoliceForce

S = TypeVar("S", bound=Share)


@strawberry.type(description="A police force area's part of a footprint.")
class PoliceForceShare(Share):
    @strawberry.field
    def police_force(
        self, info: Info
    ) -> Annotated[PoliceForce, strawberry.lazy("api.types.police_force")]:
        from api.types.police_force import PoliceForce

        return PoliceForce(node=info.context.node(self.target), when=self.when)


@strawberry.type(description="A health body's (CCG's or ICB's) part of a footprint.")
class HealthBodyShare(Share):
    @strawberry.field
    def health_body(self, info: Info) -> Annotated[HealthBody, strawberry.lazy("api.types.health")]:
        from api.types.health import health_body

        return health_body(info.context.node(self.target), self.when)


@strawberry.type(description="A partnership's part of a footprint.")
class PartnershipShare(Share):
    @strawberry.field
    def partnership(
        self, info: Info
    ) -> Annotated[Partnership, strawberry.lazy("api.types.partnership")]:
        from api.types.partnership import Partnership

        return Partnership(node=info.context.node(self.target), when=self.when)


@strawberry.type(description="A local authority's part of a footprint.")
class LocalAuthorityShare(Share):
    @strawberry.field
    def local_authority(
        self, info: Info
    ) -> Annotated[LocalAuthority, strawberry.lazy("api.types.local_authority")]:
        from api.types.local_authority import LocalAuthority

        return LocalAuthority(node=info.context.node(self.target), when=self.when)


def from_query(cls: type[S], share: QueryShare, when: date, share_of: str) -> S:
    """A share row from a ``queries.overlap.Share``; ``share_of`` names the whole."""
    return cls(
        target=share.body.id,
        when=when,
        code=share.body.code,
        name=share.body.name,
        population=share.population,
        population_share=share.share,
        children=share.children,
        children_share=share.children_share,
        sliver=share.sliver,
        share_of=share_of,
    )


def from_pop(
    cls: type[S], body: Ref, part: Pop, whole: Pop, when: date, sliver: float, share_of: str
) -> S:
    """A share row for ``part`` of ``whole`` (``share_of`` names it)."""
    share, children = part.fractions(whole)
    return cls(
        target=body.id,
        when=when,
        code=body.code,
        name=body.name,
        population=part.people,
        population_share=share,
        children=part.children,
        children_share=children,
        sliver=is_sliver(share, sliver),
        share_of=share_of,
    )


def body_local_authorities(
    fp: Footprints, body: str, family: str, when: date, sliver: float
) -> list[LocalAuthorityShare]:
    """The LAs with people in a police force area or health body, as fractions of the body."""
    check_sliver(sliver)
    total = indexes.body_totals(fp, family).get(body, Pop())
    rows = []
    for la in indexes.body_las(fp, family).get(body, []):
        part = next((p for b, p in indexes.la_shares(fp, la, family)[1] if b == body), Pop())
        whole = f"people of {fp.view.node(body).name}"
        rows.append(from_pop(LocalAuthorityShare, fp.ref(la), part, total, when, sliver, whole))
    rows.sort(key=lambda r: (-r.population, r.target))
    return rows


def body_partnerships(
    fp: Footprints, body: str, family: str, when: date, sliver: float
) -> list[PartnershipShare]:
    """The partnerships a police force or health body must work with, as fractions of the body."""
    check_sliver(sliver)
    found = indexes.body_overlaps(fp, when, family, sliver).get(body)
    if not found:
        return []
    whole = f"people of {fp.view.node(body).name}"
    return [from_query(PartnershipShare, s, when, whole) for s in found.partnerships]
