"""Waiting in the e2e tests: one polling loop for conditions read from Python, one in-page loop for conditions on
the playground's state, and the wait for the boot to end (ready or failed)."""
import time

from helpers.page import js, run_js

# Boot status as the page knows it: window.playground (the UI) if present, else the runtime's own status.
PAGE_STATUS_JS = """
const b = window.colornetBoot || null;
let status = b ? b.status : 'loading';
let error = b && b.error;
// The page makes window.playground after its last start-up part (main.js): until then a started page has not shown
// the runtime's state yet (a boot error can come first), so it is still loading; a page whose app.js never started
// has only the runtime's word.
if (self.colornetAppStarted && !window.playground) status = 'loading';
if (window.playground && window.playground.state) {
  const s = window.playground.state().status;
  if (s !== 'loading') status = (s === 'error') ? 'error' : (b && b.status === 'error' ? 'error' : 'ready');
  else if (status === 'ready') status = 'loading';  // runtime ready, UI not yet
}
const el = document.querySelector('[data-testid="status"]');
return {status, error: error || (el && el.textContent), info: b && b.info, boot: b};
"""


def poll(read, done, timeout=60, what="the condition", interval=0.05):
    """Call `read()` every `interval` s until `done(value)` holds; returns that value, or raises AssertionError
    with the last value after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}; last: {value!r}"[:4000])
        time.sleep(interval)


def state(driver):
    """window.playground.state(), or None before the page has made it."""
    return run_js(driver, "return window.playground ? window.playground.state() : null;")


def output_text(driver):
    try:
        return run_js(driver, "return document.querySelector('[data-testid=output]').textContent;")
    except Exception:  # noqa: BLE001 - only used for failure messages
        return ""


def wait_state(driver, predicate, timeout=90, what="the state"):
    """Poll window.playground.state() until predicate(state) holds; returns that state."""
    return poll(lambda: state(driver), lambda s: bool(s) and predicate(s), timeout, what)


def wait_for(driver, condition_js, timeout=60, what=None):
    """Poll a JS expression in the page (it may use `s` = playground.state()) until it is truthy; returns the last
    state."""
    body = f"""
        const t0 = performance.now();
        while (performance.now() - t0 < {timeout * 1000}) {{
            const s = window.playground ? window.playground.state() : null;
            if (s && ({condition_js})) return [true, s];
            await sleep(20);
        }}
        return [false, window.playground ? window.playground.state() : null];
    """
    ok, last = js(driver, body, timeout=timeout + 10)
    if not ok:
        out = output_text(driver)
        raise AssertionError(f"timed out after {timeout} s waiting for {what or condition_js}; state={last}; "
                             f"output={out[-2000:]!r}")
    return last


def wait_ready(driver, timeout=60):
    return wait_for(driver, "s.status === 'ready' || s.status === 'error'", timeout, "the page to be ready")


def wait_for_boot(driver, timeout=60):
    """Poll until the page is ready or failed; returns the status dict ({status, error, info, boot})."""
    return poll(lambda: run_js(driver, PAGE_STATUS_JS), lambda s: s["status"] in ("ready", "error"), timeout,
                "the page to boot (ready or error)")
