# mypy: allow-untyped-decorators
"""What every entity type shares: identity, validity, identifiers in every scheme, provenance.

Each GraphQL entity type wraps one graph :class:`~graph.model.Node` seen on one date (its
``asOf``); relation fields take an optional ``asOf`` of their own, defaulting to the parent's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

from api.context import Info
from api.types.basis import Basis
from graph.codes import Scheme
from graph.model import Confidence, Node, Period, Provenance, Status
from graph.personal import public
from ontology.vocabulary import Kind, Relation
from queries.basis import basis
from queries.footprint import ref
from queries.lifespan import cessation, not_in_force
from queries.population_base import population_base

if TYPE_CHECKING:
    from api.types.cessation import Cessation
    from api.types.change_event import ChangeEvent

SLIVER_HELP = "Shares under this fraction are flagged as slivers (they still count)."

IdentifierScheme = strawberry.enum(
    Scheme, name="IdentifierScheme", description="A scheme of codes: a code means nothing alone."
)
ConfidenceLevel = strawberry.enum(
    Confidence,
    name="Confidence",
    description="How a fact is known: quoted by a source, inferred, or derived from data files.",
)
FactStatus = strawberry.enum(
    Status,
    name="FactStatus",
    description=(
        "Whether a fact has happened: observed (in an official file or source), decided (by an "
        "order or a published decision, not yet in force or in an official file), or proposed."
    ),
)
EntityKind = strawberry.enum(
    Kind, name="EntityKind", description="The ontology class of an entity."
)


@strawberry.type(name="Identifier", description="A code an entity holds in one scheme, and when.")
class IdentifierType:
    scheme: Scheme
    code: str
    valid_from: date | None = strawberry.field(description="First day held; null: unknown start.")
    valid_to: date | None = strawberry.field(
        description="First day no longer held (half-open); null: still held."
    )


@strawberry.type(name="Provenance", description="Where a fact comes from.")
class ProvenanceType:
    source: str = strawberry.field(description="A file name or a public address.")
    locator: str = strawberry.field(description="Where in the source: a line, a column, a note.")
    confidence: Confidence
    status: Status = strawberry.field(description="observed, decided or proposed.")


def provenance_rows(records: Iterable[Provenance]) -> list[ProvenanceType]:
    """API rows for provenance records."""
    return [
        ProvenanceType(source=p.source, locator=p.locator, confidence=p.confidence, status=p.status)
        for p in records
    ]


def last_day(period: Period) -> date | None:
    """The last day of a half-open period (None when open-ended)."""
    return period.end - timedelta(days=1) if period.end else None


@strawberry.interface(
    description=(
        "Anything in the landscape, seen as of one date (asOf). Validity is half-open: "
        "validFrom is the first day, validTo the first day after."
    )
)
class Entity:
    node: strawberry.Private[Node]
    when: strawberry.Private[date]

    def on(self, info: Info, as_of: date | None) -> date:
        """The date a relation field looks at: its own ``asOf``, else the parent's (checked)."""
        if as_of is None:
            return self.when
        info.context.view(as_of)  # refuse a date the data does not describe
        return as_of

    def alive(self, info: Info, as_of: date | None) -> date:
        """:meth:`on`, for a figure that only an existing entity has (its population, its
        partnership): outside the entity's life, a NotInForce error saying when it ended and
        what replaced it, instead of a zero or a null that reads like an answer."""
        when = self.on(info, as_of)
        if not self.node.period.contains(when):
            raise not_in_force(info.context.graph, self.node, when)
        return when

    @strawberry.field(description="Stable internal id, e.g. la:ESS, pfa:E23000001, icb:QH8.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.node.id)

    @strawberry.field
    def kind(self) -> Kind:
        return Kind(self.node.kind)

    @strawberry.field
    def name(self) -> str:
        return self.node.name_on(self.when)

    @strawberry.field(
        description="The code on asOf: GSS where it has one, else ODS, registry, mySociety."
    )
    def code(self, info: Info) -> str:
        return ref(info.context.graph.at(self.when), self.node.id).code

    @strawberry.field(description="The date this entity is seen at.")
    def as_of(self) -> date:
        return self.when

    @strawberry.field(description="Whether the entity exists on asOf.")
    def valid(self) -> bool:
        return self.node.period.contains(self.when)

    @strawberry.field(
        description=(
            "Set when the entity no longer exists on asOf: when it ended and what replaced it. "
            "Its figures (population, partnership) are then refused with the same explanation."
        )
    )
    def ceased(
        self, info: Info
    ) -> Annotated[Cessation, strawberry.lazy("api.types.cessation")] | None:
        from api.types.cessation import Cessation

        end = self.node.period.end
        report = cessation(info.context.graph, self.node.id)
        if end is None or self.when < end or report is None:
            return None
        return Cessation(report=report)

    @strawberry.field
    def valid_from(self) -> date | None:
        return self.node.period.start

    @strawberry.field
    def valid_to(self) -> date | None:
        return self.node.period.end

    @strawberry.field(description="Every code held, in every scheme, with its validity.")
    def identifiers(
        self,
        scheme: Scheme | None = None,
        current: Annotated[
            bool, strawberry.argument(description="Only the codes held on asOf.")
        ] = False,
    ) -> list[IdentifierType]:
        return [
            IdentifierType(
                scheme=a.identifier.scheme,
                code=a.identifier.code,
                valid_from=a.period.start,
                valid_to=a.period.end,
            )
            for a in self.node.identifiers
            if (scheme is None or a.identifier.scheme is scheme)
            and (not current or a.period.contains(self.when))
        ]

    @strawberry.field
    def provenance(self) -> list[ProvenanceType]:
        return provenance_rows(self.node.provenance)

    @strawberry.field(
        description=(
            "What the answer on asOf rests on: the vintage of each layer, the changes applied, "
            "and whether asOf is past the evidence (a projection)."
        )
    )
    def basis(self, info: Info) -> Basis:
        return Basis(b=basis(info.context.graph, self.when))

    @strawberry.field(
        description="Other recorded attributes, as they are stored (never a person's name)."
    )
    def attributes(self) -> JSON:
        return JSON(public(self.node.attrs))

    @strawberry.field(description="Reorganisations that ended or created this entity.")
    def change_events(
        self, info: Info
    ) -> list[Annotated[ChangeEvent, strawberry.lazy("api.types.change_event")]]:
        from api.types.change_event import ChangeEvent

        g = info.context.graph
        ids = {
            e.source
            for e in g.in_edges(self.node.id)
            if e.relation in (Relation.ORIGINAL_ORGANIZATION, Relation.RESULTING_ORGANIZATION)
        }
        events = sorted((g.node(i) for i in ids), key=lambda n: (n.period.start or date.min, n.id))
        return [ChangeEvent(node=n, when=n.period.start or self.when) for n in events]


@strawberry.interface(
    description=(
        "A part of a footprint: the people (and children) of one area in another, and the "
        "fraction (0..1) they make of the whole named by the field."
    )
)
class Share:
    target: strawberry.Private[str]
    when: strawberry.Private[date]
    code: str
    name: str
    population: int
    population_share: float = strawberry.field(description="Fraction 0..1 of the whole.")
    children: int | None = strawberry.field(description="Children in the band the data gives.")
    children_share: float | None
    sliver: bool = strawberry.field(description="Whether the share is under the sliver threshold.")
    share_of: str = strawberry.field(
        default="",
        description="The whole the fractions are of, e.g. 'people of Essex County Council'.",
    )

    @strawberry.field(description="The age band of `children`: 0-17 to March 2024, then 0-15.")
    def children_ages(self, info: Info) -> str | None:
        return population_base(info.context.footprints(self.when)).children_ages

    @strawberry.field(
        description="What the figures rest on: the population estimates and the lookup vintage."
    )
    def population_base(self, info: Info) -> str:
        return population_base(info.context.footprints(self.when)).describe()
