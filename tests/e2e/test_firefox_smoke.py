"""Firefox ESR smoke test: the page boots from file:// to ready with the versions, through marionette_driver
(geckodriver is not packaged for Debian; Firefox speaks Marionette itself)."""
import json
import time

import pytest

from tools.paths import OPTIMISED_DIR

# The `firefox` fixture (tests/e2e/conftest.py) skips these tests when firefox-esr is not installed.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # mozinfo/mozrunner import deprecated modules


def test_boots_from_file_url_in_firefox(firefox, site_file_url):
    firefox.navigate(site_file_url)
    deadline = time.monotonic() + 60
    boot = None
    while time.monotonic() < deadline:
        boot = firefox.execute_script("return window.colornetBoot || null", new_sandbox=False, sandbox=None)
        if boot and boot["status"] in ("ready", "error"):
            break
        time.sleep(0.1)
    assert boot and boot["status"] == "ready", f"Firefox boot did not reach ready: {boot}"
    print(f"Firefox: page open → ready {boot['info']['pageToReadyMs']} ms, stages {boot['info']['timings']}")
    lock = json.loads((OPTIMISED_DIR / "pyodide-lock.json").read_text())
    assert boot["info"]["numpy"] == lock["packages"]["numpy"]["version"]
    assert boot["info"]["colornet"] == lock["packages"]["colornet"]["version"]
    assert boot["info"]["python"] == lock["info"]["python"]
    # the CSP forbids connections here too, and user code's network attempts fail with the clear message
    page_fetch, python_fetch = firefox.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const outside = "https://example.com/colornet-probe.json";
        const pageFetch = fetch(outside).then(() => "fetched", (e) => "blocked: " + e.message);
        const pyFetch = window.colornetRuntime.call("eval", {code: `from pyodide.http import pyfetch\nawait pyfetch("${outside}")`})
          .then(() => "fetched", (e) => "blocked: " + e.message);
        Promise.all([pageFetch, pyFetch]).then(done);
    """, new_sandbox=False, sandbox=None)
    assert page_fetch.startswith("blocked")
    assert "Network access is disabled in the colornet playground" in python_fetch
