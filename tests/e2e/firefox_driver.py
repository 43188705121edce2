"""Helpers for driving the page in Firefox (a marionette_driver client): run JS in the page, wait for a state."""
import time


def run_js(client, body, *args):
    return client.execute_script(body, script_args=list(args), new_sandbox=False, sandbox=None)


def wait_state(client, predicate, timeout=90, what=""):
    """Poll window.playground.state() until predicate(state) holds; returns that state."""
    deadline = time.monotonic() + timeout
    s = None
    while time.monotonic() < deadline:
        s = run_js(client, "return window.playground ? window.playground.state() : null")
        if s and predicate(s):
            return s
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}; last state {s}")
