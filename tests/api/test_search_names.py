"""``search`` finds police forces by their service names and NHS bodies by common names."""

from __future__ import annotations

import csv

import yaml

from loaders.service_names import shipped
from tests.api.conftest import GraphQL
from tests.data import shared

SEARCH = """query($name: String!, $asOf: Date!) {
  search(name: $name, asOf: $asOf, first: 100) { nodes { id name kind } }
}"""


def ons_force(name: str) -> str:
    """The E23 code of the police force area ``name`` in ONS's pfa19 names file."""
    with shared("geography", "pfa19_names_codes_uk_ons.csv").open(encoding="utf-8-sig") as f:
        return next(r["PFA19CD"] for r in csv.DictReader(f) if r["PFA19NM"] == name)


def found(gql: GraphQL, name: str, as_of: str = "2024-06-01") -> list[str]:
    nodes = gql.data(SEARCH, {"name": name, "asOf": as_of})["search"]["nodes"]
    return [n["id"] for n in nodes]


def test_surrey_police(gql: GraphQL) -> None:
    assert f"pfa:{ons_force('Surrey')}" in found(gql, "Surrey Police")


def test_thames_valley_police(gql: GraphQL) -> None:
    assert found(gql, "thames valley police") == [f"pfa:{ons_force('Thames Valley')}"]


def test_constabulary_finds_every_force_serving_under_that_name(gql: GraphQL) -> None:
    data = yaml.safe_load(shipped().read_text(encoding="utf-8"))
    expected = {
        f"pfa:{e['code']}"
        for e in data["police_forces"]
        if any("Constabulary" in n for n in e["names"])
    }
    assert len(expected) >= 10
    got = {i for i in found(gql, "Constabulary") if i.startswith("pfa:")}
    assert got == expected


def test_icb_short_form(gql: GraphQL) -> None:
    """'NHS Frimley ICB' is the short form of ONS's 'NHS Frimley Integrated Care Board'."""
    with shared("geography", "sicbl23_icb23_nhser23_en_ons.csv").open(encoding="utf-8-sig") as f:
        ods = next(
            r["ICB23CDH"]
            for r in csv.DictReader(f)
            if r["ICB23NM"] == "NHS Frimley Integrated Care Board"
        )
    assert f"icb:{ods}" in found(gql, "NHS Frimley ICB")


def test_ccg_long_form(gql: GraphQL) -> None:
    with shared("geography", "ccg21_stp21_nhser21_en_ons.csv").open(encoding="utf-8-sig") as f:
        ods = next(r["CCG21CDH"] for r in csv.DictReader(f) if r["CCG21NM"] == "NHS Mid Essex CCG")
    assert f"ccg:{ods}" in found(gql, "Mid Essex Clinical Commissioning Group", "2021-06-01")
