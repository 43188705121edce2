"""WebKit (WebKitGTK's MiniBrowser: Safari's engine, WebCore + JavaScriptCore) from file://, driven by clicks and
keys through Selenium: boot to ready with no request leaving the page, a restart from the page's kept bytes
(test_boot.py's test, run here), Run / Pause / Resume / Stop, the default
script to a probe ΔE00 <= 1, Export then Import, Save as HTML, the run history across a reload, the keyboard path.

One MiniBrowser per module, on a private Xvfb (tools/browsers.py). test_webkit_single_file.py and
test_webkit_http.py run these same tests on the single .html file and over http://127.0.0.1 by overriding
`page_url`, all but the default script's 5,000 steps (~100 s under Xvfb on a loaded machine): training runs the
same engine whatever the page's origin, the boot path and storage are what differ. Skipped, saying what to
install, where WebKitGTK is missing.
"""
import json
import re
import shutil
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys

from playground_driver import by_testid, js, open_ready, short_training, state, wait_for
from test_a11y_keyboard import run_and_pause_by_keyboard
from test_boot import expected_versions, test_restart_boots_a_fresh_worker_from_the_verified_bytes  # noqa: F401
from test_playground_persistence import predictions
from tools import browsers

LONG_RUN = short_training(steps=200_000, report_every=100)
BOOT_TIMEOUT_S = 120  # a cold WebKit boot under Xvfb on a loaded 2-core machine took 20-27 s


@pytest.fixture(scope="module")
def browser():
    """One WebKitGTK MiniBrowser per module (named `browser` so conftest's open_page drives it)."""
    problem = browsers.webkitgtk_missing()
    if problem:
        pytest.skip(f"WebKitGTK cannot run here: {problem}")
    with browsers.webkitgtk() as driver:
        yield driver


@pytest.fixture
def page_url(site_file_url):
    return site_file_url


def open_fresh(browser, open_page, url):
    """The page with no stored runs and no autosave (the default preset's script), ready."""
    open_ready(browser, open_page, url, timeout=BOOT_TIMEOUT_S)
    js(browser, "await window.playground.clearData();")
    browser.refresh()
    wait_for(browser, "s.status === 'ready'", timeout=BOOT_TIMEOUT_S, what="ready after a reload")


def click_and_wait(browser, testid, condition_js, what, timeout=60):
    by_testid(browser, testid).click()
    return wait_for(browser, condition_js, timeout=timeout, what=what)


def downloaded(browser, name, min_bytes=1, timeout=120):
    """The file `name` once the browser has written it whole into its download folder."""
    target = Path(browser.download_dir) / name
    deadline = time.monotonic() + timeout
    last = -1
    while time.monotonic() < deadline:
        size = target.stat().st_size if target.exists() else -1
        if size >= min_bytes and size == last:
            return target
        last = size
        time.sleep(0.5)
    raise AssertionError(f"{name} not downloaded in {timeout} s; the folder holds "
                         f"{sorted(p.name for p in Path(browser.download_dir).iterdir())}")


def forget_download(browser, name):
    (Path(browser.download_dir) / name).unlink(missing_ok=True)


WORKER_RESOURCES = """import js
[e.name for e in js.performance.getEntriesByType("resource")]"""


def test_boots_to_ready_and_nothing_leaves_the_page(browser, open_page, page_url):
    status = open_page(page_url, timeout=BOOT_TIMEOUT_S)
    info = status["info"]
    print(f"WebKit {browser.capabilities.get('browserVersion')} {page_url.split(':')[0]}: page open → ready "
          f"{info['pageToReadyMs']} ms, kernels {info['kernels']}")
    assert {k: info[k] for k in ("python", "numpy", "colornet", "pyodide")} == expected_versions()
    # What WebKit lets us see of the network: the page's and the worker's Resource Timing entries (WebKit lists no
    # file:// loads there, so from file:// the list is empty; over http it holds the page's own files).
    origin = re.match(r"(file://|http://127\.0\.0\.1:\d+/)", page_url).group(1)
    seen = js(browser, "return performance.getEntriesByType('resource').map((e) => e.name);")
    seen += js(browser, "return await window.colornetRuntime.call('eval', {code: args[0]});", WORKER_RESOURCES)
    print(f"resource entries: {len(seen)}")
    assert all(u.startswith((origin, "blob:", "data:")) for u in seen), seen
    if origin.startswith("http"):
        assert any(u.startswith(origin + "dist/runtime-") for u in seen), seen
    # and a way out is refused: the page's fetch by the CSP, Python's by the worker's offline shim
    page_fetch, python_fetch = js(browser, """
        const outside = "https://example.com/colornet-probe.json";
        const refused = (e) => "refused: " + e.message;
        return [await fetch(outside).then(() => "fetched", refused),
                await window.colornetRuntime.call("eval", {code: `from pyodide.http import pyfetch\\nawait pyfetch("${outside}")`})
                  .then(() => "fetched", refused)];
    """)
    assert page_fetch.startswith("refused") and "Network access is disabled" in python_fetch, (page_fetch, python_fetch)


