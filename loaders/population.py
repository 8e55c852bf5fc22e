"""Population for weighting: LSOA estimates (2011 and 2021 geographies) and the LSOA bridge.

The 2011-geography file (mid-2020 estimates) has ages 0-17; the Census 2021 file has no 0-17
band, so its children are ages 0-15 and are labelled so: a share of "children" always says which.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.codes import NATION_FORMS, Scheme, nation_of
from loaders.table import Table

# children's age band by the column that gives it, in order of preference
CHILD_COLUMNS = (("pop_0_17", "0-17"), ("aged_0_15", "0-15"))


@dataclass(frozen=True)
class Population:
    """Population per area code, with children in the band ``children_ages`` (or None)."""

    file: str
    vintage: int
    total: dict[str, int]
    children: dict[str, int]
    children_ages: str | None


def parse_population(table: Table, vintage: int) -> Population:
    code_col = next(
        (c for c in table.header if c.lower().endswith(("_code", "cd")) and "lsoa" in c.lower()),
        None,
    ) or next((c for c in table.header if c.lower().endswith("_code")), None)
    if code_col is None or not table.require("total_population"):
        table.problem(1, None, None, "no area code column")
        table.raise_if_problems()
    assert code_col is not None
    child_col, ages = next(((c, a) for c, a in CHILD_COLUMNS if c in table.header), (None, None))
    clean = _clean_counts(table, code_col, child_col)
    if clean is not None:
        return Population(table.name, vintage, *clean, ages)
    table.unique((code_col,))
    total: dict[str, int] = {}
    children: dict[str, int] = {}
    for line, row in table:
        code = row[code_col].strip()
        nation = nation_of(code)
        if nation is None:
            table.problem(line, code_col, code, f"not a GSS code ({NATION_FORMS})")
            continue
        if nation != "E":
            continue  # Wales, Scotland, Northern Ireland, pseudo codes
        table.code(line, row, code_col, Scheme.GSS)
        known = table.problems.found
        total[code] = table.integer(line, row, "total_population")
        if child_col:
            children[code] = table.integer(line, row, child_col)
            if table.problems.found == known and children[code] > total[code]:
                table.problem(line, child_col, row[child_col], "more children than people")
    if not total and not table.problems:
        table.problem(None, code_col, None, "no row for England: population is needed for it")
    table.raise_if_problems()
    return Population(table.name, vintage, total, children, ages)


def _clean_counts(
    table: Table, code_col: str, child_col: str | None
) -> tuple[dict[str, int], dict[str, int]] | None:
    """The totals and children of :func:`parse_population` when the file has no problem at all;
    None at the first sign of one (the careful loop then reports every problem). A column at a
    time, with the same rules: whole counts, not negative, no more children than people."""
    codes = table.column(code_col)
    nations = {c: nation_of(c) for c in set(codes)}
    if len(nations) < len(codes) or None in nations.values():
        return None  # a duplicate row, or a code of no nation
    people = table.column("total_population")
    kids = table.column(child_col) if child_col else [""] * len(codes)
    total: dict[str, int] = {}
    children: dict[str, int] = {}
    for code, n, c in zip(codes, people, kids, strict=True):
        if nations[code] != "E":
            continue
        if not (n.isdigit() and n.isascii()) or (child_col and not (c.isdigit() and c.isascii())):
            return None  # not a plain whole number: the careful loop reads or refuses it
        total[code] = int(n)
        if child_col:
            children[code] = int(c)
            if children[code] > total[code]:
                return None
    return (total, children) if total else None


@dataclass(frozen=True)
class Bridge:
    """LSOA 2011 -> LSOA 2021 pairs with ONS's change code (U, S, M, X)."""

    file: str
    pairs: tuple[tuple[str, str, str], ...]


def parse_bridge(table: Table) -> Bridge:
    table.require("lsoa11_code", "lsoa21_code", "change_code")
    table.raise_if_problems()
    if not table.rows:
        table.problem(None, None, None, "no rows: the LSOA bridge needs them")
    table.unique(("lsoa11_code", "lsoa21_code"))
    pairs = []
    for line, row in table:
        a = table.code(line, row, "lsoa11_code", Scheme.GSS)
        b = table.code(line, row, "lsoa21_code", Scheme.GSS)
        change = row["change_code"].strip()
        if change not in ("U", "S", "M", "X"):
            table.problem(line, "change_code", change, "not one of U, S, M, X")
        pairs.append((a, b, change))
    table.raise_if_problems()
    return Bridge(table.name, tuple(pairs))
