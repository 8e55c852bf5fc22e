"""Answers derived directly from the source files, to check what is built from them: the official
files in ../shared/data/geography, and the registry's YAML read as plain YAML (not through
``loaders.registry``).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from functools import cache
from typing import Any

import yaml

from tests.data import ROOT, shared

BUCKS_COUNTY, BUCKS_UNITARY, BUCKS_VESTING = "E10000002", "E06000060", date(2020, 4, 1)


@cache
def rows(name: str) -> list[dict[str, str]]:
    with shared("geography", name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def icb_shares(utla: str) -> dict[str, float]:
    """An upper-tier LA's people by ICB (E54 code) as fractions: 2024 LSOA lookups, Census 2021."""
    districts = {
        r["ltla23_code"] for r in rows("ltla23_utla23_ew_ons.csv") if r["utla23_code"] == utla
    }
    lsoas = {
        r["lsoa21_code"] for r in rows("lsoa21_lad24_en_ons.csv") if r["ltla24_code"] in districts
    }
    icb = {r["lsoa21_code"]: r["icb24_code"] for r in rows("lsoa21_sicbl24_icb24_en_ons.csv")}
    people: dict[str, int] = defaultdict(int)
    for r in rows("pop_lsoa21_census2021_en_ons.csv"):
        if r["lsoa21_code"] in lsoas:
            people[icb[r["lsoa21_code"]]] += int(r["total_population"])
    total = sum(people.values())
    return {code: n / total for code, n in people.items()}


def met_boroughs() -> set[str]:
    """The LAs policed by the Metropolitan Police (E23000001), from the 2024 CSP/PFA lookup."""
    return {
        r["ltla24_code"]
        for r in rows("lad24_csp24_pfa24_ew_ons.csv")
        if r["pfa24_code"] == "E23000001"
    }


def cumbria_districts() -> dict[str, str]:
    """Cumbria's districts before 2023 (code -> name), from the 2021 LTLA/UTLA lookup."""
    return {
        r["ltla21_code"]: r["ltla21_name"]
        for r in rows("ltla21_utla21_ew_ons.csv")
        if r["utla21_code"] == "E10000006"
    }


def population(districts: set[str]) -> int:
    """Census 2021 people in the given 2024 district-level LAs."""
    lsoas = {
        r["lsoa21_code"] for r in rows("lsoa21_lad24_en_ons.csv") if r["ltla24_code"] in districts
    }
    return sum(
        int(r["total_population"])
        for r in rows("pop_lsoa21_census2021_en_ons.csv")
        if r["lsoa21_code"] in lsoas
    )


# -- the upper tier --------------------------------------------------------------------------------


@cache
def _utlas(name: str, column: str) -> frozenset[str]:
    return frozenset(r[column] for r in rows(name) if r[column].startswith("E"))


def upper_tier(when: date) -> frozenset[str]:
    """The GSS codes of England's upper-tier LAs on ``when``, from the ONS lookups of 2019, 2021
    and 2023 (the 2019 file still has Buckinghamshire County, a unitary from 2020-04-01)."""
    if when >= date(2023, 4, 1):
        return _utlas("ltla23_utla23_ew_ons.csv", "utla23_code")
    if when >= date(2021, 4, 1):
        return _utlas("ltla21_utla21_ew_ons.csv", "utla21_code")
    y19 = _utlas("ltla19_utla19_ew_ons.csv", "UTLA19CD")
    return (y19 - {BUCKS_COUNTY}) | {BUCKS_UNITARY} if when >= BUCKS_VESTING else y19


# -- the registry, as plain YAML -------------------------------------------------------------------


@cache
def registry_file(name: str) -> Any:
    """``registry/<name>`` as YAML gives it (dates as dates, ``unknown`` as text)."""
    return yaml.safe_load((ROOT / "registry" / name).read_text(encoding="utf-8"))


def _holds(entry: dict[str, Any], when: date) -> bool:
    """Whether a member (or an all-age entry) holds on ``when``: ``from`` unknown is always."""
    start, end = entry.get("from"), entry.get("to")
    return (not isinstance(start, date) or start <= when) and (end is None or when < end)


def partnerships_on(when: date) -> set[str]:
    """Ids of the children's partnerships with a member on ``when``."""
    return {
        p["id"]
        for p in registry_file("childrens_partnerships.yaml")["partnerships"]
        if any(_holds(m, when) for m in p["members"])
    }


def joint_sab_members(when: date) -> set[str]:
    """GSS codes of the LAs in a recorded joint safeguarding adults board on ``when``."""
    boards = registry_file("boards.yaml")["safeguarding_adults_boards"]
    return {m["la"] for b in boards for m in b["members"] if _holds(m, when)}


def all_age_members(when: date) -> set[str]:
    """GSS codes of the LAs whose children's partnership is also their SAB on ``when``."""
    partnerships = {
        p["id"]: p for p in registry_file("childrens_partnerships.yaml")["partnerships"]
    }
    return {
        m["la"]
        for a in registry_file("boards.yaml")["all_age_partnerships"]
        if _holds(a, when)
        for m in partnerships[a["partnership"]]["members"]
        if _holds(m, when)
    }


def cdop_members() -> set[str]:
    """GSS codes of the LAs in a recorded child death overview panel (the list is partial)."""
    panels = registry_file("boards.yaml")["child_death_overview_panels"]
    return {m["la"] for c in panels for m in c["members"]}
