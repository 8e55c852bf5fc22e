# mypy: allow-untyped-decorators
"""The coverage report: is every local authority area covered by exactly one partnership?"""

from __future__ import annotations

from datetime import date, timedelta

import strawberry

from api.context import Info
from api.types.basis import Basis
from api.types.common import Entity
from api.types.health import HealthBody, health_body
from api.types.local_authority import LocalAuthority
from api.types.partnership import Partnership
from api.types.police_force import PoliceForce
from queries.awaiting import Awaiting, PartnerArea
from queries.basis import basis
from queries.coverage import Coverage as CoverageReport
from queries.coverage import CoverIssue, TimelineEntry
from queries.footprint import Ref


@strawberry.type(
    description=(
        "An LA covered by no partnership, or by more than one, over a run of days [since, until)."
    )
)
class CoverageIssue:
    issue: strawberry.Private[CoverIssue]
    when: strawberry.Private[date]

    @strawberry.field(description="The LA's GSS code on the date.")
    def code(self) -> str:
        return self.issue.code

    @strawberry.field
    def name(self) -> str:
        return self.issue.name

    @strawberry.field(description="First day of the run of days with this problem.")
    def since(self) -> date:
        return self.issue.since

    @strawberry.field(description="First day without it; null: to the end of the data.")
    def until(self) -> date | None:
        return self.issue.until

    @strawberry.field
    def local_authority(self, info: Info) -> LocalAuthority:
        return LocalAuthority(node=info.context.node(self.issue.la.id), when=self.when)

    @strawberry.field(description="The partnerships covering it (none, or more than one).")
    def partnerships(self, info: Info) -> list[Partnership]:
        return [
            Partnership(node=info.context.node(p.id), when=self.when)
            for p in self.issue.partnerships
        ]


def _las(info: Info, refs: tuple[Ref, ...], when: date) -> list[LocalAuthority]:
    return [LocalAuthority(node=info.context.node(r.id), when=when) for r in refs]


@strawberry.type(
    description=(
        "A police force or ICB with part of a new LA's area: a statutory partner of the "
        "arrangement it must make, with the share of the LA's people."
    )
)
class StatutoryPartnerArea:
    area: strawberry.Private[PartnerArea]
    when: strawberry.Private[date]

    @strawberry.field
    def code(self) -> str:
        return self.area.body.code

    @strawberry.field
    def name(self) -> str:
        return self.area.body.name

    @strawberry.field
    def population(self) -> int:
        return self.area.population

    @strawberry.field(description="Fraction 0..1 of the LA's people.")
    def population_share(self) -> float:
        return self.area.share

    @strawberry.field
    def children(self) -> int | None:
        return self.area.children

    @strawberry.field
    def children_share(self) -> float | None:
        return self.area.children_share

    @strawberry.field(description="The police force area or health body itself.")
    def entity(self, info: Info) -> Entity:
        from api.types.entities import entity

        return entity(info.context.node(self.area.body.id), self.when)


@strawberry.type(
    description=(
        "A new LA with no recorded children's safeguarding arrangement (not one that lost its "
        "arrangement): what must be arranged, by when, and with which statutory partners."
    )
)
class AwaitingArrangement:
    item: strawberry.Private[Awaiting]
    when: strawberry.Private[date]

    @strawberry.field(
        description="The LA's code on the date (a provisional one until ONS gives one)."
    )
    def code(self) -> str:
        return self.item.code

    @strawberry.field
    def name(self) -> str:
        return self.item.name

    @strawberry.field
    def local_authority(self, info: Info) -> LocalAuthority:
        return LocalAuthority(node=info.context.node(self.item.la.id), when=self.when)

    @strawberry.field(description="First day of the run of days without an arrangement.")
    def since(self) -> date:
        return self.item.since

    @strawberry.field(description="First day with one; null: none recorded to the end of the data.")
    def until(self) -> date | None:
        return self.item.until

    @strawberry.field(description="The day the arrangement must be in force: the LA's first day.")
    def arrange_by(self) -> date:
        return self.item.arrange_by

    @strawberry.field(description="decided (the LA exists by a decided change) or observed.")
    def status(self) -> str:
        return self.item.status

    @strawberry.field(description="The id of the decided change that makes the LA, if any.")
    def decided_by(self) -> str | None:
        return self.item.decided_by

    @strawberry.field
    def reason(self) -> str:
        return self.item.reason

    @strawberry.field(description="What must be arranged, and by whom.")
    def must_arrange(self) -> str:
        return self.item.must_arrange

    @strawberry.field
    def population(self) -> int:
        return self.item.population

    @strawberry.field
    def children(self) -> int | None:
        return self.item.children

    @strawberry.field(description="Police forces with part of its area (shares of its people).")
    def police_forces(self) -> list[StatutoryPartnerArea]:
        return [StatutoryPartnerArea(area=a, when=self.when) for a in self.item.police_forces]

    @strawberry.field(description="Health bodies with part of its area (shares of its people).")
    def health_bodies(self) -> list[StatutoryPartnerArea]:
        return [StatutoryPartnerArea(area=a, when=self.when) for a in self.item.health_bodies]

    @strawberry.field(description="The LAs whose area it takes, seen the day before it began.")
    def from_local_authorities(self, info: Info) -> list[LocalAuthority]:
        day = self.item.arrange_by - timedelta(days=1)
        return _las(info, self.item.from_local_authorities, day)

    @strawberry.field(description="Their partnerships, seen the day before it began.")
    def from_partnerships(self, info: Info) -> list[Partnership]:
        day = self.item.arrange_by - timedelta(days=1)
        return [
            Partnership(node=info.context.node(p.id), when=day) for p in self.item.from_partnerships
        ]


