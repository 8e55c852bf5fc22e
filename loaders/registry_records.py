"""The records the registry loader returns: partnerships, boards, memberships and their sources.

Frozen values, built only by :func:`loaders.registry.load_registry` after the whole registry has
been checked; each fact carries the sources it was read with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from graph.errors import UnknownCode
from graph.model import Confidence, Period, Provenance


class Form(StrEnum):
    """How many LAs an arrangement covers: one, several, or a joint tier over borough boards."""

    SINGLE = "single"
    JOINT = "joint"
    HYBRID = "hybrid"


class ScrutinyModel(StrEnum):
    NAMED_SCRUTINEER = "named_scrutineer"
    INDEPENDENT_CHAIR = "independent_chair"
    MIXED = "mixed"
    POOL = "pool"
    UNKNOWN = "unknown"


class BoardKind(StrEnum):
    JOINT_SAB = "joint_sab"
    SAB = "sab"  # a single-LA SAB a source names (the others are inferred by the builder)
    CDOP = "cdop"


class LinkKind(StrEnum):
    """Linked, not joint, arrangements: each LA keeps its own legal body."""

    HWB_CONCURRENT_MEETINGS = "hwb_concurrent_meetings"
    SAB_COMBINED_GOVERNANCE = "sab_combined_governance"
    SCP_SAB_UMBRELLA = "scp_sab_umbrella"
    SHARED_PROCEDURES = "shared_procedures"


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """Where a fact comes from: an ``https://`` address, or ``ref:<file>`` for a reference file."""

    url: str
    confidence: Confidence
    note: str = ""

    def provenance(self) -> Provenance:
        return Provenance(self.url, self.note, self.confidence)


Sources = tuple[SourceRecord, ...]


@dataclass(frozen=True, slots=True)
class MembershipRecord:
    """An LA (GSS code valid at its start) in a body over ``period``; start_known False: no date."""

    la: str
    period: Period
    sources: Sources
    start_known: bool = True


@dataclass(frozen=True, slots=True)
class NameRecord:
    name: str
    period: Period
    sources: Sources


@dataclass(frozen=True, slots=True)
class PartnerRecord:
    """A partner the published arrangements name; ``code`` (GSS) where it has one."""

    name: str
    code: str | None
    period: Period
    sources: Sources


@dataclass(frozen=True, slots=True)
class PostRecord:
    """A post and who holds it (a description, not necessarily a person)."""

    role: str
    holder: str
    period: Period
    sources: Sources


@dataclass(frozen=True, slots=True)
class ScrutinyRecord:
    model: ScrutinyModel
    period: Period
    sources: Sources


@dataclass(frozen=True, slots=True)
class PartnershipRecord:
    """A children's safeguarding partnership. An open end means in force at the last evidence."""

    id: str
    name: str
    form: Form
    all_age: bool
    members: tuple[MembershipRecord, ...]
    sources: Sources
    aliases: tuple[str, ...] = ()
    former_names: tuple[NameRecord, ...] = ()
    lead_authority: tuple[MembershipRecord, ...] = ()
    chairs: tuple[PostRecord, ...] = ()
    scrutiny: tuple[ScrutinyRecord, ...] = ()
    named_partners: tuple[PartnerRecord, ...] = ()
    notes: str = ""

    def members_on(self, when: date) -> tuple[str, ...]:
        return tuple(m.la for m in self.members if m.period.contains(when))


@dataclass(frozen=True, slots=True)
class BoardRecord:
    """A joint SAB or a CDOP; ``members_complete`` False where a source lists only some members."""

    id: str
    name: str
    kind: BoardKind
    members: tuple[MembershipRecord, ...]
    sources: Sources
    aliases: tuple[str, ...] = ()
    members_complete: bool = True
    non_english_members: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True, slots=True)
class AllAgeRecord:
    """A children's partnership that is also its area's SAB over ``period``."""

    partnership: str
    period: Period
    sources: Sources
    start_known: bool = True
    notes: str = ""


@dataclass(frozen=True, slots=True)
class LinkedArrangementRecord:
    id: str
    name: str
    kind: LinkKind
    local_authorities: tuple[str, ...]
    sources: Sources
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Registry:
    partnerships: tuple[PartnershipRecord, ...]
    safeguarding_adults_boards: tuple[BoardRecord, ...]
    child_death_overview_panels: tuple[BoardRecord, ...]
    all_age_partnerships: tuple[AllAgeRecord, ...]
    linked: tuple[LinkedArrangementRecord, ...]

    def ids(self) -> frozenset[str]:
        """Every registry id (partnerships, boards, linked arrangements)."""
        boards = (*self.safeguarding_adults_boards, *self.child_death_overview_panels)
        return frozenset(x.id for xs in (self.partnerships, boards, self.linked) for x in xs)

    def partnership(self, pid: str) -> PartnershipRecord:
        for p in self.partnerships:
            if p.id == pid:
                return p
        raise UnknownCode("registry", pid, hint="not a partnership id")

    def partnerships_on(self, when: date) -> tuple[PartnershipRecord, ...]:
        return tuple(p for p in self.partnerships if p.members_on(when))

    def partnership_of(self, la: str, when: date) -> PartnershipRecord | None:
        return next((p for p in self.partnerships if la in p.members_on(when)), None)
