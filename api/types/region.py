# mypy: allow-untyped-decorators
"""Regions of England (E12 codes)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.types.common import Entity
from ontology.vocabulary import UPPER_TIER, Relation

if TYPE_CHECKING:
    from api.types.local_authority import LocalAuthority


@strawberry.type(description="A region of England (E12 code).")
class Region(Entity):
    @strawberry.field(description="The upper-tier LAs in the region on the date.")
    def local_authorities(
        self, info: Info, as_of: date | None = None
    ) -> list[Annotated[LocalAuthority, strawberry.lazy("api.types.local_authority")]]:
        from api.types.local_authority import LocalAuthority

        when = self.on(info, as_of)
        view = info.context.view(when)
        upper = {k.value for k in UPPER_TIER}
        ids = sorted(
            i for i in view.sources(self.node.id, Relation.IN_REGION) if view.node(i).kind in upper
        )
        return [LocalAuthority(node=view.node(i), when=when) for i in ids]


def region_of(info: Info, node_id: str, when: date) -> Region | None:
    """The region of an authority on ``when``."""
    view = info.context.view(when)
    ids = view.targets(node_id, Relation.IN_REGION)
    return Region(node=view.node(ids[0]), when=when) if ids else None
