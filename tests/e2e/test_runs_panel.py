"""The Runs panel (issue 11, part 1), clicked as a user would in headless Chromium from file://: every run is
recorded with its status, listed newest first with its numbers and a diff against the previous run, survives a
reload (IndexedDB), overlays on the cost chart (8+ runs, each its own colour and legend entry), restores code
undoably without running it, deletes one run or everything after a confirmation, stays bounded, and keeps working
when the browser refuses to store more."""
import os

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from playground_driver import by_testid, js, open_ready, short_training, wait_for

RUNS_JS = "return window.playground.runs();"


def runs(browser):
    return js(browser, RUNS_JS)


def rows(browser):
    return browser.find_elements(By.CSS_SELECTOR, '[data-testid="run-row"]')


def click_run_and_wait(browser, code):
    before = len(runs(browser))
    js(browser, "window.playground.setCode(args[0]);", code)
    by_testid(browser, "run").click()
    wait_for(browser, f"s.status !== 'training' && window.playground.runs().length === {before + 1}", timeout=120,
             what="the run to be recorded")
    return runs(browser)[0]


def fresh_page(browser, open_page, url):
    """The page with no stored runs (Clear all my data, through the contract)."""
    open_ready(browser, open_page, url)
    js(browser, "await window.playground.clearData();")
    browser.refresh()
    open_ready(browser, open_page, url)
    assert runs(browser) == []


def test_runs_are_recorded_with_status_numbers_and_diff_and_survive_reload(browser, open_page, site_file_url):
    fresh_page(browser, open_page, site_file_url)
    ok = click_run_and_wait(browser, short_training(steps=200))
    assert ok["status"] == "ok" and ok["steps"] == 200 and ok["seed"] == 0
    assert ok["finalCost"] > 0 and 0 < ok["deltaE"] < 60 and 0 < ok["deltaEMaterial"] < 60
    assert len(ok["curve"]) == 21 and ok["curve"][0][0] == 0 and ok["curve"][-1][0] == 200
    assert ok["code"] == short_training(steps=200) and ok["durationMs"] > 0

    failed = click_run_and_wait(browser, short_training(steps=200) + "raise ValueError('on purpose')\n")
    assert failed["status"] == "failed" and "on purpose" in failed["error"]

    js(browser, "window.playground.setCode(args[0]);", short_training(steps=200_000, report_every=10))
    by_testid(browser, "run").click()
    wait_for(browser, "s.step >= 20", what="training to start")
    by_testid(browser, "stop").click()
    wait_for(browser, "s.status === 'stopped' && window.playground.runs().length === 3", what="the stopped run")
    stopped = runs(browser)[0]
    assert stopped["status"] == "stopped" and 20 <= stopped["steps"] < 200_000 and stopped["deltaE"] is not None

    listed = rows(browser)
    assert [r.get_attribute("data-run-id") for r in listed] == [r["id"] for r in runs(browser)]
    assert [r.get_attribute("data-status") for r in listed] == ["stopped", "failed", "ok"]  # newest first
    newest, middle, oldest = (r.text for r in listed)
    assert "first run" in oldest and "+1 −0 lines vs the previous run" in middle
    assert "200 steps" in oldest and "ΔE00" in oldest
    middle_diff = listed[1].find_element(By.CSS_SELECTOR, "details")
    middle_diff.click()
    assert "+ raise ValueError('on purpose')" in middle_diff.text
    assert listed[2].find_elements(By.CSS_SELECTOR, "svg.sparkline polyline")  # a sparkline of the cost
    assert "IndexedDB" in by_testid(browser, "runs").text  # says what is stored, and where

    browser.refresh()
    open_ready(browser, open_page, site_file_url)
    wait_for(browser, "window.playground.runs().length === 3", what="the history after a reload")
    assert [r["status"] for r in runs(browser)] == ["stopped", "failed", "ok"]


def test_overlay_of_eight_runs_each_in_its_own_colour_with_a_legend(browser, open_page, site_file_url):
    fresh_page(browser, open_page, site_file_url)
    for lr in (0.001, 0.002, 0.003, 0.004, 0.006, 0.008, 0.01, 0.02, 0.03):
        click_run_and_wait(browser, short_training(steps=300).replace("lr=0.003", f"lr={lr}"))
    for row in rows(browser)[1:]:  # tick the 8 older runs; the newest one is the current run anyway
        row.find_element(By.CSS_SELECTOR, '[data-testid="overlay-toggle"]').click()
    legend = js(browser, """return [...document.querySelectorAll('[data-testid=chart] .u-legend .u-series')].map(
        (tr) => ({label: tr.querySelector('.u-label').textContent,
                  colour: getComputedStyle(tr.querySelector('.u-marker')).borderColor}));""")
    labels = [entry["label"] for entry in legend]
    assert labels[:2] == ["previous run", "this run"]
    assert labels[2:] == [f"run #{n} (seed 0)" for n in range(8, 0, -1)]
    colours = [entry["colour"] for entry in legend[1:]]
    assert len(set(colours)) == 9, colours  # this run + 8 overlays, all different
    drawn = js(browser, "return window.playground.state().chartPoints;")
    assert drawn == 31  # the current run stays drawn
    ids = [r["id"] for r in runs(browser)]
    assert js(browser, "return window.playground.overlay(args[0]);", ids[3:5]) == ids[3:5]
    ticked = [row.find_element(By.CSS_SELECTOR, '[data-testid="overlay-toggle"]').is_selected() for row in rows(browser)]
    assert ticked == [i in (3, 4) for i in range(9)]
    with pytest.raises(AssertionError, match='no run with id "nope"'):
        js(browser, "return window.playground.overlay(['nope']);")
    if os.environ.get("COLORNET_OVERLAY_SCREENSHOT"):
        js(browser, "window.playground.overlay(args[0]);", ids[1:9])
        browser.set_window_size(1280, 1000)
        js(browser, "document.querySelector('[data-testid=chart]').scrollIntoView(); await sleep(300);")
        by_testid(browser, "chart").screenshot(os.environ["COLORNET_OVERLAY_SCREENSHOT"])


