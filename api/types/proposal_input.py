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

from queries.proposal import KINDS

_ID = (
    "The new entity's own id (lower case letters, digits, hyphens), where it has no official "
    "code yet: any new LA, police force, health body, partnership or board; give code or id."
)


@strawberry.input(description="A new entity of an operation: name and optional codes.")
class NewEntityInput:
    name: str
    code: str | None = None
    id: str | None = strawberry.field(default=None, description=_ID)
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
        "One operation; `kind` is one of "
        + ", ".join(KINDS)
        + "; the other fields are those of the same operation in a proposal file "
        "(queries/proposals/FORMAT.md): `from` of transfer_districts, transfer_police_districts "
        "and transfer_health_area is `source`, and move_la to a new partnership is `toNew`."
    )
)
class OperationInput:
    kind: str
    name: str | None = None
    code: str | None = strawberry.field(
        default=None, description="The new entity's official code (GSS), if it has one."
    )
    id: str | None = strawberry.field(default=None, description=_ID)
    ods: str | None = strawberry.field(default=None, description="ODS code (health bodies).")
    type: str | None = strawberry.field(
        default=None,
        description="ccg or icb (merge_health_bodies); sab, hwb, cdop or csp (create_board).",
    )
    la: str | None = None
    las: list[str] | None = None
    districts: list[str] | None = None
    forces: list[str] | None = None
    force: str | None = strawberry.field(default=None, description="split_police_force.")
    partnerships: list[str] | None = None
    partnership: str | None = None
    body: str | None = None
    bodies: list[HealthPartInput] | None = None
    board: str | None = strawberry.field(
        default=None, description="split_board, reform_board: a SAB, HWB, CDOP or CSP."
    )
    boards: list[str] | None = strawberry.field(default=None, description="merge_boards.")
    sub_icb_locations: list[str] | None = strawberry.field(
        default=None, description="transfer_health_area: the sub-ICB locations that move."
    )
    entity: str | None = None
    into: list[GroupInput] | None = None
    source: str | None = strawberry.field(
        default=None,
        description=(
            "transfer_districts, transfer_police_districts, transfer_health_area: what the "
            "districts or area leave (`from`)."
        ),
    )
    to: str | None = None
    to_new: NewEntityInput | None = None
    sources: list[str] | None = strawberry.field(
        default=None, description="What the operation rests on (files and lines, addresses)."
    )


@strawberry.input(description="One dated step of a proposal (a shadow year, then vesting).")
class StepInput:
    effective: date = strawberry.field(description="The day the step takes effect.")
    operations: list[OperationInput]
    name: str | None = None
    description: str | None = None


@strawberry.input(description="A boundary-change proposal, as in queries/proposals/*.yaml.")
class ProposalInput:
    effective: date | None = strawberry.field(
        default=None,
        description=(
            "The day the change takes effect (required unless `steps` are given; then the last "
            "step's date)."
        ),
    )
    operations: list[OperationInput] | None = strawberry.field(
        default=None, description="The operations (or `steps`, not both)."
    )
    steps: list[StepInput] | None = strawberry.field(
        default=None, description="Dated steps, each applied on the result of the one before."
    )
    name: str | None = None
    description: str | None = None
    hypothetical: bool | None = None
    status: str | None = strawberry.field(
        default=None, description="observed (a replay), decided or proposed (the default)."
    )
    proposer: str | None = None
    area: str | None = strawberry.field(
        default=None, description="The area it is an option for (options are compared)."
    )
    standing: str | None = strawberry.field(
        default=None, description="Where the proposal stands, in a sentence."
    )
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
