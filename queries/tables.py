"""The landscape on a date as flat tables, for pandas, spreadsheets and ``text/csv``.

One table per kind of thing: local authorities (with their partnership and population),
local authority shares (each LA's people in each police force area and health body), partnerships
(members and statutory partners), boards (SABs, HWBs, CDOPs, CSPs) and reviews. Each column has a
declared type (``string``, ``integer``, ``number``, ``boolean``, ``date``), written so that
``pandas.read_csv`` infers it: integers without separators, booleans as ``true``/``false``, an
unknown value as an empty cell; lists in a cell are separated by ``;``. Every figure of people says
its base (``children_ages``, ``population_base``), every share its whole (``share_of``); a share
under the default sliver threshold is flagged (``sliver``). Codes that look like numbers (DfE's
``881``) are codes: read them as text (``dtype=dtypes("local-authorities")`` in pandas).

>>> from datetime import date
>>> from loaders.landscape import bundled
>>> t = tables(bundled(), date(2024, 6, 1))["local-authorities"]
>>> t.columns[:3]
(('as_of', 'date'), ('code', 'string'), ('name', 'string'))
>>> row = next(r for r in t.rows if r["code"] == "E10000012")
>>> row["name"], row["partnership_name"], row["children_ages"]
('Essex County Council', 'Essex Safeguarding Children Board', '0-15')
>>> t.to_csv().splitlines()[0][:40]
'as_of,code,name,kind,dfe_code,mysociety_'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from graph.codes import Scheme
from graph.temporal import TemporalGraph
from ontology.vocabulary import BOARDS, Kind, Relation
from queries.coverage import check_date
from queries.footprint import PARTNERSHIP, Footprints, Pop, footprints
from queries.population_base import population_base
from queries.reviews import openness
from queries.sliver import DEFAULT_SLIVER, is_sliver

ColumnType = Literal["string", "integer", "number", "boolean", "date"]
TABLES = ("local-authorities", "local-authority-shares", "partnerships", "boards", "reviews")
"""The tables, by name (the CSV file of each is ``<name>.csv``)."""


@dataclass(frozen=True)
class Table:
    """Named, typed columns and rows (dicts keyed by column name)."""

    name: str
    columns: tuple[tuple[str, ColumnType], ...]
    rows: list[dict[str, Any]]

    def to_csv(self) -> str:
        """The table as RFC 4180 CSV text with a header row."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([c for c, _ in self.columns])
        for row in self.rows:
            writer.writerow([_cell(row.get(c)) for c, _ in self.columns])
        return out.getvalue()


def dtypes(name: str) -> dict[str, str]:
    """pandas dtypes of the text columns of table ``name``, for ``read_csv(dtype=...)``: the
    other columns are inferred right (integers, numbers, booleans).

    >>> dtypes("local-authorities")["dfe_code"]
    'string'
    """
    return {c: "string" for c, t in _COLUMNS[name] if t == "string"}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return str(value)


def tables(g: TemporalGraph, when: date) -> dict[str, Table]:
    """Every table of the landscape on ``when``, by name."""
    check_date(g, when)
    fp = footprints(g.at(when))
    return {name: make(fp, when) for name, make in _MAKERS.items()}


def table(g: TemporalGraph, when: date, name: str) -> Table:
    """One table by name; a :class:`KeyError` for a name not in :data:`TABLES`."""
    check_date(g, when)
    return _MAKERS[name](footprints(g.at(when)), when)


def _base(fp: Footprints) -> dict[str, Any]:
    base = population_base(fp)
    return {"children_ages": base.children_ages, "population_base": base.describe()}


def _code(fp: Footprints, node: str) -> str:
    return fp.ref(node).code


