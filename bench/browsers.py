"""The bench's view of a browser: `open(url)`, `call(js_body, *args)` (an async JS function body whose `return`
value comes back, with JS errors raised as BrowserError), `version` and `quit()`, for Chromium and Firefox alike.

Starting the browsers (flags, profiles, prefs) is tools/browsers.py's job, shared with the e2e tests.
"""
import contextlib
import json

from tools import browsers as launch

CHROMIUM, CHROMEDRIVER, FIREFOX = launch.CHROMIUM, launch.CHROMEDRIVER, launch.FIREFOX

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


class SeleniumBrowser:
    """The bench's browser interface (open, call, name, version, quit) over a Selenium driver, `self.driver`."""

    def open(self, url):
        self.driver.get(url)

    def call(self, js_body, *args):
        ok, value = self.driver.execute_async_script(_WRAP % js_body, *args)
        if not ok:
            raise BrowserError(value)
        return value

    def quit(self):
        self.driver.quit()


class Chromium(SeleniumBrowser):
    """Headless Chromium on a fresh profile (a new one per instance: a cold browser)."""

    name = "Chromium"

    def __init__(self, script_timeout=300, performance_log=False):
        self.driver = launch.start_chromium(performance_log=performance_log)
        self.driver.set_script_timeout(script_timeout)
        self.driver.set_page_load_timeout(120)
        self.version = self.driver.capabilities.get("browserVersion", "?")

    def performance_log(self):
        return [json.loads(entry["message"])["message"] for entry in self.driver.get_log("performance")]


class Firefox:
    """Headless Firefox ESR on a throwaway profile, driven by marionette_driver."""

    name = "Firefox"

    def __init__(self, script_timeout=300):
        self._stack = contextlib.ExitStack()
        self.client = self._stack.enter_context(launch.firefox(script_timeout=script_timeout))
        self.version = self.client.session_capabilities.get("browserVersion", "?")

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
        self._stack.close()
