"""A missing or malformed change table is refused with file, line, column and value, and nothing
is replaced; the tables are read from any folder, recognised by their columns."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.errors import LoadError
from loaders.changes import read_changes
from loaders.geography import build_geography
from safeguarding.cli import main
from tests.data import SHARED

CHANGES = SHARED / "changes"
Rows = list[list[str]]


def changes(
    tmp: Path, edits: dict[str, Callable[[Rows], Rows]], drop: tuple[str, ...] = ()
) -> Path:
    """A copy of the changes folder with some tables rewritten (or left out)."""
    folder = tmp / "changes"
    folder.mkdir()
    for src in CHANGES.glob("*.csv"):
        if src.name in drop:
            continue
        if src.name in edits:
            with src.open(encoding="utf-8-sig", newline="") as fh:
                table = list(csv.reader(fh))
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(edits[src.name](table))
            (folder / src.name).write_text(out.getvalue(), encoding="utf-8")
        else:
            (folder / src.name).symlink_to(src)
    return folder


def cell(line: int, column: str, value: str) -> Callable[[Rows], Rows]:
    def change(table: Rows) -> Rows:
        table[line - 1][table[0].index(column)] = value
        return table

    return change


def problems(folder: Path) -> set[tuple[str, int | None, str | None, str | None]]:
    with pytest.raises(LoadError) as err:
        read_changes(folder)
    return {(p.file, p.line, p.column, p.value) for p in err.value.problems}


def test_the_real_tables_are_read_whatever_their_names(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    for i, src in enumerate(sorted(CHANGES.glob("*.csv"))):
        shutil.copyfile(src, folder / f"table ({i}).csv")
    tables = read_changes(folder)
    assert (len(tables.icb_successions), len(tables.sicbl_successions), len(tables.structural)) == (
        16,
        114,
        13,
    )
    assert tables.sicbl_years == (2024, 2026)
    assert tables.not_applied == ["table (1).csv"]  # the 2025 council proposals: what-ifs only


def test_bad_cells_of_every_table_are_reported_together(tmp_path: Path) -> None:
    folder = changes(
        tmp_path,
        {
            "icb_successions_2026_ods.csv": lambda t: cell(3, "kind", "absorption")(
                cell(2, "successor_gss", "E5400006")(t)
            ),
            "sicbl24_to_icb26.csv": cell(5, "confidence", "probable"),
            "structural_changes_decided.csv": cell(4, "vesting_date", "1 April 2027"),
        },
    )
    assert problems(folder) == {
        ("icb_successions_2026_ods.csv", 2, "successor_gss", "E5400006"),
        ("icb_successions_2026_ods.csv", 3, "kind", "absorption"),
        ("sicbl24_to_icb26.csv", 5, "confidence", "probable"),
        ("structural_changes_decided.csv", 4, "vesting_date", "1 April 2027"),
    }


def test_a_missing_table_or_folder_is_refused_by_name(tmp_path: Path) -> None:
    folder = changes(tmp_path, {}, drop=("structural_changes_decided.csv",))
    with pytest.raises(LoadError, match=r"no structural changes \(change_id, vesting_date"):
        read_changes(folder)
    with pytest.raises(LoadError, match="no such folder of change tables"):
        read_changes(tmp_path / "nowhere")


def test_a_missing_column_names_it(tmp_path: Path) -> None:
    def drop_kind(t: Rows) -> Rows:
        i = t[0].index("confidence")
        return [r[:i] + r[i + 1 :] for r in t]

    folder = changes(tmp_path, {"icb_successions_2026_ods.csv": drop_kind})
    assert ("icb_successions_2026_ods.csv", 1, "confidence", None) in problems(folder)


def test_an_order_not_made_is_not_a_decided_change(tmp_path: Path) -> None:
    folder = changes(
        tmp_path, {"structural_changes_decided.csv": cell(6, "status", "draft laid 2026-01-14")}
    )
    assert problems(folder) == {
        ("structural_changes_decided.csv", 6, "status", "draft laid 2026-01-14")
    }


def test_a_predecessor_that_is_no_authority_fails_the_build(tmp_path: Path) -> None:
    folder = changes(
        tmp_path, {"structural_changes_decided.csv": cell(3, "predecessor_gss", "E07000999")}
    )
    with pytest.raises(LoadError) as err:
        build_geography(SHARED / "geography", folder)
    assert [str(p) for p in err.value.problems] == [
        "structural_changes_decided.csv line 3, column predecessor_gss, value 'E07000999': "
        "no local authority has this code on 2027-03-31"
    ]


def test_a_table_inconsistent_with_the_official_files_fails_the_build(tmp_path: Path) -> None:
    """Rows that parse but contradict the lookups: an LSOA count, a closed sub-ICB location's
    district with no row. Every one named; no graph is made."""

    def drop_slough(t: Rows) -> Rows:
        i, j = t[0].index("sicbl24_cdh"), t[0].index("lad24_nm")
        return [r for r in t if not (r[i] == "D4U1Y" and r[j] == "Slough")]

    def miscount(t: Rows) -> Rows:
        i, j = t[0].index("sicbl24_cdh"), t[0].index("lsoa21_count")
        for r in t:
            if r[i] == "15E":
                r[j] = str(int(r[j]) + 1)
        return t

    folder = changes(tmp_path, {"sicbl24_to_icb26.csv": lambda t: miscount(drop_slough(t))})
    with pytest.raises(LoadError) as err:
        build_geography(SHARED / "geography", folder)
    text = str(err.value)
    assert "sicbl24_to_icb26.csv column sicbl24_cdh, lad24_cd, value 'D4U1Y / E06000039'" in text
    assert "no row for this sub-ICB location (in this district): 84 LSOAs" in text
    assert "lsoa21_count, value '794'" in text and "puts 793 LSOAs here" in text


def test_the_build_command_refuses_and_keeps_the_snapshot(tmp_path: Path) -> None:
    folder = changes(tmp_path, {"icb_successions_2026_ods.csv": cell(2, "date", "2026-13-01")})
    snapshot = tmp_path / "snapshot.json.gz"
    snapshot.write_bytes(b"the previous good graph")
    argv = ["build", "--data", str(SHARED), "--changes", str(folder), "--out", str(snapshot)]
    assert main(argv) == 2
    assert snapshot.read_bytes() == b"the previous good graph"
    missing = ["build", "--data", str(SHARED), "--changes", str(tmp_path / "none")]
    assert main([*missing, "--out", str(snapshot)]) == 2
    assert snapshot.read_bytes() == b"the previous good graph"
