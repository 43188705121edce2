"""A run's live changes travel in its share link (issue 20), in Chromium from file://, clicked like a user: the live
learning rate is moved twice during a run (while paused, by keyboard), Share puts the run in the address, the link
opened in the page marks and lists the changes without running, and Run replays them at their steps: the new run's
record has the same changes and its curve is the shared run's (same code, seed and browser: deterministic). A link
whose live changes are hostile loads its code, says what was wrong, and replays nothing.
(The same flow in Firefox: test_live_share_firefox.py.)"""
import urllib.parse

from helpers.live_share import (SCRIPT, check_opened_link, code, open_link, run_replay, run_with_two_live_moves,
                                share, testid)
from helpers.playground import open_ready
from helpers.wait import output_text, state, wait_state


def test_share_carries_the_live_changes_and_run_replays_them(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    record = run_with_two_live_moves(browser)
    url = share(browser, record)
    open_link(browser, url)
    check_opened_link(browser, record)
    worst = run_replay(browser, record)
    print(f"replayed {record['liveChanges']}: {len(record['curve'])} points, max relative difference {worst:.1e}")
    assert worst <= 1e-12  # the same code, seed and changes in the same browser: the same arithmetic


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
    testid(browser, "run").click()  # the page still works: the code runs, without a replay
    s = wait_state(browser, lambda s: s["runs"] == 1 and s["status"] == "ready", 120, "the run")
    assert s["liveChanges"] == []
