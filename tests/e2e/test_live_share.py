"""A run's live changes travel in its share link (issue 20), in Chromium from file://, clicked like a user: the live
learning rate is moved twice during a run (while paused, by keyboard), Share puts the run in the address, the link
opened in the page marks and lists the changes without running, and Run replays them at their steps: the new run's
record has the same changes and its curve is the shared run's (same code, seed and browser: deterministic). A link
whose live changes are hostile loads its code, says what was wrong, and replays nothing. Save as HTML from the
link's page keeps them: the opened file lists and marks them, and its Run would replay them.
(The same flow in Firefox: test_live_share_firefox.py.)"""
import shutil
import urllib.parse

from downloads import download_dir, wait_for_download
from helpers.live_share import (SCRIPT, check_opened_link, code, find_testid, open_link, run_replay, runs,
                                run_with_two_live_moves, share)
from helpers.page import js
from helpers.playground import open_ready
from helpers.wait import output_text, poll, state, wait_state


def test_share_carries_the_live_changes_and_run_replays_them(browser, open_page, site_file_url, tmp_path):
    downloads = download_dir(browser, tmp_path / "downloads")
    open_ready(browser, open_page, site_file_url)
    record = run_with_two_live_moves(browser)
    url = share(browser, record)
    open_link(browser, url)
    check_opened_link(browser, record)
    worst = run_replay(browser, record)
    print(f"replayed {record['liveChanges']}: {len(record['curve'])} points, max relative difference {worst:.1e}")
    assert worst <= 1e-12  # the same code, seed and changes in the same browser: the same arithmetic

    # Save as HTML from the link's page keeps them: every run's changes, and the ones Run replays with this code
    find_testid(browser, "save-html").click()
    saved = wait_for_download(downloads, "colornet-playground-saved.html", timeout=120)
    js(browser, "await window.playground.clearData();")  # the history must come from the file, not the browser
    copy = tmp_path / "elsewhere" / "saved.html"
    copy.parent.mkdir()
    shutil.move(saved, copy)
    open_link(browser, copy.as_uri())
    opened = wait_state(browser, lambda s: s["openedFile"] is not None, 60, "the saved playground restored")
    changes = record["liveChanges"]
    assert [r["liveChanges"] for r in runs(browser)][:2] == [changes, changes]  # the replay, then the shared run
    assert opened["chartLiveMarks"] == changes and opened["liveReplay"] == changes and opened["runs"] == 0
    assert code(browser) == record["code"]
    assert find_testid(browser, "run-live").text == "Live: " + ", ".join(
        f"lr to {c['value']} at step {c['step']}" for c in changes) + "."


def test_hostile_live_changes_in_a_link_load_the_code_and_replay_nothing(browser, open_page, site_file_url):
    for live, why in [("lr@10:NaN", "each change must be name@step:value"),
                      ("lr@500:0.01,lr@20:0.02", "the steps must not go down"),
                      ("steps@10:900", "steps is not a live param of the link's code (its live params: lr)"),
                      (",".join(["lr@1:0.01"] * 5000), "more than 1000 live changes")]:
        open_link(browser, f"{site_file_url}#code={urllib.parse.quote(SCRIPT)}&live={urllib.parse.quote(live)}")
        s = state(browser)
        assert code(browser) == SCRIPT
        assert s["liveReplay"] is None and s["chartLiveMarks"] == [] and s["runs"] == 0
        text = output_text(browser)
        assert "The link's live changes are not loaded (" in text and why in text, text[-400:]
    find_testid(browser, "run").click()  # the page still works: the code runs, without a replay
    s = wait_state(browser, lambda s: s["runs"] == 1 and s["status"] == "ready", 120, "the run")
    assert s["liveChanges"] == []


def test_a_link_over_http_shows_its_live_changes_and_never_runs(browser, open_page, site_http_url):
    changes = [{"name": "lr", "step": 200, "value": 0.02}, {"name": "lr", "step": 900, "value": 0.001}]
    open_link(browser, f"{site_http_url}#code={urllib.parse.quote(SCRIPT)}&live=lr@200:0.02,lr@900:0.001")
    s = state(browser)
    assert s["chartLiveMarks"] == changes and s["liveReplay"] == changes and s["runs"] == 0
    assert "lr to 0.02 at step 200, lr to 0.001 at step 900" in find_testid(browser, "shared-live").text
    js(browser, "window.playground.setCode(window.playground.getCode() + '# edited\\n');")  # the code is not the link's
    edited = wait_state(browser, lambda s: s["liveReplay"] is None, 10, "the replay dropped by an edit")
    assert edited["runs"] == 0 and "does not replay them" in find_testid(browser, "shared-live").text
    url = poll(lambda: browser.current_url, lambda u: "edited" in urllib.parse.unquote_plus(u), 10, "the address")
    assert "live=" not in url  # the address follows the code, which no longer goes with those changes