@strawberry.type(
    description="Coverage of England by children's safeguarding partnerships on a date."
)
class Coverage:
    report: strawberry.Private[CoverageReport]

    @strawberry.field
    def as_of(self) -> date:
        return self.report.as_of

    @strawberry.field(
        description=(
            "Every LA covered exactly once, and every police force and health body in at least "
            "one arrangement."
        )
    )
    def compliant(self) -> bool:
        return self.report.compliant

    @strawberry.field(description="Why it is not compliant (empty when it is).")
    def reasons(self) -> list[str]:
        return list(self.report.reasons)

    @strawberry.field(description="Upper-tier LAs on the date.")
    def local_authority_count(self) -> int:
        return self.report.local_authority_count

    @strawberry.field(description="Partnerships in force on the date.")
    def partnership_count(self) -> int:
        return self.report.partnership_count

    @strawberry.field(description="LAs that had an arrangement and have none on the date.")
    def uncovered(self) -> list[CoverageIssue]:
        return [CoverageIssue(issue=i, when=self.report.as_of) for i in self.report.uncovered]

    @strawberry.field(description="New LAs with no recorded arrangement yet (not uncovered).")
    def awaiting_arrangement(self) -> list[AwaitingArrangement]:
        when = self.report.as_of
        return [AwaitingArrangement(item=w, when=when) for w in self.report.awaiting_arrangement]

    @strawberry.field(description="What the answer rests on (vintages, changes, projection).")
    def basis(self, info: Info) -> Basis:
        return Basis(b=basis(info.context.graph, self.report.as_of))

    @strawberry.field
    def multiply_covered(self) -> list[CoverageIssue]:
        return [
            CoverageIssue(issue=i, when=self.report.as_of) for i in self.report.multiply_covered
        ]

    @strawberry.field
    def police_forces_without_arrangement(self, info: Info) -> list[PoliceForce]:
        when = self.report.as_of
        return [
            PoliceForce(node=info.context.node(r.id), when=when)
            for r in self.report.police_forces_without_arrangement
        ]

    @strawberry.field
    def health_bodies_without_arrangement(self, info: Info) -> list[HealthBody]:
        when = self.report.as_of
        return [
            health_body(info.context.node(r.id), when)
            for r in self.report.health_bodies_without_arrangement
        ]

    @strawberry.field(description="LAs with no safeguarding adults board recorded.")
    def without_safeguarding_adults_board(self, info: Info) -> list[LocalAuthority]:
        return _las(info, self.report.without_sab, self.report.as_of)

    @strawberry.field(description="LAs with no health and wellbeing board recorded.")
    def without_health_and_wellbeing_board(self, info: Info) -> list[LocalAuthority]:
        return _las(info, self.report.without_hwb, self.report.as_of)

    @strawberry.field(description="LAs in no recorded CDOP (the CDOP list is partial: unknown).")
    def child_death_overview_panel_unknown(self, info: Info) -> list[LocalAuthority]:
        return _las(info, self.report.cdop_unknown, self.report.as_of)

    @strawberry.field(description="District-level authorities in no community safety partnership.")
    def districts_without_community_safety_partnership(self, info: Info) -> list[Entity]:
        from api.types.entities import entity

        when = self.report.as_of
        return [entity(info.context.node(r.id), when) for r in self.report.districts_without_csp]


@strawberry.type(
    description="A day on which the coverage answer changes, and the answer from then."
)
class CoverageChange:
    entry: strawberry.Private[TimelineEntry]

    @strawberry.field(name="date")
    def day(self) -> date:
        return self.entry.date

    @strawberry.field
    def compliant(self) -> bool:
        return self.entry.compliant

    @strawberry.field
    def uncovered(self, info: Info) -> list[LocalAuthority]:
        return _las(info, self.entry.uncovered, self.entry.date)

    @strawberry.field
    def multiply_covered(self, info: Info) -> list[LocalAuthority]:
        return _las(info, self.entry.multiply_covered, self.entry.date)

    @strawberry.field(description="New LAs with no recorded arrangement yet.")
    def awaiting_arrangement(self, info: Info) -> list[LocalAuthority]:
        return _las(info, self.entry.awaiting_arrangement, self.entry.date)