def _local_authorities(fp: Footprints, when: date) -> Table:
    rows = []
    for la in sorted(fp.upper, key=lambda i: _code(fp, i)):
        n = fp.view.node(la)
        pop = fp.la_population(la)
        covering = sorted(fp.covering.get(la, []))
        rows.append(
            {
                "as_of": when,
                "code": _code(fp, la),
                "name": n.name,
                "kind": n.kind,
                "dfe_code": n.code(Scheme.DFE, when),
                "mysociety_code": n.code(Scheme.MYSOCIETY, when),
                "partnership_id": covering[0].split(":", 1)[1] if covering else None,
                "partnership_name": fp.view.node(covering[0]).name if covering else None,
                "partnership_count": len(covering),
                "police_forces": [_code(fp, b) for b in _bodies(fp, la, "police")],
                "health_bodies": [_code(fp, b) for b in _bodies(fp, la, "health")],
                "population": pop.people,
                "children": pop.children,
                **_base(fp),
            }
        )
    return Table("local-authorities", _LA_COLUMNS, rows)


def _bodies(fp: Footprints, la: str, family: str) -> list[str]:
    parts = fp.shares([la], family)
    return sorted((b for b in parts if b), key=lambda b: (-parts[b].people, b))


def _local_authority_shares(fp: Footprints, when: date) -> Table:
    sliver = DEFAULT_SLIVER
    rows = []
    for la in sorted(fp.upper, key=lambda i: _code(fp, i)):
        whole = fp.la_population(la)
        for family in ("police", "health"):
            parts = fp.shares([la], family)
            for body in _bodies(fp, la, family):
                part = parts[body]
                rows.append(
                    {
                        "as_of": when,
                        "local_authority_code": _code(fp, la),
                        "local_authority_name": fp.view.node(la).name,
                        "family": family,
                        "body_code": _code(fp, body),
                        "body_name": fp.view.node(body).name,
                        "body_kind": fp.view.node(body).kind,
                        "population": part.people,
                        "share": _fraction(part.people, whole.people),
                        "children": part.children,
                        "children_share": _children_share(part, whole),
                        "sliver": is_sliver(_fraction(part.people, whole.people) or 0.0, sliver),
                        "share_of": "the local authority's people",
                        **_base(fp),
                    }
                )
    return Table("local-authority-shares", _SHARE_COLUMNS, rows)


