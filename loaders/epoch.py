"""A health epoch: where every LSOA lay on one date, and what the health areas were called.

Each LSOA lookup is an epoch; so is a lookup re-keyed by a later table (a sub-ICB lookup alone,
a sub-ICB succession table, or a structural change that moves districts into a new council).
Blocks (district x health area) are summed per epoch (:mod:`loaders.health`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from graph.ids import NodeId
from graph.model import Confidence, Status


@dataclass
class Epoch:
    """One vintage of the health geography: where each LSOA lay on ``when``.

    ``health`` is False for an epoch that only moves districts (a structural change re-keying the
    previous epoch): it carries no new evidence about health areas, so it neither starts nor
    ends one. ``inferred`` names the LSOAs whose place is inferred rather than stated (the closed
    sub-ICB location D4U1Y of 2026, split by district). ``decided`` names the districts that
    exist only by a decided change, not yet in an official file.
    """

    when: date
    file: str
    lsoa_year: int
    confidence: Confidence
    # lsoa -> (district code, area id, ICB id or None)
    where: dict[str, tuple[str, NodeId, NodeId | None]]
    # area id -> (GSS code, name, line) as this vintage gives them
    areas: dict[NodeId, tuple[str, str, int | str]]
    status: Status = Status.OBSERVED
    health: bool = True
    based_on: str = ""  # the file whose LSOAs a re-keyed epoch re-keys
    inferred: set[str] = field(default_factory=set)
    decided: set[str] = field(default_factory=set)
