"""The operations of the proposal language, one frozen record per kind (read by
:mod:`queries.proposal`, applied by :mod:`queries.operations` and its sibling modules).

Each record holds what its YAML operation says, codes as written; ``KIND`` is its ``kind:``.
``queries/proposals/FORMAT.md`` describes every field, default and refusal in prose.

>>> CreateLA(New("West Essex"), ("E07000066",)).KIND
'create_la'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class New:
    """An entity the proposal creates: its name and, optionally, its codes: an official ``code``
    (GSS), an ``ods`` code (health bodies), or an ``id`` of the project's own (registry form, for
    what has no official code yet). Neither: it is named ``new-<name as a slug>``."""

    name: str
    code: str | None = None
    ods: str | None = None  # health bodies only
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """One part of a split: a new entity and what it is made of."""

    new: New
    members: tuple[str, ...]  # districts (LA, health, police, CSP), LAs (partnership, board) or
    # sub-ICB locations (health)
    by: str  # "districts", "las" or "sub_icb_locations"


@dataclass(frozen=True, slots=True)
class HealthPart:
    """A health body, or its part in some districts; a sub-ICB location code means that area."""

    code: str
    districts: tuple[str, ...] | None = None


# -- local government ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CreateLA:
    KIND: ClassVar[str] = "create_la"
    new: New
    districts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MergeLAs:
    KIND: ClassVar[str] = "merge_las"
    las: tuple[str, ...]
    new: New


@dataclass(frozen=True, slots=True)
class SplitLA:
    KIND: ClassVar[str] = "split_la"
    la: str
    into: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class TransferDistricts:
    KIND: ClassVar[str] = "transfer_districts"
    districts: tuple[str, ...]
    source: str  # YAML field "from"
    target: str  # YAML field "to"


# -- health ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MergeHealthBodies:
    KIND: ClassVar[str] = "merge_health_bodies"
    bodies: tuple[HealthPart, ...]
    new: New
    type: str | None  # "ccg" or "icb"; None: ICB from 2022-07-01, CCG before


@dataclass(frozen=True, slots=True)
class SplitHealthBody:
    KIND: ClassVar[str] = "split_health_body"
    body: str
    into: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class TransferHealthArea:
    """Part of a health body (some sub-ICB locations, or its part in some districts) moves into
    another health body that continues."""

    KIND: ClassVar[str] = "transfer_health_area"
    source: str  # YAML field "from"
    target: str  # YAML field "to"
    members: tuple[str, ...]
    by: str  # "sub_icb_locations" or "districts"


# -- police ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MergePoliceForces:
    KIND: ClassVar[str] = "merge_police_forces"
    forces: tuple[str, ...]
    new: New


@dataclass(frozen=True, slots=True)
class SplitPoliceForce:
    KIND: ClassVar[str] = "split_police_force"
    force: str
    into: tuple[Group, ...]  # by districts


@dataclass(frozen=True, slots=True)
class TransferPoliceDistricts:
    KIND: ClassVar[str] = "transfer_police_districts"
    districts: tuple[str, ...]
    source: str  # YAML field "from"
    target: str  # YAML field "to"


# -- children's partnerships -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CreatePartnership:
    KIND: ClassVar[str] = "create_partnership"
    new: New
    las: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MergePartnerships:
    KIND: ClassVar[str] = "merge_partnerships"
    partnerships: tuple[str, ...]
    new: New


@dataclass(frozen=True, slots=True)
class SplitPartnership:
    KIND: ClassVar[str] = "split_partnership"
    partnership: str
    into: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class MoveLA:
    KIND: ClassVar[str] = "move_la"
    las: tuple[str, ...]
    to: str | None  # an existing partnership, or one this proposal creates
    to_new: New | None  # or a new partnership of its own


# -- boards (SABs, HWBs, CDOPs, CSPs) --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MergeBoards:
    """Boards of one type become one new board: their members on the effective date, and
    ``members`` (LAs, or districts for CSPs) besides."""

    KIND: ClassVar[str] = "merge_boards"
    boards: tuple[str, ...]
    new: New
    members: tuple[str, ...] = ()
    by: str = "las"


@dataclass(frozen=True, slots=True)
class SplitBoard:
    KIND: ClassVar[str] = "split_board"
    board: str
    into: tuple[Group, ...]  # by las, or districts for a CSP


@dataclass(frozen=True, slots=True)
class ReformBoard:
    """A board that continues with a new footprint: exactly ``members``."""

    KIND: ClassVar[str] = "reform_board"
    board: str
    members: tuple[str, ...]
    by: str  # "las" or "districts" (CSPs)


@dataclass(frozen=True, slots=True)
class CreateBoard:
    KIND: ClassVar[str] = "create_board"
    type: str  # "sab", "hwb", "cdop" or "csp"
    new: New
    members: tuple[str, ...]
    by: str  # "las" or "districts" (CSPs)


# -- codes -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recode:
    KIND: ClassVar[str] = "recode"
    entity: str
    code: str


Operation = (
    CreateLA
    | MergeLAs
    | SplitLA
    | TransferDistricts
    | MergeHealthBodies
    | SplitHealthBody
    | TransferHealthArea
    | MergePoliceForces
    | SplitPoliceForce
    | TransferPoliceDistricts
    | CreatePartnership
    | MergePartnerships
    | SplitPartnership
    | MoveLA
    | MergeBoards
    | SplitBoard
    | ReformBoard
    | CreateBoard
    | Recode
)

GEOGRAPHY = (CreateLA, MergeLAs, SplitLA, TransferDistricts)
HEALTH_AND_POLICE = (
    MergeHealthBodies,
    SplitHealthBody,
    TransferHealthArea,
    MergePoliceForces,
    SplitPoliceForce,
    TransferPoliceDistricts,
)
PARTNERSHIPS = (CreatePartnership, MergePartnerships, SplitPartnership, MoveLA)
BOARD_CHANGES = (MergeBoards, SplitBoard, ReformBoard, CreateBoard)
"""The families of operations, in the order they are applied (recodes last)."""
