"""The change tables: what happened or was decided after the last official lookup, row by row.

Three tables are read from a changes folder (``../shared/data/changes`` by default), each
recognised by its columns, not its name (:func:`classify`):

- ``icb_successions``: predecessor -> successor ICB pairs with a date and a kind (merger, split,
  acquisition), e.g. the 16 pairs of 1 April 2026;
- ``sicbl_successions``: every sub-ICB location of one vintage -> its sub-ICB location, ICB and
  NHS England region of a later one (``sicbl24_*`` -> ``sicbl26_*``: the years come from the
  columns); a closed sub-ICB location has one row per district it is split by;
- ``structural_changes``: local government structural changes made by an order, one row per
  predecessor authority (``change_id``, ``vesting_date``, ``new_council``, ``predecessor_gss``).

A fourth kind, council proposals (``proposal_id``, ``member_code``, ...), is recognised and left
out of the landscape: proposals are what-ifs (:mod:`queries.impact`), never facts.

Every row keeps its file and line; every bad cell of every table is reported together, with
file, line, column and value, and a missing table is refused by name.

>>> classify(["change_id", "vesting_date", "new_council", "new_council_gss", "predecessor_gss"])
'structural_changes'
>>> classify(["sicbl24_cd", "sicbl24_cdh", "sicbl26_cd", "sicbl26_cdh", "icb26_cd", "change"])
'sicbl_successions'
>>> classify(["what", "why"]) is None
True
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from graph.codes import GSS_PREFIXES, Scheme, valid_code
from graph.errors import LoadError, Problem
from graph.model import Confidence
from loaders.change_records import ChangeTables, IcbSuccession, SicblSuccession, StructuralChange
from loaders.table import Table, read_table

__all__ = [
    "ChangeTables",
    "IcbSuccession",
    "SicblSuccession",
    "StructuralChange",
    "classify",
    "read_changes",
]

REQUIRED = ("icb_successions", "sicbl_successions", "structural_changes")
"""The tables a build needs; a changes folder without one of them is refused."""

DESCRIBED = {
    "icb_successions": "ICB successions (predecessor_ods, successor_ods, date, kind, ...)",
    "sicbl_successions": "sub-ICB successions (sicblYY_cd, sicblZZ_cd, icbZZ_cd, change, ...)",
    "structural_changes": "structural changes (change_id, vesting_date, new_council, ...)",
}

ICB_KINDS = ("merger", "split", "acquisition")
SICBL_CHANGES = ("unchanged", "icb_changed", "icb_recoded", "boundary_changed", "closed_split")
MADE = "made"
"""A structural change is decided once its order is made: the ``status`` cell starts with it."""

_FAMILY = re.compile(r"^([a-z]+)(\d\d)_(cd|cdh|nm)$")


def _families(header: list[str]) -> dict[str, set[int]]:
    """Geography -> the four-digit years of its ``<geo><yy>_cd`` columns."""
    out: dict[str, set[int]] = {}
    for h in header:
        m = _FAMILY.match(h.strip().lower())
        if m and m.group(3) == "cd":
            out.setdefault(m.group(1), set()).add(2000 + int(m.group(2)))
    return out


def classify(header: list[str]) -> str | None:
    """The kind of change table with this header, or None."""
    cols = {h.strip().lower() for h in header}
    if {"predecessor_ods", "successor_ods", "date", "kind"} <= cols:
        return "icb_successions"
    if {"change_id", "vesting_date", "new_council", "predecessor_gss"} <= cols:
        return "structural_changes"
    if {"proposal_id", "member_code", "new_council_working_name"} <= cols:
        return "lgr_proposals"
    fam = _families(header)
    if "change" in cols and len(fam.get("sicbl", ())) == 2 and fam.get("icb"):
        return "sicbl_successions"
    return None


class _Rows:
    """Cell readers over one table that record every bad value as a problem."""

    def __init__(self, table: Table) -> None:
        self.t = table

    def gss(
        self, line: int, row: dict[str, str], col: str, geo: str, optional: bool = False
    ) -> str:
        value = (row.get(col) or "").strip()
        if optional and not value:
            return ""
        prefixes = GSS_PREFIXES.get(geo, ("E",))
        if not (valid_code(Scheme.GSS, value) and value.startswith(prefixes)):
            self.t.problem(line, col, value, f"not a GSS code of a {geo} ({'/'.join(prefixes)}…)")
        return value

    def ods(self, line: int, row: dict[str, str], col: str) -> str:
        return self.t.code(line, row, col, Scheme.ODS)

    def choice(self, line: int, row: dict[str, str], col: str, allowed: tuple[str, ...]) -> str:
        value = (row.get(col) or "").strip()
        if value not in allowed:
            self.t.problem(line, col, value, f"not one of {', '.join(allowed)}")
        return value

    def confidence(self, line: int, row: dict[str, str]) -> Confidence:
        value = (row.get("confidence") or "").strip()
        try:
            return Confidence(value)
        except ValueError:
            allowed = ", ".join(c.value for c in Confidence)
            self.t.problem(line, "confidence", value, f"not one of {allowed}")
            return Confidence.QUOTED

    def day(self, line: int, row: dict[str, str], col: str) -> date:
        value = self.t.date(line, row, col)
        if value is None:
            if not (row.get(col) or "").strip():
                self.t.problem(line, col, "", "empty value: a date (YYYY-MM-DD) is needed")
            return date.min
        return value


def _icb_successions(t: Table) -> list[IcbSuccession]:
    cols = ["predecessor_ods", "predecessor_gss", "predecessor_name", "successor_ods"]
    cols += ["successor_gss", "successor_name", "date", "kind", "source", "confidence"]
    if not t.require(*cols):
        t.raise_if_problems()
    t.unique(("predecessor_ods", "successor_ods"))
    r, out = _Rows(t), []
    for line, row in t:
        out.append(
            IcbSuccession(
                t.name,
                line,
                r.ods(line, row, "predecessor_ods"),
                r.gss(line, row, "predecessor_gss", "icb"),
                t.text(line, row, "predecessor_name"),
                r.ods(line, row, "successor_ods"),
                r.gss(line, row, "successor_gss", "icb"),
                t.text(line, row, "successor_name"),
                r.day(line, row, "date"),
                r.choice(line, row, "kind", ICB_KINDS),
                t.text(line, row, "source"),
                r.confidence(line, row),
                (row.get("note") or "").strip(),
            )
        )
    dates = {s.date for s in out}
    if len(dates) > 1:
        t.problem(None, "date", ", ".join(sorted(map(str, dates))), "one date per table expected")
    t.raise_if_problems()
    return out


def _sicbl_successions(t: Table) -> tuple[list[SicblSuccession], tuple[int, int]]:
    fam = _families(t.header)
    old, new = sorted(fam["sicbl"])
    o, n = f"{old % 100:02d}", f"{new % 100:02d}"
    cols = [f"sicbl{o}_cd", f"sicbl{o}_cdh", f"icb{o}_cdh", f"sicbl{n}_cd", f"sicbl{n}_cdh"]
    cols += [f"sicbl{n}_nm", f"icb{n}_cd", f"icb{n}_cdh", f"icb{n}_nm", f"nhser{n}_cd"]
    cols += [f"nhser{n}_cdh", f"nhser{n}_nm", f"lad{o}_cd", "change", "source", "confidence"]
    count_col = next((c for c in t.header if re.match(r"^lsoa\d\d_count$", c)), "lsoa21_count")
    pop_col = next((c for c in t.header if c.endswith("_pop")), "census2021_pop")
    if not t.require(*cols, count_col, pop_col):
        t.raise_if_problems()
    t.unique((f"sicbl{o}_cd", f"lad{o}_cd"))
    r, out = _Rows(t), []
    for line, row in t:
        change = r.choice(line, row, "change", SICBL_CHANGES)
        lad = r.gss(line, row, f"lad{o}_cd", "lad", optional=True)
        if change == "closed_split" and not lad:
            t.problem(line, f"lad{o}_cd", "", "a closed_split row names the district it covers")
        if change != "closed_split" and lad:
            t.problem(line, f"lad{o}_cd", lad, "only a closed_split row names a district")
        out.append(
            SicblSuccession(
                t.name,
                line,
                r.ods(line, row, f"sicbl{o}_cdh"),
                r.gss(line, row, f"sicbl{o}_cd", "sicbl"),
                r.ods(line, row, f"icb{o}_cdh"),
                lad or None,
                t.integer(line, row, count_col),
                t.integer(line, row, pop_col),
                r.gss(line, row, f"sicbl{n}_cd", "sicbl"),
                r.ods(line, row, f"sicbl{n}_cdh"),
                t.text(line, row, f"sicbl{n}_nm"),
                r.gss(line, row, f"icb{n}_cd", "icb"),
                r.ods(line, row, f"icb{n}_cdh"),
                t.text(line, row, f"icb{n}_nm"),
                r.gss(line, row, f"nhser{n}_cd", "nhser"),
                r.ods(line, row, f"nhser{n}_cdh"),
                t.text(line, row, f"nhser{n}_nm"),
                change,
                t.text(line, row, "source"),
                r.confidence(line, row),
                (row.get("note") or "").strip(),
            )
        )
    t.raise_if_problems()
    return out, (old, new)


def _structural(t: Table) -> list[StructuralChange]:
    cols = ["change_id", "order_title", "si_number", "order_url", "made", "vesting_date"]
    cols += ["new_council", "new_council_gss", "predecessor_gss", "predecessor_name"]
    cols += ["predecessor_type", "relationship", "status", "source", "confidence"]
    if not t.require(*cols):
        t.raise_if_problems()
    t.unique(("change_id", "new_council", "predecessor_gss"))
    r, out = _Rows(t), []
    for line, row in t:
        change_id = t.code(line, row, "change_id", Scheme.REGISTRY)
        status = t.text(line, row, "status")
        if status and not status.lower().startswith(MADE):
            t.problem(line, "status", status, "not a made order: only decided changes belong here")
        out.append(
            StructuralChange(
                t.name,
                line,
                change_id,
                t.text(line, row, "order_title"),
                t.text(line, row, "si_number"),
                t.text(line, row, "order_url"),
                (row.get("made") or "").strip(),
                r.day(line, row, "vesting_date"),
                t.text(line, row, "new_council"),
                r.gss(line, row, "new_council_gss", "utla", optional=True) or None,
                _la_gss(r, line, row),
                t.text(line, row, "predecessor_name"),
                t.text(line, row, "predecessor_type"),
                t.text(line, row, "relationship"),
                status,
                t.text(line, row, "source"),
                r.confidence(line, row),
                (row.get("note") or "").strip(),
            )
        )
    for cid in sorted({s.change_id for s in out}):
        rows = [s for s in out if s.change_id == cid]
        vestings = {s.vesting for s in rows if s.vesting != date.min}  # bad cells: reported
        if len(vestings) > 1:
            shown = ", ".join(map(str, sorted(vestings)))
            t.problem(rows[0].line, "vesting_date", shown, f"{cid}: one vesting date per change")
    t.raise_if_problems()
    return out


def _la_gss(r: _Rows, line: int, row: dict[str, str]) -> str:
    """A predecessor's GSS code: a district (E06-E09) or a county (E10)."""
    value = (row.get("predecessor_gss") or "").strip()
    allowed = (*GSS_PREFIXES["lad"], *GSS_PREFIXES["utla"])
    if not (valid_code(Scheme.GSS, value) and value.startswith(allowed)):
        r.t.problem(line, "predecessor_gss", value, "not the GSS code of a local authority")
    return value


