"""A corrupted file is refused with file, line, column and value, and nothing is replaced."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.errors import LoadError
from loaders.geography import build_geography, read_sources
from safeguarding.cli import main
from tests.data import shared

Rows = list[list[str]]


def mutated(tmp: Path, changes: dict[str, Callable[[Rows], Rows]]) -> Path:
    """A copy of the geography folder (links to the real files) with some files rewritten."""
    folder = tmp / "geography"
    folder.mkdir()
    for src in shared("geography").glob("*.csv"):
        if src.name in changes:
            with src.open(encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.reader(fh))
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(changes[src.name](rows))
            (folder / src.name).write_text(out.getvalue(), encoding="utf-8")
        else:
            (folder / src.name).symlink_to(src)
    return folder


def set_cell(line: int, column: str, value: str) -> Callable[[Rows], Rows]:
    def change(rows: Rows) -> Rows:
        rows[line - 1][rows[0].index(column)] = value
        return rows

    return change


def test_malformed_code_names_file_line_column_and_value(tmp_path: Path) -> None:
    folder = mutated(
        tmp_path, {"lad19_csp19_pfa19_ew_ons.csv": set_cell(5, "PFA19CD", "E2300000X")}
    )
    with pytest.raises(LoadError) as err:
        read_sources(folder)
    assert "lad19_csp19_pfa19_ew_ons.csv line 5, column PFA19CD, value 'E2300000X'" in str(
        err.value
    )


def test_every_bad_row_of_every_file_is_reported_together(tmp_path: Path) -> None:
    folder = mutated(
        tmp_path,
        {
            "lad19_csp19_pfa19_ew_ons.csv": lambda r: set_cell(7, "PFA19CD", "X")(
                set_cell(5, "LAD19CD", "Y")(r)
            ),
            "pop_lsoa11_mid2020_en_ons.csv": set_cell(10, "total_population", "many"),
            "la_dfe_old_new_codes.csv": set_cell(3, "date_of_operation", "2009-01-01"),
        },
    )
    with pytest.raises(LoadError) as err:
        read_sources(folder)
    lines = {(p.file, p.line, p.column) for p in err.value.problems}
    assert lines == {
        ("lad19_csp19_pfa19_ew_ons.csv", 5, "LAD19CD"),
        ("lad19_csp19_pfa19_ew_ons.csv", 7, "PFA19CD"),
        ("pop_lsoa11_mid2020_en_ons.csv", 10, "total_population"),
        ("la_dfe_old_new_codes.csv", 3, "date_of_operation"),
    }
    assert "value '2009-01-01': not a date of the form %d/%m/%Y" in str(err.value)


def test_missing_column(tmp_path: Path) -> None:
    def drop(rows: Rows) -> Rows:
        i = rows[0].index("replaced-by")
        return [r[:i] + r[i + 1 :] for r in rows]

    with pytest.raises(LoadError) as err:
        read_sources(mutated(tmp_path, {"la_uk_local_authorities_mysociety.csv": drop}))
    assert (
        "la_uk_local_authorities_mysociety.csv line 1, column replaced-by: missing column"
        in str(err.value)
    )


def test_duplicate_row(tmp_path: Path) -> None:
    folder = mutated(tmp_path, {"lsoa11_ccg19_lad19_en_ons.csv": lambda r: [*r, r[100]]})
    with pytest.raises(LoadError) as err:
        read_sources(folder)
    (problem,) = err.value.problems
    assert (problem.file, problem.line, problem.column, problem.value) == (
        "lsoa11_ccg19_lad19_en_ons.csv",
        32846,
        "LSOA11CD",
        r100 := problem.value,
    )
    assert "duplicate row (see line 101)" in problem.message and r100.startswith("E01")


def test_unknown_code_and_inconsistent_lookup_fail_the_build_and_keep_the_snapshot(
    tmp_path: Path,
) -> None:
    def drop_rutland(rows: Rows) -> Rows:  # an upper-tier LA missing from the 2021 tier lookup
        return [r for r in rows if r[1] != "E06000017"]

    folder = mutated(
        tmp_path,
        {
            "ltla23_utla23_ew_ons.csv": set_cell(2, "ltla23_code", "E06000999"),
            "ltla21_utla21_ew_ons.csv": drop_rutland,
        },
    )
    with pytest.raises(LoadError) as err:
        build_geography(folder)
    text = str(err.value)
    assert (
        "ltla23_utla23_ew_ons.csv line 2, value 'E06000999': no local authority has this code on 2023-04-01"
        in text
    )
    assert "ltla21_utla21_ew_ons.csv column utla, value 'la:RUT': inconsistent lookup" in text

    snapshot = tmp_path / "snapshot.json.gz"
    snapshot.write_bytes(b"the previous good graph")
    assert main(["build", "--data", str(folder.parent), "--out", str(snapshot)]) == 2
    assert snapshot.read_bytes() == b"the previous good graph"


def test_files_are_recognised_by_their_columns_not_their_names(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    for i, src in enumerate(sorted(shared("geography").glob("*.csv"))):
        shutil.copyfile(src, folder / f"download ({i}).csv")
    (folder / "notes.csv").write_text("what,why\nsomething,else\n")
    sources = read_sources(folder)
    assert sorted(sources.parsed) == sorted(read_sources(shared("geography")).parsed)
    assert [p.name for p in sources.unknown] == ["notes.csv"]
