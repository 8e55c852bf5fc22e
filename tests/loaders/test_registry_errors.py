"""Broken registry files are refused with every problem named by file, line, entry id and field."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.model import Confidence, Period
from loaders.registry import BoardKind, LinkKind, Registry, load_registry
from tests import data

FIXTURES = data.FIXTURES / "registry"


def load(tmp_path: Path, name: str, authorities: dict[str, Period],
         boards: str = "boards_empty.yaml") -> Registry:  # fmt: skip
    shutil.copy(FIXTURES / name, tmp_path / "childrens_partnerships.yaml")
    shutil.copy(FIXTURES / boards, tmp_path / "boards.yaml")
    return load_registry(tmp_path, authorities)


def problems(tmp_path: Path, name: str, authorities: dict[str, Period]) -> list[str]:
    with pytest.raises(LoadError) as caught:
        load(tmp_path, name, authorities)
    return [str(p).removeprefix(str(tmp_path / "childrens_partnerships.yaml")) for p in
            caught.value.problems]  # fmt: skip


def test_valid_fixture_loads(tmp_path: Path, tiny_authorities: dict[str, Period]) -> None:
    reg = load(tmp_path, "valid.yaml", tiny_authorities, "valid_boards.yaml")
    cumbria = reg.partnership("cumbria-scp")
    assert cumbria.members_on(date(2023, 3, 31)) == ("E10000006",)
    assert cumbria.members_on(date(2023, 4, 1)) == ("E06000063",)
    assert cumbria.members[1].sources[0].confidence is Confidence.DERIVED
    assert cumbria.members[0].sources == cumbria.sources  # inherited from the entry
    assert [(c.holder, c.period.start) for c in cumbria.chairs] == [("rotating", date(2024, 1, 1))]
    assert [s.model.value for s in cumbria.scrutiny] == ["unknown"]
    [sab] = reg.safeguarding_adults_boards
    assert sab.kind is BoardKind.JOINT_SAB and not sab.members[0].start_known
    assert sab.members[0].period == Period(None, date(2022, 4, 1))
    [cdop] = reg.child_death_overview_panels
    assert (cdop.members_complete, cdop.non_english_members) == (False, ("Isle of Man",))
    assert [a.partnership for a in reg.all_age_partnerships] == ["tees-scp"]
    assert reg.ids() == {"cumbria-scp", "tees-scp", "tees-sab", "tees-cdop"}
    assert next(iter(LinkKind)).value == "hwb_concurrent_meetings"


def test_unknown_code(tmp_path: Path, tiny_authorities: dict[str, Period]) -> None:
    assert problems(tmp_path, "unknown_code.yaml", tiny_authorities) == [
        " line 7, column hartlepool-scp.members[0].la, value 'E06000099': "
        "unknown LA code: no LA has this code"
    ]


def test_overlapping_periods(tmp_path: Path, tiny_authorities: dict[str, Period]) -> None:
    assert problems(tmp_path, "overlapping_periods.yaml", tiny_authorities) == [
        " line 15, column hartlepool-scp.members[0].la, value 'E06000001': overlapping membership:"
        " E06000001 is also in tees-north-scp.members[0] over [2019-09-29, 2021-04-01)"
    ]


def test_missing_source(tmp_path: Path, tiny_authorities: dict[str, Period]) -> None:
    assert problems(tmp_path, "missing_source.yaml", tiny_authorities) == [
        " line 10, column hartlepool-scp.sources: a fact without a source: give at least one",
        " line 9, column hartlepool-scp.chair[0].sources: a fact without a source",
    ]


def test_bad_dates(tmp_path: Path, tiny_authorities: dict[str, Period]) -> None:
    assert problems(tmp_path, "bad_date.yaml", tiny_authorities) == [
        " line 7, column hartlepool-scp.members[0].from, value '2019-09-31':"
        " malformed date; expected YYYY-MM-DD",
        " line 14, column middlesbrough-scp.members[0].to, value '2020-01-01':"
        " 'to' must be after 'from' (2021-01-01)",
    ]


def test_unknown_enum_values(tmp_path: Path, tiny_authorities: dict[str, Period]) -> None:
    found = problems(tmp_path, "unknown_confidence.yaml", tiny_authorities)
    assert found == [
        " line 13, column hartlepool-scp.sources[0].confidence, value 'probable':"
        " unknown value; one of quoted, inferred, derived",
        " line 5, column hartlepool-scp.form, value 'triple': unknown value; one of single, joint,"
        " hybrid",
        " line 9, column hartlepool-scp.scrutiny[0].model, value 'mixed-ish': unknown value; one of"
        " named_scrutineer, independent_chair, mixed, pool, unknown",
    ]


def test_code_outside_its_period_and_duplicate_id(
    tmp_path: Path, tiny_authorities: dict[str, Period]
) -> None:
    assert problems(tmp_path, "code_outside_period.yaml", tiny_authorities) == [
        " line 7, column cumbria-scp.members[0].la, value 'E10000006': the code names an LA only"
        " in […, 2023-04-01), not for the whole period [2019-09-29, …)",
        " line 10, column cumbria-scp.id, value 'cumbria-scp': duplicate id (first in "
        f"{tmp_path / 'childrens_partnerships.yaml'})",
        " line 14, column cumbria-scp.members[0].la, value 'E06000063': the code names an LA only"
        " in [2023-04-01, …), not for the whole period [2022-04-01, …)",
    ]


def test_all_age_flag_must_match_boards(
    tmp_path: Path, tiny_authorities: dict[str, Period]
) -> None:
    with pytest.raises(LoadError, match=r"tees-scp\.all_age, value 'true': all_age is true"):
        load(tmp_path, "valid.yaml", tiny_authorities)


def test_invalid_yaml_names_the_line(tmp_path: Path, tiny_authorities: dict[str, Period]) -> None:
    (tmp_path / "childrens_partnerships.yaml").write_text("partnerships:\n  - id: [x\n")
    (tmp_path / "boards.yaml").write_text("linked: []\n")
    with pytest.raises(LoadError) as caught:
        load_registry(tmp_path, tiny_authorities)
    assert [(p.line, p.message[:15]) for p in caught.value.problems] == [
        (3, "not valid YAML:"),
        (1, "required field "),
    ]
