# mypy: allow-untyped-decorators
"""Population blocks: a district's people in one health area, the units footprints sum."""

from __future__ import annotations

import strawberry

from api.types.common import Entity


@strawberry.type(description="People of one district in one health area, from one lookup vintage.")
class PopulationBlock(Entity):
    @strawberry.field
    def population(self) -> int:
        return int(self.node.attrs.get("population", 0))

    @strawberry.field(description="Children in the band `childrenAges`, where known.")
    def children(self) -> int | None:
        value = self.node.attrs.get("children")
        return int(value) if value is not None else None

    @strawberry.field
    def children_ages(self) -> str | None:
        value = self.node.attrs.get("children_ages")
        return str(value) if value is not None else None
