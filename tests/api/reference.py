"""Answers derived directly from the official files in ../shared/data/geography, to check the API."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from tests.data import GEOGRAPHY


def rows(name: str) -> list[dict[str, str]]:
    path = GEOGRAPHY / name
    if not path.is_file():
        pytest.skip(f"reference file {path} not found (../shared beside the repository)")
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def essex_icb_shares() -> dict[str, float]:
    """Essex's people by ICB (E54 code) as fractions: 2024 LSOA lookups and Census 2021."""
    districts = {
        r["ltla23_code"]
        for r in rows("ltla23_utla23_ew_ons.csv")
        if r["utla23_code"] == "E10000012"
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