def test_restore_code_is_undoable_and_never_runs(browser, open_page, site_file_url):
    fresh_page(browser, open_page, site_file_url)
    first = click_run_and_wait(browser, short_training(steps=100))
    second = click_run_and_wait(browser, short_training(steps=120))
    edited = second["code"] + "# my edit\n"
    js(browser, "window.playground.setCode(args[0]);", edited)
    rows(browser)[1].find_element(By.CSS_SELECTOR, '[data-testid="restore-code"]').click()
    assert js(browser, "return window.playground.getCode();") == first["code"]
    state = js(browser, "await sleep(500); return window.playground.state();")
    assert state["status"] == "ready" and state["runs"] == 2 and len(runs(browser)) == 2  # nothing ran
    editor = browser.find_element(By.CSS_SELECTOR, '[data-testid="editor"] .cm-content')
    editor.click()
    editor.send_keys(Keys.CONTROL, "z")
    assert js(browser, "return window.playground.getCode();") == edited


def test_delete_one_run_and_clear_all_data_after_confirmation(browser, open_page, site_file_url):
    fresh_page(browser, open_page, site_file_url)
    for steps in (50, 60, 70):
        click_run_and_wait(browser, short_training(steps=steps))
    ids = [r["id"] for r in runs(browser)]
    rows(browser)[1].find_element(By.CSS_SELECTOR, '[data-testid="delete-run"]').click()
    wait_for(browser, "window.playground.runs().length === 2", what="the deletion")
    assert [r["id"] for r in runs(browser)] == [ids[0], ids[2]]
    assert js(browser, "return Object.keys(localStorage).filter((k) => k.startsWith('colornet-playground'));")

    by_testid(browser, "clear-data").click()
    browser.switch_to.alert.dismiss()  # Cancel: nothing is deleted
    assert len(runs(browser)) == 2
    by_testid(browser, "clear-data").click()
    alert = browser.switch_to.alert
    assert "cannot be undone" in alert.text
    alert.accept()
    wait_for(browser, "window.playground.runs().length === 0", what="Clear all my data")
    assert js(browser, "return Object.keys(localStorage).filter((k) => k.startsWith('colornet-playground'));") == []
    assert "Cleared" in by_testid(browser, "runs").text
    browser.refresh()
    open_ready(browser, open_page, site_file_url)
    assert runs(browser) == []


@pytest.mark.slow
def test_history_is_bounded_to_the_newest_200_runs(browser, open_page, site_file_url):
    fresh_page(browser, open_page, site_file_url)
    js(browser, """for (let i = 0; i < 202; i++) {
        window.playground.setCode(`x = ${i}`);
        await window.playground.run();
        while (window.playground.runs().length < Math.min(i + 1, 200) || window.playground.runs()[0].code !== `x = ${i}`)
          await sleep(5);
    }""", timeout=600)
    stored = runs(browser)
    assert len(stored) == 200 and stored[0]["code"] == "x = 201" and stored[-1]["code"] == "x = 2"
    assert len(rows(browser)) == 200


def test_a_refused_write_is_said_and_the_page_keeps_working(browser, open_page, site_file_url):
    """IndexedDB unavailable (the fallback is localStorage), and localStorage full: the browser's own refusal."""
    script = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        Object.defineProperty(window, 'indexedDB', {value: undefined});
        try { localStorage.removeItem('colornet-filler'); let chunk = 'x'.repeat(1 << 20);
              for (let i = 0; i < 64; i++) { try { localStorage.setItem('colornet-filler' + i, chunk); }
                                              catch (e) { if (chunk.length < 64) break; chunk = chunk.slice(chunk.length / 2); } }
        } catch (e) {}"""})
    try:
        open_ready(browser, open_page, site_file_url)
        click_run_and_wait(browser, short_training(steps=100))
        message = by_testid(browser, "runs").text
        assert "localStorage" in message
        assert "This run is not stored: the browser's storage for this page is full" in message
        assert runs(browser)[0]["stored"] is False
        second = click_run_and_wait(browser, short_training(steps=150))  # the page keeps working
        assert second["status"] == "ok" and js(browser, "return window.playground.state().status;") == "ready"
    finally:
        browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})
        js(browser, "for (const k of Object.keys(localStorage)) if (k.startsWith('colornet-filler')) localStorage.removeItem(k);")
