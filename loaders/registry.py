"""Parse and validate the hand-edited safeguarding registry (``registry/*.yaml``) into records.

The schema is ``registry/SCHEMA.md``. :func:`load_registry` reads ``childrens_partnerships.yaml``
and ``boards.yaml``, checks every entry against the LA codes the caller knows (``authorities``: GSS
code to the half-open period in which the code names an LA), collects every problem, and either
returns a complete :class:`Registry` or raises one :class:`~graph.errors.LoadError`.

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
>>> _ = (d / "boards.yaml").write_text("safeguarding_adults_boards: []")
>>> reg = load_registry(d, {"E06000001": Period(date(1996, 4, 1))})
>>> reg.partnership_of("E06000001", date(2020, 1, 1)).id
'x-scp'
>>> try:
...     load_registry(d, {})
... except LoadError as err:
...     print(err.problems[0])
/.../childrens_partnerships.yaml line 6, column x-scp.members[0].la, value 'E06000001': unknown...
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import astuple
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from graph.codes import UPPER_TIER_PREFIXES, Scheme, valid_code
from graph.errors import LoadError, Problem
from graph.model import Confidence, Period
from loaders.problems import ProblemLog
from loaders.registry_records import (  # re-exported: the records are part of this API
    AllAgeRecord,
    BoardKind,
    BoardRecord,
    Form,
    LinkedArrangementRecord,
    LinkKind,
    MembershipRecord,
    NameRecord,
    PartnerRecord,
    PartnershipRecord,
    PostRecord,
    Registry,
    ScrutinyModel,
    ScrutinyRecord,
    SourceRecord,
    Sources,
)
from loaders.yamlfile import compose_text, read_text

__all__ = [
    "AllAgeRecord",
    "BoardKind",
    "BoardRecord",
    "EntryParser",
    "Form",
    "LinkKind",
    "LinkedArrangementRecord",
    "MembershipRecord",
    "NameRecord",
    "PartnerRecord",
    "PartnershipRecord",
    "PostRecord",
    "Registry",
    "ScrutinyModel",
    "ScrutinyRecord",
    "SourceRecord",
    "Sources",
    "YamlReader",
    "la_code_problem",
    "load_registry",
    "parse_date",
    "sections",
]

PARTNERSHIPS_FILE = "childrens_partnerships.yaml"
BOARDS_FILE = "boards.yaml"
UNKNOWN = "unknown"
MAX_BYTES = 16_000_000
"""The largest registry file read (the real ones are about 100 KB)."""
MAX_VALUES = 1_000_000
"""The most values a registry file may hold with its YAML aliases expanded (real: about 6,000)."""
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL = re.compile(r"^(https?://\S+|ref:\S+)$")
E = TypeVar("E", bound=StrEnum)


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
    provisional = valid_code(Scheme.PROVISIONAL, code)  # a decided council with no GSS code yet
    if not provisional and not valid_code(Scheme.GSS, code):
        return "not a GSS code (a letter and 8 digits, e.g. E06000001)"
    if not provisional and not code.startswith(UPPER_TIER_PREFIXES):
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

    def __init__(self, file: str, problems: ProblemLog) -> None:
        self.file, self.problems = file, problems

    def fail(self, node: Node, where: str, value: str | None, message: str) -> None:
        self.problems.append(Problem(self.file, node.start_mark.line + 1, where, value, message))

    def compose(self, path: Path) -> Node | None:
        """The file's YAML nodes, read within bounds (:mod:`loaders.yamlfile`)."""
        try:
            return compose_text(read_text(path, MAX_BYTES), self.file, MAX_VALUES)
        except LoadError as err:
            self.problems.extend(Problem(self.file, *astuple(p)[1:]) for p in err.problems)
        return None

    def mapping(
        self, node: Node, where: str, allowed: Sequence[str], required: Sequence[str] = ()
    ) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.fail(node, where, None, f"expected a mapping with keys {', '.join(allowed)}")
            return None
        out: dict[str, Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else str(key)
            if name not in allowed:
                known = ", ".join(allowed)
                self.fail(key, f"{where}.{name}", name, f"unknown field; one of {known}")
            elif name in out:
                self.fail(key, f"{where}.{name}", name, "field given twice")
            else:
                out[name] = value
        self.require(node, out, where, required)
        return out

    def require(
        self, node: Node, fields: Mapping[str, Node], where: str, names: Sequence[str]
    ) -> None:
        for name in names:
            if name not in fields:
                why = "a fact without a source" if name == "sources" else "required field missing"
                self.fail(node, f"{where}.{name}", None, why)

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

    def flag(self, node: Node | None, where: str, default: bool = False) -> bool:
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
            allowed = ", ".join(m.value for m in kind)
            self.fail(node, where, value, f"unknown value; one of {allowed}")
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

    def period(
        self, fields: Mapping[str, Node], where: str, unknown_start: bool = False
    ) -> tuple[Period, bool] | None:
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
        if required and isinstance(node, SequenceNode) and not node.value:
            self.fail(node, where, None, "a fact without a source: give at least one")
        return tuple(out)


YamlReader = _Reader
"""The YAML node reader the registry's parsers share (other registry files use it too)."""

_PARTNERSHIP_KEYS = (
    "id",
    "name",
    "aliases",
    "former_names",
    "form",
    "all_age",
    "members",
    "lead_authority",
    "chair",
    "scrutiny",
    "named_partners",
    "notes",
    "sources",
)
_BOARD_KEYS = (
    "id",
    "name",
    "aliases",
    "kind",
    "members",
    "members_complete",
    "non_english_members",
    "notes",
    "sources",
)
_LINK_KEYS = ("id", "name", "kind", "local_authorities", "notes", "sources")
Span = tuple[dict[str, Node], Period, Sources, str]


class _Parser:
    """Builds records from the files' nodes; each problem names the entry id and field."""

    def __init__(self, r: _Reader, authorities: Mapping[str, Period]) -> None:
        self.r, self.authorities = r, authorities
        self.spans: list[tuple[str, str, str, Period, Node]] = []  # group, la, where, period, node
        self.ids: dict[str, str] = {}

    def entry(
        self, node: Node, at: str, keys: Sequence[str], required: Sequence[str]
    ) -> tuple[dict[str, Node], str] | None:
        """The fields and the id of a list entry (the id checked for form and uniqueness)."""
        f = self.r.mapping(node, at, keys)
        if f is None:
            return None
        eid = self.r.text(f["id"], f"{at}.id") if "id" in f else at
        self.r.require(node, f, eid, required)
        if "id" not in f:
            return None
        if not _ID.match(eid):
            self.r.fail(f["id"], f"{eid}.id", eid, "ids are lowercase kebab-case, e.g. barnet-scp")
        elif eid in self.ids:
            self.r.fail(f["id"], f"{eid}.id", eid, f"duplicate id (first in {self.ids[eid]})")
        self.ids.setdefault(eid, self.r.file)
        return f, eid

    def members(
        self,
        node: Node | None,
        eid: str,
        field: str,
        inherited: Sources,
        group: str,
        unknown_start: bool = False,
    ) -> tuple[MembershipRecord, ...]:
        out = []
        for i, item in enumerate(self.r.items(node, f"{eid}.{field}")):
            at = f"{eid}.{field}[{i}]"
            f = self.r.mapping(item, at, ("la", "from", "to", "sources"), ("la", "from"))
            span = self.r.period(f, at, unknown_start) if f and "from" in f else None
            if f is None or span is None or "la" not in f:
                continue
            la = self.r.text(f["la"], f"{at}.la")
            why = la_code_problem(la, span[0], self.authorities)
            if why:
                self.r.fail(f["la"], f"{at}.la", la, why)
            own = self.r.sources(f.get("sources"), f"{at}.sources")
            if not own and group == "lead":
                self.r.fail(item, f"{at}.sources", la, "a fact without a source")
            out.append(MembershipRecord(la, span[0], own or inherited, span[1]))
            self.spans.append((group, la, at, span[0], f["la"]))
        return tuple(out)

    def spans_of(
        self,
        node: Node | None,
        eid: str,
        field: str,
        keys: Sequence[str],
        need_sources: bool = True,
    ) -> list[Span]:
        """Items of a dated list (former names, posts, partners): fields, period, sources, where."""
        out = []
        for i, item in enumerate(self.r.items(node, f"{eid}.{field}")):
            at = f"{eid}.{field}[{i}]"
            required = [k for k in keys if k != "code"] + (["sources"] if need_sources else [])
            f = self.r.mapping(item, at, (*keys, "from", "to", "sources"), required)
            span = self.r.period(f, at) if f is not None else None
            if f is not None and span is not None and all(k in f for k in required):
                srcs = self.r.sources(f.get("sources"), f"{at}.sources")
                out.append((f, span[0], srcs, at))
        return out

    def partnership(self, node: Node, index: int) -> PartnershipRecord | None:
        required = ("id", "name", "form", "members", "sources")
        got = self.entry(node, f"partnerships[{index}]", _PARTNERSHIP_KEYS, required)
        if got is None:
            return None
        (f, eid), r = got, self.r
        srcs = r.sources(f.get("sources"), f"{eid}.sources")
        form = r.enum(f.get("form"), Form, f"{eid}.form")
        members = self.members(f.get("members"), eid, "members", srcs, "partnerships")
        if isinstance(f.get("members"), SequenceNode) and not f["members"].value:
            r.fail(f["members"], f"{eid}.members", None, "a partnership needs a member")
        if form is Form.SINGLE and _two_las_share_a_day(members):
            r.fail(f["members"], f"{eid}.members", None, "form single, but two LAs share a day")
        text = r.text
        names = [
            NameRecord(text(g["name"], f"{at}.name"), p, s)
            for g, p, s, at in self.spans_of(f.get("former_names"), eid, "former_names", ("name",))
        ]
        leads = self.members(f.get("lead_authority"), eid, "lead_authority", (), "lead")
        chairs = [
            PostRecord("chair", text(g["holder"], f"{at}.holder"), p, s)
            for g, p, s, at in self.spans_of(f.get("chair"), eid, "chair", ("holder",))
        ]
        scrutiny = []
        for g, p, s, at in self.spans_of(f.get("scrutiny"), eid, "scrutiny", ("model",), False):
            model = r.enum(g["model"], ScrutinyModel, f"{at}.model")
            if model not in (None, ScrutinyModel.UNKNOWN) and not s:
                r.fail(g["model"], f"{at}.sources", str(model), "a fact without a source")
            if model is not None:
                scrutiny.append(ScrutinyRecord(model, p, s))
        partners = []
        for g, p, s, at in self.spans_of(
            f.get("named_partners"), eid, "named_partners", ("name", "code")
        ):
            code = text(g.get("code"), f"{at}.code") or None
            if code is not None and not valid_code(Scheme.GSS, code):
                r.fail(g["code"], f"{at}.code", code, "not a GSS code (e.g. E23000001)")
            partners.append(PartnerRecord(text(g["name"], f"{at}.name"), code, p, s))
        if form is None or "name" not in f:
            return None
        return PartnershipRecord(
            eid,
            text(f["name"], f"{eid}.name"),
            form,
            r.flag(f.get("all_age"), f"{eid}.all_age"),
            members,
            srcs,
            r.texts(f.get("aliases"), f"{eid}.aliases"),
            tuple(names),
            leads,
            tuple(chairs),
            tuple(scrutiny),
            tuple(partners),
            text(f.get("notes"), f"{eid}.notes"),
        )

    def board(self, node: Node, index: int, section: str) -> BoardRecord | None:
        required = ("id", "name", "kind", "members", "sources")
        got = self.entry(node, f"{section}[{index}]", _BOARD_KEYS, required)
        if got is None:
            return None
        (f, eid), r = got, self.r
        srcs = r.sources(f.get("sources"), f"{eid}.sources")
        kind = r.enum(f.get("kind"), BoardKind, f"{eid}.kind")
        # an LA is in one SAB at a time, joint or single: the two kinds are checked together
        group = "sab" if kind in (BoardKind.JOINT_SAB, BoardKind.SAB) else str(kind)
        members = self.members(f.get("members"), eid, "members", srcs, group, True)
        if kind is None or "name" not in f:
            return None
        return BoardRecord(
            eid,
            r.text(f["name"], f"{eid}.name"),
            kind,
            members,
            srcs,
            r.texts(f.get("aliases"), f"{eid}.aliases"),
            r.flag(f.get("members_complete"), f"{eid}.members_complete", True),
            r.texts(f.get("non_english_members"), f"{eid}.non_english_members"),
            r.text(f.get("notes"), f"{eid}.notes"),
        )

    def all_age(self, node: Node, index: int) -> tuple[AllAgeRecord, Node] | None:
        at = f"all_age_partnerships[{index}]"
        keys = ("partnership", "from", "to", "notes", "sources")
        f = self.r.mapping(node, at, keys, ("partnership", "from", "sources"))
        if f is None or "partnership" not in f or "from" not in f:
            return None
        pid = self.r.text(f["partnership"], f"{at}.partnership")
        span = self.r.period(f, f"{pid}.all_age", unknown_start=True)
        srcs = self.r.sources(f.get("sources"), f"{pid}.all_age.sources")
        if span is None:
            return None
        notes = self.r.text(f.get("notes"), f"{pid}.all_age.notes")
        return AllAgeRecord(pid, span[0], srcs, span[1], notes), f["partnership"]

    def linked(self, node: Node, index: int) -> LinkedArrangementRecord | None:
        got = self.entry(node, f"linked[{index}]", _LINK_KEYS, _LINK_KEYS[:4] + _LINK_KEYS[5:])
        if got is None:
            return None
        (f, eid), r = got, self.r
        kind = r.enum(f.get("kind"), LinkKind, f"{eid}.kind")
        srcs = r.sources(f.get("sources"), f"{eid}.sources")
        items = r.items(f.get("local_authorities"), f"{eid}.local_authorities")
        las = tuple(r.text(n, f"{eid}.local_authorities") for n in items)
        for la, item in zip(las, items, strict=True):
            why = la_code_problem(la, self.authorities.get(la, Period()), self.authorities)
            if why:
                r.fail(item, f"{eid}.local_authorities", la, why)
        if kind is None or "name" not in f:
            return None
        name, notes = r.text(f["name"], f"{eid}.name"), r.text(f.get("notes"), f"{eid}.notes")
        return LinkedArrangementRecord(eid, name, kind, las, srcs, notes)

    def overlaps(self, group: str) -> None:
        """An LA in two bodies of one group (or twice in one body) on the same day.

        Linear after sorting: each span of an LA is compared with the earlier span of that LA
        that reaches furthest (if any earlier span shares a day with it, that one does).
        """
        spans = sorted(
            (s for s in self.spans if s[0] == group),
            key=lambda s: (s[1], s[3].start or date.min, s[2]),
        )
        furthest: tuple[str, str, Period] | None = None  # la, where, period
        for _, la, where, period, node in spans:
            if furthest is not None and furthest[0] == la and period.overlaps(furthest[2]):
                self.r.fail(
                    node,
                    f"{where}.la",
                    la,
                    f"overlapping membership: {la} is also in {furthest[1]} over {furthest[2]}",
                )
            if furthest is None or furthest[0] != la or _reaches_further(period, furthest[2]):
                furthest = (la, where, period)


def _reaches_further(a: Period, b: Period) -> bool:
    """Whether ``a`` ends later than ``b`` (an open end is latest)."""
    return b.end is not None and (a.end is None or a.end > b.end)


def _two_las_share_a_day(members: Sequence[MembershipRecord]) -> bool:
    """Whether two different LAs of ``members`` are members on the same day (linear sweep).

    Sorted by start, a member shares a day with an earlier member of another LA exactly when it
    does with the one of those that reaches furthest; the two furthest-reaching members of
    different LAs are kept, so that one of them is always of another LA than the member.
    """
    order = sorted(members, key=lambda m: m.period.start or date.min)
    best: list[MembershipRecord] = []  # at most two, of different LAs, furthest-reaching first
    for m in order:
        other = next((b for b in best if b.la != m.la), None)
        if other is not None and m.period.overlaps(other.period):
            return True
        candidates = [m, *(b for b in best if b.la != m.la)]
        same = [b for b in best if b.la == m.la]
        if same and _reaches_further(same[0].period, m.period):
            candidates[0] = same[0]
        candidates.sort(key=lambda x: x.period.end or date.max, reverse=True)
        best = candidates[:2]
    return False


EntryParser = _Parser
"""Entries with ids and dated LA members, as the registry reads them (other registry files too)."""


def sections(r: _Reader, path: Path, names: Sequence[str]) -> dict[str, list[Node]]:
    """The top-level lists ``names`` of a registry file (the first one required)."""
    return _sections(r, path, names)


def _sections(r: _Reader, path: Path, names: Sequence[str]) -> dict[str, list[Node]]:
    root = r.compose(path)
    f = r.mapping(root, "(top level)", names, names[:1]) if root is not None else None
    return {k: r.items(v, k) for k, v in (f or {}).items()}


def load_registry(directory: Path, authorities: Mapping[str, Period]) -> Registry:
    """Read and validate ``directory``'s registry; raise one LoadError listing every problem
    (a bounded number of each kind: :class:`~loaders.problems.ProblemLog`)."""
    problems = ProblemLog()
    p = _Parser(_Reader(str(directory / PARTNERSHIPS_FILE), problems), authorities)
    tops = _sections(p.r, directory / PARTNERSHIPS_FILE, ("partnerships",))
    parts = [p.partnership(n, i) for i, n in enumerate(tops.get("partnerships", []))]
    p.overlaps("partnerships")
    p.r = _Reader(str(directory / BOARDS_FILE), problems)
    names = (
        "safeguarding_adults_boards",
        "all_age_partnerships",
        "child_death_overview_panels",
        "linked",
    )
    tops = _sections(p.r, directory / BOARDS_FILE, names)
    sabs = [p.board(n, i, names[0]) for i, n in enumerate(tops.get(names[0], []))]
    cdops = [p.board(n, i, names[2]) for i, n in enumerate(tops.get(names[2], []))]
    p.overlaps("sab")
    p.overlaps(BoardKind.CDOP.value)
    ages = [a for i, n in enumerate(tops.get(names[1], [])) if (a := p.all_age(n, i))]
    links = [p.linked(n, i) for i, n in enumerate(tops.get(names[3], []))]
    flagged = {x.id for x in parts if x is not None and x.all_age}
    for age, node in ages:
        if age.partnership not in flagged:
            p.r.fail(
                node,
                f"{age.partnership}.partnership",
                age.partnership,
                f"not a partnership with all_age: true in {PARTNERSHIPS_FILE}",
            )
    for pid in sorted(flagged - {age.partnership for age, _ in ages}):
        problems.append(
            Problem(
                str(directory / PARTNERSHIPS_FILE),
                None,
                f"{pid}.all_age",
                "true",
                f"all_age is true but {BOARDS_FILE} has no entry for it",
            )
        )
    problems.raise_if_any()
    return Registry(
        tuple(x for x in parts if x),
        tuple(x for x in sabs if x),
        tuple(x for x in cdops if x),
        tuple(age for age, _ in ages),
        tuple(x for x in links if x),
    )
