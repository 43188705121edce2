"""A run whose live learning rate moved, shared and replayed (issue 20), driven like a user in Chromium (Selenium)
or Firefox (marionette_driver): used by test_live_share.py and test_live_share_firefox.py."""
import urllib.parse

from helpers.page import is_marionette, js, navigate
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


def element(driver, css):
    if is_marionette(driver):
        from marionette_driver.by import By
    else:
        from selenium.webdriver.common.by import By
    return driver.find_element(By.CSS_SELECTOR, css)


def find_testid(driver, name):
    return element(driver, f'[data-testid="{name}"]')


def arrow(driver, direction):
    """The ArrowRight / ArrowLeft key of the driver's own key table."""
    if is_marionette(driver):
        from marionette_driver.keys import Keys
    else:
        from selenium.webdriver.common.keys import Keys
    return Keys.ARROW_RIGHT if direction == "right" else Keys.ARROW_LEFT


def address(driver):
    return driver.get_url() if is_marionette(driver) else driver.current_url


def runs(driver):
    return js(driver, "return window.playground.runs();")


def code(driver):
    return js(driver, "return window.playground.getCode();")


def open_link(driver, url):
    """Open `url` as a new document (not a hash change of the page already open) and wait until it is ready."""
    navigate(driver, "about:blank")
    navigate(driver, url)
    assert wait_for_boot(driver, 120)["status"] == "ready"
    wait_ready(driver, 60)


def move_lr_while_paused(driver, direction, presses):
    """Pause at a report, press an arrow key on the lr slider, Resume: the change applies at the paused step."""
    before = len(state(driver)["liveChanges"])
    find_testid(driver, "pause").click()
    paused = wait_state(driver, lambda s: s["status"] == "paused", 60, "the pause")
    slider = element(driver, '[data-testid="params"] [data-param="lr"]')
    for _ in range(presses):
        slider.send_keys(arrow(driver, direction))
    find_testid(driver, "resume").click()
    s = wait_state(driver, lambda s: len(s["liveChanges"]) == before + 1, 60, "the live change")
    assert s["liveChanges"][-1]["step"] == paused["step"], (paused["step"], s["liveChanges"])
    return s["liveChanges"]


def run_with_two_live_moves(driver):
    """Runs SCRIPT (Run on change off), moving lr up at a report past step 100 and down 300 steps later; returns the
    run's record."""
    js(driver, "window.playground.setCode(args[0]);", SCRIPT)
    if find_testid(driver, "run-on-change").is_selected():
        find_testid(driver, "run-on-change").click()  # the moves must go to the run, not start another one
    stored = len(runs(driver))  # runs of the profile's earlier tests stay listed
    find_testid(driver, "run").click()
    wait_state(driver, lambda s: s["status"] == "training" and s["step"] >= 100, 60, "the run past step 100")
    first = move_lr_while_paused(driver, "right", 30)[0]
    wait_state(driver, lambda s: s["step"] >= first["step"] + 300, 60, "300 more steps")
    changes = move_lr_while_paused(driver, "left", 60)
    wait_state(driver, lambda s: s["status"] == "ready", 120, "the run to end")
    record = poll(lambda: runs(driver), lambda r: len(r) == stored + 1, 10, "the run record")[0]
    assert record["status"] == "ok" and record["liveChanges"] == changes
    assert changes[0]["value"] > 0.005 > changes[1]["value"], changes
    assert "lr = 0.005  # @param" in record["code"] and "lr = 0.005  #" not in code(driver)  # rewritten since
    return record


def share(driver, record):
    """Press Share: the address carries the run's code as it started and its live changes. Returns the link."""
    find_testid(driver, "share").click()
    poll(lambda: output_text(driver), lambda t: "live changes (lr to" in t, 10, "Share's message")
    url = address(driver)
    fragment = urllib.parse.parse_qs(urllib.parse.urlsplit(url).fragment)
    assert fragment["live"] == [",".join(f"lr@{c['step']}:{c['value']}" for c in record["liveChanges"])]
    assert fragment["code"] == [record["code"]]  # not the editor's code, which the slider rewrote
    return url


def check_opened_link(driver, record):
    """The link's page: nothing ran; the changes are marked on the chart, listed in the banner, ready to replay."""
    changes = record["liveChanges"]
    opened = state(driver)
    assert opened["runs"] == 0 and opened["status"] == "ready"  # a link never runs by itself
    assert opened["chartLiveMarks"] == changes and opened["liveReplay"] == changes
    assert code(driver) == record["code"]
    banner = find_testid(driver, "shared-live").text
    assert all(f"lr to {c['value']} at step {c['step']}" in banner for c in changes), banner
    chart = element(driver, "#chart").get_attribute("aria-label")
    assert all(f"lr set to {c['value']} at step {c['step']}" in chart for c in changes), chart


def run_replay(driver, record):
    """Press Run on the link's page: the new run's record has the same changes and the shared run's curve. Returns
    the largest relative difference of the two curves."""
    before = len(runs(driver))
    find_testid(driver, "run").click()
    wait_state(driver, lambda s: s["runs"] == 1 and s["status"] == "ready", 120, "the replay run to end")
    replay = poll(lambda: runs(driver), lambda r: len(r) == before + 1, 10, "the replay's record")[0]
    assert replay["status"] == "ok" and replay["liveChanges"] == record["liveChanges"]
    assert state(driver)["chartLiveMarks"] == record["liveChanges"]
    assert [s for s, _ in replay["curve"]] == [s for s, _ in record["curve"]]
    return max(abs(a - b) / abs(a) for (_, a), (_, b) in zip(record["curve"], replay["curve"]))
