"""The page boots Pyodide + NumPy + colornet from file:// (and over loopback http) and reports ready with versions."""
import json
import re

from helpers.chromium import network_requests
from helpers.page import js

from tools.paths import RUNTIME_DIR


# What the build's trimming (STDLIB_DROP, WHEEL_DROP in tools/pins.py) must leave working: NumPy's lazy submodules
# and the stdlib modules user code commonly imports.
TRIMMED_RUNTIME_STILL_WORKS = """
import numpy as np, colornet
import json, asyncio, random, statistics, dataclasses, typing, math, itertools, functools, collections, re, time
rng = np.random.default_rng(0)
[int(np.arange(10).sum()), float(np.linalg.inv(np.eye(2) * 2)[0, 0]), float(np.fft.fft(np.ones(4))[0].real),
 len(rng.random(3)), json.loads(json.dumps({"a": 1})) == {"a": 1}]
"""


def expected_versions():
    lock = json.loads((RUNTIME_DIR / "pyodide-lock.json").read_text())  # read at test time: collecting needs no build
    return {"python": lock["info"]["python"], "numpy": lock["packages"]["numpy"]["version"],
            "colornet": lock["packages"]["colornet"]["version"], "pyodide": lock["info"]["version"]}


def test_boots_from_file_url_with_versions(browser, open_page, site_file_url):
    state = open_page(site_file_url)
    info = state["info"]
    assert {k: info[k] for k in ("python", "numpy", "colornet", "pyodide")} == expected_versions()
    assert info["bootMs"] > 0
    assert browser.execute_script("return location.protocol") == "file:"


def test_python_really_runs_numpy_and_colornet(browser, open_page, site_file_url):
    open_page(site_file_url)
    result = js(browser, "return await window.colornetRuntime.call('eval', {code: args[0]});",
                TRIMMED_RUNTIME_STILL_WORKS)
    assert result == [45, 0.5, 4.0, 3, True]


def test_file_url_page_makes_zero_network_requests(browser, open_page, site_file_url):
    network_requests(browser)  # drain anything logged before this page load
    open_page(site_file_url)
    assert network_requests(browser) == []


def test_boots_over_loopback_http_without_other_hosts(browser, open_page, site_http_url):
    network_requests(browser)
    state = open_page(site_http_url)
    assert state["info"]["numpy"] == expected_versions()["numpy"]
    origin = re.match(r"http://127\.0\.0\.1:\d+/", site_http_url).group(0)
    outside = [u for u in network_requests(browser) if not u.startswith(origin)]
    assert outside == []


def call_runtime(browser, script, *args):
    """Runs an async JS body with `rt` = the runtime; returns [ok, value] (value: the error's message if not ok)."""
    return js(browser, """
        const rt = window.colornetRuntime;
        try { return [true, await (async () => { %s })()]; } catch (e) { return [false, String(e && e.message || e)]; }
    """ % script, *args)


def test_python_output_arrives_as_batched_stdout_and_stderr_events(browser, open_page, site_file_url):
    open_page(site_file_url)
    ok, value = call_runtime(browser, """
        const events = {stdout: [], stderr: []};
        const offOut = rt.on('stdout', (d) => events.stdout.push(d.text));
        const offErr = rt.on('stderr', (d) => events.stderr.push(d.text));
        await rt.call('eval', {code: 'import sys\\nfor i in range(1000): print(i)\\nprint("oops", file=sys.stderr)'});
        await new Promise((r) => setTimeout(r, 200));
        offOut(); offErr();
        return {out: events.stdout.join(''), outEvents: events.stdout.length, err: events.stderr.join('')};
    """)
    assert ok, value
    assert value["out"] == "".join(f"{i}\n" for i in range(1000))
    assert value["outEvents"] < 20  # batched, not one message per line
    assert value["err"] == "oops\n"


def test_request_errors_are_rejected_with_the_python_message(browser, open_page, site_file_url):
    open_page(site_file_url)
    ok, value = call_runtime(browser, "return await rt.call('eval', {code: '1/0'});")
    assert not ok and "ZeroDivisionError" in value
    ok, value = call_runtime(browser, "return await rt.call('no-such-request', {});")
    assert not ok and 'unknown request type "no-such-request"' in value


def test_restart_boots_a_fresh_worker_from_the_verified_bytes(browser, open_page, site_file_url):
    open_page(site_file_url)
    ok, value = call_runtime(browser, """
        await rt.call('eval', {code: 'marker = 42'});
        const info = await rt.restart();
        const fresh = await rt.call('eval', {code: '"marker" in globals()'});
        return {numpy: info.numpy, restartMs: info.restartMs, fresh};
    """)
    assert ok, value
    assert value["numpy"] == expected_versions()["numpy"]
    assert value["fresh"] is False  # a new interpreter, not the old one
    assert value["restartMs"] > 0
