"""A proposal on the map, in a real browser: before and after, affected areas, the report."""

from __future__ import annotations

import httpx
import yaml

from tests.api.browser import official
from tests.api.browser.conftest import ROOT, Tab

CUMBRIA = ROOT / "queries" / "proposals" / "2023-cumbria-north-yorkshire-somerset.yaml"


def new_councils() -> list[str]:
    """The names of the LAs a proposal file creates, read from the file itself."""
    doc = yaml.safe_load(CUMBRIA.read_text(encoding="utf-8"))
    names = []
    for op in doc["operations"]:
        if op["kind"] == "create_la":
            names.append(op["name"])
        if op["kind"] == "split_la":
            names.extend(part["name"] for part in op["into"])
    return names


def test_a_shipped_proposal_shows_its_new_councils_before_and_after(tab: Tab) -> None:
    tab.goto("/#impact")
    tab.page.wait_for_function("() => document.querySelectorAll('#proposal option').length > 1")
    tab.page.select_option("#proposal", CUMBRIA.stem)
    tab.page.click("#impact-shipped button")
    tab.page.wait_for_function("() => document.body.dataset.impact")
    names = new_councils()
    assert names == ["Cumberland", "Westmorland and Furness", "North Yorkshire", "Somerset"]
    listed = tab.page.locator("#impact-report ul").first.inner_text()
    for name in names:
        assert name in listed
    after = tab.page.locator("#map-after path.area")
    labels = after.evaluate_all("ps => ps.map(p => p.getAttribute('aria-label'))")
    for name in names:
        assert any(label.startswith(name + " (") for label in labels), name
    # the replay of 2023 makes the official April 2023 count; the day before has the 2021 one
    assert after.count() == len(official.upper_tier(23))
    assert tab.page.locator("#map-before path.area").count() == len(official.upper_tier(21))
    assert tab.page.locator("#map-after path.area[stroke='#d55e00']").count() >= len(names)
    tab.shot("impact-cumbria")
    tab.page.check("input[name='impact-view'][value='toggle']")
    assert tab.page.is_hidden("#map-before") and tab.page.is_visible("#map-after")
    tab.page.click("#impact-toggle")
    assert tab.page.is_visible("#map-before") and tab.page.is_hidden("#map-after")


def test_a_pasted_malformed_proposal_shows_the_apis_own_message(tab: Tab) -> None:
    bad = "name: broken\neffective: 2027-04-01\noperations:\n  - kind: merge_everything\n    las: [E10000012]\n"
    answer = httpx.post(tab.base + "/impact.json", content=bad.encode())
    assert answer.status_code == 400
    message = answer.json()["errors"][0]["message"]
    tab.goto("/#impact")
    tab.page.fill("#yaml", bad)
    tab.page.click("#impact-pasted button")
    tab.page.wait_for_function(
        "() => document.getElementById('impact-status').className === 'error'"
    )
    assert tab.page.text_content("#impact-status") == f"The API refused this proposal: {message}"
    tab.expect_refused("/impact.json")
    tab.page.fill("#yaml", "operations: [")
    tab.page.click("#impact-pasted button")
    tab.page.wait_for_function(
        "() => document.getElementById('impact-status').textContent.includes('not valid YAML')"
    )
    tab.expect_refused("/impact.json")
    tab.shot("impact-malformed")


def test_a_pasted_proposal_is_drawn(tab: Tab) -> None:
    text = (ROOT / "queries" / "proposals" / "hypothetical-essex-east-west.yaml").read_text()
    tab.goto("/#impact")
    tab.page.fill("#yaml", text)
    tab.page.click("#impact-pasted button")
    tab.page.wait_for_function("() => document.body.dataset.impact")
    labels = tab.page.locator("#map-after path.area").evaluate_all(
        "ps => ps.map(p => p.getAttribute('aria-label'))"
    )
    assert any(label.startswith("West Essex (") for label in labels)
    assert any(label.startswith("East Essex (") for label in labels)


def test_a_council_proposal_is_labelled_and_its_new_councils_partners_shown(tab: Tab) -> None:
    name = "lgr-2025-west-sussex-2-unitaries-districts"
    proposer = yaml.safe_load((ROOT / "queries" / "proposals" / f"{name}.yaml").read_text())[
        "proposer"
    ]
    tab.goto("/#impact")
    tab.page.wait_for_function("() => document.querySelectorAll('#proposal option').length > 1")
    tab.page.select_option("#proposal", name)
    tab.page.click("#impact-shipped button")
    tab.page.wait_for_function("() => document.body.dataset.impact")
    assert tab.page.text_content("#impact-standing").startswith(
        f"A proposal, not a decision, by {proposer}"
    )
    rows = tab.page.locator("#impact-report table").first.inner_text()
    for council in ("Coastal West Sussex", "North West Sussex"):
        assert council in rows
    assert "NHS Surrey and Sussex Integrated Care Board 100" in rows and "Sussex 100" in rows
    tab.shot("impact-west-sussex")


def test_a_police_merger_outlines_the_forces_it_changes(tab: Tab) -> None:
    tab.goto("/#impact")
    tab.page.wait_for_function("() => document.querySelectorAll('#proposal option').length > 1")
    tab.page.select_option("#proposal", "hypothetical-police-norfolk-suffolk")
    tab.page.click("#impact-shipped button")
    tab.page.wait_for_function("() => document.body.dataset.impact")
    # before: Norfolk and Suffolk, two forces; after: the one merged force
    assert tab.page.locator("#map-before path.body-outline").count() == 2
    assert tab.page.locator("#map-after path.body-outline").count() == 1
    assert "Hypothetical" in tab.page.inner_text("#impact-report")
    tab.shot("impact-police-merger")
