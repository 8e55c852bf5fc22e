"""GraphiQL at /graphql, from the app's own files only: the editor renders and runs an operation."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.api.browser.conftest import ROOT, Tab

EDITOR = ".graphiql-query-editor .CodeMirror"
RESPONSE = ".graphiql-response .CodeMirror"


def example_names() -> list[str]:
    """The operation names of queries/*.graphql, read here from the files themselves."""
    names = []
    for path in sorted((ROOT / "queries").glob("*.graphql"), key=lambda p: p.name):
        found = re.search(r"^\s*query\s+(\w+)", path.read_text(encoding="utf-8"), re.M)
        names.append(found.group(1) if found else Path(path).stem)
    return names


def response_of(tab: Tab) -> dict[str, object]:
    text = tab.page.evaluate(f"() => document.querySelector('{RESPONSE}').CodeMirror.getValue()")
    body: dict[str, object] = json.loads(text)
    return body


def test_graphiql_renders_its_editor_and_runs_an_operation(tab: Tab) -> None:
    tab.goto("/graphql")
    tab.page.wait_for_selector(EDITOR, state="visible")
    tab.page.evaluate(
        f"q => document.querySelector('{EDITOR}').CodeMirror.setValue(q)",
        '{ localAuthority(code: "E10000012", asOf: "2024-06-01") { name code } }',
    )
    tab.page.click(".graphiql-execute-button")
    tab.page.wait_for_function(
        f"() => document.querySelector('{RESPONSE}').CodeMirror.getValue().includes('Essex')"
    )
    assert response_of(tab) == {
        "data": {"localAuthority": {"name": "Essex County Council", "code": "E10000012"}}
    }
    schema = tab.page.locator("a.slg-schema")
    assert schema.get_attribute("href") == "/schema.graphql"
    tab.shot("graphiql")


def test_the_examples_are_offered_and_one_runs_in_its_own_tab(tab: Tab) -> None:
    tab.goto("/graphql")
    tab.page.wait_for_selector(".slg-examples")
    offered = tab.page.locator(".slg-examples option").all_inner_texts()[1:]
    assert offered == example_names()
    tab.page.select_option(".slg-examples", label="EssexIcbShares")
    tab.page.wait_for_function(
        f"() => document.querySelector('{EDITOR}').CodeMirror.getValue().includes('EssexIcbShares')"
    )
    tab.page.click(".graphiql-execute-button")
    tab.page.wait_for_function(
        f"() => document.querySelector('{RESPONSE}').CodeMirror.getValue().includes('\"data\"')"
    )
    body = response_of(tab)
    assert "errors" not in body and body["data"]
    tab.shot("graphiql-example")


def test_the_schema_link_serves_the_committed_sdl(tab: Tab) -> None:
    response = tab.page.request.get(tab.base + "/schema.graphql")
    assert response.ok
    assert response.text() == (ROOT / "schema.graphql").read_text(encoding="utf-8")
