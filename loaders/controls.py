"""Known quirks of the official files and the dates they take effect: dated, commented control data.

Kept out of the parsers (MapIt's ``controls/`` habit) so that a reviewer sees every modelling
decision about the sources in one place.
"""

from __future__ import annotations

from datetime import date

DATA_START = date(2019, 4, 1)
"""The earliest date the bundled files describe (LAD19, CCG19 lookups of 1 April 2019)."""

# When a lookup of a given vintage takes effect. ONS lookups describe the geography of 1 April of
# their year, except where the bodies themselves came into being on another day.
DEFAULT_EFFECTIVE_MONTH_DAY = (4, 1)
EFFECTIVE_DATES: dict[tuple[str, int], date] = {
    # 2022: ICBs and sub-ICB locations were established on 1 July 2022 (Health and Care Act 2022);
    # the July 2022 lookup describes that day, and CCGs lasted until 30 June 2022.
    ("lsoa_icb", 2022): date(2022, 7, 1),
}


def effective(fmt: str, vintage: int) -> date:
    """The day a lookup of ``fmt`` and four-digit ``vintage`` describes.

    >>> effective("lsoa_ccg", 2019), effective("lsoa_icb", 2022)
    (datetime.date(2019, 4, 1), datetime.date(2022, 7, 1))
    """
    month, day = DEFAULT_EFFECTIVE_MONTH_DAY
    return EFFECTIVE_DATES.get((fmt, vintage), date(vintage, month, day))


# mySociety's end-date is not consistent (checked July 2025 vintage): the 2019-2020 abolitions give
# the day before vesting (2019-03-31), the 2021 and 2023 ones the vesting day itself (2021-04-01).
# The half-open end used in the graph is the successor's start date; an end-date that is neither
# that day nor the day before is refused as an inconsistent file.
MYSOCIETY_END_IS_LAST_DAY_BEFORE = date(2021, 1, 1)

# Authorities that mySociety types as unitary or "CC" but that are sui generis in law.
SUI_GENERIS_GSS = frozenset({"E06000053", "E09000001"})  # Isles of Scilly, City of London


# reviews.csv (December 2026): a row whose source names no commissioning body, where the file's own
# note infers one. Review id -> (the body, why); the link is written with confidence inferred.
REVIEW_BODIES: dict[str, tuple[str, str]] = {
    "kirklees-dhr-bethany-rae-fields": (
        "E22000344",
        "the source says only that a safety partnership commissioned the review; the file's note "
        "infers the Kirklees community safety partnership (ONS E22000344)",
    ),
}

# Changes of a district's health bodies between two vintages that no change event explains, and
# that are nonetheless true: each checked against the files. Keyed by (district GSS code, day),
# the bodies gained. The build reports any other unexplained change (loaders/consistency.py).
UNEVENTFUL_HEALTH_CHANGES: dict[tuple[str, date], frozenset[str]] = {
    # April 2024: the lookups move to LSOA 2021, best-fitted to sub-ICB locations; one LSOA of
    # Cherwell lies in Northamptonshire's sub-ICB location 78H (ICB QPM), about 0.3% of
    # Oxfordshire's population (lsoa21_sicbl24_icb24_en_ons.csv with lsoa21_lad24_en_ons.csv).
    ("E07000177", date(2024, 4, 1)): frozenset({"icb:QPM", "sicbl:78H"}),
}
