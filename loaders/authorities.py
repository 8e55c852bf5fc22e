"""Local authorities as organisations: mySociety's register and DfE's three-digit codes.

mySociety gives each council (current and former) a stable three-letter code, its GSS code, dates
and successors; DfE gives the children's-services codes and the 2025 Barnsley/Sheffield recode.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.codes import Scheme
from loaders.table import Table

# mySociety type -> what the authority is; other types (combined authorities, GLA) are not LAs
# that children's arrangements cover, and are not loaded.
ENGLISH_TYPES = ("CTY", "UA", "MD", "LBO", "CC", "NMD")
# DfE writes "x" for areas that had no DfE code (counties abolished in 2009).
NO_DFE_CODE = "x"
# mySociety's nations; a row of another (a typo) would otherwise drop out of England unseen
NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")


@dataclass(frozen=True, slots=True)
class AuthorityRecord:
    file: str
    line: int
    code: str  # mySociety three-letter code: the organisation's stable identity
    gss: str
    name: str
    type: str
    start: date | None
    end: date | None
    replaced_by: tuple[str, ...]
    county: str | None
    former_gss: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DfeRecord:
    file: str
    line: int
    gss: tuple[str, ...]  # more than one on a DfE joint reporting row
    name: str
    operation: date | None
    termination: date | None  # last day of operation, as DfE writes it
    region: str
    status: str
    dfe_codes: tuple[str, ...]

    @property
    def joint(self) -> bool:
        return len(self.gss) > 1


def parse_mysociety(table: Table) -> list[AuthorityRecord]:
    """England's councils from mySociety's register (CC-BY 4.0)."""
    cols = ("local-authority-code", "gss-code", "official-name", "nation")
    if not table.require(*cols, "local-authority-type", "start-date", "end-date", "replaced-by"):
        table.raise_if_problems()
    table.unique(("local-authority-code",))
    out = []
    for line, row in table:
        nation = row["nation"].strip()
        if nation not in NATIONS:
            table.problem(line, "nation", nation, f"not a nation: one of {', '.join(NATIONS)}")
            continue
        if nation != "England" or row["local-authority-type"] not in ENGLISH_TYPES:
            continue
        code = table.code(line, row, "local-authority-code", Scheme.MYSOCIETY)
        gss = table.code(line, row, "gss-code", Scheme.GSS)
        former = tuple(c.strip() for c in row.get("former-gss-codes", "").split(",") if c.strip())
        for f in former:
            if not f.startswith(("E", "W", "S", "N")) or len(f) != 9:
                table.problem(line, "former-gss-codes", f, "not a GSS code")
        out.append(
            AuthorityRecord(
                table.name,
                line,
                code,
                gss,
                table.text(line, row, "official-name"),
                row["local-authority-type"],
                table.date(line, row, "start-date"),
                table.date(line, row, "end-date"),
                tuple(c.strip() for c in row["replaced-by"].split(",") if c.strip()),
                row.get("county-la", "").strip() or None,
                former,
            )
        )
        _in_order(table, line, row, out[-1].start, out[-1].end, "start-date", "end-date")
    if not out and not table.problems:
        table.problem(None, "nation", None, "no English local authority in the file")
    table.raise_if_problems()
    return out


def _in_order(
    table: Table,
    line: int,
    row: dict[str, str],
    start: date | None,
    end: date | None,
    start_col: str,
    end_col: str,
) -> None:
    """Record a problem if ``end`` is before ``start``."""
    if start is not None and end is not None and end < start:
        table.problem(line, end_col, row[end_col].strip(), f"before {start_col} {start}")


def parse_mysociety_gss(table: Table) -> dict[str, str]:
    """GSS code (present or former) -> mySociety code."""
    table.require("gss-code", "local-authority-code")
    table.unique(("gss-code",))
    out = {}
    for line, row in table:
        gss = table.code(line, row, "gss-code", Scheme.GSS)
        out[gss] = table.code(line, row, "local-authority-code", Scheme.MYSOCIETY)
    table.raise_if_problems()
    return out


def parse_dfe(table: Table) -> list[DfeRecord]:
    """DfE's LA list; dates are dd/mm/yyyy. The British Forces row (``z``) is not an area."""
    if not table.require(
        "new_la_code", "la_name", "date_of_operation", "date_of_termination", "old_la_code"
    ):
        table.raise_if_problems()
    out = []
    for line, row in table:
        raw = row["new_la_code"].strip()
        if raw.lower() == "z":
            continue
        gss = tuple(c.strip() for c in raw.split("/"))
        codes = tuple(c.strip() for c in row["old_la_code"].split("/"))
        if codes == (NO_DFE_CODE,):
            continue  # areas DfE ended before it gave them codes (the 2009 unitary counties)
        for g in gss:
            if g[:1] != "E" or len(g) != 9:
                table.problem(line, "new_la_code", g, "not an English GSS code")
        for c in codes:
            if not (c.isdigit() and len(c) == 3):
                table.problem(line, "old_la_code", c, "not a three-digit DfE code")
        if len(gss) != len(codes):
            table.problem(line, "old_la_code", row["old_la_code"], "not one DfE code per GSS code")
        operation = table.date(line, row, "date_of_operation", "%d/%m/%Y")
        termination = table.date(line, row, "date_of_termination", "%d/%m/%Y")
        # the termination date is the last day of operation: the same day at the earliest
        _in_order(
            table, line, row, operation, termination, "date_of_operation", "date_of_termination"
        )
        out.append(
            DfeRecord(
                table.name,
                line,
                gss,
                row["la_name"].strip(),
                operation,
                termination,
                row.get("parent_geography_code", "").strip(),
                row.get("status", "").strip(),
                codes,
            )
        )
    if not out and not table.problems:
        table.problem(None, "new_la_code", None, "no local authority in the file")
    table.raise_if_problems()
    return out
