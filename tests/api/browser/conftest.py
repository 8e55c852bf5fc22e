"""Headless Chromium (Debian's package, installed by ``.ci/run``) driven by Playwright, offline.

The browser talks to the real server of ``tests/api/conftest.py`` only: a route handler aborts
every request to a host other than 127.0.0.1 or localhost, and records it; each test ends by
asserting that none was tried and that the page raised no error. Chromium is started without its
background networking (updates, safe browsing, sync). Playwright never downloads a browser here:
it launches the system ``chromium``; where that is missing the tests fail and say how to install
it (they are not skipped). Screenshots, for the record only (nothing asserts on pixels), go to
``build/screenshots/`` (ignored by git).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, sync_playwright

ROOT = Path(__file__).resolve().parents[3]
SHOTS = ROOT / "build" / "screenshots"
LOOPBACK = ("127.0.0.1", "localhost")
ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root in a container
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
    "--safebrowsing-disable-auto-update",
]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail(
            "no Chromium on PATH: the browser tests need Debian's package "
            "(apt-get install -y chromium; .ci/run installs it)",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium(), args=ARGS)
        yield b
        b.close()


@dataclass
class Tab:
    """A page of a fresh browser context, with what it asked for and what went wrong."""

    page: Page
    base: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # responses of 400 and over, by URL
    sizes: list[tuple[str, int]] = field(default_factory=list)  # (url, bytes as transferred)

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def expect_refused(self, fragment: str) -> None:
        """The test provoked a refusal of a URL containing ``fragment``: wait until Playwright
        reports it (its "requestfinished" event may come after the page has shown the answer),
        then take it, and the line Chromium logs for each, off the lists the teardown checks."""
        waited = 0
        while not any(fragment in u for u in self.refused):
            assert waited < 10_000, f"no refused request to {fragment} was reported"
            self.page.wait_for_timeout(50)  # lets the driver deliver the page's events
            waited += 50
        self.refused[:] = [u for u in self.refused if fragment not in u]
        self.errors[:] = [e for e in self.errors if "Failed to load resource" not in e]


@pytest.fixture
def tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="en-GB", accept_downloads=True
    )
    page = context.new_page()
    t = Tab(page, base_url)

    def route(r: Route) -> None:
        url = r.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname in LOOPBACK:
            r.continue_()
        else:
            t.outside.append(url)
            r.abort("blockedbyclient")

    def console(m: ConsoleMessage) -> None:
        if m.type in ("error", "warning"):
            t.errors.append(f"{m.type}: {m.text}")

    def finished(q: Request) -> None:
        response = q.response()
        if response is not None and response.status >= 400:
            t.refused.append(q.url)
        s: Any = q.sizes()
        t.sizes.append((q.url, int(s["responseBodySize"]) + int(s["responseHeadersSize"])))

    context.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda e: t.errors.append(f"pageerror: {e}"))
    page.on("requestfinished", finished)
    page.on("requestfailed", lambda q: t.errors.append(f"requestfailed: {q.url} {q.failure}"))
    yield t
    context.close()
    assert t.outside == [], f"requests to outside hosts: {t.outside}"
    assert t.errors == [], f"errors in the page: {t.errors}"
    assert t.refused == [], f"refused requests the test did not provoke: {t.refused}"