def read_changes(folder: Path) -> ChangeTables:
    """Parse the change tables of ``folder``; every problem of every table is raised together."""
    if not folder.is_dir():
        raise LoadError([Problem(str(folder), None, None, None, "no such folder of change tables")])
    tables = ChangeTables(folder)
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.csv")):
        try:
            table = read_table(path)
        except LoadError as err:
            problems.extend(err.problems)
            continue
        kind = classify(table.header)
        if kind is None:
            tables.unknown.append(path.name)
            continue
        if kind in tables.files:
            problems.append(
                Problem(path.name, 1, None, None, f"a second {kind} table ({tables.files[kind]})")
            )
            continue
        tables.files[kind] = path.name
        try:
            table.raise_if_problems()
            if kind == "icb_successions":
                tables.icb_successions = _icb_successions(table)
            elif kind == "sicbl_successions":
                tables.sicbl_successions, tables.sicbl_years = _sicbl_successions(table)
            elif kind == "structural_changes":
                tables.structural = _structural(table)
            else:
                tables.not_applied.append(path.name)
        except LoadError as err:
            problems.extend(err.problems)
    for kind in REQUIRED:
        if kind not in tables.files:
            others = ", ".join(tables.unknown) or "none"
            problems.append(
                Problem(
                    folder.name,
                    None,
                    None,
                    None,
                    f"no {DESCRIBED[kind]} table (files of no known kind: {others})",
                )
            )
    if problems:
        raise LoadError(problems)
    return tables
