# mypy: allow-untyped-decorators
"""Dated rule sets (Working Together 2018 and 2023, the Children's Wellbeing and Schools Act 2026)
and the posts and participants they require of a partnership on a date."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.context import Info
from api.types.common import Entity
from queries import rules as q

if TYPE_CHECKING:
    from api.types.post import Post

RuleStateEnum = strawberry.enum(
    q.RuleState,
    name="RuleState",
    description=(
        "IN_FORCE; ENACTED_NOT_IN_FORCE (commencement unknown or later); REPLACED; "
        "NOT_YET_IN_FORCE (not yet made or in force)."
    ),
)


@strawberry.type(description="The office a requirement names for one kind of partner.")
class Office:
    partner_kind: str = strawberry.field(description="local_authority, ccg, icb or police.")
    office: str


@strawberry.type(description="A post or participant a rule set requires.")
class Requirement:
    role: str
    duty: str = strawberry.field(description="lead, delegate, chair, scrutiny or participant.")
    for_each: str = strawberry.field(description="safeguarding_partner or partnership.")
    offices: list[Office] = strawberry.field(description="Empty where the rule names none.")
    notes: str | None


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _requirement(r: dict[str, Any]) -> Requirement:
    return Requirement(
        role=str(r["role"]),
        duty=str(r["duty"]),
        for_each=str(r["for"]),
        offices=[Office(partner_kind=k, office=v) for k, v in sorted(r.get("offices", {}).items())],
        notes=r.get("notes") or None,
    )


@strawberry.type(description="Law or guidance saying which posts a partnership must have, dated.")
class RuleSet(Entity):
    @strawberry.field(description="Its state on the date (default: asOf).")
    def state(self, as_of: date | None = None) -> q.RuleState:
        return q.state(self.node, as_of or self.when)

    @strawberry.field(description="When it was enacted or published (null: not recorded).")
    def enacted(self) -> date | None:
        return _day(self.node.attrs.get("enacted"))

    @strawberry.field(description="When it came into force (null: commencement unknown).")
    def in_force_from(self) -> date | None:
        return _day(self.node.attrs.get("in_force"))

    @strawberry.field(description="The first day a later rule set replaced it (null: none yet).")
    def in_force_to(self) -> date | None:
        return _day(self.node.attrs.get("in_force_to"))

    @strawberry.field
    def replaces(self) -> list[str]:
        return [str(x) for x in self.node.attrs.get("replaces", [])]

    @strawberry.field
    def replaced_by(self) -> list[str]:
        return [str(x) for x in self.node.attrs.get("replaced_by", [])]

    @strawberry.field
    def requirements(self) -> list[Requirement]:
        return [_requirement(r) for r in self.node.attrs.get("requires", [])]

    @strawberry.field
    def notes(self) -> str | None:
        value = self.node.attrs.get("notes")
        return str(value) if value else None


@strawberry.type(description="A post a rule in force requires of a partnership or of a partner.")
class RequiredPost:
    rule: RuleSet
    role: str
    duty: str
    office: str | None = strawberry.field(description="Null where the rule names none.")
    organisation: Entity | None = strawberry.field(
        description="The safeguarding partner the post is in (null: the partnership's own post)."
    )
    post: Annotated[Post, strawberry.lazy("api.types.post")] | None = strawberry.field(
        description="The post derived from the rule (derived: no holder)."
    )


@strawberry.type(description="An agency a rule requires to take part: not a post.")
class RequiredParticipant:
    rule: RuleSet
    role: str
    state: q.RuleState


@strawberry.type(description="What the rules in force on the date require of a partnership.")
class RequiredPosts:
    as_of: date
    rules_in_force: list[RuleSet]
    posts: list[RequiredPost]
    participants: list[RequiredParticipant] = strawberry.field(
        description="In force, or enacted and not yet in force (see state)."
    )
    recorded: list[Annotated[Post, strawberry.lazy("api.types.post")]] = strawberry.field(
        description="Posts the sources record for the partnership on the date (chairs, scrutiny)."
    )


def required_posts(info: Info, partnership: str, when: date) -> RequiredPosts:
    """The API object for :func:`queries.rules.required_posts`."""
    from api.types.entities import entity
    from api.types.post import Post

    g = info.context.graph
    r = q.required_posts(g, when, partnership)

    def rule(ref: Any) -> RuleSet:
        return RuleSet(node=g.node(ref.id), when=when)

    return RequiredPosts(
        as_of=when,
        rules_in_force=[rule(x) for x in r.rules_in_force],
        posts=[
            RequiredPost(
                rule=rule(p.rule),
                role=p.role,
                duty=p.duty,
                office=p.office,
                organisation=entity(g.node(p.organisation.id), when) if p.organisation else None,
                post=Post(node=g.node(p.post.id), when=when) if p.post else None,
            )
            for p in r.posts
        ],
        participants=[
            RequiredParticipant(rule=rule(p.rule), role=p.role, state=p.state)
            for p in r.participants
        ],
        recorded=[Post(node=g.node(p.id), when=when) for p in r.recorded],
    )
