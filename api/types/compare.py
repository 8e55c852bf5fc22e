# mypy: allow-untyped-decorators
"""Options side by side (mirrors ``queries.compare``): each option's measures, and the table."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from api.types.derived_partners import DerivedPartners
from api.types.entity_ref import EntityRef, entity_ref, entity_refs
from api.types.impact import (
    Affected,
    ImpactReport,
    OpenReview,
    PartnershipChange,
    ProposalProblem,
    plain,
)
from queries import compare as C


@strawberry.type(description="A council an option makes or whose area it changes.")
class ComparedCouncil:
    c: strawberry.Private[C.Council]

    @strawberry.field
    def local_authority(self) -> EntityRef:
        return entity_ref(self.c.la)

    @strawberry.field(description="Whether the option makes it (not an LA that continues).")
    def new(self) -> bool:
        return self.c.new

    @strawberry.field
    def population(self) -> int:
        return self.c.population

    @strawberry.field
    def children(self) -> int | None:
        return self.c.children

    @strawberry.field(description="Its partners by geography, placed in a partnership or not.")
    def partners(self) -> DerivedPartners:
        return DerivedPartners(p=self.c.partners)

    @strawberry.field
    def police_slivers(self) -> int:
        return self.c.police_slivers

    @strawberry.field
    def health_slivers(self) -> int:
        return self.c.health_slivers

    @strawberry.field(description="The partnership the option puts it in, if any.")
    def placed_in(self) -> EntityRef | None:
        return entity_ref(self.c.placed_in) if self.c.placed_in else None


@strawberry.type(
    description=(
        "For one kind of board (SAB, HWB, CDOP, CSP): the boards whose footprint the new "
        "councils divide (split, or made joint) and those a new council brings together (merged)."
    )
)
class BoardFootprints:
    kind: str
    split: list[EntityRef]
    merged: list[EntityRef]


@strawberry.type(description="One option's measures.")
class ComparedOption:
    o: strawberry.Private[C.Option]

    @strawberry.field
    def name(self) -> str:
        return self.o.name

    @strawberry.field
    def source(self) -> str:
        return self.o.source

    @strawberry.field(description="observed, decided or proposed.")
    def status(self) -> str:
        return self.o.status

    @strawberry.field
    def proposer(self) -> str:
        return self.o.proposer

    @strawberry.field
    def standing(self) -> str:
        return self.o.standing

    @strawberry.field
    def hypothetical(self) -> bool:
        return self.o.hypothetical

    @strawberry.field
    def effective(self) -> date:
        return self.o.effective

    @strawberry.field(description="The day whose landscape the option changes.")
    def before_date(self) -> date:
        return self.o.before_date

    @strawberry.field(description="Districts whose LA, force, health body or partnership changes.")
    def area(self) -> list[EntityRef]:
        return entity_refs(self.o.area)

    @strawberry.field
    def area_population(self) -> int:
        return self.o.area_population

    @strawberry.field
    def councils(self) -> list[ComparedCouncil]:
        return [ComparedCouncil(c=c) for c in self.o.councils]

    @strawberry.field(description="Every police force the councils must work with.")
    def police_forces(self) -> list[EntityRef]:
        return entity_refs(self.o.police_forces)

    @strawberry.field(description="Every health body the councils must work with.")
    def health_bodies(self) -> list[EntityRef]:
        return entity_refs(self.o.health_bodies)

    @strawberry.field(description="Partnerships that must change.")
    def partnerships(self) -> list[PartnershipChange]:
        return [PartnershipChange(c=p) for p in self.o.partnerships]

    @strawberry.field
    def boards(self) -> list[BoardFootprints]:
        return [
            BoardFootprints(kind=b.kind, split=entity_refs(b.split), merged=entity_refs(b.merged))
            for b in self.o.boards
        ]

    @strawberry.field
    def open_reviews(self) -> list[OpenReview]:
        return [OpenReview.of(x) for x in self.o.open_reviews]

    @strawberry.field
    def affected(self) -> Affected:
        return Affected.of(self.o.affected)

    @strawberry.field
    def compliant_after(self) -> bool:
        return self.o.compliant_after

    @strawberry.field(description="LAs awaiting an arrangement after (in all England).")
    def awaiting_after(self) -> int:
        return self.o.awaiting_after

    @strawberry.field(description="The councils' police coterminosity weighted by their people.")
    def police_coterminosity(self) -> float | None:
        return self.o.police_coterminosity

    @strawberry.field(description="The councils' health coterminosity weighted by their people.")
    def health_coterminosity(self) -> float | None:
        return self.o.health_coterminosity

    @strawberry.field(description="The option's whole impact report.")
    def impact(self) -> ImpactReport:
        return ImpactReport(r=self.o.report)


@strawberry.type(description="One measure of the table, a value per option.")
class ComparisonRow:
    section: str
    measure: str
    values: list[str]


@strawberry.type(description="Options for the same area side by side.")
class Comparison:
    c: strawberry.Private[C.Comparison]

    @strawberry.field
    def options(self) -> list[ComparedOption]:
        return [ComparedOption(o=o) for o in self.c.options]

    @strawberry.field(description="Districts every option changes.")
    def common_districts(self) -> list[EntityRef]:
        return entity_refs(self.c.common)

    @strawberry.field
    def sliver_threshold(self) -> float:
        return self.c.sliver_threshold

    @strawberry.field
    def children_ages(self) -> str | None:
        return self.c.children_ages

    @strawberry.field
    def notes(self) -> list[str]:
        return list(self.c.notes)

    @strawberry.field(description="The table: a measure a row, an option a column.")
    def rows(self) -> list[ComparisonRow]:
        return [
            ComparisonRow(section=r.section, measure=r.measure, values=list(r.values))
            for r in self.c.rows()
        ]

    @strawberry.field(description="The table as CSV (section, measure, then one column an option).")
    def csv(self) -> str:
        return C.to_csv(self.c)

    @strawberry.field(
        description="The rows and options as JSON, fields named as in queries.compare."
    )
    def details(self) -> JSON:
        options = []
        for o in self.c.options:
            data = plain(o)
            data.pop("report", None)
            options.append(data)
        return JSON({"options": options, "rows": [plain(r) for r in self.c.rows()]})


CompareResult = Annotated[Comparison | ProposalProblem, strawberry.union("CompareResult")]
