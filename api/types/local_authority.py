# mypy: allow-untyped-decorators
"""Local authorities: upper-tier (children's services) authorities and their districts."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, TypeVar

import strawberry

from api import indexes
from api.context import Info
from api.types.common import SLIVER_HELP, Entity
from api.types.shares import HealthBodyShare, PoliceForceShare, from_pop
from graph.codes import Scheme
from ontology.vocabulary import BOARDS, Kind, Relation
from queries.footprint import Pop
from queries.population_base import population_base
from queries.sliver import DEFAULT_SLIVER, check_sliver

if TYPE_CHECKING:
    from api.types.boards import Board
    from api.types.community_safety import CommunitySafetyPartnership
    from api.types.partnership import Partnership
    from api.types.police_force import PoliceForce
    from api.types.post import Post
    from api.types.region import Region
    from api.types.review import Review

ShareT = TypeVar("ShareT", PoliceForceShare, HealthBodyShare)


@strawberry.enum(description="The kinds of upper-tier (children's services) authority.")
class LocalAuthorityType(Enum):
    COUNTY = Kind.COUNTY.value
    UNITARY = Kind.UNITARY.value
    METROPOLITAN_DISTRICT = Kind.METROPOLITAN_DISTRICT.value
    LONDON_BOROUGH = Kind.LONDON_BOROUGH.value
    SUI_GENERIS = Kind.SUI_GENERIS.value


@strawberry.type(
    description=(
        "An upper-tier local authority: the unit a children's safeguarding partnership covers."
    )
)
class LocalAuthority(Entity):
    @strawberry.field(description="The DfE three-digit LA code on asOf.")
    def dfe_code(self) -> str | None:
        return self.node.code(Scheme.DFE, self.when)

    @strawberry.field(description="The mySociety three-letter code.")
    def mysociety_code(self) -> str | None:
        return self.node.code(Scheme.MYSOCIETY, self.when)

    @strawberry.field(
        description=(
            "The partnership covering this LA on the date; where more than one covers it "
            "(a coverage fault), the first by id: see `partnerships`."
        )
    )
    def partnership(
        self, info: Info, as_of: date | None = None
    ) -> Annotated[Partnership, strawberry.lazy("api.types.partnership")] | None:
        found = self._partnerships(info, as_of)
        return found[0] if found else None

    @strawberry.field(description="Every partnership covering this LA on the date.")
    def partnerships(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[Partnership, strawberry.lazy("api.types.partnership")]]:
        return self._partnerships(info, as_of)

    def _partnerships(self, info: Info, as_of: date | None) -> list[Partnership]:
        from api.types.partnership import Partnership

        when = self.alive(info, as_of)
        fp = info.context.footprints(when)
        return [
            Partnership(node=fp.view.node(p), when=when) for p in fp.covering.get(self.node.id, [])
        ]

    @strawberry.field(
        description=(
            "Police force areas with people of this LA, and the fraction (0..1) of the LA's "
            "people in each: every one is a statutory partner."
        )
    )
    def police_forces(
        self,
        info: Info,
        as_of: date | None = None,
        sliver_threshold: Annotated[
            float, strawberry.argument(description=SLIVER_HELP)
        ] = DEFAULT_SLIVER,
    ) -> list[PoliceForceShare]:
        return self._shares(info, as_of, indexes.POLICE, PoliceForceShare, sliver_threshold)

    @strawberry.field(
        description=(
            "Health bodies with people of this LA (CCGs before 2022-07-01, ICBs from then), and "
            "the fraction (0..1) of the LA's people in each."
        )
    )
    def health_bodies(
        self,
        info: Info,
        as_of: date | None = None,
        sliver_threshold: Annotated[
            float, strawberry.argument(description=SLIVER_HELP)
        ] = DEFAULT_SLIVER,
    ) -> list[HealthBodyShare]:
        return self._shares(info, as_of, indexes.HEALTH, HealthBodyShare, sliver_threshold)

    def _shares(
        self, info: Info, as_of: date | None, family: str, cls: type[ShareT], sliver: float
    ) -> list[ShareT]:
        check_sliver(sliver)
        when = self.alive(info, as_of)
        fp = info.context.footprints(when)
        whole, parts = indexes.la_shares(fp, self.node.id, family)
        of = f"people of {self.node.name}"
        return [from_pop(cls, fp.ref(b), p, whole, when, sliver, of) for b, p in parts]

    @strawberry.field(description="People living in the LA on the date (from the lookups).")
    def population(self, info: Info, as_of: date | None = None) -> int:
        return self._population(info, as_of).people

    @strawberry.field(description="Children in the LA, in the age band `childrenAges`.")
    def children(self, info: Info, as_of: date | None = None) -> int | None:
        return self._population(info, as_of).children

    @strawberry.field(
        description="The age band of `children` on the date: 0-17 to March 2024, then 0-15."
    )
    def children_ages(self, info: Info, as_of: date | None = None) -> str | None:
        return population_base(info.context.footprints(self.on(info, as_of))).children_ages

    @strawberry.field(
        description="What `population` and `children` rest on: the estimates and lookup vintage."
    )
    def population_base(self, info: Info, as_of: date | None = None) -> str:
        return population_base(info.context.footprints(self.on(info, as_of))).describe()

    def _population(self, info: Info, as_of: date | None) -> Pop:
        return info.context.footprints(self.alive(info, as_of)).la_population(self.node.id)

    @strawberry.field(description="The districts of a county (empty for a unitary authority).")
    def districts(self, info: Info, as_of: date | None = None) -> list[District]:
        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = sorted(view.sources(self.node.id, Relation.WITHIN_COUNTY))
        return [District(node=view.node(d), when=when) for d in ids]

    @strawberry.field
    def region(
        self, info: Info, as_of: date | None = None
    ) -> Annotated[Region, strawberry.lazy("api.types.region")] | None:
        from api.types.region import region_of

        return region_of(info, self.node.id, self.on(info, as_of))

    @strawberry.field(description="Community safety partnerships of the LA's districts.")
    def community_safety_partnerships(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[CommunitySafetyPartnership, strawberry.lazy("api.types.community_safety")]]:
        from api.types.community_safety import CommunitySafetyPartnership

        when = self.on(info, as_of)
        fp = info.context.footprints(when)
        ids = sorted(
            {
                c
                for d in fp.districts.get(self.node.id, [])
                for c in fp.view.targets(d, Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP)
            }
        )
        return [CommunitySafetyPartnership(node=fp.view.node(c), when=when) for c in ids]

    @strawberry.field(
        description="Safeguarding adults boards, health and wellbeing boards, CDOPs with this LA."
    )
    def boards(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[Board, strawberry.lazy("api.types.boards")]]:
        from api.types.boards import board

        when = self.on(info, as_of)
        view = info.context.view(when)
        kinds = {k.value for k in BOARDS}
        ids = sorted(
            b for b in view.sources(self.node.id, Relation.HAS_MEMBER) if view.node(b).kind in kinds
        )
        return [board(view.node(b), when) for b in ids]

    @strawberry.field(description="Posts in this authority, e.g. its lead safeguarding partner.")
    def posts(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[Post, strawberry.lazy("api.types.post")]]:
        from api.types.post import posts_in

        return posts_in(info, self.node.id, self.on(info, as_of))

    @strawberry.field(description="Every review recorded as concerning this LA's area.")
    def reviews(self, info: Info) -> list[Annotated[Review, strawberry.lazy("api.types.review")]]:
        from api.types.review import recorded

        return recorded(info, self.node.id, Relation.CONCERNS_AREA, self.when)

    @strawberry.field(description="Reviews of its area certainly open on the date.")
    def open_reviews(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[Review, strawberry.lazy("api.types.review")]]:
        from api.types.review import open_on

        return open_on(info, self.node.id, Relation.CONCERNS_AREA, self.on(info, as_of))

    @strawberry.field(
        description="LAs this one delegates its partner duties to (organisation-level)."
    )
    def delegates_to(self, info: Info, as_of: date | None = None) -> list[LocalAuthority]:
        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = sorted(set(view.targets(self.node.id, Relation.DELEGATES_TO)))
        return [LocalAuthority(node=view.node(i), when=when) for i in ids]


@strawberry.type(description="A non-metropolitan district: part of a county, in one police force.")
class District(Entity):
    @strawberry.field(description="The county (upper tier) the district is in.")
    def county(self, info: Info, as_of: date | None = None) -> LocalAuthority | None:
        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = view.targets(self.node.id, Relation.WITHIN_COUNTY)
        return LocalAuthority(node=view.node(ids[0]), when=when) if ids else None

    @strawberry.field
    def police_force(
        self, info: Info, as_of: date | None = None
    ) -> Annotated[PoliceForce, strawberry.lazy("api.types.police_force")] | None:
        from api.types.police_force import PoliceForce

        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = view.targets(self.node.id, Relation.IN_POLICE_FORCE_AREA)
        return PoliceForce(node=view.node(ids[0]), when=when) if ids else None

    @strawberry.field
    def community_safety_partnership(
        self, info: Info, as_of: date | None = None
    ) -> (
        Annotated[CommunitySafetyPartnership, strawberry.lazy("api.types.community_safety")] | None
    ):
        from api.types.community_safety import CommunitySafetyPartnership

        when = self.on(info, as_of)
        view = info.context.view(when)
        ids = view.targets(self.node.id, Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP)
        return CommunitySafetyPartnership(node=view.node(ids[0]), when=when) if ids else None

    @strawberry.field
    def region(
        self, info: Info, as_of: date | None = None
    ) -> Annotated[Region, strawberry.lazy("api.types.region")] | None:
        from api.types.region import region_of

        return region_of(info, self.node.id, self.on(info, as_of))

    @strawberry.field(description="People living in the district on the date.")
    def population(self, info: Info, as_of: date | None = None) -> int:
        fp = info.context.footprints(self.alive(info, as_of))
        return sum(people for people, _, _ in fp.blocks.get(self.node.id, []))
