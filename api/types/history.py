# mypy: allow-untyped-decorators
"""History of one entity, and the difference between the landscape on two dates."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry

from api.context import Info
from api.types.change_event import ChangeEvent
from api.types.common import Entity, ProvenanceType, provenance_rows
from graph.model import Edge
from graph.temporal import Diff as DiffReport
from graph.temporal import History as HistoryReport
from ontology.vocabulary import Kind, Relation

BLOCK_RELATIONS = frozenset({Relation.BLOCK_IN_DISTRICT.value, Relation.BLOCK_IN_HEALTH_AREA.value})
BLOCKS_HELP = "Include population blocks and their edges (thousands of rows)."


@strawberry.enum
class Direction(Enum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"


@strawberry.type(description="A dated relation of an entity to another.")
class RelationRecord:
    edge: strawberry.Private[Edge]
    subject: strawberry.Private[str]
    when: strawberry.Private[date]

    @strawberry.field(description="The ontology property, e.g. inPoliceForceArea, hasMember.")
    def relation(self) -> str:
        return self.edge.relation

    @strawberry.field
    def direction(self) -> Direction:
        return Direction.OUTGOING if self.edge.source == self.subject else Direction.INCOMING

    @strawberry.field(description="The entity at the other end.")
    def other(self, info: Info) -> Entity:
        from api.types.entities import entity

        other = self.edge.target if self.edge.source == self.subject else self.edge.source
        node = info.context.node(other)
        return entity(node, self.edge.period.start or self.when)

    @strawberry.field
    def valid_from(self) -> date | None:
        return self.edge.period.start

    @strawberry.field
    def valid_to(self) -> date | None:
        return self.edge.period.end

    @strawberry.field
    def provenance(self) -> list[ProvenanceType]:
        return provenance_rows(self.edge.provenance)


@strawberry.type(description="Everything that happened to one entity.")
class History:
    report: strawberry.Private[HistoryReport]
    when: strawberry.Private[date]

    @strawberry.field
    def entity(self) -> Entity:
        from api.types.entities import entity

        return entity(self.report.node, self.when)

    @strawberry.field(description="Reorganisations, mergers and recodes that involved it.")
    def events(self) -> list[ChangeEvent]:
        return [ChangeEvent(node=n, when=n.period.start or self.when) for n in self.report.events]

    @strawberry.field(description="Its relations over time, earliest first.")
    def relations(
        self, include_blocks: Annotated[bool, strawberry.argument(description=BLOCKS_HELP)] = False
    ) -> list[RelationRecord]:
        return [
            RelationRecord(edge=e, subject=self.report.node.id, when=self.when)
            for e in self.report.edges
            if include_blocks or e.relation not in BLOCK_RELATIONS
        ]


@strawberry.type(description="A relation present on one date and not the other.")
class RelationChange:
    key: strawberry.Private[tuple[str, str, str]]
    when: strawberry.Private[date]

    @strawberry.field
    def relation(self) -> str:
        return self.key[0]

    @strawberry.field
    def source(self, info: Info) -> Entity:
        from api.types.entities import entity

        return entity(info.context.node(self.key[1]), self.when)

    @strawberry.field
    def target(self, info: Info) -> Entity:
        from api.types.entities import entity

        return entity(info.context.node(self.key[2]), self.when)


@strawberry.type(description="What differs between the landscape on two dates.")
class Diff:
    report: strawberry.Private[DiffReport]

    @strawberry.field(name="from")
    def before(self) -> date:
        return self.report.before

    @strawberry.field(name="to")
    def after(self) -> date:
        return self.report.after

    @strawberry.field(description="Entities on `to` and not on `from` (seen on `to`).")
    def entities_added(
        self,
        info: Info,
        include_blocks: Annotated[bool, strawberry.argument(description=BLOCKS_HELP)] = False,
    ) -> list[Entity]:
        return self._entities(info, self.report.nodes_added, self.report.after, include_blocks)

    @strawberry.field(description="Entities on `from` and not on `to` (seen on `from`).")
    def entities_removed(
        self,
        info: Info,
        include_blocks: Annotated[bool, strawberry.argument(description=BLOCKS_HELP)] = False,
    ) -> list[Entity]:
        return self._entities(info, self.report.nodes_removed, self.report.before, include_blocks)

    @strawberry.field(description="Relations on `to` and not on `from`.")
    def relations_added(
        self, include_blocks: Annotated[bool, strawberry.argument(description=BLOCKS_HELP)] = False
    ) -> list[RelationChange]:
        return [
            RelationChange(key=k, when=self.report.after)
            for k in self.report.edges_added
            if include_blocks or k[0] not in BLOCK_RELATIONS
        ]

    @strawberry.field(description="Relations on `from` and not on `to`.")
    def relations_removed(
        self, include_blocks: Annotated[bool, strawberry.argument(description=BLOCKS_HELP)] = False
    ) -> list[RelationChange]:
        return [
            RelationChange(key=k, when=self.report.before)
            for k in self.report.edges_removed
            if include_blocks or k[0] not in BLOCK_RELATIONS
        ]

    @staticmethod
    def _entities(info: Info, ids: tuple[str, ...], when: date, blocks: bool) -> list[Entity]:
        from api.types.entities import entity

        g = info.context.graph
        nodes = (g.node(i) for i in ids)
        return [entity(n, when) for n in nodes if blocks or n.kind != Kind.POPULATION_BLOCK]
