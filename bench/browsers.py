"""Headless browsers for the bench: Debian Chromium through Selenium, Firefox ESR through marionette_driver.

Both expose the same small interface: `open(url)`, `call(js_body, *args)` (an async JS function body whose
`return` value comes back, with JS errors raised as BrowserError), `version` and `quit()`.
Neither ever downloads a browser or driver: the paths are Debian's.
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox") or "/usr/bin/firefox-esr"
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic", "--window-size=1280,800",
    # Keep timers and rendering at full speed while a window is not focused.
    "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
FILE_ACCESS_FLAGS = ["--allow-file-access-from-files"]

# Runs an async function body and reports [ok, value] so that JS errors become Python exceptions.
_WRAP = """
const done = arguments[arguments.length - 1];
const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);
(async function () { %s }).apply(null, args).then(
  (value) => done([true, value === undefined ? null : value]),
  (error) => done([false, String(error) + (error && error.stack ? "\\n" + error.stack : "")]));
"""


class BrowserError(RuntimeError):
    """A JavaScript error raised inside the page."""


class Chromium:
    name = "Chromium"

    def __init__(self, script_timeout=300, performance_log=False):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        if performance_log:
            options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_script_timeout(script_timeout)
        self.driver.set_page_load_timeout(120)
        self.version = self.driver.capabilities.get("browserVersion", "?")

    def open(self, url):
        self.driver.get(url)

    def call(self, js_body, *args):
        ok, value = self.driver.execute_async_script(_WRAP % js_body, *args)
        if not ok:
            raise BrowserError(value)
        return value

    def performance_log(self):
        return [json.loads(entry["message"])["message"] for entry in self.driver.get_log("performance")]

    def quit(self):
        self.driver.quit()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Firefox:
    """Firefox ESR started with --marionette on a throwaway profile, driven by marionette_driver."""

    name = "Firefox"

    def __init__(self, script_timeout=300):
        from marionette_driver.marionette import Marionette

        self.profile = tempfile.mkdtemp(prefix="bench-firefox-")
        port = _free_port()
        prefs = {
            "marionette.port": port,
            "browser.shell.checkDefaultBrowser": False,
            "datareporting.policy.dataSubmissionEnabled": False,
            "toolkit.telemetry.enabled": False,
            "app.update.enabled": False,
            "network.captive-portal-service.enabled": False,
            "browser.safebrowsing.malware.enabled": False,
            "browser.safebrowsing.phishing.enabled": False,
            "extensions.update.enabled": False,
            "browser.startup.homepage_override.mstone": "ignore",
            "network.connectivity-service.enabled": False,
        }
        with open(os.path.join(self.profile, "user.js"), "w") as f:
            for key, value in prefs.items():
                f.write(f"user_pref({json.dumps(key)}, {json.dumps(value)});\n")
        env = {**os.environ, "MOZ_HEADLESS": "1"}
        self.process = subprocess.Popen(
            [FIREFOX, "--headless", "--marionette", "--no-remote", "--profile", self.profile],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self.client = Marionette(host="127.0.0.1", port=port)
            self.client.DEFAULT_STARTUP_TIMEOUT = 60
            self.client.start_session()
            self.client.timeout.script = script_timeout
            self.client.timeout.page_load = 120
            self.version = self.client.session_capabilities.get("browserVersion", "?")
        except BaseException:
            self._stop()
            raise

    def open(self, url):
        self.client.navigate(url)

    def call(self, js_body, *args):
        # sandbox=None runs in the page itself (no Xray wrappers), so page globals are visible as in Chromium.
        ok, value = self.client.execute_async_script(_WRAP % js_body, script_args=list(args),
                                                     new_sandbox=False, sandbox=None)
        if not ok:
            raise BrowserError(value)
        return value

    def quit(self):
        try:
            self.client.delete_session()
        except Exception:
            pass
        self._stop()

    def _stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

