"""JavaScript in the page from a test, the same way for Selenium (Chromium) and marionette_driver (Firefox).

`js` runs the inside of an async function through execute_async_script and brings back an `[ok, value]` pair, so
a JS exception becomes a Python AssertionError carrying the JS stack (the pytest-pyodide pattern).
"""

ASYNC_WRAPPER = """
const done = arguments[arguments.length - 1];
const args = Array.prototype.slice.call(arguments, 0, -1);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => { %s })().then(
  (v) => done([true, v === undefined ? null : v]),
  (e) => done([false, String((e && e.stack) || e)]));
"""


def is_marionette(driver) -> bool:
    """True for a marionette_driver client (Firefox), False for a Selenium WebDriver (Chromium)."""
    return not hasattr(driver, "set_script_timeout")


def js(driver, body, *args, timeout=60):
    """Run `body` (the inside of an async function; `args` and `sleep(ms)` are defined) and return its value."""
    script = ASYNC_WRAPPER % body
    if is_marionette(driver):
        driver.timeout.script = timeout
        ok, value = driver.execute_async_script(script, script_args=list(args), new_sandbox=False, sandbox=None,
                                                script_timeout=timeout * 1000)
    else:
        driver.set_script_timeout(timeout)
        ok, value = driver.execute_async_script(script, *args)
    if not ok:
        raise AssertionError(f"JavaScript failed: {value}")
    return value


def run_js(driver, body, *args):
    """Run `body` synchronously in the page (it may `return` a value; `arguments[i]` are `args`)."""
    if is_marionette(driver):
        return driver.execute_script(body, script_args=list(args), new_sandbox=False, sandbox=None)
    return driver.execute_script(body, *args)


def navigate(driver, url):
    """Open `url` in the current tab."""
    if is_marionette(driver):
        driver.navigate(url)
    else:
        driver.get(url)
