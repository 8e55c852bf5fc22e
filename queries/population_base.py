"""What the population figures of a date rest on: the children's age band and the estimates.

Blocks carry ONS mid-2020 estimates on LSOA 2011 (children = ages 0-17) to March 2024, and
Census 2021 on LSOA 2021 from April 2024 (children = ages 0-15: the census file has no 0-17
band). An answer that gives children or shares says which, so that a change of band on
2024-04-01 is never read as a change in the number of children.

>>> from datetime import date
>>> from loaders.landscape import bundled
>>> from queries.footprint import footprints
>>> g = bundled()
>>> before = population_base(footprints(g.at(date(2024, 3, 31))))
>>> before.children_ages, before.estimates
('0-17', 'pop_lsoa11_mid2020_en_ons.csv')
>>> print(population_base(footprints(g.at(date(2024, 4, 1)))).describe())
people and children aged 0-15 from pop_lsoa21_census2021_en_ons.csv in the blocks of
lsoa21_sicbl24_icb24_en_ons.csv
"""

from __future__ import annotations

from dataclasses import dataclass

from ontology.vocabulary import Kind
from queries.footprint import Footprints
from queries.memo import Memo

_MEMO: Memo[str, PopulationBase] = Memo()
_SUMMED = "summed with "


@dataclass(frozen=True, slots=True)
class PopulationBase:
    """The children's age band, the population file and the lookup vintage of the blocks
    (None where the blocks of the date disagree or there are none)."""

    children_ages: str | None
    estimates: str | None
    lookup: str | None

    def describe(self) -> str:
        """One line for a reader."""
        ages = f"children aged {self.children_ages}" if self.children_ages else "children"
        return (
            f"people and {ages} from {self.estimates or 'unknown estimates'} "
            f"in the blocks of {self.lookup or 'an unknown lookup'}"
        )


def population_base(fp: Footprints) -> PopulationBase:
    """The base of the population figures of the view of ``fp`` (kept per view)."""

    def make() -> PopulationBase:
        files: set[str] = set()
        lookups: set[str] = set()
        for block in fp.view.nodes(Kind.POPULATION_BLOCK.value):
            lookups.add(str(block.attrs.get("vintage")))
            for p in block.provenance:
                if _SUMMED in p.locator:
                    files.add(p.locator.split(_SUMMED, 1)[1].strip())
        return PopulationBase(
            fp.children_ages,
            files.pop() if len(files) == 1 else None,
            lookups.pop() if len(lookups) == 1 else None,
        )

    return _MEMO.get(fp.view, "base", make)
