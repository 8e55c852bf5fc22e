# mypy: allow-untyped-decorators
"""The partners an LA's geography gives it in a landscape, real or what-if (mirrors
``queries.derived_partners``): police forces and health bodies with the people in each and their
shares, slivers flagged, the community safety partnerships of its districts and its boards."""

from __future__ import annotations

import strawberry

from api.types.entity_ref import EntityRef, entity_ref, entity_refs
from queries import derived_partners as dp
from queries.overlap import Share


@strawberry.type(description="A police force or health body with part of an LA's area.")
class DerivedShare:
    s: strawberry.Private[Share]

    @strawberry.field
    def body(self) -> EntityRef:
        return entity_ref(self.s.body)

    @strawberry.field
    def population(self) -> int:
        return self.s.population

    @strawberry.field(description="Of the LA's people.")
    def share(self) -> float:
        return self.s.share

    @strawberry.field
    def children(self) -> int | None:
        return self.s.children

    @strawberry.field(description="Of the LA's children.")
    def children_share(self) -> float | None:
        return self.s.children_share

    @strawberry.field(description="Whether the share is under the sliver threshold.")
    def sliver(self) -> bool:
        return self.s.sliver


@strawberry.type(description="A community safety partnership with districts in an LA.")
class CspPart:
    c: strawberry.Private[dp.CspPart]

    @strawberry.field
    def community_safety_partnership(self) -> EntityRef:
        return entity_ref(self.c.csp)

    @strawberry.field(description="The LA's people in it.")
    def population(self) -> int:
        return self.c.population

    @strawberry.field(description="Of the LA's people.")
    def share(self) -> float:
        return self.c.share

    @strawberry.field(description="Whether the CSP lies wholly within the LA.")
    def whole(self) -> bool:
        return self.c.whole


@strawberry.type(
    description=(
        "What an LA's geography gives it: every police force and health body with any part of "
        "its area (its statutory partners), the CSPs of its districts and its boards; shown "
        "whether or not it is placed in a partnership."
    )
)
class DerivedPartners:
    p: strawberry.Private[dp.DerivedPartners]

    @strawberry.field
    def police_forces(self) -> list[DerivedShare]:
        return [DerivedShare(s=s) for s in self.p.police_forces]

    @strawberry.field
    def health_bodies(self) -> list[DerivedShare]:
        return [DerivedShare(s=s) for s in self.p.health_bodies]

    @strawberry.field
    def community_safety_partnerships(self) -> list[CspPart]:
        return [CspPart(c=c) for c in self.p.community_safety_partnerships]

    @strawberry.field(description="The SABs, HWBs and CDOPs it is a member of.")
    def boards(self) -> list[EntityRef]:
        return entity_refs(self.p.boards)

    @strawberry.field(
        description=(
            "Largest over forces of (share of the LA in the force) x (share of the force in "
            "the LA): 1 when one force has exactly the LA's footprint."
        )
    )
    def police_coterminosity(self) -> float:
        return self.p.police_coterminosity

    @strawberry.field(description="The same measure over health bodies.")
    def health_coterminosity(self) -> float:
        return self.p.health_coterminosity
