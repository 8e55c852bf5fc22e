# mypy: allow-untyped-decorators
"""The overlap report: which police forces and health bodies each partnership must work with."""

from __future__ import annotations

from datetime import date

import strawberry

from api.context import Info
from api.types.basis import Basis
from api.types.common import Entity
from api.types.local_authority import LocalAuthority
from api.types.partnership import Partnership
from api.types.shares import HealthBodyShare, PartnershipShare, PoliceForceShare, from_query
from queries.basis import basis
from queries.overlap import BoardMismatch as BoardMismatchReport
from queries.overlap import BodyOverlap as BodyOverlapReport
from queries.overlap import Overlap as OverlapReport
from queries.overlap import PartnershipOverlap as PartnershipOverlapReport


@strawberry.type(description="One partnership's people, and its police forces and health bodies.")
class PartnershipOverlap:
    item: strawberry.Private[PartnershipOverlapReport]
    when: strawberry.Private[date]

    @strawberry.field
    def partnership(self, info: Info) -> Partnership:
        return Partnership(node=info.context.node(self.item.partnership.id), when=self.when)

    @strawberry.field
    def local_authorities(self, info: Info) -> list[LocalAuthority]:
        g = info.context.graph
        return [
            LocalAuthority(node=g.node(r.id), when=self.when) for r in self.item.local_authorities
        ]

    @strawberry.field
    def population(self) -> int:
        return self.item.population

    @strawberry.field
    def children(self) -> int | None:
        return self.item.children

    @strawberry.field(description="Fractions of the partnership's people in each force.")
    def police_forces(self) -> list[PoliceForceShare]:
        of = f"people of {self.item.partnership.name}"
        return [from_query(PoliceForceShare, s, self.when, of) for s in self.item.police_forces]

    @strawberry.field(description="Fractions of the partnership's people in each health body.")
    def health_bodies(self) -> list[HealthBodyShare]:
        of = f"people of {self.item.partnership.name}"
        return [from_query(HealthBodyShare, s, self.when, of) for s in self.item.health_bodies]

    @strawberry.field
    def police_coterminosity(self) -> float:
        return self.item.police_coterminosity

    @strawberry.field
    def health_coterminosity(self) -> float:
        return self.item.health_coterminosity


@strawberry.type(description="A police force or health body and the partnerships it works with.")
class BodyOverlap:
    item: strawberry.Private[BodyOverlapReport]
    when: strawberry.Private[date]

    @strawberry.field
    def code(self) -> str:
        return self.item.body.code

    @strawberry.field
    def name(self) -> str:
        return self.item.body.name

    @strawberry.field
    def body(self, info: Info) -> Entity:
        from api.types.entities import entity

        return entity(info.context.node(self.item.body.id), self.when)

    @strawberry.field(description="Fractions of the body's people in each partnership.")
    def partnerships(self) -> list[PartnershipShare]:
        of = f"people of {self.item.body.name}"
        return [from_query(PartnershipShare, s, self.when, of) for s in self.item.partnerships]


@strawberry.type(description="A board whose member LAs do not make up whole partnerships.")
class BoardMismatch:
    item: strawberry.Private[BoardMismatchReport]
    when: strawberry.Private[date]

    @strawberry.field
    def board(self, info: Info) -> Entity:
        from api.types.entities import entity

        return entity(info.context.node(self.item.board.id), self.when)

    @strawberry.field
    def local_authorities(self, info: Info) -> list[LocalAuthority]:
        g = info.context.graph
        return [
            LocalAuthority(node=g.node(r.id), when=self.when) for r in self.item.local_authorities
        ]

    @strawberry.field(description="The partnerships its member LAs belong to.")
    def partnerships(self, info: Info) -> list[Partnership]:
        g = info.context.graph
        return [Partnership(node=g.node(r.id), when=self.when) for r in self.item.partnerships]

    @strawberry.field(description="People in those partnerships but outside the board's footprint.")
    def population_outside(self) -> int:
        return self.item.population_outside


@strawberry.type(
    description="Overlap of partnerships with police forces and health bodies on a date."
)
class Overlap:
    report: strawberry.Private[OverlapReport]

    @strawberry.field
    def as_of(self) -> date:
        return self.report.as_of

    @strawberry.field(description="What the answer rests on (vintages, changes, projection).")
    def basis(self, info: Info) -> Basis:
        return Basis(b=basis(info.context.graph, self.report.as_of))

    @strawberry.field
    def sliver_threshold(self) -> float:
        return self.report.sliver_threshold

    @strawberry.field(description="The age band `children` counts (e.g. 0-17), where uniform.")
    def children_ages(self) -> str | None:
        return self.report.children_ages

    @strawberry.field
    def partnerships(self) -> list[PartnershipOverlap]:
        return [
            PartnershipOverlap(item=p, when=self.report.as_of) for p in self.report.partnerships
        ]

    @strawberry.field(description="Partnerships with more than one police force.")
    def multi_force_partnerships(self) -> list[PartnershipOverlap]:
        return [PartnershipOverlap(item=p, when=self.report.as_of) for p in self.report.multi_force]

    @strawberry.field(description="Partnerships with more than one health body.")
    def multi_health_partnerships(self) -> list[PartnershipOverlap]:
        return [
            PartnershipOverlap(item=p, when=self.report.as_of) for p in self.report.multi_health
        ]

    @strawberry.field
    def police_forces(self) -> list[BodyOverlap]:
        return [BodyOverlap(item=b, when=self.report.as_of) for b in self.report.police_forces]

    @strawberry.field
    def health_bodies(self) -> list[BodyOverlap]:
        return [BodyOverlap(item=b, when=self.report.as_of) for b in self.report.health_bodies]

    @strawberry.field
    def board_mismatches(self) -> list[BoardMismatch]:
        return [BoardMismatch(item=b, when=self.report.as_of) for b in self.report.board_mismatches]
