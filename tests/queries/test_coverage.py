"""Coverage on the real landscape, and on hand-made registries with a gap and a double cover."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from graph.codes import Scheme
from graph.errors import DateOutOfRange
from graph.resolver import find
from graph.snapshot import from_data, to_data
from graph.temporal import TemporalGraph
from queries.coverage import change_days, coverage, coverage_timeline
from safeguarding.cli import main

D = date.fromisoformat


def test_compliant_on_every_change_date_of_the_shipped_landscape(landscape: TemporalGraph) -> None:
    days = change_days(landscape)
    membership_changes = {
        "2021-04-01",
        "2021-10-01",
        "2022-04-01",
        "2023-04-01",
        "2023-09-01",
        "2024-04-01",
        "2024-06-12",
        "2024-12-01",
        "2025-04-01",
    }
    assert {D(d) for d in membership_changes} <= set(days)
    surrey = D("2027-04-01")  # the Surrey order: two new councils with no arrangement recorded
    for day in days:
        report = coverage(landscape, day)
        assert report.compliant == (day < surrey), (day, report.reasons)
        assert report.local_authority_count == (
            151
            if day < D("2021-04-01")
            else 152
            if day < D("2023-04-01")
            else 153
            if day < surrey
            else 154
        )
        if day >= surrey:  # only the new councils await an arrangement; no LA lost one
            assert report.uncovered == report.multiply_covered == ()
            assert [w.name for w in report.awaiting_arrangement] == [
                "East Surrey Council",
                "West Surrey Council",
            ]


@pytest.mark.parametrize(
    ("when", "count"), [("2019-10-01", 132), ("2021-06-01", 133), ("2026-11-23", 139)]
)
def test_partnership_counts(landscape: TemporalGraph, when: str, count: int) -> None:
    """The reconstruction runs one above the official 131 (Sep 2019) and 132 (May 2021).

    Both official counts are one below ours at both dates, so the change over time matches (the
    tri-borough split on 2021-04-01 adds one). Counting the three Bedfordshire partnerships as one
    would overshoot by one instead (FACTS.md): the remaining gap is unresolved and reported, not
    forced away.
    """
    assert coverage(landscape, D(when)).partnership_count == count


def _with_membership_changes(g: TemporalGraph) -> TemporalGraph:
    """A copy of the landscape in which Rutland leaves its partnership for 2024 (a gap) and
    Cumberland is also claimed by a second partnership from 2025-07-01 (a double cover)."""
    rutland = find(g, "E06000017", None, scheme=Scheme.GSS).id
    (member,) = [
        e
        for e in g.all_edges("hasMember")
        if e.target == rutland and e.source.startswith("partnership:")
    ]
    cumberland = find(g, "E06000063", None, scheme=Scheme.GSS).id
    other = find(g, "westmorland-and-furness-scp", None, scheme=Scheme.REGISTRY).id
    data = to_data(g)
    for row in data["edges"]:
        if row[0] == member.source and row[1] == rutland and row[2] == "hasMember":
            row[4] = "2024-01-01"  # the membership now ends on 2023-12-31
    data["provenance"].append(["test", "", "quoted", "observed"])
    test = len(data["provenance"]) - 1
    data["edges"] += [
        [member.source, rutland, "hasMember", "2025-01-01", None, [test], {}],
        [other, cumberland, "hasMember", "2025-07-01", None, [test], {}],
    ]
    return from_data(json.loads(json.dumps(data)))


def test_gap_and_double_cover_are_reported_with_their_days(landscape: TemporalGraph) -> None:
    g = _with_membership_changes(landscape)
    report = coverage(g, D("2024-06-01"))
    assert not report.compliant
    (gap,) = report.uncovered
    assert (gap.code, gap.name, gap.since, gap.until) == (
        "E06000017",
        "Rutland County Council",
        D("2024-01-01"),
        D("2025-01-01"),
    )
    assert report.multiply_covered == ()
    later = coverage(g, D("2025-08-01"))
    (double,) = later.multiply_covered
    assert double.code == "E06000063" and (double.since, double.until) == (D("2025-07-01"), None)
    assert {p.id for p in double.partnerships} == {
        "partnership:cumberland-scp",
        "partnership:westmorland-and-furness-scp",
    }
    timeline = coverage_timeline(g, D("2023-06-01"), D("2026-11-23"))
    assert [(t.date, t.compliant) for t in timeline] == [
        (D("2023-06-01"), True),
        (D("2024-01-01"), False),
        (D("2025-01-01"), True),
        (D("2025-07-01"), False),
    ]


def test_boards_and_cdops(landscape: TemporalGraph) -> None:
    report = coverage(landscape, D("2024-06-01"))
    assert report.without_sab == () and report.without_hwb == ()
    assert report.districts_without_csp == ()
    assert report.without_cdop == ()  # missing is never claimed: the CDOP list is partial
    unknown = {r.code for r in report.cdop_unknown}
    assert "E08000016" in unknown  # Barnsley: Yorkshire was not checked
    assert "E06000008" not in unknown  # Blackburn with Darwen: pan-Lancashire CDOP
    assert len(unknown) == 153 - len(
        {
            la
            for b in landscape.at(D("2024-06-01")).nodes("ChildDeathOverviewPanel")
            for la in landscape.at(D("2024-06-01")).targets(b.id, "hasMember")
        }
    )


def test_a_date_before_the_data_is_refused(landscape: TemporalGraph) -> None:
    with pytest.raises(DateOutOfRange, match="2019-03-31 is before the data begins"):
        coverage(landscape, D("2019-03-31"))


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--as-of", "2024-06-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["compliant"], data["local_authority_count"], data["partnership_count"]) == (
        True,
        153,
        137,
    )
    assert data["uncovered"] == [] and data["multiply_covered"] == []
    assert main(["coverage", "--as-of", "2018-01-01"]) == 2
    assert "before the data begins" in capsys.readouterr().err


def test_snapshot_is_what_the_build_makes(landscape: TemporalGraph) -> None:
    """The shipped snapshot is up to date with the official files and the registry."""
    from graph.snapshot import dumps
    from loaders.landscape import BUNDLED, bundled

    assert to_data(bundled()) == json.loads(json.dumps(to_data(landscape)))
    assert dumps(landscape) == BUNDLED.read_bytes()  # the build is reproducible to the byte


def test_cli_build_writes_a_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "landscape.json.gz"
    shared = Path(__file__).resolve().parents[2].parent / "shared" / "data"
    assert main(["build", "--data", str(shared), "--out", str(out)]) == 0
    assert out.stat().st_size > 100_000
