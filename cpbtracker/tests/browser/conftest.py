"""Browser tests: a real headless Chromium (the system's, never a downloaded one) driven by
Playwright against the live test server, with axe-core for accessibility.

`make test` runs them when Chromium is installed; CI installs it and always runs them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

# Flags a sandboxed headless Chromium needs here: no background traffic, no first-run setup.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        raise RuntimeError(
            "the browser tests need Chromium (Debian package chromium, or CHROMIUM=path)"
        )
    return path


@pytest.fixture(scope="module")
def browser(django_db_setup) -> Iterator[Browser]:
    """One Chromium per test module, started after the test database exists.

    Playwright's sync API keeps an event loop in the test thread; the ORM calls made there
    (creating users, reading what was saved, the flush after each test) are still plain
    synchronous calls, so Django's async guard is lifted while the browser runs, and only
    then: commands that other modules' tests start must not inherit it.
    """
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    """A fresh browser tab (no cookies) at 1280 x 900, English first."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def sign_in(page: Page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def axe_violations(page: Page) -> list[str]:
    """Every axe-core violation on the page, as 'rule: selector (help)' lines."""
    results = Axe().run(page)
    return [
        f"{v['id']}: {', '.join(str(t) for n in v['nodes'] for t in n['target'])} ({v['help']})"
        for v in results.response["violations"]
    ]