def test_run_pause_resume_and_stop_by_clicking(browser, open_page, page_url):
    open_ready(browser, open_page, page_url, timeout=BOOT_TIMEOUT_S)
    js(browser, "window.playground.setCode(args[0]);", LONG_RUN)
    click_and_wait(browser, "run", "s.status === 'training' && s.step >= 200", "training")
    paused = click_and_wait(browser, "pause", "s.paused", "paused")
    time.sleep(1)
    assert state(browser)["step"] == paused["step"], "training went on while paused"
    click_and_wait(browser, "resume", f"s.status === 'training' && s.step > {paused['step']}", "resumed")
    stopped = click_and_wait(browser, "stop", "s.status === 'stopped'", "stopped")
    assert stopped["hasModel"] and paused["step"] < stopped["step"] < 200_000
    assert stopped["probe"]["predicted"]


def test_the_default_script_trains_to_a_probe_delta_e_of_at_most_1(browser, open_page, page_url):
    open_fresh(browser, open_page, page_url)
    assert "callback=playground.report" in js(browser, "return window.playground.getCode();")
    final = click_and_wait(browser, "run", "s.status !== 'training'", "the default script to end", timeout=600)
    wait_for(browser, "window.playground.runs().length === 1", what="the run's record")
    run = js(browser, "return window.playground.runs()[0];")
    print(f"WebKit default script: probe ΔE00 {final['probe']['deltaE']:.3f}, held-out mean ΔE00 "
          f"{run['deltaE']:.3f}, {run['durationMs']} ms")
    assert final["status"] == "ready" and final["step"] == 5000 and run["status"] == "ok"
    assert final["probe"]["deltaE"] <= 1


def test_export_then_import_predicts_the_same_colours(browser, open_page, page_url):
    open_ready(browser, open_page, page_url, timeout=BOOT_TIMEOUT_S)
    js(browser, "window.playground.setCode(args[0]);", short_training(steps=300))
    click_and_wait(browser, "run", "s.status !== 'training' && s.hasModel", "the run")
    before = predictions(browser)
    forget_download(browser, "colornet-model.json")
    by_testid(browser, "export").click()
    model = downloaded(browser, "colornet-model.json")
    assert json.loads(model.read_text())["layers"][0]["kind"] == "dense"

    browser.refresh()
    wait_for(browser, "s.status === 'ready'", timeout=BOOT_TIMEOUT_S, what="ready after a reload")
    assert state(browser)["probe"]["predicted"] is None
    by_testid(browser, "import").send_keys(str(model))
    wait_for(browser, "s.probe.predicted !== null", what="the imported model's predictions")
    after = predictions(browser)
    assert after == before and len(after["material"]) == 17 and state(browser)["runs"] == 0


def test_save_as_html_then_open_it(browser, open_page, page_url, tmp_path):
    open_ready(browser, open_page, page_url, timeout=BOOT_TIMEOUT_S)
    js(browser, "window.playground.setCode(args[0]);", short_training(steps=200, extra="print('saved code')\n"))
    click_and_wait(browser, "run", "s.status !== 'training' && s.hasModel", "the run")
    before = state(browser)
    forget_download(browser, "colornet-playground-saved.html")
    by_testid(browser, "save-html").click()
    saved = downloaded(browser, "colornet-playground-saved.html", min_bytes=10_000_000)
    copy = tmp_path / "elsewhere" / "notebook.html"
    copy.parent.mkdir()
    shutil.move(saved, copy)
    open_ready(browser, open_page, copy.as_uri(), timeout=BOOT_TIMEOUT_S)
    s = wait_for(browser, "s.openedFile !== null", what="the saved playground to be restored")
    assert s["hasModel"] and s["runs"] == 0 and s["probe"]["predicted"] == before["probe"]["predicted"]
    assert "print('saved code')" in js(browser, "return window.playground.getCode();")


def test_the_run_history_survives_a_reload(browser, open_page, page_url):
    open_fresh(browser, open_page, page_url)
    js(browser, "window.playground.setCode(args[0]);", short_training(steps=200))
    click_and_wait(browser, "run", "s.status !== 'training' && window.playground.runs().length === 1", "the run")
    recorded = js(browser, "return window.playground.runs();")
    where = by_testid(browser, "runs").text
    print("WebKit run history:", where.split("Stored in this browser only, in ")[-1].split(":")[0])
    assert recorded[0]["status"] == "ok" and recorded[0].get("stored") is not False, recorded[0]
    browser.refresh()
    wait_for(browser, "s.status === 'ready' && window.playground.runs().length === 1", timeout=BOOT_TIMEOUT_S,
             what="the history after a reload")
    assert [r["id"] for r in js(browser, "return window.playground.runs();")] == [recorded[0]["id"]]


def test_the_keyboard_path(browser, open_page, page_url):
    """Tab to Run and Enter; Pause, Resume and Stop by Enter, the focus passed on at each press and visible."""
    open_ready(browser, open_page, page_url, timeout=BOOT_TIMEOUT_S)
    kb, _ = run_and_pause_by_keyboard(browser, LONG_RUN)
    kb.press(Keys.ENTER)
    wait_for(browser, "s.status === 'training'", what="resumed by Enter")
    assert kb.focus() == "pause"
    kb.tab_to("stop", backwards=True)
    kb.press(Keys.ENTER)
    s = wait_for(browser, "s.status === 'stopped'", what="stopped by Enter")
    assert kb.focus() == "run" and s["hasModel"]
