"""The records the change tables are read into (:mod:`loaders.changes`): one per row, each with
its file and line, and the tables of one folder together."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from graph.model import Confidence


@dataclass(frozen=True, slots=True)
class IcbSuccession:
    file: str
    line: int
    predecessor_ods: str
    predecessor_gss: str
    predecessor_name: str
    successor_ods: str
    successor_gss: str
    successor_name: str
    date: date
    kind: str
    source: str
    confidence: Confidence
    note: str


@dataclass(frozen=True, slots=True)
class SicblSuccession:
    """One 2024 sub-ICB location (or, for a closed one, its part in one district) and where it
    goes: the later sub-ICB location, ICB and NHS England region, with codes and names."""

    file: str
    line: int
    old_ods: str
    old_gss: str
    old_icb_ods: str
    district: str | None  # the district of a closed sub-ICB location's part (closed_split only)
    lsoa_count: int  # derived by the table's compilers from the official files: checked
    population: int
    new_gss: str
    new_ods: str
    new_name: str
    icb_gss: str
    icb_ods: str
    icb_name: str
    region_gss: str
    region_ods: str
    region_name: str
    change: str
    source: str
    confidence: Confidence
    note: str


@dataclass(frozen=True, slots=True)
class StructuralChange:
    """One predecessor authority of a new council, as an order decides it."""

    file: str
    line: int
    change_id: str
    title: str
    reference: str  # the SI number
    url: str
    made: str  # as written: the month may be all that is known
    vesting: date
    new_council: str
    new_council_gss: str | None
    predecessor_gss: str
    predecessor_name: str
    predecessor_type: str
    relationship: str
    status: str
    source: str
    confidence: Confidence
    note: str


@dataclass
class ChangeTables:
    """The parsed change tables of one folder."""

    folder: Path
    icb_successions: list[IcbSuccession] = field(default_factory=list)
    sicbl_successions: list[SicblSuccession] = field(default_factory=list)
    sicbl_years: tuple[int, int] = (0, 0)  # (from, to) vintages of the sub-ICB table
    structural: list[StructuralChange] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # kind -> file name
    not_applied: list[str] = field(default_factory=list)  # proposals tables: what-ifs only
    unknown: list[str] = field(default_factory=list)