def _fraction(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _children_share(part: Pop, whole: Pop) -> float | None:
    if part.children is None or not whole.children:
        return None
    return part.children / whole.children


def _partnerships(fp: Footprints, when: date) -> Table:
    rows = []
    for p in sorted(fp.view.nodes(PARTNERSHIP), key=lambda n: n.id):
        las = sorted(fp.members.get(p.id, []), key=lambda i: _code(fp, i))
        if not las:
            continue
        whole = Pop()
        for la in las:
            pop = fp.la_population(la)
            whole.add(pop.people, pop.children)
        police, health = fp.shares(las, "police"), fp.shares(las, "health")
        rows.append(
            {
                "as_of": when,
                "id": p.id.split(":", 1)[1],
                "name": p.name,
                "form": p.attrs.get("form"),
                "member_count": len(las),
                "members": [_code(fp, la) for la in las],
                "member_names": [fp.view.node(la).name for la in las],
                "police_forces": sorted(_code(fp, b) for b in police if b),
                "health_bodies": sorted(_code(fp, b) for b in health if b),
                "named_partners": sorted(
                    _code(fp, e.target) for e in fp.view.out(p.id, Relation.HAS_PARTNER)
                ),
                "population": whole.people,
                "children": whole.children,
                **_base(fp),
            }
        )
    return Table("partnerships", _PARTNERSHIP_COLUMNS, rows)


def _boards(fp: Footprints, when: date) -> Table:
    kinds = sorted(k.value for k in (*BOARDS, Kind.COMMUNITY_SAFETY_PARTNERSHIP))
    rows = []
    for b in sorted(fp.view.nodes(*kinds), key=lambda n: n.id):
        members = sorted(_code(fp, m) for m in fp.view.targets(b.id, Relation.HAS_MEMBER))
        rows.append(
            {
                "as_of": when,
                "id": b.id,
                "code": _code(fp, b.id),
                "name": b.name,
                "kind": b.kind,
                "member_count": len(members),
                "members": members,
                "valid_from": b.period.start,
                "valid_to": b.period.end,
            }
        )
    return Table("boards", _BOARD_COLUMNS, rows)


def _reviews(fp: Footprints, when: date) -> Table:
    rows = []
    for r in sorted(fp.view.nodes(Kind.REVIEW.value), key=lambda n: n.id):
        areas = sorted(_code(fp, a) for a in fp.view.targets(r.id, Relation.CONCERNS_AREA))
        rows.append(
            {
                "as_of": when,
                "id": r.id,
                "name": r.name,
                "review_kind": r.attrs.get("review_kind") or r.attrs.get("kind"),
                "status": r.attrs.get("status"),
                # dates as the source gives them (a day, a month or a year); empty: unknown
                "notified": r.attrs.get("notified"),
                "commissioned": r.attrs.get("commissioned"),
                "published": r.attrs.get("published"),
                "open_on_date": openness(r, when).value,
                "commissioned_by": sorted(
                    _code(fp, b) for b in fp.view.targets(r.id, Relation.COMMISSIONED_BY)
                ),
                "areas": areas,
                "source": "; ".join(p.source for p in r.provenance),
            }
        )
    return Table("reviews", _REVIEW_COLUMNS, rows)


_BASE_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("children_ages", "string"),
    ("population_base", "string"),
)
_LA_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("as_of", "date"),
    ("code", "string"),
    ("name", "string"),
    ("kind", "string"),
    ("dfe_code", "string"),
    ("mysociety_code", "string"),
    ("partnership_id", "string"),
    ("partnership_name", "string"),
    ("partnership_count", "integer"),
    ("police_forces", "string"),
    ("health_bodies", "string"),
    ("population", "integer"),
    ("children", "integer"),
    *_BASE_COLUMNS,
)
_SHARE_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("as_of", "date"),
    ("local_authority_code", "string"),
    ("local_authority_name", "string"),
    ("family", "string"),
    ("body_code", "string"),
    ("body_name", "string"),
    ("body_kind", "string"),
    ("population", "integer"),
    ("share", "number"),
    ("children", "integer"),
    ("children_share", "number"),
    ("sliver", "boolean"),
    ("share_of", "string"),
    *_BASE_COLUMNS,
)
_PARTNERSHIP_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("as_of", "date"),
    ("id", "string"),
    ("name", "string"),
    ("form", "string"),
    ("member_count", "integer"),
    ("members", "string"),
    ("member_names", "string"),
    ("police_forces", "string"),
    ("health_bodies", "string"),
    ("named_partners", "string"),
    ("population", "integer"),
    ("children", "integer"),
    *_BASE_COLUMNS,
)
_BOARD_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("as_of", "date"),
    ("id", "string"),
    ("code", "string"),
    ("name", "string"),
    ("kind", "string"),
    ("member_count", "integer"),
    ("members", "string"),
    ("valid_from", "date"),
    ("valid_to", "date"),
)
_REVIEW_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("as_of", "date"),
    ("id", "string"),
    ("name", "string"),
    ("review_kind", "string"),
    ("status", "string"),
    ("notified", "string"),
    ("commissioned", "string"),
    ("published", "string"),
    ("open_on_date", "string"),
    ("commissioned_by", "string"),
    ("areas", "string"),
    ("source", "string"),
)
_COLUMNS = {
    "local-authorities": _LA_COLUMNS,
    "local-authority-shares": _SHARE_COLUMNS,
    "partnerships": _PARTNERSHIP_COLUMNS,
    "boards": _BOARD_COLUMNS,
    "reviews": _REVIEW_COLUMNS,
}
_MAKERS: dict[str, Callable[[Footprints, date], Table]] = {
    "local-authorities": _local_authorities,
    "local-authority-shares": _local_authority_shares,
    "partnerships": _partnerships,
    "boards": _boards,
    "reviews": _reviews,
}
