"""A run's live changes travel in its share link (issue 20), in Chromium from file://, clicked like a user: the live
learning rate is moved twice during a run (while paused, by keyboard), Share puts the run in the address, the link
opened in the page marks and lists the changes without running, and Run replays them at their steps: the new run's
record has the same changes and its curve is the shared run's (same code, seed and browser: deterministic). A link
whose live changes are hostile loads its code, says what was wrong, and replays nothing."""
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from helpers.page import js, navigate
from helpers.playground import by_testid, open_ready, set_code
from helpers.wait import output_text, poll, state, wait_for_boot, wait_ready, wait_state

SCRIPT = """import colornet as cn
steps = 3000  # @param {type:"slider", min:100, max:5000, step:100}
lr = 0.005  # @param {type:"slider", min:0.001, max:0.1, log:true, live:true}
x = cn.random_colours(2000, playground.seed)
net = cn.Network.from_sizes([3, 32, 16, 3], seed=playground.seed)
optimizer = cn.Adam(net.parameters(), lr=playground.live("lr", lr))
result = await cn.train_async(net, x, cn.complement(x), optimizer=optimizer, batch_size=25, steps=steps,
                              report_every=10, callback=playground.report, seed=playground.seed)
"""


def runs(driver):
    return js(driver, "return window.playground.runs();")


def move_lr_while_paused(driver, key, presses, changes_before):
    """Pause at a report, press `key` on the lr slider, resume: the change is applied at the paused step."""
    by_testid(driver, "pause").click()
    paused = wait_state(driver, lambda s: s["status"] == "paused", 60, "the pause")
    slider = driver.find_element(By.CSS_SELECTOR, '[data-testid="params"] [data-param="lr"]')
    for _ in range(presses):
        slider.send_keys(key)
    by_testid(driver, "resume").click()
    s = wait_state(driver, lambda s: len(s["liveChanges"]) == changes_before + 1, 60, "the live change")
    assert s["liveChanges"][-1]["step"] == paused["step"], (paused["step"], s["liveChanges"])
    return s


def open_link(driver, url):
    navigate(driver, "about:blank")  # a new document, not a hash change of the same one
    navigate(driver, url)
    assert wait_for_boot(driver, 120)["status"] == "ready"
    wait_ready(driver, 60)


def test_share_carries_the_live_changes_and_run_replays_them(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    set_code(browser, SCRIPT)
    if by_testid(browser, "run-on-change").is_selected():
        by_testid(browser, "run-on-change").click()  # the moves must go to the run, not start another one
    stored = len(runs(browser))  # runs of this profile's earlier tests stay listed
    by_testid(browser, "run").click()
    wait_state(browser, lambda s: s["status"] == "training" and s["step"] >= 100, 60, "the run past step 100")
    move_lr_while_paused(browser, Keys.ARROW_RIGHT, 30, 0)
    first = state(browser)["liveChanges"][0]
    wait_state(browser, lambda s: s["step"] >= first["step"] + 300, 60, "300 more steps")
    shared = move_lr_while_paused(browser, Keys.ARROW_LEFT, 60, 1)["liveChanges"]
    wait_state(browser, lambda s: s["status"] == "ready", 120, "the run to end")
    original = poll(lambda: runs(browser), lambda r: len(r) == stored + 1, 10, "the run record")[0]
    assert original["status"] == "ok" and original["liveChanges"] == shared
    assert [c["value"] for c in shared][0] > 0.005 > shared[1]["value"], shared
    assert "lr = 0.005  # @param" in original["code"] and "lr = 0.005  #" not in js(
        browser, "return window.playground.getCode();")  # the slider rewrote the literal for the next run

    by_testid(browser, "share").click()
    poll(lambda: output_text(browser), lambda t: "live changes (lr to" in t, 10, "Share's message")
    url = browser.current_url
    fragment = urllib.parse.parse_qs(urllib.parse.urlsplit(url).fragment)
    assert fragment["live"] == [",".join(f"lr@{c['step']}:{c['value']}" for c in shared)], fragment.get("live")
    assert fragment["code"] == [original["code"]]  # the run's code as it started, not the editor's

    open_link(browser, url)
    opened = state(browser)
    assert opened["runs"] == 0 and opened["status"] == "ready"  # a link never runs by itself
    assert opened["chartLiveMarks"] == shared and opened["liveReplay"] == shared
    assert js(browser, "return window.playground.getCode();") == original["code"]
    banner = by_testid(browser, "shared-live").text
    assert all(f"lr to {c['value']} at step {c['step']}" in banner for c in shared), banner
    assert all(f"lr set to {c['value']} at step {c['step']}" in browser.find_element(By.ID, "chart")
               .get_attribute("aria-label") for c in shared)

    before = len(runs(browser))
    by_testid(browser, "run").click()
    wait_state(browser, lambda s: s["runs"] == 1 and s["status"] == "ready", 120, "the replay run to end")
    replay = poll(lambda: runs(browser), lambda r: len(r) == before + 1, 10, "the replay's record")[0]
    assert replay["status"] == "ok" and replay["liveChanges"] == shared
    assert state(browser)["chartLiveMarks"] == shared
    steps = [s for s, _ in original["curve"]]
    assert [s for s, _ in replay["curve"]] == steps
    worst = max(abs(a - b) / abs(a) for (_, a), (_, b) in zip(original["curve"], replay["curve"]))
    print(f"replayed {shared}: {len(steps)} points, max relative difference {worst:.1e}")
    assert worst <= 1e-12  # the same code, seed and changes in the same browser: the same arithmetic


def test_hostile_live_changes_in_a_link_load_the_code_and_replay_nothing(browser, open_page, site_file_url):
    for live, why in [("lr@10:NaN", "each change must be name@step:value"),
                      ("lr@500:0.01,lr@20:0.02", "the steps must not go down"),
                      ("steps@10:900", "steps is not a live param of the link's code (its live params: lr)"),
                      (",".join(["lr@1:0.01"] * 5000), "more than 1000 live changes")]:
        link = f"{site_file_url}#code={urllib.parse.quote(SCRIPT)}&live={urllib.parse.quote(live)}"
        open_link(browser, link)
        s = state(browser)
        assert js(browser, "return window.playground.getCode();") == SCRIPT
        assert s["liveReplay"] is None and s["chartLiveMarks"] == [] and s["runs"] == 0
        text = output_text(browser)
        assert "The link's live changes are not loaded (" in text and why in text, text[-400:]
    by_testid(browser, "run").click()  # the page still works: the code runs, without a replay
    s = wait_state(browser, lambda s: s["runs"] == 1 and s["status"] == "ready", 120, "the run")
    assert s["liveChanges"] == []
