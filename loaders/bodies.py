"""Parse ``registry/bodies.yaml``: national bodies, LSCBs and community safety partnerships.

These are the bodies reviews name that had no registry id: the Child Safeguarding Practice Review
Panel, the local safeguarding children boards of before 2019, the community safety partnerships
ONS does not list, and other names of those it does. The schema is ``registry/SCHEMA.md``; every
problem is collected and raised in one LoadError, as the rest of the registry is.

>>> import tempfile
>>> from datetime import date
>>> d = Path(tempfile.mkdtemp())
>>> _ = (d / "bodies.yaml").write_text('''
... national_bodies:
...   - id: panel
...     name: A Panel
...     from: 2018-06-29
...     sources: [{url: "https://example.org/p", confidence: quoted}]
... local_safeguarding_children_boards:
...   - id: x-lscb
...     name: X LSCB
...     members: [{la: E06000001, from: unknown, to: 2019-09-29}]
...     sources: [{url: "https://example.org/x", confidence: quoted}]
... ''')
>>> b = load_bodies(d, {"E06000001": Period(date(1996, 4, 1))})
>>> [n.id for n in b.national], b.lscbs[0].members[0].period
(['panel'], Period(start=None, end=datetime.date(2019, 9, 29)))
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import Node

from graph.codes import Scheme, valid_code
from graph.model import Period
from loaders.problems import ProblemLog
from loaders.registry import EntryParser, YamlReader, sections
from loaders.registry_records import MembershipRecord, Sources

BODIES_FILE = "bodies.yaml"
_SECTIONS = (
    "national_bodies",
    "local_safeguarding_children_boards",
    "community_safety_partnerships",
    "csp_names",
)


@dataclass(frozen=True, slots=True)
class NationalBodyRecord:
    id: str
    name: str
    period: Period
    sources: Sources
    aliases: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True, slots=True)
class BoardBodyRecord:
    """An LSCB or a community safety partnership: members are upper-tier LAs; ``districts``
    (a CSP's) are district GSS codes, checked against the graph when written."""

    id: str
    name: str
    members: tuple[MembershipRecord, ...]
    sources: Sources
    aliases: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True, slots=True)
class CspNamesRecord:
    """Other names of a community safety partnership that ONS lists (by its E22 code)."""

    code: str
    names: tuple[str, ...]
    sources: Sources


@dataclass(frozen=True, slots=True)
class Bodies:
    national: tuple[NationalBodyRecord, ...] = ()
    lscbs: tuple[BoardBodyRecord, ...] = ()
    csps: tuple[BoardBodyRecord, ...] = ()
    csp_names: tuple[CspNamesRecord, ...] = ()

    def ids(self) -> frozenset[str]:
        return frozenset(x.id for xs in (self.national, self.lscbs, self.csps) for x in xs)


def load_bodies(
    directory: Path, authorities: Mapping[str, Period], taken: Collection[str] = ()
) -> Bodies:
    """Read ``directory/bodies.yaml`` (none: no bodies); ids must not be among ``taken``."""
    path = directory / BODIES_FILE
    if not path.is_file():
        return Bodies()
    problems = ProblemLog()  # a bounded number of each kind
    r = YamlReader(str(path), problems)
    p = EntryParser(r, authorities)
    p.ids.update((i, "another registry file") for i in taken)
    tops = sections(r, path, _SECTIONS)
    national = []
    for i, node in enumerate(tops.get("national_bodies", [])):
        keys = ("id", "name", "aliases", "from", "to", "notes", "sources")
        got = p.entry(node, f"national_bodies[{i}]", keys, ("id", "name", "from", "sources"))
        if got is None:
            continue
        f, eid = got
        span = r.period(f, eid)
        if span is not None and "name" in f:
            national.append(
                NationalBodyRecord(
                    eid,
                    r.text(f["name"], f"{eid}.name"),
                    span[0],
                    r.sources(f.get("sources"), f"{eid}.sources"),
                    r.texts(f.get("aliases"), f"{eid}.aliases"),
                    r.text(f.get("notes"), f"{eid}.notes"),
                )
            )
    lscbs = [
        b
        for i, n in enumerate(tops.get(_SECTIONS[1], []))
        if (b := _board(p, n, f"{_SECTIONS[1]}[{i}]", "lscb"))
    ]
    p.overlaps("lscb")
    csps = [
        b
        for i, n in enumerate(tops.get(_SECTIONS[2], []))
        if (b := _board(p, n, f"{_SECTIONS[2]}[{i}]", "csp"))
    ]
    names = []
    for i, node in enumerate(tops.get("csp_names", [])):
        at = f"csp_names[{i}]"
        g = r.mapping(node, at, ("code", "names", "sources"), ("code", "names", "sources"))
        if g is None or "code" not in g:
            continue
        code = r.text(g["code"], f"{at}.code")
        if code and not valid_code(Scheme.GSS, code):
            r.fail(g["code"], f"{at}.code", code, "not a GSS code (e.g. E22000098)")
        srcs = r.sources(g.get("sources"), f"{code}.sources")
        names.append(CspNamesRecord(code, r.texts(g.get("names"), f"{code}.names"), srcs))
    problems.raise_if_any()
    return Bodies(tuple(national), tuple(lscbs), tuple(csps), tuple(names))


def _board(p: EntryParser, node: Node, at: str, group: str) -> BoardBodyRecord | None:
    r = p.r
    keys = ("id", "name", "aliases", "members", "districts", "notes", "sources")
    got = p.entry(node, at, keys, ("id", "name", "sources"))
    if got is None:
        return None
    f, eid = got
    srcs = r.sources(f.get("sources"), f"{eid}.sources")
    members = p.members(f.get("members"), eid, "members", srcs, group, True)
    districts = r.texts(f.get("districts"), f"{eid}.districts")
    for code in districts:
        if not valid_code(Scheme.GSS, code):
            r.fail(f["districts"], f"{eid}.districts", code, "not a GSS code (e.g. E07000171)")
    if not members and not districts:
        r.fail(node, f"{eid}.members", None, "give members (LAs) or districts")
    if "name" not in f:
        return None
    return BoardBodyRecord(
        eid,
        r.text(f["name"], f"{eid}.name"),
        members,
        srcs,
        r.texts(f.get("aliases"), f"{eid}.aliases"),
        districts,
        r.text(f.get("notes"), f"{eid}.notes"),
    )
