"""Coverage on the real landscape, and on hand-made registries with a gap and a double cover."""

from __future__ import annotations

from datetime import date

import pytest

from graph.codes import Scheme
from graph.errors import DateOutOfRange
from graph.resolver import find
from graph.temporal import TemporalGraph
from ontology.vocabulary import Kind
from queries.coverage import change_days, coverage, coverage_timeline
from tests import reference
from tests.factory import Landscape, edited

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
    return edited(
        g,
        end_edges=[(member.source, "hasMember", rutland, "2024-01-01")],  # ends on 2023-12-31
        add_edges=[
            (member.source, "hasMember", rutland, "2025-01-01"),
            (other, "hasMember", cumberland, "2025-07-01"),
        ],
    )


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
    """Every district is in a community safety partnership (the ONS lookup); an LA in no recorded
    CDOP is unknown, never missing: the registry's CDOP list is partial (boards.yaml)."""
    when = D("2024-06-01")
    report = coverage(landscape, when)
    assert report.districts_without_csp == ()
    unknown = {r.code for r in report.cdop_unknown}
    assert unknown == reference.upper_tier(when) - reference.cdop_members()
    assert len(unknown) == 153 - 93  # 32 CDOPs cover 93 LAs (FACTS.md)
    assert "E08000016" in unknown  # Barnsley: Yorkshire was not checked
    assert "E06000008" not in unknown  # Blackburn with Darwen: pan-Lancashire CDOP
    # which LAs have a recorded or an inferred SAB and HWB: tests/loaders/test_registry_writer.py


def test_an_la_in_no_adults_board_or_hwb_is_named_and_a_missing_cdop_is_unknown() -> None:
    """On a hand-made landscape, where nothing infers the boards: Aaa has an adults board and a
    CDOP, Bbb an HWB; the boards do not decide compliance."""
    g = (
        Landscape(meta={"data_start": "2019-04-01"})
        .la("la:AAA", "Aaa Council", "gss:E06000001")
        .la("la:BBB", "Bbb Council", "gss:E06000002")
        .partnership("partnership:ab", "Aaa and Bbb SCP", members=["la:AAA", "la:BBB"])
        .board("sab:aaa", Kind.SAFEGUARDING_ADULTS_BOARD, "Aaa SAB", members=["la:AAA"])
        .board("hwb:bbb", Kind.HEALTH_AND_WELLBEING_BOARD, "Bbb HWB", members=["la:BBB"])
        .board("cdop:aaa", Kind.CHILD_DEATH_OVERVIEW_PANEL, "Aaa CDOP", members=["la:AAA"])
        .build()
    )
    report = coverage(g, D("2024-06-01"))
    assert report.compliant and report.local_authority_count == 2
    assert [r.code for r in report.without_sab] == ["E06000002"]
    assert [r.code for r in report.without_hwb] == ["E06000001"]
    assert report.without_cdop == ()
    assert [r.code for r in report.cdop_unknown] == ["E06000002"]


def test_a_date_before_the_data_is_refused(landscape: TemporalGraph) -> None:
    with pytest.raises(DateOutOfRange, match="2019-03-31 is before the data begins"):
        coverage(landscape, D("2019-03-31"))


def test_reports_do_not_depend_on_which_stretch_was_asked_first() -> None:
    """Stretches share what coverage derives from the same facts: asked forwards, backwards or
    alone on a fresh graph, every stretch's report is the same."""
    from loaders.landscape import bundled
    from queries.stretches import answer_days

    days = [d for d in answer_days(bundled()) if d >= D("2019-04-01")]
    forwards, backwards = bundled.__wrapped__(), bundled.__wrapped__()
    ahead = {d: coverage(forwards, d) for d in days}
    behind = {d: coverage(backwards, d) for d in reversed(days)}
    assert ahead == behind
    for d in days[::7]:
        assert coverage(bundled.__wrapped__(), d) == ahead[d], d
    assert len({(r.compliant, r.partnership_count) for r in ahead.values()}) > 3


def test_a_report_lists_in_one_order_whatever_the_hash_seed() -> None:
    """The kinds of upper-tier LA are a frozenset, whose order follows the hash seed: a report
    once listed its LAs kind by kind in that order, so two processes disagreed."""
    import os
    import subprocess
    import sys

    def report(seed: str) -> bytes:
        command = "from safeguarding.cli import main; main()"
        return subprocess.run(
            [sys.executable, "-c", command, "coverage", "--as-of", "2019-06-01", "--json"],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout

    first = report("1")
    assert b'"uncovered": [' in first and first.count(b'"code"') > 100
    assert all(report(seed) == first for seed in ("2", "3"))
