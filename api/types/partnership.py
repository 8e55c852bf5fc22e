# mypy: allow-untyped-decorators
"""Children's safeguarding partnerships (multi-agency safeguarding arrangements) and their partners.

Membership is asserted (from published arrangements, with sources); statutory partners are derived
from geography (every police force and health body with people in the footprint). A partner can
be one, the other or both: where they disagree, that is a finding, shown by ``statutory`` and
``named``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api import indexes
from api.context import Info
from api.types.common import SLIVER_HELP, Entity, ProvenanceType, provenance_rows
from api.types.shares import HealthBodyShare, PoliceForceShare, from_query
from ontology.vocabulary import Relation
from queries.overlap import PartnershipOverlap
from queries.partners import Role, partner_rows
from queries.population_base import population_base
from queries.sliver import DEFAULT_SLIVER, check_sliver

if TYPE_CHECKING:
    from api.types.local_authority import LocalAuthority
    from api.types.post import Post
    from api.types.review import Review
    from api.types.rule_set import RequiredPosts


PartnerRole = strawberry.enum(
    Role, name="PartnerRole", description="Which side a partner stands for."
)


@strawberry.type(description="A dated former name.")
class FormerName:
    name: str
    valid_from: date | None
    valid_to: date | None


@strawberry.type(description="How the partnership's independent scrutiny was organised, and when.")
class Scrutiny:
    model: str
    valid_from: date | None
    valid_to: date | None
    seen: list[str] = strawberry.field(
        description="The dates a source shows it, as the source gives them (a year or a month)."
    )
    sources: list[str]


@strawberry.type(description="An organisation taking part in a partnership on a date.")
class Partner:
    node_id: strawberry.Private[str]
    when: strawberry.Private[date]
    role: Role
    code: str
    name: str
    statutory: bool = strawberry.field(
        description="A safeguarding partner by law: a member LA, or a force or health body "
        "with people in the footprint (derived from geography)."
    )
    named: bool = strawberry.field(
        description="Named by the published arrangements (asserted in the registry)."
    )
    named_as: str | None
    population_share: float | None = strawberry.field(
        description="Fraction (0..1) of the partnership's people in this organisation's area."
    )
    sliver: bool
    provenance: list[ProvenanceType]

    @strawberry.field
    def organisation(self, info: Info) -> Entity:
        from api.types.entities import entity

        return entity(info.context.node(self.node_id), self.when)

    @strawberry.field(description="The organisation's posts, e.g. its lead safeguarding partner.")
    def posts(self, info: Info) -> list[Annotated[Post, strawberry.lazy("api.types.post")]]:
        from api.types.post import posts_in

        return posts_in(info, self.node_id, self.when)


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


@strawberry.type(description="A children's safeguarding partnership (registry id).")
class Partnership(Entity):
    @strawberry.field(description="single, joint (several LAs) or hybrid.")
    def form(self) -> str | None:
        value = self.node.attrs.get("form")
        return str(value) if value is not None else None

    @strawberry.field(description="Whether it is also its area's safeguarding adults board.")
    def all_age(self) -> bool:
        return bool(self.node.attrs.get("all_age", False))

    @strawberry.field
    def aliases(self) -> list[str]:
        return [str(a) for a in self.node.attrs.get("aliases", [])]

    @strawberry.field
    def former_names(self) -> list[FormerName]:
        return [
            FormerName(
                name=str(n["name"]), valid_from=_day(n.get("from")), valid_to=_day(n.get("to"))
            )
            for n in self.node.attrs.get("former_names", [])
        ]

    @strawberry.field
    def scrutiny(self) -> list[Scrutiny]:
        return [
            Scrutiny(
                model=str(s.get("model", "unknown")),
                valid_from=_day(s.get("from")),
                valid_to=_day(s.get("to")),
                seen=[str(x) for x in s.get("seen", [])],
                sources=[str(x) for x in s.get("sources", [])],
            )
            for s in self.node.attrs.get("scrutiny", [])
        ]

    @strawberry.field
    def notes(self) -> str | None:
        value = self.node.attrs.get("notes")
        return str(value) if value else None

    @strawberry.field(description="Its member local authorities on the date.")
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

    @strawberry.field(description="Police force areas with people in the footprint, with shares.")
    def police_forces(
        self,
        info: Info,
        as_of: date | None = None,
        sliver_threshold: Annotated[
            float, strawberry.argument(description=SLIVER_HELP)
        ] = DEFAULT_SLIVER,
    ) -> list[PoliceForceShare]:
        when = self.on(info, as_of)
        o = self._overlap(info, when, sliver_threshold)
        of = f"people of {self.node.name}"
        return [from_query(PoliceForceShare, s, when, of) for s in o.police_forces]

    @strawberry.field(description="Health bodies with people in the footprint, with shares.")
    def health_bodies(
        self,
        info: Info,
        as_of: date | None = None,
        sliver_threshold: Annotated[
            float, strawberry.argument(description=SLIVER_HELP)
        ] = DEFAULT_SLIVER,
    ) -> list[HealthBodyShare]:
        when = self.on(info, as_of)
        o = self._overlap(info, when, sliver_threshold)
        of = f"people of {self.node.name}"
        return [from_query(HealthBodyShare, s, when, of) for s in o.health_bodies]

    @strawberry.field(description="People in the footprint on the date.")
    def population(self, info: Info, as_of: date | None = None) -> int:
        return self._overlap(info, self.alive(info, as_of), DEFAULT_SLIVER).population

    @strawberry.field(description="Children in the footprint, in the age band `childrenAges`.")
    def children(self, info: Info, as_of: date | None = None) -> int | None:
        return self._overlap(info, self.alive(info, as_of), DEFAULT_SLIVER).children

    @strawberry.field(
        description="The age band of `children` on the date: 0-17 to March 2024, then 0-15."
    )
    def children_ages(self, info: Info, as_of: date | None = None) -> str | None:
        return population_base(info.context.footprints(self.on(info, as_of))).children_ages

    @strawberry.field(
        description="1 when one police force has exactly this footprint; lower as they differ."
    )
    def police_coterminosity(self, info: Info, as_of: date | None = None) -> float:
        return self._overlap(info, self.on(info, as_of), DEFAULT_SLIVER).police_coterminosity

    @strawberry.field(
        description="1 when one health body has exactly this footprint; lower as they differ."
    )
    def health_coterminosity(self, info: Info, as_of: date | None = None) -> float:
        return self._overlap(info, self.on(info, as_of), DEFAULT_SLIVER).health_coterminosity

    def _overlap(self, info: Info, when: date, sliver: float) -> PartnershipOverlap:
        check_sliver(sliver)
        fp = info.context.footprints(when)
        return indexes.partnership_overlaps(fp, self.node.id, sliver)

    @strawberry.field(
        description=(
            "Its partners on the date: member LAs, the police forces and health bodies with "
            "people in the footprint (statutory), and the organisations its arrangements name."
        )
    )
    def partners(
        self,
        info: Info,
        as_of: date | None = None,
        sliver_threshold: Annotated[
            float, strawberry.argument(description=SLIVER_HELP)
        ] = DEFAULT_SLIVER,
    ) -> list[Partner]:
        when = self.on(info, as_of)
        o = self._overlap(info, when, sliver_threshold)
        rows = partner_rows(info.context.footprints(when), o, sliver_threshold)
        return [
            Partner(
                node_id=r.organisation.id,
                when=when,
                role=r.role,
                code=r.organisation.code,
                name=r.organisation.name,
                statutory=r.statutory,
                named=r.named,
                named_as=r.named_as,
                population_share=r.share,
                sliver=r.sliver,
                provenance=provenance_rows(r.provenance),
            )
            for r in rows
        ]

    @strawberry.field(
        description=(
            "Posts serving the partnership on the date: published chairs and scrutineers, and "
            "those the rules in force require (derived, with no holder)."
        )
    )
    def posts(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[Post, strawberry.lazy("api.types.post")]]:
        from api.types.post import posts_for

        return posts_for(info, self.node.id, self.on(info, as_of))

    @strawberry.field(
        description="The posts the rules in force on the date require, and those recorded."
    )
    def required_posts(
        self, info: Info, as_of: date | None = None
    ) -> Annotated[RequiredPosts, strawberry.lazy("api.types.rule_set")]:
        from api.types.rule_set import required_posts

        return required_posts(info, self.node.id, self.on(info, as_of))

    @strawberry.field(description="Every review recorded as commissioned (or published) by it.")
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
