# mypy: allow-untyped-decorators
"""Posts: the lead and delegated partners the rules require, and published chairs and scrutineers.

A post derived from a rule set says so (``derived``, ``rule``) and has no holder. A published post
may record who held it: a person's name, given only when asked for (``includeHolders: true``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.types.common import Entity
from api.types.partial_date import PartialDate, stored
from ontology.vocabulary import Relation

if TYPE_CHECKING:
    from api.types.partnership import Partnership
    from api.types.rule_set import RuleSet

HOLDERS_HELP = "Give the holder's name where a source records it (personal: off by default)."


def _text(value: object) -> str | None:
    return str(value) if value else None


@strawberry.type(description="A post: who leads, chairs or scrutinises, in or for what.")
class Post(Entity):
    @strawberry.field(description="The role, e.g. 'lead safeguarding partner', 'chair'.")
    def role(self) -> str | None:
        return _text(self.node.attrs.get("role"))

    @strawberry.field(description="The office a rule gives the post, e.g. 'chief executive'.")
    def office(self) -> str | None:
        return _text(self.node.attrs.get("office"))

    @strawberry.field(
        description="What the post does for the rules: lead, delegate, chair, scrutiny."
    )
    def duties(self) -> list[str]:
        return [str(d) for d in self.node.attrs.get("duties", [])]

    @strawberry.field(description="The post as the source words it, e.g. 'Independent Scrutineer'.")
    def post_as_published(self) -> str | None:
        return _text(self.node.attrs.get("post_as_published"))

    @strawberry.field(
        description="The holder, only when includeHolders is true and one is recorded."
    )
    def holder(
        self,
        include_holders: Annotated[bool, strawberry.argument(description=HOLDERS_HELP)] = False,
    ) -> str | None:
        return _text(self.node.attrs.get("holder")) if include_holders else None

    @strawberry.field(description="Whether a source records who held the post.")
    def holder_recorded(self) -> bool:
        return bool(self.node.attrs.get("holder"))

    @strawberry.field(description="Derived from a rule set (no holder), not published by a source.")
    def derived(self) -> bool:
        return bool(self.node.attrs.get("derived"))

    @strawberry.field(description="From when a source shows the post held, as it dates it.")
    def seen_from(self) -> PartialDate | None:
        return stored(self.node.attrs.get("seen_from"))

    @strawberry.field(description="Until when a source shows the post held, as it dates it.")
    def seen_to(self) -> PartialDate | None:
        return stored(self.node.attrs.get("seen_to"))

    @strawberry.field(description="The rule set requiring the post (derived posts).")
    def rule(self, info: Info) -> Annotated[RuleSet, strawberry.lazy("api.types.rule_set")] | None:
        from api.types.rule_set import RuleSet

        g = info.context.graph
        ids = [e.target for e in g.out_edges(self.node.id) if e.relation == Relation.REQUIRED_BY]
        return RuleSet(node=g.node(ids[0]), when=self.when) if ids else None

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
