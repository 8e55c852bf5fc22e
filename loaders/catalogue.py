"""Which official file is which: formats are recognised by their columns, not their names.

Users download newer vintages under any file name, so a directory is scanned and each CSV is
classified by the geographies its columns hold (see :func:`loaders.table.logical`); the vintage
year is read from the columns too. Files of no known format are listed, not guessed at; a
``.csv`` that cannot be read (a directory, a link in a loop, not UTF-8 text) is a problem.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from graph.errors import LoadError, Problem
from loaders.table import logical, read_header

# formats recognised by the set of geographies whose codes a file carries
_BY_GEOGRAPHIES: dict[frozenset[str], str] = {
    frozenset({"lad", "utla"}): "ltla_utla",
    frozenset({"lad", "cty"}): "lad_cty",
    frozenset({"lad", "csp", "pfa"}): "lad_csp_pfa",
    frozenset({"pfa"}): "pfa_names",
    frozenset({"lsoa", "ccg", "lad"}): "lsoa_ccg",
    frozenset({"lsoa", "ccg", "stp", "lad"}): "lsoa_ccg",
    frozenset({"lsoa", "sicbl", "icb", "lad"}): "lsoa_icb",
    frozenset({"lsoa", "sicbl", "icb"}): "lsoa_icb",
    # ONS's April 2026 LSOA lookup also gives each LSOA's NHS England region
    frozenset({"lsoa", "sicbl", "icb", "nhser", "lad"}): "lsoa_icb",
    frozenset({"lsoa", "sicbl", "icb", "nhser"}): "lsoa_icb",
    frozenset({"sicbl", "icb", "nhser"}): "sicbl_icb_nhser",
    frozenset({"ccg", "stp"}): "ccg_stp",
    frozenset({"ccg", "stp", "nhser"}): "ccg_stp",
    frozenset({"ccg"}): "ccg_names",
    frozenset({"lsoa", "lad"}): "lsoa_lad",
    frozenset({"lad", "rgn"}): "lad_rgn",
}
# the geography whose year is the file's vintage
_VINTAGE_OF = {
    "ltla_utla": "utla",
    "lad_cty": "cty",
    "lad_csp_pfa": "pfa",
    "pfa_names": "pfa",
    "lsoa_ccg": "ccg",
    "lsoa_icb": "icb",
    "sicbl_icb_nhser": "icb",
    "ccg_stp": "ccg",
    "ccg_names": "ccg",
    "lsoa_lad": "lad",
    "lad_rgn": "lad",
    "pop_lsoa": "lsoa",
    "pop_lad": "lad",
    "lad_chain": "lad",
}


@dataclass(frozen=True, order=True)
class SourceFile:
    """A recognised file: its format, vintage (four-digit year, 0 if none) and path."""

    format: str
    vintage: int
    path: Path


def classify(header: list[str]) -> tuple[str, int] | None:
    """The (format, vintage year) of a file with this header, or None.

    >>> classify(["FID", "LSOA11CD", "LSOA11NM", "CCG19CD", "CCG19CDH", "CCG19NM", "LAD19CD"])
    ('lsoa_ccg', 2019)
    >>> classify(["lsoa21_code", "total_population", "aged_0_15"])
    ('pop_lsoa', 2021)
    >>> classify(["LSOA21CD", "SICBL26CD", "ICB26CD", "ICB26CDH", "NHSER26CD", "LAD26CD"])
    ('lsoa_icb', 2026)
    """
    cols = {h.strip().lower() for h in header}
    if {"local-authority-code", "gss-code", "official-name"} <= cols:
        return "mysociety_authorities", 0
    if cols == {"gss-code", "local-authority-code"}:
        return "mysociety_gss", 0
    if {"new_la_code", "old_la_code", "date_of_operation"} <= cols:
        return "dfe_las", 0
    years: dict[str, set[int]] = defaultdict(set)
    for h in header:
        lg = logical(h)
        if lg and lg[2] == "code":
            years[lg[0]].add(lg[1])
    if not years:
        return None
    if "change_code" in cols and "lsoa" in years:
        return "lsoa_bridge", 2000 + max(years["lsoa"])
    if len(years.get("lad", ())) >= 3:
        return "lad_chain", 2000 + max(years["lad"])
    geos = frozenset(years)
    if "total_population" in cols and len(geos) == 1:
        fmt = "pop_lsoa" if "lsoa" in geos else "pop_lad" if "lad" in geos else ""
    else:
        fmt = _BY_GEOGRAPHIES.get(geos, "")
    if not fmt:
        return None
    return fmt, 2000 + max(years[_VINTAGE_OF[fmt]])


def scan(directory: Path) -> tuple[list[SourceFile], list[Path], list[Problem]]:
    """The recognised files of ``directory`` in a stable order, the files not recognised, and
    the problems of the files that could not be read."""
    found: list[SourceFile] = []
    unknown: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.csv")):
        try:
            header = read_header(path)
        except LoadError as err:
            problems.extend(err.problems)
            continue
        kind = classify(header)
        if kind is None:
            unknown.append(path)
        else:
            found.append(SourceFile(kind[0], kind[1], path))
    return sorted(found), unknown, problems
