# mypy: allow-untyped-decorators
"""An entity a report names: it may exist only in a what-if, so it is a row (id, kind, code,
name) rather than a navigable entity."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry

from queries.footprint import Ref


@strawberry.type(description="An entity named by a report; it may exist only in a what-if.")
class EntityRef:
    id: str
    kind: str
    code: str
    name: str


def entity_ref(r: Ref) -> EntityRef:
    return EntityRef(id=r.id, kind=r.kind, code=r.code, name=r.name)


def entity_refs(items: Iterable[Ref]) -> list[EntityRef]:
    return [entity_ref(r) for r in items]
