"""ONS lookups, all of one shape: each row ties codes of several geographies together.

One parser serves every lookup format that :mod:`loaders.catalogue` recognises: it finds each
geography's code, ODS code and name columns whatever their spelling, checks every code, refuses
duplicate rows, and keeps England only. A row is England's when any of its codes is an English
GSS code; a row of Welsh, Scottish, Northern Irish or ONS pseudo codes (:func:`graph.codes.
nation_of`) is dropped; a code of no such form (``X07000066``, ``e07000066``) is refused, never
taken for another nation's. A file without a row for England is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress
from typing import TypeVar

from graph.codes import GSS_PREFIXES, NATION_FORMS, Scheme, nation_of, valid_code
from loaders.table import Table, logical

T = TypeVar("T")

# the geography that is unique per row, by format (a repeat is a duplicate row)
ROW_KEY: dict[str, tuple[str, ...]] = {
    "ltla_utla": ("lad",),
    "lad_cty": ("lad",),
    "lad_csp_pfa": ("lad", "csp"),
    "pfa_names": ("pfa",),
    "lsoa_ccg": ("lsoa",),
    "lsoa_icb": ("lsoa",),
    "sicbl_icb_nhser": ("sicbl",),
    "ccg_stp": ("ccg",),
    "ccg_names": ("ccg",),
    "lsoa_lad": ("lsoa",),
    "lad_rgn": ("lad",),
}


@dataclass(frozen=True, slots=True)
class Coded:
    """One geography's cell group in a row."""

    code: str
    name: str = ""
    ods: str = ""


@dataclass(frozen=True, slots=True)
class LookupRow:
    line: int
    values: dict[str, Coded]

    def __getitem__(self, geography: str) -> Coded:
        return self.values[geography]


@dataclass(frozen=True)
class Lookup:
    """A parsed lookup file: format, vintage year, rows (England only)."""

    file: str
    format: str
    vintage: int
    rows: tuple[LookupRow, ...]
    years: dict[str, int]  # geography -> four-digit year of its codes (LSOA 2011 or 2021, …)


def parse_lookup(table: Table, fmt: str, vintage: int) -> Lookup:
    """Parse any ONS lookup format; every bad cell of the file is reported in one error."""
    columns = table.logical_columns()
    geographies = sorted({g for g, f in columns if f == "code"})
    plan = [
        (
            geo,
            columns[(geo, "code")][0],
            columns[(geo, "ods")][0] if (geo, "ods") in columns else None,
            columns[(geo, "name")][0] if (geo, "name") in columns else None,
            GSS_PREFIXES.get(geo, ("E",)),
        )
        for geo in geographies
    ]
    key = ROW_KEY[fmt]
    years = {g: 2000 + y for (g, f), (_, y) in columns.items() if f == "code"}
    clean = _clean_rows(table, plan, key)
    if clean is not None:
        return Lookup(table.name, fmt, vintage, clean, years)
    seen: dict[tuple[str, ...], int] = {}
    # codes repeat on thousands of rows: check each distinct cell once, report it on every line
    checked: dict[tuple[str, str, str, str], Coded | list[tuple[str, str, str]]] = {}
    rows: list[LookupRow] = []
    nations: dict[str, str | None] = {}  # code -> nation_of(code), for codes seen before
    for line, row in table:  # the careful loop: every problem found and reported
        cells = [(col, row[col].strip()) for _, col, _, _, _ in plan]
        for code in (c for _, c in cells if c not in nations):
            nations[code] = nation_of(code)
        if not any(nations[c] == "E" for _, c in cells):
            # Wales, Scotland, Northern Ireland and pseudo rows are dropped; anything else is not
            # a code of any nation, and is refused rather than taken for one
            for column, code in cells:
                if nations[code] is None:
                    table.problem(line, column, code, f"not a GSS code ({NATION_FORMS})")
            continue
        values: dict[str, Coded] = {}
        for geo, code_col, ods_col, name_col, prefixes in plan:
            code = row[code_col].strip()
            ods = row[ods_col].strip() if ods_col else ""
            name = row[name_col].strip() if name_col else ""
            cell = (geo, code, ods, name)
            if cell not in checked:
                bad = []
                if not (valid_code(Scheme.GSS, code) and code.startswith(prefixes)):
                    want = "/".join(prefixes)
                    bad.append((code_col, code, f"not a GSS code of a {geo} ({want}…)"))
                if ods_col and not valid_code(Scheme.ODS, ods):
                    bad.append((ods_col, ods, "not an NHS ODS code"))
                checked[cell] = bad or Coded(code, name, ods)
            coded = checked[cell]
            if isinstance(coded, Coded):
                values[geo] = coded
            else:
                for column, value, message in coded:
                    table.problem(line, column, value, message)
        k = tuple(values[g].code if g in values else "" for g in key)
        if k in seen:
            table.problem(
                line,
                columns[(key[0], "code")][0],
                " / ".join(k),
                f"duplicate row (see line {seen[k]})",
                kind="duplicate",
            )
        seen[k] = line
        rows.append(LookupRow(line, values))
    if not rows and not table.problems:
        table.problem(None, None, None, f"no row for England: a {fmt} lookup needs them")
    table.raise_if_problems()
    return Lookup(table.name, fmt, vintage, tuple(rows), years)


