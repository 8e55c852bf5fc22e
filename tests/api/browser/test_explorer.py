"""The explorer at / in a real browser, offline: the map, the table, the date, the layers.

Every expected answer is read from the official files (``official.py``), not from the program.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from tests.api.browser import official
from tests.api.browser.conftest import Tab

if TYPE_CHECKING:
    from tests.api.conftest import GraphQL

READY = "() => document.body.dataset.ready === 'true' && document.body.dataset.asOf === '{day}'"
AREAS = "#map path.area"


def open_on(tab: Tab, day: str) -> None:
    tab.goto(f"/?asOf={day}")
    tab.page.wait_for_function(READY.format(day=day))


def table_codes(tab: Tab) -> list[str]:
    return tab.page.locator("#table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.code)")


def test_2024_06_01_draws_the_153_upper_tier_las_and_names_them_in_the_table(tab: Tab) -> None:
    open_on(tab, "2024-06-01")
    expected = official.upper_tier(23)
    names = official.official_names()
    drawn = tab.page.locator(AREAS).evaluate_all("ps => ps.map(p => p.dataset.code)")
    assert sorted(drawn) == sorted(expected)
    rows = tab.page.locator("#table tbody tr").evaluate_all(
        "rs => rs.map(r => [r.dataset.code, r.querySelector('button.name').textContent])"
    )
    assert dict(rows) == {code: names[code] for code in expected}
    tab.shot("explorer-2024-06-01")


def test_choosing_essex_on_the_map_shows_its_three_icbs(tab: Tab) -> None:
    open_on(tab, "2024-06-01")
    tab.page.click(f'{AREAS}[data-code="E10000012"]')
    tab.page.wait_for_selector("#chosen")
    assert tab.page.text_content("#chosen") == "Essex County Council"
    health = tab.page.locator("#details-body table", has_text="Health bodies with people of")
    shown = health.locator("tbody tr td:first-child").all_inner_texts()
    assert set(shown) == official.icbs_of("E10000012")
    assert len(shown) == 3
    # each fact with its source and confidence: the partners of its partnership
    partners = tab.page.locator("#details-body table", has_text="Partners of")
    assert partners.locator(".confidence").count() > 0
    tab.shot("explorer-essex")


def test_moving_the_date_across_2023_04_01_changes_cumbria(tab: Tab) -> None:
    open_on(tab, "2023-03-31")
    before = official.upper_tier(21)
    assert "E10000006" in before
    assert tab.page.locator(AREAS).count() == len(before)
    assert "E10000006" in table_codes(tab) and "E06000063" not in table_codes(tab)
    tab.page.select_option("#stop", "2023-04-01")
    tab.page.wait_for_function(READY.format(day="2023-04-01"))
    after = official.upper_tier(23)
    assert tab.page.locator(AREAS).count() == len(after)
    codes = table_codes(tab)
    assert "E10000006" not in codes
    assert {"E06000063", "E06000064"} <= set(codes)  # Cumberland, Westmorland and Furness
    tab.shot("explorer-2023-04-01")


def test_the_keyboard_reaches_an_la_on_the_map_and_chooses_it(tab: Tab) -> None:
    open_on(tab, "2024-06-01")
    tab.page.focus("#date")
    code = None
    for _ in range(60):
        tab.page.keyboard.press("Tab")
        code = tab.page.evaluate("() => document.activeElement.dataset.code || null")
        if code:
            break
    assert code in official.upper_tier(23), "Tab never reached an area of the map"
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_selector("#chosen")
    assert tab.page.text_content("#chosen") == official.official_names()[code]
    # and by name, from the search box
    tab.page.fill("#find", "Cumberland Council")
    tab.page.press("#find", "Enter")
    tab.page.wait_for_function(
        "() => document.getElementById('chosen').textContent === 'Cumberland Council'"
    )


def test_the_table_sorts_and_downloads_as_csv(tab: Tab) -> None:
    open_on(tab, "2024-06-01")
    tab.page.click("#table th button:text('People')")
    people = tab.page.locator("#table tbody tr td:last-child").all_inner_texts()
    values = [int(p.replace(",", "")) for p in people]
    assert values == sorted(values)
    with tab.page.expect_download() as download:
        tab.page.click("#download")
    path = download.value.path()
    text = path.read_text(encoding="utf-8")
    got = list(csv.DictReader(io.StringIO(text)))
    assert {r["Code"] for r in got} == set(official.upper_tier(23))
    assert download.value.suggested_filename == "local-authorities-2024-06-01.csv"
    tab.page.select_option("#table-of", "partnerships")
    assert tab.page.locator("#table caption").inner_text().startswith("Children's partnerships")


def test_the_layers_draw_icbs_and_police_force_areas(tab: Tab) -> None:
    open_on(tab, "2024-06-01")
    tab.page.check("#layer-health-bodies")
    tab.page.check("#layer-police-forces")
    icbs = {r["icb24_code_nhs"] for r in official.rows("lsoa21_sicbl24_icb24_en_ons.csv")}
    forces = {
        r["pfa24_code"]
        for r in official.rows("lad24_csp24_pfa24_ew_ons.csv")
        if r["pfa24_code"].startswith("E")
    }
    tab.page.wait_for_function(
        f"() => document.querySelectorAll('#map path[data-id^=\"icb:\"]').length === {len(icbs)}"
    )
    drawn = tab.page.locator('#map path[data-id^="icb:"]').evaluate_all(
        "ps => ps.map(p => p.dataset.id)"
    )
    assert {d.removeprefix("icb:") for d in drawn} == icbs
    tab.page.wait_for_function(
        f"() => document.querySelectorAll('#map path[data-id^=\"pfa:\"]').length === {len(forces)}"
    )
    tab.shot("explorer-layers")


def test_ccgs_without_a_boundary_are_said_to_be_so(tab: Tab) -> None:
    open_on(tab, "2021-06-01")
    tab.page.check("#layer-health-bodies")
    ccgs = official.ccg_districts_2021()
    whole = sum(1 for _, _, w in ccgs.values() if w)
    label = f"CCGs ({len(ccgs) - whole} of {len(ccgs)} without a boundary)"
    tab.page.wait_for_function(
        f"() => document.getElementById('health-label').textContent === {label!r}"
    )
    assert tab.page.locator('#map path[data-id^="ccg:"]').count() == whole


def test_a_date_before_2019_shows_the_apis_own_message(tab: Tab, gql: GraphQL) -> None:
    message = gql.errors('{ coverage(asOf: "2018-06-01") { compliant } }')[0]["message"]
    tab.goto("/?asOf=2018-06-01")
    tab.page.wait_for_function("() => document.body.dataset.ready === 'error'")
    assert tab.page.text_content("#status") == f"The API refused this: {message}"
    tab.expect_refused("geo/local-authorities.json?asOf=2018-06-01")  # GraphQL answers 200
    tab.shot("explorer-before-2019")


def test_the_colours_are_those_of_the_coverage_answer(tab: Tab, gql: GraphQL) -> None:
    # before 29 September 2019 most LAs had no partnership yet: the API says which
    data = gql.data(
        '{ coverage(asOf: "2019-06-01") { uncovered { code } multiplyCovered { code } } }'
    )
    uncovered = {i["code"] for i in data["coverage"]["uncovered"]}
    assert len(uncovered) > 100
    open_on(tab, "2019-06-01")
    fills = tab.page.locator(AREAS).evaluate_all(
        "ps => ps.map(p => [p.dataset.code, p.getAttribute('fill')])"
    )
    assert {code for code, fill in fills if fill == "#e69f00"} == uncovered
    statuses = tab.page.locator("#table tbody tr").evaluate_all(
        "rs => rs.map(r => [r.dataset.code, r.cells[5].textContent])"
    )
    assert {code for code, status in statuses if status == "uncovered"} == uncovered
    assert "arrangements were required only from 2019-09-29" in tab.page.text_content("#status")
    tab.shot("explorer-2019-06-01")
