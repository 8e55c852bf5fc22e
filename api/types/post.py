# mypy: allow-untyped-decorators
"""Posts: lead safeguarding partners of organisations, and partnership chairs."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.types.common import Entity
from ontology.vocabulary import Relation

if TYPE_CHECKING:
    from api.types.partnership import Partnership


@strawberry.type(description="A post: who leads, chairs or scrutinises, in or for what.")
class Post(Entity):
    @strawberry.field(description="The role, e.g. 'lead safeguarding partner', 'chair'.")
    def role(self) -> str | None:
        value = self.node.attrs.get("role")
        return str(value) if value is not None else None

    @strawberry.field(description="The office holding the post, e.g. 'chief executive'.")
    def office(self) -> str | None:
        value = self.node.attrs.get("office")
        return str(value) if value is not None else None

    @strawberry.field(description="A description of the holder, where a source gives one.")
    def holder(self) -> str | None:
        value = self.node.attrs.get("holder")
        return str(value) if value is not None else None

    @strawberry.field(description="The organisation the post is in.")
    def organisation(self, info: Info, as_of: date | None = None) -> Entity | None:
        from api.types.entities import entity

        when = self.on(info, as_of)
        ids = info.context.view(when).targets(self.node.id, Relation.POST_IN)
        return entity(info.context.node(ids[0]), when) if ids else None

    @strawberry.field(description="The partnership the post serves (e.g. its chair).")
    def partnership(
        self, info: Info, as_of: date | None = None
    ) -> Annotated[Partnership, strawberry.lazy("api.types.partnership")] | None:
        from api.types.partnership import Partnership

        when = self.on(info, as_of)
        ids = info.context.view(when).targets(self.node.id, Relation.POST_FOR)
        return Partnership(node=info.context.node(ids[0]), when=when) if ids else None


def posts_in(info: Info, node_id: str, when: date) -> list[Post]:
    """The posts in an organisation on ``when``."""
    view = info.context.view(when)
    ids = sorted(set(view.sources(node_id, Relation.POST_IN)))
    return [Post(node=view.node(i), when=when) for i in ids]


def posts_for(info: Info, node_id: str, when: date) -> list[Post]:
    """The posts serving a partnership on ``when``."""
    view = info.context.view(when)
    ids = sorted(set(view.sources(node_id, Relation.POST_FOR)))
    return [Post(node=view.node(i), when=when) for i in ids]
