"""The table of council proposals (lgr_proposals_2025.csv) read into proposals: the real one
whole, and a broken one refused with every bad cell named by file, line, column and value."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.errors import LoadError
from loaders.council_proposals import COLUMNS, read_council_proposals
from tests.data import shared

ROW = {
    "area": "Shire",
    "proposal_id": "shire-2-unitaries",
    "proposer": "Shire County Council",
    "new_council_working_name": "North Shire",
    "member_code": "E07000901",
    "member_name": "Ayton",
    "member_kind": "non-metropolitan district",
    "status": "proposal (no decision found)",
    "intended_vesting": "2028-04-01",
    "source": "https://example.org/shire",
    "confidence": "quoted",
    "note": "",
}


def write(tmp_path: Path, *rows: dict[str, str]) -> Path:
    path = tmp_path / "proposals.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return path


def test_the_real_table() -> None:
    proposals = read_council_proposals(shared("changes", "lgr_proposals_2025.csv"))
    with shared("changes", "lgr_proposals_2025.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [p.id for p in proposals] == list(dict.fromkeys(r["proposal_id"] for r in rows))
    assert sum(len(p.members) for p in proposals) == len(rows) == 59
    ws2 = next(p for p in proposals if p.id == "west-sussex-2-unitaries-districts")
    assert [(name, [m.code for m in ms]) for name, ms in ws2.councils] == [
        ("North West Sussex", ["E07000226", "E07000227", "E07000228"]),
        ("Coastal West Sussex", ["E07000225", "E07000229", "E07000223", "E07000224"]),
    ]
    assert [m.line for m in ws2.members] == list(range(37, 44))


def test_a_good_table_of_two_councils(tmp_path: Path) -> None:
    south = {**ROW, "new_council_working_name": "South Shire", "member_code": "E07000902",
             "member_name": "Beeton"}  # fmt: skip
    (p,) = read_council_proposals(write(tmp_path, ROW, south))
    assert (p.id, p.area, str(p.vesting), len(p.councils)) == (
        "shire-2-unitaries", "Shire", "2028-04-01", 2
    )  # fmt: skip


@pytest.mark.parametrize(
    ("change", "column", "says"),
    [
        ({"member_code": "X07000901"}, "member_code", "not a GSS code of a district"),
        ({"member_code": "E10000901"}, "member_code", "not a GSS code of a district"),
        ({"intended_vesting": "2028-02-30"}, "intended_vesting", "not a date"),
        ({"intended_vesting": ""}, "intended_vesting", "empty value"),
        ({"confidence": "guessed"}, "confidence", "not one of quoted"),
        ({"source": "www.example.org"}, "source", "not a public address"),
        ({"member_kind": "county"}, "member_kind", "not one of non-metropolitan district"),
        ({"proposal_id": "Shire 2"}, "proposal_id", "not an id"),
        ({"member_name": ""}, "member_name", "empty value"),
    ],
)
def test_a_bad_cell_is_named(
    tmp_path: Path, change: dict[str, str], column: str, says: str
) -> None:
    with pytest.raises(LoadError) as caught:
        read_council_proposals(write(tmp_path, {**ROW, **change}))
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("proposals.csv", 2, column)
    assert problem.value == change[column] and says in problem.message


def test_rows_of_one_proposal_must_agree_and_not_repeat(tmp_path: Path) -> None:
    other = {**ROW, "member_code": "E07000902", "proposer": "Someone else"}
    again = dict(ROW)
    with pytest.raises(LoadError) as caught:
        read_council_proposals(write(tmp_path, ROW, other, again))
    said = {(p.line, p.column): p.message for p in caught.value.problems}
    assert "differs from line 2" in said[(3, "proposer")]
    assert "duplicate row" in said[(4, "proposal_id, member_code")]


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "proposals.csv"
    path.write_text("area,proposal_id,member_code\nShire,s,E07000901\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        read_council_proposals(path)
    assert {p.column for p in caught.value.problems} >= {"proposer", "intended_vesting"}
