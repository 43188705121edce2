"""Helpers for driving the playground page through its testing contract (`window.playground`, data-testids).

JavaScript runs through `execute_async_script` and comes back as an `[ok, value]` pair, so a JS exception
becomes a Python AssertionError carrying the JS stack (the pytest-pyodide pattern).
"""
import time

_ASYNC_WRAPPER = """
const done = arguments[arguments.length - 1];
const args = Array.prototype.slice.call(arguments, 0, -1);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => { %s })().then(
  (v) => done([true, v === undefined ? null : v]),
  (e) => done([false, String((e && e.stack) || e)]));
"""


def js(browser, body, *args, timeout=60):
    """Run `body` (the inside of an async function; `args`, `sleep` available) and return its value."""
    browser.set_script_timeout(timeout)
    ok, value = browser.execute_async_script(_ASYNC_WRAPPER % body, *args)
    if not ok:
        raise AssertionError(f"JavaScript failed: {value}")
    return value


def state(browser):
    return js(browser, "return window.playground.state();")


def wait_for(browser, condition_js, timeout=60, what=None):
    """Poll a JS expression (may use `s` = playground.state()) until it is truthy; returns the last state."""
    body = f"""
        const t0 = performance.now();
        while (performance.now() - t0 < {timeout * 1000}) {{
            const s = window.playground ? window.playground.state() : null;
            if (s && ({condition_js})) return [true, s];
            await sleep(20);
        }}
        return [false, window.playground ? window.playground.state() : null];
    """
    ok, last = js(browser, body, timeout=timeout + 10)
    if not ok:
        out = output_text(browser)
        raise AssertionError(f"timed out after {timeout} s waiting for {what or condition_js}; state={last}; "
                             f"output={out[-2000:]!r}")
    return last


def wait_ready(browser, timeout=60):
    return wait_for(browser, "s.status === 'ready' || s.status === 'error'", timeout, "the page to be ready")


def output_text(browser):
    try:
        return js(browser, "return document.querySelector('[data-testid=output]').textContent;")
    except Exception:  # noqa: BLE001 - only used for failure messages
        return ""


def set_code(browser, code):
    js(browser, "window.playground.setCode(args[0]);", code)


def run_to_end(browser, code=None, timeout=120):
    """Set the code (if given), run it and wait until it finished; returns the final state."""
    if code is not None:
        set_code(browser, code)
    js(browser, "await window.playground.run();", timeout=timeout)
    return state(browser)


def start_run(browser, code=None):
    """Start a run without waiting for it to end."""
    if code is not None:
        set_code(browser, code)
    js(browser, "window.playground.run(); await sleep(0);")


def by_testid(browser, testid):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]')


def open_ready(browser, open_page, url, timeout=60):
    """Open the page (the e2e conftest's open_page) and wait until the playground says ready."""
    open_page(url, timeout=timeout)
    wait_ready(browser, timeout)
    return browser


def hex_distance(a, b):
    """Largest per-channel difference (0–255) between two '#rrggbb' colours."""
    return max(abs(int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) for i in (1, 3, 5))


def short_training(steps=300, hidden="[3, 32, 3]", report_every=10, extra=""):
    """A small, fast training script in the style of the default one."""
    return f"""import colornet as cn
x = cn.random_colours(2000, 0)
y = cn.complement(x)
net = cn.Network.from_sizes({hidden}, hidden="relu", output="linear", seed=0)
optimizer = cn.Adam(net.parameters(), lr=0.003)
result = await cn.train_async(net, x, y, loss=cn.MeanSquaredError(), optimizer=optimizer,
                              batch_size=25, steps={steps}, report_every={report_every},
                              callback=playground.report)
{extra}print("done", result.steps, result.cost)
"""


class Stopwatch:
    def __init__(self):
        self.t0 = time.perf_counter()

    def ms(self):
        return (time.perf_counter() - self.t0) * 1000
