"""Proposals on the decided landscape: a proposal sees what is decided by the day before it, may
name the changes or proposals it comes after, and two proposals stack."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.errors import ProposalError
from graph.temporal import TemporalGraph
from queries.impact import apply, impact, shipped_proposals
from queries.proposal import parse_proposal
from tests.data import SHARED


def essex_2028(**extra: Any) -> dict[str, Any]:
    """The shipped hypothetical Essex split, moved to 1 April 2028 (after the 2026 ICBs)."""
    data: dict[str, Any] = yaml.safe_load(
        shipped_proposals()["hypothetical-essex-east-west"].read_text(encoding="utf-8")
    )
    data.update(effective="2028-04-01", after=["icb-2026-04-01"], **extra)
    return data


def essex_icb() -> str:
    """NHS Essex ICB's GSS code: the successor of Mid and South Essex, by the succession table."""
    with (SHARED / "changes" / "icb_successions_2026_ods.csv").open(encoding="utf-8-sig") as fh:
        (code,) = {r["successor_gss"] for r in csv.DictReader(fh) if r["predecessor_ods"] == "QH8"}
    return code


def test_a_2028_essex_split_sees_nhs_essex_icb(landscape: TemporalGraph) -> None:
    w = apply(landscape, parse_proposal(essex_2028()))
    new = [la for la in w.after.uppers() if la.startswith("new:")]
    assert sorted(w.after.ref(la).name for la in new) == ["East Essex", "West Essex"]
    for la in new:
        shares = w.after.shares([la], "health")
        assert [w.after.ref(b).code for b in shares] == [essex_icb()]  # the only health partner
    assert w.comes_after == ("icb-2026-04-01",) and w.stacked_on == ()
    report = impact(landscape, w)
    assert report.before_date == date(2028, 3, 31)
    assert report.basis is not None and report.basis.status == "projection"
    # the decided Surrey councils are in the landscape it changes, still awaiting arrangements
    assert {r.name for r in report.before.awaiting_arrangement} == {
        "East Surrey Council",
        "West Surrey Council",
    }
    assert {r.name for r in report.after.awaiting_arrangement} == {
        "East Surrey Council",
        "West Surrey Council",
        "East Essex",
        "West Essex",
    }


def test_two_proposals_stack(landscape: TemporalGraph, tmp_path: Path) -> None:
    first = tmp_path / "essex-2028.yaml"
    first.write_text(yaml.safe_dump(essex_2028(name="Essex 2028")), encoding="utf-8")
    second = parse_proposal(
        {
            "name": "Essex partnership 2028",
            "effective": "2028-04-01",
            "after": ["essex-2028"],
            "operations": [
                {
                    "kind": "create_partnership",
                    "name": "Essex (hypothetical)",
                    "las": ["new-west-essex", "new-east-essex"],  # made by the first proposal
                }
            ],
        }
    )
    w = apply(landscape, second, {"essex-2028": first})
    assert w.stacked_on == ("Essex 2028",)
    report = impact(landscape, w)
    names = {r.name for r in report.before.awaiting_arrangement}
    assert {"East Essex", "West Essex"} <= names  # the first proposal's result
    assert {r.name for r in report.after.awaiting_arrangement} == names - {
        "East Essex",
        "West Essex",
    }
    (made,) = [c for c in report.partnerships if c.status == "new"]
    assert made.partnership.name == "Essex (hypothetical)"
    assert made.population_after == sum(
        n.population
        for n in impact(landscape, parse_proposal(essex_2028())).needing_arrangement
        if n.new
    )


def test_a_proposal_on_the_vesting_day_of_a_change_it_comes_after(
    landscape: TemporalGraph,
) -> None:
    p = parse_proposal(
        {
            "effective": "2027-04-01",
            "after": ["surrey-2027"],
            "operations": [
                {
                    "kind": "create_partnership",
                    "name": "Surrey (hypothetical)",
                    "las": ["surrey-2027-east-surrey-council", "surrey-2027-west-surrey-council"],
                }
            ],
        }
    )
    report = impact(landscape, p)
    assert report.before_date == date(2027, 4, 1)
    assert [r.name for r in report.before.awaiting_arrangement] == [
        "East Surrey Council",
        "West Surrey Council",
    ]
    assert report.after.compliant and report.after.awaiting_arrangement == ()


@pytest.mark.parametrize(
    ("after", "effective", "says"),
    [
        (["no-such-thing"], "2028-04-01", "neither a change in the landscape"),
        (["surrey-2027"], "2026-04-01", "takes effect on 2027-04-01, after this proposal"),
        (["hypothetical-essex-east-west"], "2026-04-01", "takes effect on 2027-04-01"),
    ],
)
def test_what_it_comes_after_is_checked(
    landscape: TemporalGraph, after: list[str], effective: str, says: str
) -> None:
    p = parse_proposal(
        {
            "effective": effective,
            "after": after,
            "operations": [{"kind": "recode", "entity": "E10000012", "code": "E10000099"}],
        }
    )
    with pytest.raises(ProposalError) as err:
        apply(landscape, p)
    assert (err.value.operation, err.value.field) == ("proposal", "after[0]")
    assert says in str(err.value)


def test_a_cycle_is_refused(landscape: TemporalGraph, tmp_path: Path) -> None:
    for name, other in (("a", "b"), ("b", "a")):
        (tmp_path / f"{name}.yaml").write_text(
            yaml.safe_dump(
                {
                    "name": name,
                    "effective": "2028-04-01",
                    "after": [other],
                    "operations": [{"kind": "recode", "entity": "E10000012", "code": "E10000099"}],
                }
            ),
            encoding="utf-8",
        )
    library = {p.stem: p for p in tmp_path.glob("*.yaml")}
    p = parse_proposal(yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8")))
    with pytest.raises(ProposalError, match="comes after itself: a cycle"):
        apply(landscape, p, library)
