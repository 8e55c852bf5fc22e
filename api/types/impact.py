# mypy: allow-untyped-decorators
"""Impact reports of boundary-change proposals; an invalid proposal is a typed result.

The report mirrors ``queries.impact.ImpactReport``; entities it names may exist only in the
what-if, so they are :class:`EntityRef` rows rather than navigable entities.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

import api.types.review  # noqa: F401  (registers the GraphQL enum of Openness)
from api.types.basis import Basis
from api.types.derived_partners import DerivedPartners
from api.types.entity_ref import EntityRef
from api.types.entity_ref import entity_ref as _ref
from api.types.entity_ref import entity_refs as _refs
from queries import impact
from queries.reviews import Openness
from queries.whatif import Compliance


def plain(value: Any, depth: int = 0) -> Any:
    """``value`` as JSON-ready data: dataclasses and named tuples as objects, dates as text.

    >>> plain({"when": date(2027, 4, 1), "ids": frozenset({"b", "a"})})
    {'when': '2027-04-01', 'ids': ['a', 'b']}
    """
    if depth > 12:
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return plain(value.value, depth + 1)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: plain(getattr(value, f.name), depth + 1)
            for f in dataclasses.fields(value)
            if not f.name.startswith("_")
        }
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return plain(value._asdict(), depth + 1)
    if isinstance(value, Mapping):
        return {str(k): plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return [plain(v, depth + 1) for v in sorted(value, key=str)]
    if isinstance(value, list | tuple):
        return [plain(v, depth + 1) for v in value]
    return str(value)


@strawberry.type(description="The coverage rules checked on one landscape, real or what-if.")
class ComplianceSummary:
    c: strawberry.Private[Compliance]

    @strawberry.field
    def as_of(self) -> date:
        return self.c.as_of

    @strawberry.field
    def compliant(self) -> bool:
        return self.c.compliant

    @strawberry.field
    def reasons(self) -> list[str]:
        return list(self.c.reasons)

    @strawberry.field
    def local_authority_count(self) -> int:
        return self.c.local_authority_count

    @strawberry.field
    def partnership_count(self) -> int:
        return self.c.partnership_count

    @strawberry.field
    def uncovered(self) -> list[EntityRef]:
        return _refs(self.c.uncovered)

    @strawberry.field
    def multiply_covered(self) -> list[EntityRef]:
        return _refs(self.c.multiply_covered)

    @strawberry.field
    def police_forces_without_arrangement(self) -> list[EntityRef]:
        return _refs(self.c.police_forces_without_arrangement)

    @strawberry.field
    def health_bodies_without_arrangement(self) -> list[EntityRef]:
        return _refs(self.c.health_bodies_without_arrangement)

    @strawberry.field(description="New LAs with no arrangement yet (not counted as uncovered).")
    def awaiting_arrangement(self) -> list[EntityRef]:
        return _refs(self.c.awaiting_arrangement)


@strawberry.type(description="An LA that would need a new arrangement, and where it comes from.")
class NeedsArrangement:
    n: strawberry.Private[impact.NeedsArrangement]

    @strawberry.field
    def local_authority(self) -> EntityRef:
        return _ref(self.n.la)

    @strawberry.field(description="Whether the LA is one the proposal creates.")
    def new(self) -> bool:
        return self.n.new

    @strawberry.field
    def reason(self) -> str:
        return self.n.reason

    @strawberry.field
    def population(self) -> int:
        return self.n.population

    @strawberry.field
    def children(self) -> int | None:
        return self.n.children

    @strawberry.field
    def from_local_authorities(self) -> list[EntityRef]:
        return _refs(self.n.from_local_authorities)

    @strawberry.field
    def from_partnerships(self) -> list[EntityRef]:
        return _refs(self.n.from_partnerships)

    @strawberry.field
    def from_boards(self) -> list[EntityRef]:
        return _refs(self.n.from_boards)

    @strawberry.field(description="The partnership the proposal puts it in, if any.")
    def placed_in(self) -> EntityRef | None:
        return _ref(self.n.placed_in) if self.n.placed_in else None

    @strawberry.field(
        description=(
            "The partners its geography gives it after the change (police forces, health bodies "
            "with shares, CSPs, boards), whether or not the proposal places it in a partnership."
        )
    )
    def partners(self) -> DerivedPartners | None:
        return DerivedPartners(p=self.n.partners) if self.n.partners else None

    @strawberry.field(description="What the operation that made it rests on.")
    def sources(self) -> list[str]:
        return list(self.n.sources)


@strawberry.type(description="A partner's share of a partnership's people.")
class PartnerShare:
    partner: EntityRef
    family: str = strawberry.field(description="local_authority, police or health.")
    population: int
    share: float


def _partner_shares(items: Iterable[impact.PartnerShare]) -> list[PartnerShare]:
    return [
        PartnerShare(
            partner=_ref(s.partner), family=s.family, population=s.population, share=s.share
        )
        for s in items
    ]


@strawberry.type(description="A partnership that is new, ceases, or gains or loses partners.")
class PartnershipChange:
    c: strawberry.Private[impact.PartnershipChange]

    @strawberry.field
    def partnership(self) -> EntityRef:
        return _ref(self.c.partnership)

    @strawberry.field(description="What happens to it, e.g. new, ends, emptied, changed.")
    def status(self) -> str:
        return self.c.status

    @strawberry.field
    def population_before(self) -> int:
        return self.c.population_before

    @strawberry.field
    def population_after(self) -> int:
        return self.c.population_after

    @strawberry.field(description="Partners gained (shares of the partnership after).")
    def gained(self) -> list[PartnerShare]:
        return _partner_shares(self.c.gained)

    @strawberry.field(description="Partners lost (shares of the partnership before).")
    def lost(self) -> list[PartnerShare]:
        return _partner_shares(self.c.lost)


@strawberry.type(description="How many partnerships a police force or health body works with.")
class BodyLoad:
    b: strawberry.Private[impact.BodyLoad]

    @strawberry.field
    def body(self) -> EntityRef:
        return _ref(self.b.body)

    @strawberry.field
    def family(self) -> str:
        return self.b.family

    @strawberry.field
    def partnerships_before(self) -> int:
        return self.b.partnerships_before

    @strawberry.field
    def partnerships_after(self) -> int:
        return self.b.partnerships_after

    @strawberry.field(description="LAs in its area that no partnership covers after.")
    def uncovered_local_authorities_after(self) -> int:
        return self.b.uncovered_las_after


@strawberry.type(description="A board the change touches, and what happens to it.")
class BoardChange:
    board: EntityRef
    reason: str
    members: list[EntityRef]
    status: str = strawberry.field(
        description="must re-form, or what the proposal does: merged, split, ends, re-formed, new."
    )
    into: list[EntityRef] = strawberry.field(
        description="What it becomes (merged, split) or is made from (new)."
    )


@strawberry.type(
    description=(
        "A review in progress on the day before, whose commissioning body re-forms or whose area "
        "changes: its learning must carry over."
    )
)
class OpenReview:
    review: EntityRef
    status: str
    commissioned_by: list[EntityRef]
    openness: Openness = strawberry.field(
        description="OPEN, or UNKNOWN: in progress at the last evidence, dates not recorded."
    )

    @classmethod
    def of(cls, o: impact.OpenReview) -> OpenReview:
        return cls(
            review=_ref(o.review),
            status=o.status,
            commissioned_by=_refs(o.commissioned_by),
            openness=o.openness,
        )


@strawberry.type(description="How many people, children and organisations the change touches.")
class Affected:
    people: int
    children: int | None
    local_government: int
    health: int
    police: int
    partnership: int

    @classmethod
    def of(cls, a: impact.Affected) -> Affected:
        return cls(**{f.name: getattr(a, f.name) for f in dataclasses.fields(a)})


@strawberry.type(description="A share under the sliver threshold that the change creates.")
class Sliver:
    area: EntityRef
    body: EntityRef
    population: int
    share: float


@strawberry.type(description="An entity whose code the change replaces.")
class Recoded:
    entity: EntityRef
    old_code: str
    new_code: str


@strawberry.type(description="One dated step of a proposal in steps.")
class StepResult:
    effective: date
    name: str
    after: ComplianceSummary
    new_entities: list[EntityRef]


@strawberry.type(description="What a proposal would change, and whether the result complies.")
class ImpactReport:
    r: strawberry.Private[impact.ImpactReport]

    @strawberry.field(description="The proposal's name.")
    def proposal(self) -> str:
        return self.r.proposal

    @strawberry.field(description="Where the proposal came from (a file name, or <graphql>).")
    def source(self) -> str:
        return self.r.source

    @strawberry.field
    def hypothetical(self) -> bool:
        return self.r.hypothetical

    @strawberry.field(
        description="observed (a replay of a change), decided, or proposed (not a decision)."
    )
    def status(self) -> str:
        return self.r.status

    @strawberry.field(description="Who proposes it (a council, a department), if recorded.")
    def proposer(self) -> str:
        return self.r.proposer

    @strawberry.field(description="The area it is an option for.")
    def area(self) -> str:
        return self.r.area

    @strawberry.field(description="Where the proposal stands, in a sentence.")
    def standing(self) -> str:
        return self.r.standing

    @strawberry.field(description="What the proposal rests on.")
    def sources(self) -> list[str]:
        return list(self.r.sources)

    @strawberry.field(description="A proposal in dated steps: each step and compliance after it.")
    def steps(self) -> list[StepResult]:
        return [
            StepResult(
                effective=x.effective,
                name=x.name,
                after=ComplianceSummary(c=x.after),
                new_entities=_refs(x.new_entities),
            )
            for x in self.r.steps
        ]

    @strawberry.field
    def effective(self) -> date:
        return self.r.effective

    @strawberry.field(
        description=(
            "The day whose landscape (as decided, with the proposals it comes after) the "
            "proposal changes: the day before its effective date, or the day of a change it "
            "comes after that takes effect on that date."
        )
    )
    def before_date(self) -> date:
        return self.r.before_date

    @strawberry.field(description="The proposals applied first (their result is `before`).")
    def stacked_on(self) -> list[str]:
        return list(self.r.stacked_on)

    @strawberry.field(description="The changes of the landscape the proposal comes after, by id.")
    def comes_after(self) -> list[str]:
        return list(self.r.comes_after)

    @strawberry.field(description="What the landscape of the day before rests on.")
    def basis(self) -> Basis | None:
        return Basis(b=self.r.basis) if self.r.basis else None

    @strawberry.field
    def sliver_threshold(self) -> float:
        return self.r.sliver_threshold

    @strawberry.field
    def children_ages(self) -> str | None:
        return self.r.children_ages

    @strawberry.field(description="Compliance of the real landscape on the day before.")
    def before(self) -> ComplianceSummary:
        return ComplianceSummary(c=self.r.before)

    @strawberry.field(description="Compliance of the what-if landscape on the effective date.")
    def after(self) -> ComplianceSummary:
        return ComplianceSummary(c=self.r.after)

    @strawberry.field
    def new_entities(self) -> list[EntityRef]:
        return _refs(self.r.new_entities)

    @strawberry.field
    def ceased(self) -> list[EntityRef]:
        return _refs(self.r.ceased)

    @strawberry.field
    def recoded(self) -> list[Recoded]:
        return [
            Recoded(entity=_ref(x.entity), old_code=x.old_code, new_code=x.new_code)
            for x in self.r.recoded
        ]

    @strawberry.field(description="LAs needing a new arrangement.")
    def needing_arrangement(self) -> list[NeedsArrangement]:
        return [NeedsArrangement(n=n) for n in self.r.needing_arrangement]

    @strawberry.field(description="Partnerships that are new, cease, or gain or lose partners.")
    def partnerships(self) -> list[PartnershipChange]:
        return [PartnershipChange(c=c) for c in self.r.partnerships]

    @strawberry.field(
        description="Police forces and health bodies whose number of partnerships changes."
    )
    def bodies(self) -> list[BodyLoad]:
        return [BodyLoad(b=b) for b in self.r.bodies]

    @strawberry.field
    def boards_to_reform(self) -> list[BoardChange]:
        return [
            BoardChange(
                board=_ref(b.board),
                reason=b.reason,
                members=_refs(b.members),
                status=b.status,
                into=_refs(b.into),
            )
            for b in self.r.boards_to_reform
        ]

    @strawberry.field
    def open_reviews(self) -> list[OpenReview]:
        return [OpenReview.of(o) for o in self.r.open_reviews]

    @strawberry.field
    def affected(self) -> Affected:
        return Affected.of(self.r.affected)

    @strawberry.field
    def new_slivers(self) -> list[Sliver]:
        return [
            Sliver(area=_ref(s.area), body=_ref(s.body), population=s.population, share=s.share)
            for s in self.r.new_slivers
        ]

    @strawberry.field(description="The whole report as JSON, fields named as in queries.impact.")
    def details(self) -> JSON:
        return JSON(plain(self.r))


@strawberry.type(
    description="Why a proposal was refused: the operation and field, and what is wrong."
)
class ProposalProblem:
    operation: str = strawberry.field(description="e.g. '#2 split_la', or 'proposal' for the top.")
    field: str
    message: str


ImpactResult = Annotated[ImpactReport | ProposalProblem, strawberry.union("ImpactResult")]
