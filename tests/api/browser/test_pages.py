"""The page of an entity in a real browser: linkable, with its map; bad URLs get the API's message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.api.browser import official
from tests.api.browser.conftest import Tab

if TYPE_CHECKING:
    from tests.api.conftest import GraphQL


def test_the_page_of_essex_shows_its_icbs_sources_and_footprint(tab: Tab) -> None:
    tab.goto("/la/E10000012?asOf=2024-06-01")
    assert tab.page.text_content("h1") == "Essex County Council"
    health = tab.page.locator("table", has_text="Health bodies with people of it")
    names = set(health.locator("tbody tr td:first-child").all_inner_texts())
    assert names == official.icbs_of("E10000012")
    assert tab.page.locator(".confidence").count() > 10
    tab.page.wait_for_selector("#entity-map[data-ready='true'] path.leaflet-interactive")
    assert "12 district boundaries" in tab.page.text_content("#map-note")
    assert tab.page.text_content("#attribution").startswith(
        "Source: Office for National Statistics"
    )
    tab.shot("page-essex")


def test_a_link_from_a_page_leads_to_the_partnership_on_the_same_day(tab: Tab) -> None:
    tab.goto("/la/E10000012?asOf=2026-06-01")
    tab.page.click('section:has(h2:text("Children\'s safeguarding partnership")) a')
    tab.page.wait_for_load_state()
    assert tab.page.url.endswith("/partnership/essex-scb?asOf=2026-06-01")
    assert tab.page.text_content("h1") == "Essex Safeguarding Children Board"


def test_an_unknown_code_in_the_url_shows_the_apis_message(tab: Tab, gql: GraphQL) -> None:
    errors = gql.errors('{ localAuthority(code: "E99999999", asOf: "2024-06-01") { name } }')
    tab.goto("/la/E99999999?asOf=2024-06-01")
    assert tab.page.text_content("h1") == "Not found"
    assert tab.page.text_content("[role=alert]") == f"local authority: {errors[0]['message']}"
    tab.expect_refused("/la/E99999999")
    tab.shot("page-unknown-code")
