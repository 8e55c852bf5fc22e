# mypy: allow-untyped-decorators
"""Reviews: rapid reviews, CSPRs, national reviews, SCRs, SARs, DHRs and child death reviews."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.types.common import Entity
from ontology.vocabulary import Relation

if TYPE_CHECKING:
    from api.types.local_authority import LocalAuthority


def _text(value: object) -> str | None:
    return str(value) if value is not None else None


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


@strawberry.type(description="A safeguarding review, commissioned by a partnership or board.")
class Review(Entity):
    @strawberry.field(description="e.g. rapid_review, local_cspr, safeguarding_adult_review.")
    def review_kind(self) -> str | None:
        return _text(self.node.attrs.get("kind"))

    @strawberry.field
    def status(self) -> str | None:
        return _text(self.node.attrs.get("status"))

    @strawberry.field
    def themes(self) -> list[str]:
        return [str(t) for t in self.node.attrs.get("themes", [])]

    @strawberry.field
    def notified(self) -> date | None:
        return _day(self.node.attrs.get("notified"))

    @strawberry.field
    def commissioned(self) -> date | None:
        return _day(self.node.attrs.get("commissioned"))

    @strawberry.field
    def published(self) -> date | None:
        return _day(self.node.attrs.get("published"))

    @strawberry.field(description="The partnership or board that commissioned it.")
    def commissioned_by(self, info: Info) -> Entity | None:
        from api.types.entities import entity

        g = info.context.graph
        ids = [
            e.target for e in g.out_edges(self.node.id) if e.relation == Relation.COMMISSIONED_BY
        ]
        return entity(g.node(ids[0]), self.when) if ids else None

    @strawberry.field(description="The local authority areas it concerns.")
    def local_authorities(
        self, info: Info
    ) -> list[Annotated[LocalAuthority, strawberry.lazy("api.types.local_authority")]]:
        from api.types.local_authority import LocalAuthority

        g = info.context.graph
        ids = sorted(
            {e.target for e in g.out_edges(self.node.id) if e.relation == Relation.CONCERNS_AREA}
        )
        return [LocalAuthority(node=g.node(i), when=self.when) for i in ids]


def reviews_into(info: Info, node_id: str, relation: str, when: date) -> list[Review]:
    """Reviews linked to ``node_id`` by ``relation`` that had started by ``when``."""
    g = info.context.graph
    ids = sorted(
        {
            e.source
            for e in g.in_edges(node_id)
            if e.relation == relation and e.period.start is not None and e.period.start <= when
        }
    )
    return [Review(node=g.node(i), when=when) for i in ids]
