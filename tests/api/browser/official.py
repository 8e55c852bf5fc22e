"""The answers the browser tests expect, read straight from the official files in ../shared/data.

Independent of the program: plain ``csv`` over the ONS lookups and mySociety's register.
"""

from __future__ import annotations

import csv
from collections import defaultdict

from tests.data import shared


def rows(name: str) -> list[dict[str, str]]:
    """The rows of a file, its column names in lower case (the 2019 files write LTLA19CD)."""
    with shared("geography", name).open(encoding="utf-8-sig", newline="") as f:
        return [{k.lower(): v for k, v in r.items()} for r in csv.DictReader(f)]


def _col(vintage: int, tier: str, what: str) -> str:
    return (
        f"{tier}{vintage}cd"
        if vintage == 19 and what == "code"
        else (f"{tier}{vintage}nm" if vintage == 19 else f"{tier}{vintage}_{what}")
    )


def upper_tier(vintage: int) -> dict[str, str]:
    """England's upper-tier LAs of a lookup vintage (19, 21 or 23): code -> ONS name."""
    code, name = _col(vintage, "utla", "code"), _col(vintage, "utla", "name")
    return {
        r[code]: r[name]
        for r in rows(f"ltla{vintage}_utla{vintage}_ew_ons.csv")
        if r[code].startswith("E")
    }


def districts_of(upper: str, vintage: int = 23) -> set[str]:
    lower, code = _col(vintage, "ltla", "code"), _col(vintage, "utla", "code")
    return {r[lower] for r in rows(f"ltla{vintage}_utla{vintage}_ew_ons.csv") if r[code] == upper}


def official_names() -> dict[str, str]:
    """GSS code (current or former) -> mySociety's official name of the council."""
    out: dict[str, str] = {}
    for r in rows("la_uk_local_authorities_mysociety.csv"):
        for code in [r["gss-code"], *r["former-gss-codes"].replace(";", ",").split(",")]:
            if code.strip():
                out.setdefault(code.strip(), r["official-name"])
    return out


def icbs_of(upper: str) -> set[str]:
    """Names of the ICBs with people of an upper-tier LA in the April 2024 LSOA lookups."""
    districts = districts_of(upper)
    lsoas = {
        r["lsoa21_code"] for r in rows("lsoa21_lad24_en_ons.csv") if r["ltla24_code"] in districts
    }
    return {
        r["icb24_name"]
        for r in rows("lsoa21_sicbl24_icb24_en_ons.csv")
        if r["lsoa21_code"] in lsoas
    }


def ccg_districts_2021() -> dict[str, tuple[str, set[str], bool]]:
    """CCG (April 2021) code -> (name, its districts, whether it covers each of them whole)."""
    by_ccg: dict[str, set[str]] = defaultdict(set)
    ccgs_of: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for r in rows("lsoa11_ccg21_stp21_lad21_en_ons.csv"):
        by_ccg[r["ccg21_code"]].add(r["ltla21_code"])
        ccgs_of[r["ltla21_code"]].add(r["ccg21_code"])
        names[r["ccg21_code"]] = r["ccg21_name"]
    return {c: (names[c], ds, all(ccgs_of[d] == {c} for d in ds)) for c, ds in by_ccg.items()}
