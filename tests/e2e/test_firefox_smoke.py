"""Firefox ESR smoke test: the page boots from file:// to ready with the versions, through marionette_driver
(geckodriver is not packaged for Debian; Firefox speaks Marionette itself)."""
import json

import pytest

from helpers.page import js, navigate
from helpers.wait import wait_for_boot
from tools.paths import OPTIMISED_DIR

# The `firefox` fixture (tests/e2e/conftest.py) skips these tests when firefox-esr is not installed.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # mozinfo/mozrunner import deprecated modules


def test_boots_from_file_url_in_firefox(firefox, site_file_url):
    navigate(firefox, site_file_url)
    status = wait_for_boot(firefox)
    assert status["status"] == "ready", f"Firefox boot did not reach ready: {status}"
    boot = status["boot"]
    print(f"Firefox: page open → ready {boot['info']['pageToReadyMs']} ms, stages {boot['info']['timings']}")
    lock = json.loads((OPTIMISED_DIR / "pyodide-lock.json").read_text())
    assert boot["info"]["numpy"] == lock["packages"]["numpy"]["version"]
    assert boot["info"]["colornet"] == lock["packages"]["colornet"]["version"]
    assert boot["info"]["python"] == lock["info"]["python"]
    # the CSP forbids connections here too, and user code's network attempts fail with the clear message
    page_fetch, python_fetch = js(firefox, """
        const outside = "https://example.com/colornet-probe.json";
        const pageFetch = fetch(outside).then(() => "fetched", (e) => "blocked: " + e.message);
        const pyFetch = window.colornetRuntime.call("eval", {code: `from pyodide.http import pyfetch\nawait pyfetch("${outside}")`})
          .then(() => "fetched", (e) => "blocked: " + e.message);
        return await Promise.all([pageFetch, pyFetch]);
    """)
    assert page_fetch.startswith("blocked")
    assert "Network access is disabled in the colornet playground" in python_fetch
