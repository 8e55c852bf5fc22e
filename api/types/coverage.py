# mypy: allow-untyped-decorators
"""The coverage report: is every local authority area covered by exactly one partnership?"""

from __future__ import annotations

from datetime import date

import strawberry

from api.context import Info
from api.types.common import Entity
from api.types.health import HealthBody, health_body
from api.types.local_authority import LocalAuthority
from api.types.partnership import Partnership
from api.types.police_force import PoliceForce
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

    @strawberry.field
    def uncovered(self) -> list[CoverageIssue]:
        return [CoverageIssue(issue=i, when=self.report.as_of) for i in self.report.uncovered]

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
