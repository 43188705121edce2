"""Firefox ESR smoke test: the page boots from file:// to ready with the versions, through marionette_driver
(geckodriver is not packaged for Debian; Firefox speaks Marionette itself)."""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
pytestmark = [
    pytest.mark.skipif(FIREFOX is None, reason="firefox-esr not installed (apt-get install firefox-esr)"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),  # mozinfo/mozrunner import deprecated modules
]
PREFS = {
    "browser.shell.checkDefaultBrowser": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.enabled": False,
    "app.update.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "extensions.update.enabled": False,
    "browser.startup.homepage_override.mstone": "ignore",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def firefox():
    from marionette_driver.marionette import Marionette

    profile = tempfile.mkdtemp(prefix="colornet-firefox-")
    port = free_port()
    with open(os.path.join(profile, "user.js"), "w") as f:
        for key, value in {**PREFS, "marionette.port": port}.items():
            f.write(f"user_pref({json.dumps(key)}, {json.dumps(value)});\n")
    process = subprocess.Popen([FIREFOX, "--headless", "--marionette", "--no-remote", "--profile", profile],
                               env={**os.environ, "MOZ_HEADLESS": "1"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = Marionette(host="127.0.0.1", port=port)
    client.DEFAULT_STARTUP_TIMEOUT = 60
    try:
        client.start_session()
        client.timeout.page_load = 60
        yield client
    finally:
        try:
            client.delete_session()
        except Exception:
            pass
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)


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
    lock = json.loads((Path(__file__).resolve().parents[2] / "build/runtime-optimised/pyodide-lock.json").read_text())
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
