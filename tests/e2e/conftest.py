"""Fixtures for the browser tests (the helpers they call live in helpers/, not here): Debian's Chromium through
Selenium, Firefox ESR through marionette_driver (both started by tools/browsers.py, as the bench starts them), the
page from file:// and from a loopback-only http server, a page-open helper that waits for "ready", and the network
log.

Fixture names are a contract with the playground tests: browser, firefox, site_file_url, site_http_url,
open_page, network_requests.
"""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from helpers.chromium import make_chrome, network_requests
from helpers.wait import wait_for_boot, wait_ready
from tools import browsers, loopback_server  # the repo root is on sys.path (pytest.ini: pythonpath)

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"


@pytest.fixture(scope="module")
def browser(request):
    """One headless Chromium per test module; its console log is printed at teardown when a test failed."""
    driver = make_chrome()
    failed_before = request.session.testsfailed
    yield driver
    if request.session.testsfailed > failed_before:
        with contextlib.suppress(Exception):
            for entry in driver.get_log("browser"):
                print(f"[browser {entry['level']}] {entry['message']}")
    driver.quit()


@pytest.fixture(scope="module")
def firefox():
    """One headless Firefox ESR (a marionette_driver client) per test module; skipped when it is not installed."""
    if browsers.FIREFOX is None:
        pytest.skip("firefox-esr not installed (apt-get install firefox-esr)")
    with browsers.firefox(page_load_timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "dist" / "app.js").exists():
        pytest.fail("site/dist is not built: run `python3 build.py` first")
    return SITE


@pytest.fixture(scope="session")
def site_file_url(site_dir) -> str:
    return (site_dir / "index.html").as_uri()


@contextlib.contextmanager
def serve_directory(directory: Path):
    """A loopback-only http server for `directory` on a free port; yields its base URL (with a trailing slash)."""
    with loopback_server.serve(directory) as base:
        yield base + "/"


@pytest.fixture(scope="session")
def site_http_url(site_dir):
    with serve_directory(site_dir) as base:
        yield base + "index.html"


class PageError(AssertionError):
    """The page reported a boot failure (its message names the stage and the file)."""


@pytest.fixture
def open_page(browser):
    """open_page(url, timeout=60) → status dict; raises PageError with the page's message if boot failed."""

    def _open(url, timeout=60):
        browser.get(url)
        state = wait_for_boot(browser, timeout)
        if state["status"] != "ready":
            raise PageError(f"page failed to boot: {state['error']}")
        return state

    return _open


@pytest.fixture(name="network_requests")
def network_requests_fixture():
    """The network_requests(browser) helper as a fixture."""
    return network_requests


@pytest.fixture(scope="module")
def page(browser, site_file_url):
    """The page from file://, opened once per module and ready (a module may define its own `page`)."""
    browser.get(site_file_url)
    wait_ready(browser)
    return browser
