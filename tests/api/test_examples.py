"""The example operations in queries/*.graphql, run against the real server, with real answers.

Each file has a check below; a new example without one fails :func:`test_every_example_is_checked`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import pytest

from tests import reference
from tests.census import people_in
from tests.data import ROOT

if TYPE_CHECKING:
    from tests.api.conftest import GraphQL

EXAMPLES = ROOT / "queries"
Check = Callable[[dict[str, Any]], None]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn

    return register


@check("coverage")
def _coverage(data: dict[str, Any]) -> None:
    coverage = data["coverage"]
    assert coverage["compliant"] is True and coverage["reasons"] == []
    assert coverage["localAuthorityCount"] == 153
    assert coverage["uncovered"] == coverage["multiplyCovered"] == []
    assert coverage["policeForcesWithoutArrangement"] == []
    assert coverage["healthBodiesWithoutArrangement"] == []
    assert coverage["partnershipCount"] == len(reference.partnerships_on(date(2024, 6, 1)))
    # compliant from the day the arrangements came into force: the answer never changes
    assert data["coverageTimeline"] == [
        {"date": "2019-09-29", "compliant": True, "uncovered": [], "multiplyCovered": []}
    ]


@check("met_police_partnerships")
def _met(data: dict[str, Any]) -> None:
    force = data["policeForce"]
    assert (force["code"], force["name"]) == ("E23000001", "Metropolitan Police")
    boroughs = reference.met_boroughs()
    assert {la["code"] for la in force["localAuthorities"]} == boroughs
    assert abs(sum(la["populationShare"] for la in force["localAuthorities"]) - 1) < 1e-9
    partnerships = force["partnerships"]
    members = {la["code"] for p in partnerships for la in p["partnership"]["localAuthorities"]}
    assert boroughs <= members <= boroughs | {"E09000001"}  # the City is with Hackney
    assert all(
        {la["code"] for la in p["partnership"]["localAuthorities"]} & boroughs for p in partnerships
    )
    assert abs(sum(p["populationShare"] for p in partnerships) - 1) < 1e-9
    assert sum(p["population"] for p in partnerships) == force["population"]


@check("essex_icb_shares")
def _essex(data: dict[str, Any]) -> None:
    la = data["localAuthority"]
    assert la["name"] == "Essex County Council"
    expected = reference.icb_shares("E10000012")
    shares = {b["code"]: b["populationShare"] for b in la["healthBodies"]}
    assert shares.keys() == expected.keys()
    assert all(abs(shares[c] - expected[c]) < 1e-9 for c in expected)
    assert sum(b["population"] for b in la["healthBodies"]) == la["population"]
    ods = {b["healthBody"]["identifiers"][0]["code"] for b in la["healthBodies"]}
    assert ods == {"QH8", "QJG", "QM7"}
    for body in la["healthBodies"]:
        assert body["healthBody"]["subIcbLocations"]
        assert la["partnership"]["name"] in {p["name"] for p in body["healthBody"]["partnerships"]}
    assert [p["code"] for p in la["policeForces"]] == ["E23000028"]


@check("cumbria_split")
def _cumbria(data: dict[str, Any]) -> None:
    county = data["county"]
    assert (county["code"], county["name"]) == ("E10000006", "Cumbria County Council")
    assert county["validTo"] == "2023-04-01"
    assert {d["code"] for d in county["districts"]} == set(reference.cumbria_districts())
    [split] = [e for e in data["history"]["events"] if e["date"] == "2023-04-01"]
    assert {o["code"] for o in split["resultingOrganisations"]} == {"E06000063", "E06000064"}
    assert "E10000006" in {o["code"] for o in split["originalOrganisations"]}
    joint = data["joint"]["partnership"]
    assert {la["code"] for la in joint["localAuthorities"]} == {"E06000063", "E06000064"}
    for name, code in (("cumberland", "E06000063"), ("westmorland", "E06000064")):
        own = data[name]["partnership"]
        assert [la["code"] for la in own["localAuthorities"]] == [code]
        assert own["name"] != joint["name"]


@check("essex_split_impact")
def _essex_split(data: dict[str, Any]) -> None:
    report = data["impactOfShipped"]
    assert report["__typename"] == "ImpactReport", report
    assert report["hypothetical"] is True and report["effective"] == "2027-04-01"
    assert report["after"]["localAuthorityCount"] == report["before"]["localAuthorityCount"] + 1
    needing = {n["localAuthority"]["name"]: n for n in report["needingArrangement"]}
    assert set(needing) == {"East Essex", "West Essex"}
    assert all(n["new"] for n in needing.values())
    assert report["after"]["compliant"] is False
    assert report["after"]["uncovered"] == []  # new LAs await an arrangement: not uncovered
    assert {u["name"] for u in report["after"]["awaitingArrangement"]} == {
        "East Essex",
        "West Essex",
    }
    assert report["affected"]["people"] == sum(n["population"] for n in needing.values())


@check("surrey_reviews_and_posts")
def _surrey(data: dict[str, Any]) -> None:
    p = data["partnership"]
    assert p["name"] == "Surrey Safeguarding Children Partnership"
    sara = next(r for r in p["reviews"] if r["code"] == "surrey-lcspr-sara-sharif")
    assert sara["published"]["iso"] == "2025-11-13"  # reviews.csv
    assert sara["commissioned"] == {"iso": "2023-10-10", "precision": "DAY"}
    assert p["openReviews"] == [{"code": "surrey-lcspr-sara-sharif", "openness": "OPEN"}]
    published = [x for x in p["posts"] if not x["derived"]]
    assert {x["seenFrom"]["iso"] for x in published} == {"2022", "2023-10"}  # chairs_and_scrutiny
    assert all(x["holderRecorded"] and x["holder"] is None for x in published)
    need = p["requiredPosts"]
    assert [r["code"] for r in need["rulesInForce"]] == ["working-together-2023"]
    assert {x["role"] for x in need["posts"]} >= {"lead safeguarding partner", "partnership chair"}
    assert need["participants"] == []  # the 2026 Act was not yet enacted


@check("west_sussex_options")
def _west_sussex(data: dict[str, Any]) -> None:
    c = data["compareProposals"]
    assert c["__typename"] == "Comparison"
    one, two = c["options"]
    assert [x["localAuthority"]["name"] for x in one["councils"]] == ["West Sussex"]
    districts = {  # the members of each council in lgr_proposals_2025.csv
        "West Sussex": ["E07000223", "E07000224", "E07000225", "E07000226", "E07000227",
                        "E07000228", "E07000229"],
        "North West Sussex": ["E07000226", "E07000227", "E07000228"],
        "Coastal West Sussex": ["E07000225", "E07000229", "E07000223", "E07000224"],
    }  # fmt: skip
    for council in (*one["councils"], *two["councils"]):
        people, children = people_in(districts[council["localAuthority"]["name"]])
        assert (council["population"], council["children"]) == (people, children)
        assert [p["body"]["code"] for p in council["partners"]["policeForces"]] == ["E23000033"]
        assert [p["body"]["code"] for p in council["partners"]["healthBodies"]] == ["E54000069"]
        assert council["placedIn"] is None
    header = next(csv.reader(c["csv"].splitlines()))
    assert header == ["section", "measure", one["name"], two["name"]]


def examples() -> list[str]:
    return sorted(p.stem for p in EXAMPLES.glob("*.graphql"))


def test_every_example_is_checked() -> None:
    assert examples() == sorted(CHECKS)


@pytest.mark.parametrize("name", examples())
def test_example(gql: GraphQL, name: str) -> None:
    data = gql.data((EXAMPLES / f"{name}.graphql").read_text(encoding="utf-8"))
    CHECKS[name](data)
