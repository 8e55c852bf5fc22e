"""The column-at-a-time readers of clean files give what the careful row loops give.

Lookups and population counts are read a column at a time when a file has no problem
(:func:`loaders.lookups._clean_rows`, :func:`loaders.population._clean_counts`), and by the
careful row loop, which finds and reports every problem, otherwise. Both are run here on every
real file and must agree exactly; and on small hand-made files the column path must step aside
(None) at each kind of problem, so that the careful loop reports it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.codes import GSS_PREFIXES
from graph.errors import LoadError
from loaders import lookups, population
from loaders.catalogue import SourceFile, scan
from loaders.lookups import ROW_KEY, parse_lookup
from loaders.population import parse_population
from loaders.table import Table, read_table

GEOGRAPHY = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "geography"
FILES, _, _ = scan(GEOGRAPHY)
LOOKUPS = [sf for sf in FILES if sf.format in ROW_KEY]
COUNTS = [sf for sf in FILES if sf.format in ("pop_lsoa", "pop_lad")]


def test_every_format_is_exercised() -> None:
    assert {sf.format for sf in LOOKUPS} == set(ROW_KEY)
    assert {sf.format for sf in COUNTS} == {"pop_lsoa", "pop_lad"}


@pytest.mark.parametrize("sf", LOOKUPS, ids=lambda sf: sf.path.name)
def test_a_real_lookup_reads_the_same_both_ways(
    sf: SourceFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = parse_lookup(read_table(sf.path), sf.format, sf.vintage)
    monkeypatch.setattr(lookups, "_clean_rows", lambda *args: None)
    careful = parse_lookup(read_table(sf.path), sf.format, sf.vintage)
    assert fast == careful
    assert fast.rows  # England's rows are there


@pytest.mark.parametrize("sf", COUNTS, ids=lambda sf: sf.path.name)
def test_real_population_reads_the_same_both_ways(
    sf: SourceFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = parse_population(read_table(sf.path), sf.vintage)
    monkeypatch.setattr(population, "_clean_counts", lambda *args: None)
    careful = parse_population(read_table(sf.path), sf.vintage)
    assert fast == careful
    assert fast.total


HEADER = "LAD24CD,LAD24NM,RGN24CD,RGN24NM\n"
GOOD = "E06000001,Hartlepool,E12000001,North East\n"


def _lookup_table(tmp_path: Path, rows: str) -> Table:
    path = tmp_path / "lad24_rgn24_en_ons.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return read_table(path)


def _plan(table: Table) -> list[tuple[str, str, str | None, str | None, tuple[str, ...]]]:
    columns = table.logical_columns()
    geos = sorted({g for g, f in columns if f == "code"})
    return [
        (
            g,
            columns[(g, "code")][0],
            None,
            columns[(g, "name")][0],
            GSS_PREFIXES.get(g, ("E",)),
        )
        for g in geos
    ]


def test_a_clean_hand_made_lookup_takes_the_column_path(tmp_path: Path) -> None:
    table = _lookup_table(tmp_path, GOOD + "W06000001,Anglesey,W92000004,Wales\n")
    rows = lookups._clean_rows(table, _plan(table), ROW_KEY["lad_rgn"])
    assert rows is not None
    assert [(r.line, r["lad"].code, r["rgn"].name) for r in rows] == [
        (2, "E06000001", "North East")
    ]


@pytest.mark.parametrize(
    "rows",
    [
        GOOD + "X06000002,Typo,E12000001,North East\n",  # a code of no nation
        GOOD + "E06000001,Hartlepool,E12000001,North East\n",  # a duplicate row
        GOOD + "E12000001,Swapped,E06000001,North East\n",  # codes of the wrong geography
        GOOD + "e06000002,Lower case,E12000001,North East\n",  # lower case
        "W06000001,Anglesey,W92000004,Wales\n",  # no row for England
    ],
)
def test_the_column_path_steps_aside_at_a_problem(tmp_path: Path, rows: str) -> None:
    table = _lookup_table(tmp_path, rows)
    assert lookups._clean_rows(table, _plan(table), ROW_KEY["lad_rgn"]) is None
    with pytest.raises(LoadError):
        parse_lookup(table, "lad_rgn", 2024)


@pytest.mark.parametrize(
    "row",
    ["E01000001,-5,1", "E01000001,12.0,1", "E01000001,10,11", "X01000001,10,1", "E01000001,,1"],
)
def test_the_count_path_steps_aside_at_anything_unusual(tmp_path: Path, row: str) -> None:
    path = tmp_path / "pop.csv"
    path.write_text(f"lsoa11_code,total_population,pop_0_17\n{row}\n", encoding="utf-8")
    assert population._clean_counts(read_table(path), "lsoa11_code", "pop_0_17") is None
