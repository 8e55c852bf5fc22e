"""Independent sums from the real files, for tests that check the program's answers: Census 2021
people and children (0-15) by LSOA, summed through the official lookups (LSOA -> district 2024,
district -> police force area 2024 and CSP, district -> upper tier 2023, LSOA -> sub-ICB location
2024 -> ICB 2026 through ``sicbl24_to_icb26.csv``). Read with the csv module only: none of the
project's loaders, so the sums do not share the program's mistakes."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from tests.data import shared


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@cache
def lsoa_people() -> dict[str, tuple[int, int]]:
    """LSOA 2021 -> (people, children aged 0-15), Census 2021."""
    rows = _rows(shared("geography", "pop_lsoa21_census2021_en_ons.csv"))
    return {r["lsoa21_code"]: (int(r["total_population"]), int(r["aged_0_15"])) for r in rows}


@cache
def lad_of_lsoa() -> dict[str, str]:
    rows = _rows(shared("geography", "lsoa21_lad24_en_ons.csv"))
    return {r["lsoa21_code"]: r["ltla24_code"] for r in rows}


@cache
def district_lookup() -> tuple[dict[str, str], dict[str, set[str]]]:
    """District 2024 -> police force area; district -> its CSPs."""
    pfa: dict[str, str] = {}
    csps: dict[str, set[str]] = defaultdict(set)
    for r in _rows(shared("geography", "lad24_csp24_pfa24_ew_ons.csv")):
        pfa[r["ltla24_code"]] = r["pfa24_code"]
        csps[r["ltla24_code"]].add(r["csp24_code"])
    return pfa, dict(csps)


@cache
def upper_of() -> dict[str, str]:
    """District 2023 -> upper-tier LA 2023."""
    rows = _rows(shared("geography", "ltla23_utla23_ew_ons.csv"))
    return {r["ltla23_code"]: r["utla23_code"] for r in rows}


@cache
def icb26_of_lsoa() -> dict[str, str]:
    """LSOA 2021 -> its ICB of April 2026 (the closed D4U1Y split by district, as the table)."""
    whole: dict[str, str] = {}
    parts: dict[tuple[str, str], str] = {}
    for r in _rows(shared("changes", "sicbl24_to_icb26.csv")):
        if r["lad24_cd"]:
            parts[(r["sicbl24_cd"], r["lad24_cd"])] = r["icb26_cd"]
        else:
            whole[r["sicbl24_cd"]] = r["icb26_cd"]
    lads = lad_of_lsoa()
    out = {}
    for r in _rows(shared("geography", "lsoa21_sicbl24_icb24_en_ons.csv")):
        s, lsoa = r["sicbl24_code"], r["lsoa21_code"]
        out[lsoa] = whole.get(s) or parts[(s, lads[lsoa])]
    return out


def people_in(districts: Iterable[str]) -> tuple[int, int]:
    """People and children of the LSOAs in ``districts`` (2024 codes)."""
    wanted = set(districts)
    people = children = 0
    lads = lad_of_lsoa()
    for lsoa, (n, c) in lsoa_people().items():
        if lads.get(lsoa) in wanted:
            people, children = people + n, children + c
    return people, children


def icb26_people() -> dict[str, int]:
    """People of each ICB of April 2026."""
    out: dict[str, int] = defaultdict(int)
    icbs = icb26_of_lsoa()
    for lsoa, (n, _) in lsoa_people().items():
        out[icbs[lsoa]] += n
    return dict(out)


def pfa_people() -> dict[str, int]:
    """People of each police force area (its districts' LSOAs)."""
    pfa, _ = district_lookup()
    out: dict[str, int] = defaultdict(int)
    lads = lad_of_lsoa()
    for lsoa, (n, _) in lsoa_people().items():
        out[pfa[lads[lsoa]]] += n
    return dict(out)
