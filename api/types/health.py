# mypy: allow-untyped-decorators
"""Health bodies (CCGs to 2022-06-30, ICBs from 2022-07-01), sub-ICB locations and NHS regions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api import indexes
from api.context import Info
from api.types.common import Entity
from api.types.statutory import StatutoryPartnerBody
from graph.model import Node
from ontology.vocabulary import Kind, Relation

if TYPE_CHECKING:
    from api.types.post import Post


@strawberry.interface(
    description=(
        "A statutory health partner: a clinical commissioning group (to 2022-06-30) or an "
        "integrated care board (from 2022-07-01)."
    )
)
class HealthBody(StatutoryPartnerBody):
    family = indexes.HEALTH

    @strawberry.field
    def nhs_region(self, info: Info, as_of: date | None = None) -> NhsRegion | None:
        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = view.targets(self.node.id, Relation.IN_NHS_REGION)
        return NhsRegion(node=view.node(ids[0]), when=when) if ids else None

    @strawberry.field(description="Posts in the body, e.g. its lead safeguarding partner.")
    def posts(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[Post, strawberry.lazy("api.types.post")]]:
        from api.types.post import posts_in

        return posts_in(info, self.node.id, self.on(info, as_of))


@strawberry.type(description="A clinical commissioning group (E38 / ODS code), to 2022-06-30.")
class ClinicalCommissioningGroup(HealthBody):
    pass


@strawberry.type(description="An integrated care board (E54 / ODS code), from 2022-07-01.")
class IntegratedCareBoard(HealthBody):
    @strawberry.field(description="Its sub-ICB locations (the former CCG footprints).")
    def sub_icb_locations(self, info: Info, as_of: date | None = None) -> list[SubIcbLocation]:
        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = sorted(view.sources(self.node.id, Relation.PART_OF_ICB))
        return [SubIcbLocation(node=view.node(i), when=when) for i in ids]


@strawberry.type(
    description="A sub-ICB location: a place within an ICB, often keeping a former CCG's E38 code."
)
class SubIcbLocation(Entity):
    @strawberry.field
    def icb(self, info: Info, as_of: date | None = None) -> IntegratedCareBoard | None:
        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = view.targets(self.node.id, Relation.PART_OF_ICB)
        return IntegratedCareBoard(node=view.node(ids[0]), when=when) if ids else None


@strawberry.type(description="An NHS England region.")
class NhsRegion(Entity):
    @strawberry.field(description="The CCGs or ICBs in the region on the date.")
    def health_bodies(self, info: Info, as_of: date | None = None) -> list[HealthBody]:
        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = sorted(view.sources(self.node.id, Relation.IN_NHS_REGION))
        return [health_body(view.node(i), when) for i in ids]


def health_body(node: Node, when: date) -> HealthBody:
    """The API object for a CCG or ICB node."""
    if node.kind == Kind.ICB:
        return IntegratedCareBoard(node=node, when=when)
    return ClinicalCommissioningGroup(node=node, when=when)
