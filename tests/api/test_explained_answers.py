"""Answers that explain themselves: a ceased LA says when it ended and what replaced it instead of
answering zeros; every children's figure carries its age band; every share names its whole.

Expected values come from the official files: ltla21_utla21 has Cumbria E10000006 and
ltla23_utla23 has, in its place, Cumberland E06000063 and Westmorland and Furness E06000064; the
population files give children aged 0-17 (mid-2020 estimates, pop_lsoa11_mid2020) and 0-15
(Census 2021, pop_lsoa21_census2021).
"""

from __future__ import annotations

import csv

from tests.api.conftest import GraphQL
from tests.data import shared

CUMBRIA = """query($asOf: Date!) { localAuthority(code: "E10000006", asOf: $asOf) {
  valid ceased { ended lastDay successors { code name } events { change } } } }"""


def _cumbria_successors() -> set[str]:
    with shared("geography", "ltla21_utla21_ew_ons.csv").open(encoding="utf-8-sig") as f:
        districts = {r["ltla21_code"] for r in csv.DictReader(f) if r["utla21_code"] == "E10000006"}
    with shared("geography", "lad16_to_lad24_chain_uk_ons.csv").open(encoding="utf-8-sig") as f:
        return {r["ltla24_code"] for r in csv.DictReader(f) if r["ltla21_code"] in districts}


def test_a_ceased_la_says_when_it_ended_and_what_replaced_it(gql: GraphQL) -> None:
    la = gql.data(CUMBRIA, {"asOf": "2024-06-01"})["localAuthority"]
    assert la["valid"] is False
    assert la["ceased"]["ended"] == "2023-04-01" and la["ceased"]["lastDay"] == "2023-03-31"
    assert {s["code"] for s in la["ceased"]["successors"]} == _cumbria_successors()
    assert la["ceased"]["events"][0]["change"] == "reorganisation"


def test_a_living_la_has_no_cessation(gql: GraphQL) -> None:
    la = gql.data(CUMBRIA, {"asOf": "2022-06-01"})["localAuthority"]
    assert la == {"valid": True, "ceased": None}


def test_figures_of_a_ceased_la_are_refused_with_the_reason(gql: GraphQL) -> None:
    for field in ("population", "children", "partnership { name }", "policeForces { code }"):
        errors = gql.errors(
            f'{{ localAuthority(code: "E10000006", asOf: "2024-06-01") {{ {field} }} }}'
        )
        message = errors[0]["message"]
        assert "did not exist on 2024-06-01: it ended on 2023-04-01" in message, field
        assert "Cumberland Council" in message and "Westmorland and Furness Council" in message
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_children_carry_their_age_band_across_2024_04_01(gql: GraphQL) -> None:
    query = """query($asOf: Date!) { localAuthority(code: "E10000012", asOf: $asOf) {
      children childrenAges populationBase
      healthBodies { childrenAges shareOf populationBase }
      partnership { children childrenAges } } }"""
    before = gql.data(query, {"asOf": "2024-03-31"})["localAuthority"]
    after = gql.data(query, {"asOf": "2024-04-01"})["localAuthority"]
    assert before["childrenAges"] == "0-17" and after["childrenAges"] == "0-15"
    assert "pop_lsoa11_mid2020_en_ons.csv" in before["populationBase"]
    assert "pop_lsoa21_census2021_en_ons.csv" in after["populationBase"]
    assert before["partnership"]["childrenAges"] == "0-17"
    assert after["partnership"]["childrenAges"] == "0-15"
    assert {h["childrenAges"] for h in after["healthBodies"]} == {"0-15"}
    assert {h["shareOf"] for h in after["healthBodies"]} == {"people of Essex County Council"}
    # the census band is narrower: fewer "children", not fewer young people
    assert after["children"] < before["children"]


def test_every_share_names_its_whole(gql: GraphQL) -> None:
    data = gql.data("""{ policeForce(code: "E23000028", asOf: "2024-06-01") {
      name partnerships { shareOf childrenAges populationBase } } }""")["policeForce"]
    assert {p["shareOf"] for p in data["partnerships"]} == {f"people of {data['name']}"}
    assert all(p["childrenAges"] == "0-15" and p["populationBase"] for p in data["partnerships"])
