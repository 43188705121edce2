"""Fixtures for the browser tests: Debian's Chromium through Selenium, Firefox ESR through marionette_driver
(both started by tools/browsers.py, as the bench starts them), the page from file:// and from a loopback-only
http server, a page-open helper that waits for "ready", and the network log.

Fixture names are a contract with the playground tests: browser, firefox, site_file_url, site_http_url,
open_page, network_requests.
"""
from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from tools import browsers, loopback_server  # the repo root is on sys.path (pytest.ini: pythonpath)

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
# Boot status as the page knows it: window.playground (the UI) if present, else the runtime's own status.
PAGE_STATUS_JS = """
const b = window.colornetBoot || null;
let status = b ? b.status : 'loading';
let error = b && b.error;
if (window.playground && window.playground.state) {
  const s = window.playground.state().status;
  if (s !== 'loading') status = (s === 'error') ? 'error' : (b && b.status === 'error' ? 'error' : 'ready');
  else if (status === 'ready') status = 'loading';  // runtime ready, UI not yet
}
const el = document.querySelector('[data-testid="status"]');
return {status, error: error || (el && el.textContent), info: b && b.info, boot: b};
"""


def make_chrome(extra_flags=()):
    """A headless Chromium with its performance log and console kept (tools/browsers.py)."""
    try:
        return browsers.start_chromium(extra_flags, performance_log=True)
    except browsers.BrowserMissing as missing:
        pytest.fail(str(missing))


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


def wait_for_boot(driver, timeout=60):
    """Polls until the page is ready or failed; returns the status dict ({status, error, info, boot})."""
    import time

    deadline = time.monotonic() + timeout
    state = None
    while time.monotonic() < deadline:
        state = driver.execute_script(PAGE_STATUS_JS)
        if state["status"] in ("ready", "error"):
            return state
        time.sleep(0.05)
    raise TimeoutError(f"page not ready after {timeout} s; last status: {state}")


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


def network_requests(browser) -> list[str]:
    """Every request in the performance log that is not file:, blob: or data: (drains the log)."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            url = message["params"].get("request", {}).get("url") or message["params"].get("url", "")
            if not url.startswith(("file:", "blob:", "data:")):
                urls.append(url)
    return urls


@pytest.fixture(name="network_requests")
def network_requests_fixture():
    """The network_requests(browser) helper as a fixture."""
    return network_requests
