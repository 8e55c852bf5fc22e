# mypy: allow-untyped-decorators
"""Reviews: national Panel reviews, local CSPRs, serious case reviews, SARs and DHRs.

Dates are kept as the source gives them (a day, a month or a year). Whether a review was open on a
date (commissioned, not yet published) is ``OPEN``, ``NOT_OPEN`` or ``UNKNOWN`` where its dates do
not settle it; ``openReviews`` fields list only the reviews certainly open.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.types.common import Entity
from api.types.partial_date import PartialDate, stored
from graph.model import Confidence
from ontology.vocabulary import ReviewKind, ReviewStatus
from queries import reviews as q

if TYPE_CHECKING:
    from api.types.local_authority import LocalAuthority

ReviewKindEnum = strawberry.enum(
    ReviewKind,
    name="ReviewKind",
    description="national_review (the Panel), lcspr, serious_case_review, sar, dhr, ...",
)
ReviewStatusEnum = strawberry.enum(
    ReviewStatus, name="ReviewStatus", description="Where a review stood at the last evidence."
)
ReviewOpenness = strawberry.enum(
    q.Openness,
    name="ReviewOpenness",
    description="Whether a review was open on a date: commissioned and not yet published.",
)


@strawberry.enum(description="Which of a review's dates a range applies to.")
class ReviewDate(Enum):
    NOTIFIED = "notified"
    COMMISSIONED = "commissioned"
    PUBLISHED = "published"


@strawberry.type(description="A safeguarding review and the body that commissioned it.")
class Review(Entity):
    @strawberry.field(description="What the review is.")
    def review_kind(self) -> ReviewKind:
        return ReviewKind(self.node.attrs["review_kind"])

    @strawberry.field(description="Where it stood at the last evidence.")
    def status(self) -> ReviewStatus:
        return ReviewStatus(self.node.attrs.get("status", ReviewStatus.UNKNOWN))

    @strawberry.field(description="The status as the source words it.")
    def status_as_published(self) -> str | None:
        value = self.node.attrs.get("status_text")
        return str(value) if value else None

    @strawberry.field
    def themes(self) -> list[str]:
        return [str(t) for t in self.node.attrs.get("themes", [])]

    @strawberry.field(description="When the incident was notified (null: unknown).")
    def notified(self) -> PartialDate | None:
        return stored(self.node.attrs.get("notified"))

    @strawberry.field(description="When it was commissioned (national: announced); null: unknown.")
    def commissioned(self) -> PartialDate | None:
        return stored(self.node.attrs.get("commissioned"))

    @strawberry.field(description="When it was published (null: unknown or not published).")
    def published(self) -> PartialDate | None:
        return stored(self.node.attrs.get("published"))

    @strawberry.field(description="Whether it was open on the date (default: asOf).")
    def openness(self, as_of: date | None = None) -> q.Openness:
        return q.openness(self.node, as_of or self.when)

    @strawberry.field(description="The compiler's note on the row (reasoning, dates, caveats).")
    def note(self) -> str | None:
        value = self.node.attrs.get("note")
        return str(value) if value else None

    @strawberry.field(description="The public address the review is recorded from.")
    def source(self) -> str:
        return self.node.provenance[0].source

    @strawberry.field(description="How the review's facts are known.")
    def confidence(self) -> Confidence:
        return self.node.provenance[0].confidence

    @strawberry.field(
        description=(
            "The body that commissioned it (or, where the source only lists it, published it): "
            "a partnership, a board, a community safety partnership, an LSCB or the Panel."
        )
    )
    def commissioned_by(self, info: Info) -> Entity | None:
        from api.types.entities import entity

        g = info.context.graph
        ids = q.commissioning_bodies(g, self.node.id)
        return entity(g.node(ids[0]), self.when) if ids else None

    @strawberry.field(description="The local authority areas it names (empty: none named).")
    def local_authorities(
        self, info: Info
    ) -> list[Annotated[LocalAuthority, strawberry.lazy("api.types.local_authority")]]:
        from api.types.local_authority import LocalAuthority

        g = info.context.graph
        return [LocalAuthority(node=g.node(i), when=self.when) for i in q.areas(g, self.node.id)]


def recorded(info: Info, node_id: str, relation: str, when: date) -> list[Review]:
    """Every review linked to ``node_id`` by ``relation`` (what is recorded, on any date)."""
    return [Review(node=n, when=when) for n in q.linked(info.context.graph, node_id, relation)]


def open_on(info: Info, node_id: str, relation: str, when: date) -> list[Review]:
    """The reviews linked to ``node_id`` that were certainly open on ``when``."""
    nodes = q.linked(info.context.graph, node_id, relation)
    return [Review(node=n, when=when) for n in nodes if q.openness(n, when) is q.Openness.OPEN]
