# mypy: allow-untyped-decorators
"""The proposal input: the YAML proposal format of ``queries/proposals/*.yaml`` as GraphQL input.

It is turned back into that mapping (:func:`as_mapping`) and parsed by ``queries.proposal``, so a
proposal means the same from a file and from the API.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import strawberry


@strawberry.input(description="A new entity of an operation: name and optional codes.")
class NewEntityInput:
    name: str
    code: str | None = None
    id: str | None = strawberry.field(default=None, description="Registry id (partnerships).")
    ods: str | None = strawberry.field(default=None, description="ODS code (health bodies).")


@strawberry.input(description="One part of a split: the new entity and what it is made of.")
class GroupInput:
    name: str
    code: str | None = None
    id: str | None = None
    ods: str | None = None
    districts: list[str] | None = None
    las: list[str] | None = None
    sub_icb_locations: list[str] | None = None


@strawberry.input(description="A health body to merge, whole or only in some districts.")
class HealthPartInput:
    code: str
    districts: list[str] | None = None


@strawberry.input(
    description=(
        "One operation; `kind` is one of create_la, merge_las, split_la, transfer_districts, "
        "merge_health_bodies, split_health_body, merge_police_forces, create_partnership, "
        "merge_partnerships, split_partnership, move_la, recode; the other fields are those "
        "of the same operation in a proposal file (`from`/`to` of transfer_districts and "
        "move_la are `source`/`to`, and move_la to a new partnership is `toNew`)."
    )
)
class OperationInput:
    kind: str
    name: str | None = None
    code: str | None = None
    id: str | None = None
    ods: str | None = None
    type: str | None = strawberry.field(default=None, description="ccg or icb (health merges).")
    la: str | None = None
    las: list[str] | None = None
    districts: list[str] | None = None
    forces: list[str] | None = None
    partnerships: list[str] | None = None
    partnership: str | None = None
    body: str | None = None
    bodies: list[HealthPartInput] | None = None
    entity: str | None = None
    into: list[GroupInput] | None = None
    source: str | None = strawberry.field(
        default=None, description="transfer_districts: the LA the districts leave (`from`)."
    )
    to: str | None = None
    to_new: NewEntityInput | None = None


@strawberry.input(description="A boundary-change proposal, as in queries/proposals/*.yaml.")
class ProposalInput:
    effective: date = strawberry.field(description="The day the change takes effect.")
    operations: list[OperationInput]
    name: str | None = None
    description: str | None = None
    hypothetical: bool | None = None
    sources: list[str] | None = None
    after: list[str] | None = strawberry.field(
        default=None,
        description=(
            "What it comes after: changes of the landscape by id (e.g. surrey-2027) or shipped "
            "proposals by name, applied first."
        ),
    )


_RENAMED = {"source": "from", "to_new": "to"}


def as_mapping(value: Any) -> Any:
    """The proposal-file mapping for an input object: absent fields left out, names as in YAML.

    >>> op = OperationInput(kind="transfer_districts", districts=["E07000066"], source="E10000012",
    ...                     to="new-west-essex")
    >>> as_mapping(op)
    {'kind': 'transfer_districts', 'districts': ['E07000066'], 'from': 'E10000012',
     'to': 'new-west-essex'}
    """
    if isinstance(value, list):
        return [as_mapping(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            if v is not None:
                out[_RENAMED.get(f.name, f.name)] = as_mapping(v)
        return out
    return value
