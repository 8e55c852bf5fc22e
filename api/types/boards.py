# mypy: allow-untyped-decorators
"""Boards with their own footprints: safeguarding adults boards, health and wellbeing boards and
child death overview panels. Their footprints rarely match the children's partnerships'."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.types.common import Entity
from graph.model import Node
from ontology.vocabulary import Kind, Relation

if TYPE_CHECKING:
    from api.types.local_authority import LocalAuthority
    from api.types.review import Review


@strawberry.interface(description="A board whose members are upper-tier local authorities.")
class Board(Entity):
    @strawberry.field(description="Its member LAs on the date.")
    def local_authorities(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[LocalAuthority, strawberry.lazy("api.types.local_authority")]]:
        from api.types.local_authority import LocalAuthority

        when = self.on(info, as_of)
        fp = info.context.footprints(when)
        return [
            LocalAuthority(node=fp.view.node(la), when=when)
            for la in fp.members.get(self.node.id, [])
        ]

    @strawberry.field(description="Every review recorded as commissioned by it.")
    def reviews(self, info: Info) -> list[Annotated[Review, strawberry.lazy("api.types.review")]]:
        from api.types.review import recorded

        return recorded(info, self.node.id, Relation.COMMISSIONED_BY, self.when)

    @strawberry.field(
        description="Its reviews certainly open (commissioned, unpublished) on the date."
    )
    def open_reviews(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[Review, strawberry.lazy("api.types.review")]]:
        from api.types.review import open_on

        return open_on(info, self.node.id, Relation.COMMISSIONED_BY, self.on(info, as_of))


@strawberry.type(description="A safeguarding adults board (Care Act 2014), own or joint.")
class SafeguardingAdultsBoard(Board):
    @strawberry.field(
        description=(
            "joint_sab or sab where the registry lists the board (sab: named by a source); "
            "null for a board inferred from the Care Act or an all-age partnership's."
        )
    )
    def board_kind(self) -> str | None:
        value = self.node.attrs.get("board_kind")
        return str(value) if value else None


@strawberry.type(description="A health and wellbeing board (one per upper-tier LA).")
class HealthAndWellbeingBoard(Board):
    pass


@strawberry.type(description="A child death overview panel; its recorded members may be partial.")
class ChildDeathOverviewPanel(Board):
    @strawberry.field(description="False where the source lists only some of its members.")
    def members_complete(self) -> bool:
        return bool(self.node.attrs.get("members_complete", True))

    @strawberry.field(description="Members outside England, kept as names (e.g. Isle of Man).")
    def non_english_members(self) -> list[str]:
        return [str(m) for m in self.node.attrs.get("non_english_members", [])]


def board(node: Node, when: date) -> Board:
    """The API object for a board node."""
    if node.kind == Kind.SAFEGUARDING_ADULTS_BOARD:
        return SafeguardingAdultsBoard(node=node, when=when)
    if node.kind == Kind.HEALTH_AND_WELLBEING_BOARD:
        return HealthAndWellbeingBoard(node=node, when=when)
    return ChildDeathOverviewPanel(node=node, when=when)
