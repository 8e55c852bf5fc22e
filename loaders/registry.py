"""Parse and validate the human-edited safeguarding registry (``registry/*.yaml``) into records.

The schema is ``registry/SCHEMA.md``. :func:`load_registry` reads ``childrens_partnerships.yaml`` and
``boards.yaml``, checks every entry against the LA codes the caller knows (``authorities``: GSS code
to the half-open period in which the code names an LA), collects every problem, and either returns
a complete :class:`Registry` or raises one :class:`~safeguarding.errors.LoadError`.

>>> import tempfile
>>> d = Path(tempfile.mkdtemp())
>>> _ = (d / "childrens_partnerships.yaml").write_text('''
... partnerships:
...   - id: x-scp
...     name: X Safeguarding Children Partnership
...     form: single
...     members: [{la: E06000001, from: 2019-09-29}]
...     sources: [{url: "https://example.org/x", confidence: quoted}]
... ''')
>>> reg = load_registry(d, {"E06000001": Period(date(1996, 4, 1))})
>>> reg.partnership_of("E06000001", date(2020, 1, 1)).id
'x-scp'
>>> _ = (d / "childrens_partnerships.yaml").write_text("partnerships: [{id: Bad}]")
>>> load_registry(d, {})
Traceback (most recent call last):
...
safeguarding.errors.LoadError: 4 problems in ...
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from graph.model import Confidence, Period, Provenance
from safeguarding.errors import LoadError, Problem, UnknownCode

PARTNERSHIPS_FILE = "childrens_partnerships.yaml"
BOARDS_FILE = "boards.yaml"
UPPER_TIER_PREFIXES = ("E06", "E08", "E09", "E10")
UNKNOWN = "unknown"
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_GSS = re.compile(r"^[EWSN]\d{8}$")
_URL = re.compile(r"^(https?://\S+|ref:\S+)$")
E = TypeVar("E", bound=StrEnum)


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
    CDOP = "cdop"


class LinkKind(StrEnum):
    """Linked, not joint, arrangements: each LA keeps its own legal body."""

    HWB_CONCURRENT_MEETINGS = "hwb_concurrent_meetings"
    SAB_COMBINED_GOVERNANCE = "sab_combined_governance"
    SCP_SAB_UMBRELLA = "scp_sab_umbrella"
    SHARED_PROCEDURES = "shared_procedures"


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """Where a fact comes from: an address (``https://...``, or ``ref:<file>`` for a reference file)."""

    url: str
    confidence: Confidence
    note: str = ""

    def provenance(self) -> Provenance:
        return Provenance(self.url, self.note, self.confidence)


Sources = tuple[SourceRecord, ...]


@dataclass(frozen=True, slots=True)
class MembershipRecord:
    """An LA (GSS code valid at the start) in a body over ``period``; ``start_known`` False: no date."""

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
    """A children's safeguarding partnership. Open-ended periods mean in force at the last evidence."""

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
    """A joint SAB or a CDOP; ``members_complete`` False where the source lists only some members."""

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
        bodies = (*self.partnerships, *self.safeguarding_adults_boards,
                  *self.child_death_overview_panels, *self.linked)  # fmt: skip
        return frozenset(b.id for b in bodies)

    def partnership(self, pid: str) -> PartnershipRecord:
        for p in self.partnerships:
            if p.id == pid:
                return p
        raise UnknownCode("registry", pid, hint="not a partnership id")

    def partnerships_on(self, when: date) -> tuple[PartnershipRecord, ...]:
        return tuple(p for p in self.partnerships if p.members_on(when))

    def partnership_of(self, la: str, when: date) -> PartnershipRecord | None:
        return next((p for p in self.partnerships if la in p.members_on(when)), None)


def default_registry_dir() -> Path:
    """The ``registry/`` package folder that ships the YAML files."""
    return Path(__file__).resolve().parents[1] / "registry"


def parse_date(text: str) -> date:
    """Read ``YYYY-MM-DD`` strictly; raise ValueError otherwise.

    >>> parse_date("2019-09-29")
    datetime.date(2019, 9, 29)
    """
    if not _DATE.match(text):
        raise ValueError(f"{text!r} is not a date YYYY-MM-DD")
    return date.fromisoformat(text)


def la_code_problem(code: str, period: Period, authorities: Mapping[str, Period]) -> str | None:
    """Why ``code`` cannot be an upper-tier LA member over ``period``, or None if it can.

    An unbounded start of ``period`` (an unknown start) is not checked against the code's start.
    """
    if not _GSS.match(code):
        return "not a GSS code (a letter and 8 digits, e.g. E06000001)"
    if not code.startswith(UPPER_TIER_PREFIXES):
        return f"not an upper-tier LA code (prefix one of {', '.join(UPPER_TIER_PREFIXES)})"
    valid = authorities.get(code)
    if valid is None:
        return "unknown LA code: no LA has this code"
    starts_ok = period.start is None or valid.start is None or valid.start <= period.start
    ends_ok = valid.end is None or (period.end is not None and period.end <= valid.end)
    if not (starts_ok and ends_ok):
        return f"the code names an LA only in {valid}, not for the whole period {period}"
    return None


class _Reader:
    """Reads YAML nodes of one file, recording a Problem (with the node's line) for each fault."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file, self.problems = file, problems

    def fail(self, node: Node, where: str, value: str | None, message: str) -> None:
        self.problems.append(Problem(self.file, node.start_mark.line + 1, where, value, message))

    def compose(self, path: Path) -> Node | None:
        try:
            return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as err:
            line = err.problem_mark.line + 1 if err.problem_mark else None
            self.problems.append(Problem(self.file, line, None, None, f"not valid YAML: {err}"))
        except (OSError, yaml.YAMLError) as err:
            self.problems.append(Problem(self.file, None, None, None, f"cannot read: {err}"))
        return None

    def mapping(self, node: Node, where: str, allowed: Sequence[str], required: Sequence[str] = ()
                ) -> dict[str, Node] | None:  # fmt: skip
        if not isinstance(node, MappingNode):
            self.fail(node, where, None, f"expected a mapping with keys {', '.join(allowed)}")
            return None
        out: dict[str, Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else str(key)
            if name not in allowed:
                self.fail(key, f"{where}.{name}", name, f"unknown field; allowed: {', '.join(allowed)}")
            elif name in out:
                self.fail(key, f"{where}.{name}", name, "field given twice")
            else:
                out[name] = value
        for name in required:
            if name not in out:
                self.fail(node, f"{where}.{name}", None, "required field is missing")
        return out

    def items(self, node: Node | None, where: str) -> list[Node]:
        if node is None:
            return []
        if isinstance(node, SequenceNode):
            return list(node.value)
        self.fail(node, where, None, "expected a list")
        return []

    def text(self, node: Node | None, where: str) -> str:
        if node is None:
            return ""
        if isinstance(node, ScalarNode) and node.value.strip():
            return str(node.value).strip()
        self.fail(node, where, None, "expected a non-empty text value")
        return ""

    def texts(self, node: Node | None, where: str) -> tuple[str, ...]:
        return tuple(self.text(n, f"{where}[{i}]") for i, n in enumerate(self.items(node, where)))

    def flag(self, node: Node | None, where: str, default: bool) -> bool:
        value = self.text(node, where) if node is not None else ""
        if value in ("true", "false"):
            return value == "true"
        if node is not None:
            self.fail(node, where, value, "expected true or false")
        return default

    def enum(self, node: Node | None, kind: type[E], where: str) -> E | None:
        value = self.text(node, where)
        try:
            return kind(value) if node is not None else None
        except ValueError:
            assert node is not None
            self.fail(node, where, value, f"unknown value; one of {', '.join(m.value for m in kind)}")
            return None

    def day(self, node: Node | None, where: str, allow_unknown: bool = False) -> date | None:
        """A date, or None where absent or (if allowed) ``unknown``."""
        value = self.text(node, where)
        if node is None or (allow_unknown and value == UNKNOWN):
            return None
        try:
            return parse_date(value)
        except ValueError:
            hint = " or 'unknown'" if allow_unknown else ""
            self.fail(node, where, value, f"malformed date; expected YYYY-MM-DD{hint}")
            return None

    def period(self, fields: Mapping[str, Node], where: str, unknown_start: bool = False
               ) -> tuple[Period, bool] | None:  # fmt: skip
        """(period, start_known) from ``from``/``to``; None (and a problem) if they are invalid."""
        start = self.day(fields.get("from"), f"{where}.from", unknown_start)
        end = self.day(fields.get("to"), f"{where}.to")
        start_known = "from" in fields and self.text(fields["from"], where) != UNKNOWN
        if start is not None and end is not None and end <= start:
            self.fail(fields["to"], f"{where}.to", str(end), f"'to' must be after 'from' ({start})")
            return None
        return Period(start, end), start_known

    def sources(self, node: Node | None, where: str, required: bool = True) -> Sources:
        if node is None:
            return ()
        out = []
        for i, item in enumerate(self.items(node, where)):
            at = f"{where}[{i}]"
            f = self.mapping(item, at, ("url", "confidence", "note"), ("url", "confidence"))
            if f is None or "url" not in f:
                continue
            url = self.text(f["url"], f"{at}.url")
            if url and not _URL.match(url):
                self.fail(f["url"], f"{at}.url", url, "expected an http(s) address or ref:<file>")
            conf = self.enum(f.get("confidence"), Confidence, f"{at}.confidence")
            if conf is not None:
                out.append(SourceRecord(url, conf, self.text(f.get("note"), f"{at}.note")))
        if required and not out and not isinstance(node, SequenceNode) is False and not node.value:
            self.fail(node, where, None, "a fact without a source: give at least one")
        return tuple(out)