def _clean_rows(
    table: Table,
    plan: list[tuple[str, str, str | None, str | None, tuple[str, ...]]],
    key: tuple[str, ...],
) -> tuple[LookupRow, ...] | None:
    """The rows :func:`parse_lookup` keeps, when the file has no problem at all; None at the
    first sign of one (the careful loop then finds and reports every problem). The same rows as
    that loop's, worked out a column at a time: each distinct cell is checked once.
    """
    n = len(table.records)
    blank = [""] * n
    by_geo: dict[str, tuple[list[str], list[str], list[str]]] = {}
    nation_columns: list[list[str | None]] = []
    checked: set[str] = set()  # geographies whose every code is English and of their prefixes
    for geo, code, ods, name, prefixes in plan:
        codes = table.column(code)
        by_geo[geo] = (
            codes,
            table.column(ods) if ods else blank,
            table.column(name) if name else blank,
        )
        if _all_of(codes, prefixes):
            checked.add(geo)
            nation_columns.append(["E"] * n)
            continue
        nations = {c: nation_of(c) for c in set(codes)}
        if None in nations.values():
            return None  # a code of no nation: refused on a row that is not England's
        nation_columns.append(list(map(nations.__getitem__, codes)))
    if len(checked) == len(plan):  # every row English: nothing to leave out
        english: list[bool] | None = None
    else:
        english = [("E" in row) for row in zip(*nation_columns, strict=True)]

    def kept(values: Iterable[T]) -> list[T]:
        return list(values) if english is None else list(compress(values, english))

    columns: list[list[Coded]] = []
    for geo, _, ods, _, prefixes in plan:
        cells = kept(zip(*by_geo[geo], strict=True))
        made: dict[tuple[str, str, str], Coded] = {}
        for cell in set(cells):
            code, ods_code, name = cell
            if geo not in checked and not (
                valid_code(Scheme.GSS, code) and code.startswith(prefixes)
            ):
                return None
            if ods and not valid_code(Scheme.ODS, ods_code):
                return None
            made[cell] = Coded(code, name, ods_code)
        columns.append(list(map(made.__getitem__, cells)))
    keys = list(zip(*(kept(by_geo[g][0]) for g in key), strict=True))
    if not keys or len(set(keys)) < len(keys):
        return None  # no row for England, or a duplicate row
    geos = tuple(geo for geo, *_ in plan)
    lines = kept(line for line, _ in table.records)
    return tuple(
        [
            LookupRow(line, dict(zip(geos, coded, strict=True)))
            for line, coded in zip(lines, zip(*columns, strict=True), strict=True)
        ]
    )


def _all_of(codes: list[str], prefixes: tuple[str, ...]) -> bool:
    """Whether every code is an English GSS code starting with one of ``prefixes`` (of three
    characters, so never a pseudo code), checked in one pass of the regular expression engine
    over the column (a code holding a line break is never taken for two).

    >>> _all_of(["E01000001", "E01000002"], ("E01",)), _all_of(["E01000001", "W01000001"], ("E01",))
    (True, False)
    """
    if not codes or any(len(p) != 3 or not p.startswith("E") for p in prefixes):
        return False
    text = "\n".join(codes)
    if text.count("\n") != len(codes) - 1:
        return False
    pattern = "(?:" + "|".join(re.escape(p) for p in prefixes) + r")\d{6}"
    return re.fullmatch(f"(?:{pattern}\n)*{pattern}", text) is not None


@dataclass(frozen=True, slots=True)
class ChainRow:
    line: int
    codes: dict[int, str]  # four-digit year -> LAD code that year


def parse_chain(table: Table) -> list[ChainRow]:
    """The LAD succession chain (one row per path through the years), England only."""
    years = []
    for col in table.header:
        lg = logical(col)
        if lg and lg[0] == "lad" and lg[2] == "code":
            years.append((2000 + lg[1], col))
    out = []
    for line, row in table:
        codes = {y: row[col].strip() for y, col in years}
        english = any(nation_of(c) == "E" for c in codes.values())
        for y, col in years:
            if nation_of(codes[y]) is None or (english and nation_of(codes[y]) != "E"):
                want = "an English GSS code" if english else f"a GSS code ({NATION_FORMS})"
                table.problem(line, col, codes[y], f"not {want}")
        if english:
            out.append(ChainRow(line, codes))
    if not out and not table.problems:
        table.problem(None, None, None, "no row for England: the district chain needs them")
    table.raise_if_problems()
    return out
