"""Chromium for the e2e tests: a fresh headless browser with its performance log (tools/browsers.py starts it), and
the network requests that log saw."""
import json

import pytest

from tools import browsers


def make_chrome(extra_flags=()):
    """A headless Chromium with its performance log and console kept; the test fails, naming what to install,
    when Chromium is missing."""
    try:
        return browsers.start_chromium(extra_flags, performance_log=True)
    except browsers.BrowserMissing as missing:
        pytest.fail(str(missing))


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
