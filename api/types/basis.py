# mypy: allow-untyped-decorators
"""What a dated answer rests on (``queries.basis``): the vintage of each layer, the changes
applied after the official vintages, and whether the date is past the evidence (a projection)."""

from __future__ import annotations

from datetime import date

import strawberry

from queries import basis as B


@strawberry.type(description="The vintage one layer of the landscape rests on for the date.")
class LayerBasis:
    b: strawberry.Private[B.LayerBasis]

    @strawberry.field(description="local_government, police, health or population.")
    def layer(self) -> str:
        return self.b.layer

    @strawberry.field(description="The file (or change table) of the last observed vintage.")
    def source(self) -> str:
        return self.b.source

    @strawberry.field(description="The first day that vintage describes.")
    def since(self) -> date:
        return self.b.since

    @strawberry.field(description="quoted, inferred or derived.")
    def confidence(self) -> str:
        return self.b.confidence

    @strawberry.field(description="observed, or decided where a decided change applies on top.")
    def status(self) -> str:
        return self.b.status

    @strawberry.field(description="The official file a re-keyed vintage re-keys, if any.")
    def re_keys(self) -> str | None:
        return self.b.re_keys

    @strawberry.field(description="Decided changes applied on top of the vintage.")
    def decided_changes(self) -> list[str]:
        return list(self.b.decided_changes)

    @strawberry.field(description="Whether the date is after this layer's last vintage and change.")
    def carried_forward(self) -> bool:
        return self.b.carried_forward


@strawberry.type(
    description="A change after the official vintages: observed (it has happened) or decided."
)
class ChangeApplied:
    c: strawberry.Private[B.ChangeApplied]

    @strawberry.field(description="Its id, e.g. surrey-2027; a proposal may come after it.")
    def id(self) -> str:
        return self.c.id

    @strawberry.field
    def title(self) -> str:
        return self.c.title

    @strawberry.field(description="e.g. the SI number.")
    def reference(self) -> str:
        return self.c.reference

    @strawberry.field
    def url(self) -> str:
        return self.c.url

    @strawberry.field(description="The day it takes effect.")
    def effective(self) -> date:
        return self.c.effective

    @strawberry.field(description="observed or decided.")
    def status(self) -> str:
        return self.c.status

    @strawberry.field(description="The change table it is read from.")
    def source(self) -> str:
        return self.c.source

    @strawberry.field(description="The layers it changes.")
    def layers(self) -> list[str]:
        return list(self.c.layers)


@strawberry.type(
    description=(
        "What an answer about a date rests on: per layer the vintage used, the changes applied "
        "up to the date, and whether the date is past the evidence."
    )
)
class Basis:
    b: strawberry.Private[B.Basis]

    @strawberry.field
    def as_of(self) -> date:
        return self.b.as_of

    @strawberry.field(description="observed, decided (a decided change applies) or projection.")
    def status(self) -> str:
        return self.b.status

    @strawberry.field(
        description="True when no vintage or decided change describes the date: a projection."
    )
    def past_evidence(self) -> bool:
        return self.b.past_evidence

    @strawberry.field(description="The last day any vintage or decided change describes.")
    def evidence_until(self) -> date | None:
        return self.b.evidence_until

    @strawberry.field(description="The basis in one sentence.")
    def note(self) -> str:
        return self.b.note

    @strawberry.field
    def layers(self) -> list[LayerBasis]:
        return [LayerBasis(b=x) for x in self.b.layers]

    @strawberry.field(description="Changes after the official vintages in force by the date.")
    def changes(self) -> list[ChangeApplied]:
        return [ChangeApplied(c=c) for c in self.b.changes]

    @strawberry.field(description="Changes recorded for later dates.")
    def pending(self) -> list[ChangeApplied]:
        return [ChangeApplied(c=c) for c in self.b.pending]


def basis_of(b: B.Basis) -> Basis:
    return Basis(b=b)
