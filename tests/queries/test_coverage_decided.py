"""Coverage on decided dates: East Surrey and West Surrey await their first arrangement from
1 April 2027; every date before stays compliant; nothing is invented for them, and the registry
can record their arrangement when one is published."""

from __future__ import annotations

import csv
import shutil
from datetime import date

import pytest

from graph.temporal import TemporalGraph
from loaders.landscape import build_landscape, default_registry
from queries.coverage import ARRANGEMENTS_IN_FORCE, coverage, coverage_timeline
from tests.data import SHARED

D = date.fromisoformat
VESTING = D("2027-04-01")
EAST, WEST = "la:surrey-2027-east-surrey-council", "la:surrey-2027-west-surrey-council"


def rows(folder: str, name: str) -> list[dict[str, str]]:
    with (SHARED / folder / name).open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def test_every_date_up_to_31_march_2027_is_compliant(landscape: TemporalGraph) -> None:
    timeline = coverage_timeline(landscape, ARRANGEMENTS_IN_FORCE, D("2027-03-31"))
    assert [(t.date, t.compliant) for t in timeline] == [(ARRANGEMENTS_IN_FORCE, True)]
    assert coverage(landscape, D("2027-03-31")).compliant
    after = coverage_timeline(landscape, ARRANGEMENTS_IN_FORCE, D("2030-01-01"))
    assert [(t.date, t.compliant) for t in after] == [
        (ARRANGEMENTS_IN_FORCE, True),
        (VESTING, False),
    ]
    assert {r.id for r in after[-1].awaiting_arrangement} == {EAST, WEST}
    assert after[-1].uncovered == ()


def test_east_and_west_surrey_await_an_arrangement(landscape: TemporalGraph) -> None:
    report = coverage(landscape, VESTING)
    assert not report.compliant
    assert report.uncovered == () and report.multiply_covered == ()  # no LA lost one
    assert report.local_authority_count == 154
    waiting = {w.la.id: w for w in report.awaiting_arrangement}
    assert set(waiting) == {EAST, WEST}
    assert report.reasons[0] == (
        "2 new local authority area(s) awaiting an arrangement (2 made by a decided change)"
    )
    force = {
        r["ltla24_code"]: (r["pfa24_code"], r["pfa24_name"])
        for r in rows("geography", "lad24_csp24_pfa24_ew_ons.csv")
    }
    order = rows("changes", "structural_changes_decided.csv")
    for nid, council in ((EAST, "East Surrey Council"), (WEST, "West Surrey Council")):
        w = waiting[nid]
        districts = {
            r["predecessor_gss"]
            for r in order
            if r["new_council"] == council and r["predecessor_type"] != "county"
        }
        assert (w.name, w.since, w.until, w.arrange_by) == (council, VESTING, None, VESTING)
        assert (w.status, w.decided_by) == ("decided", "surrey-2027")
        assert (
            "SI 2026/264" in w.reason
            and "no recorded children's safeguarding arrangement" in w.reason
        )
        ((code, name),) = {force[d] for d in districts}
        (police,) = w.police_forces
        assert (police.body.code, police.body.name, police.share, police.population) == (
            code,
            name,
            1.0,
            w.population,
        )
        (icb,) = w.health_bodies
        assert (icb.body.code, icb.share) == ("E54000069", 1.0)  # NHS Surrey and Sussex ICB
        assert f"the chief officer of police for {name}" in w.must_arrange
        assert [p.id for p in w.from_partnerships] == ["partnership:surrey-scp"]
        assert [la.code for la in w.from_local_authorities] == ["E10000030"]


def test_before_the_duty_no_la_is_awaiting_one(landscape: TemporalGraph) -> None:
    """Before 29 September 2019 (arrangements not yet required everywhere) an LA without one is
    uncovered, even one made on 1 April 2019 (BCP): awaiting is for LAs that begin under the duty."""
    report = coverage(landscape, D("2019-06-01"))
    assert report.awaiting_arrangement == ()
    assert "E06000058" in {i.code for i in report.uncovered}  # Bournemouth, Christchurch and Poole


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> TemporalGraph:
    """The landscape with a registry that records an arrangement for East Surrey, as the registry
    would once one is published (a test fixture: no such arrangement is known)."""
    registry = tmp_path_factory.mktemp("registry")
    for src in default_registry().glob("*.yaml"):
        shutil.copyfile(src, registry / src.name)
    with (registry / "childrens_partnerships.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            "\n  - id: east-surrey-test-scp\n"
            "    name: East Surrey test partnership (fixture, not a real arrangement)\n"
            "    form: single\n"
            "    members:\n"
            "      - la: surrey-2027-east-surrey-council\n"
            "        from: 2027-04-01\n"
            "    sources:\n"
            "      - url: https://example.org/test-fixture\n"
            "        confidence: quoted\n"
        )
    return build_landscape(SHARED, registry)


def test_the_registry_can_record_their_arrangement(published: TemporalGraph) -> None:
    report = coverage(published, VESTING)
    assert [w.la.id for w in report.awaiting_arrangement] == [WEST]
    assert report.uncovered == ()
    assert report.reasons == (
        "1 new local authority area(s) awaiting an arrangement (1 made by a decided change)",
    )  # Surrey Police now takes part through East Surrey's arrangement
