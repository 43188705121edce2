"""The params strip wired into the playground (issue 20), used the way users use it in Chromium: a slider moved by
keyboard and by mouse rewrites its literal in the editor; Run on change stops nothing but the run under way and
starts one, whose predecessor stays on the chart; Ctrl+Z undoes one gesture; a live learning rate moved mid-run is
applied at a report, recorded in state().liveChanges and the run's record, and marked on the chart. From file://,
and one case over http://127.0.0.1 (a share link with params shows them and does not run)."""
import time
import urllib.parse

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from helpers.page import js
from helpers.playground import open_ready, run_to_end, set_code
from helpers.wait import poll, state, wait_state

SCRIPT = """import colornet as cn
steps = 200  # @param {type:"slider", min:100, max:3000, step:100}
lr = 0.005  # @param {type:"slider", min:0.001, max:0.1, log:true, live:true}
x = cn.random_colours(2000, 0)
net = cn.Network.from_sizes([3, 16, 3], seed=0)
optimizer = cn.Adam(net.parameters(), lr=playground.live("lr", lr))
result = await cn.train_async(net, x, cn.complement(x), optimizer=optimizer, batch_size=25, steps=steps,
                              report_every=10, callback=playground.report, seed=0)
"""


def control(driver, name):
    return driver.find_element(By.CSS_SELECTOR, f'[data-testid="params"] [data-param="{name}"]')


def code(driver):
    return js(driver, "return window.playground.getCode();")


def set_run_on_change(driver, on):
    toggle = driver.find_element(By.CSS_SELECTOR, '[data-testid="run-on-change"]')
    if toggle.is_selected() != on:
        toggle.click()


def undo_in_editor(driver):
    driver.find_element(By.CSS_SELECTOR, ".cm-content").click()
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()


def test_default_script_params_are_controls(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    assert state(browser)["params"] == {"colours": 10000, "hidden": [64, 32, 16], "activation": "relu",
                                        "optimizer_name": "Adam", "lr": 0.008, "batch_size": 25, "steps": 5000}
    assert control(browser, "lr").get_attribute("type") == "range"
    assert control(browser, "activation").tag_name == "select"
    assert state(browser)["runs"] == 0  # nothing ran by itself


def test_keyboard_slider_reruns_with_the_previous_curve_on_the_chart(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    first = run_to_end(browser, SCRIPT)
    assert first["status"] == "ready" and first["chartPoints"] > 0
    set_run_on_change(browser, True)
    control(browser, "steps").send_keys(Keys.ARROW_RIGHT)
    assert "steps = 300  # @param" in code(browser)
    moved = time.monotonic()
    poll(lambda: state(browser)["runs"], lambda n: n == 2, timeout=10, what="a run after the slider moved")
    assert time.monotonic() - moved < 3  # 300 ms debounce, then the run starts (page-side polling adds a little)
    done = wait_state(browser, lambda s: s["status"] == "ready" and s["step"] == 300, 60, "the second run")
    assert done["chartPreviousPoints"] == first["chartPoints"]  # the first run stays on the chart
    assert done["lastResult"]["step"] == 300

    # typing in the code never starts a run
    browser.find_element(By.CSS_SELECTOR, ".cm-content").click()
    ActionChains(browser).key_down(Keys.CONTROL).send_keys(Keys.END).key_up(Keys.CONTROL).send_keys("# hi").perform()
    time.sleep(1.0)
    assert state(browser)["runs"] == 2 and code(browser).endswith("# hi")


def test_mouse_drag_is_one_undo_step(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    set_code(browser, SCRIPT)
    set_run_on_change(browser, False)
    slider = control(browser, "steps")
    width = slider.size["width"]
    chain = ActionChains(browser).move_to_element_with_offset(slider, -width // 2 + 2, 0).click_and_hold()
    for _ in range(6):
        chain.move_by_offset(width // 8, 0).pause(0.03)
    chain.release().perform()
    after = state(browser)["params"]["steps"]
    assert after > 1000, after  # dragged to the right
    assert f"steps = {after}  # @param" in code(browser)
    undo_in_editor(browser)
    assert code(browser) == SCRIPT  # one Ctrl+Z takes back the whole drag
    assert state(browser)["params"]["steps"] == 200
    assert control(browser, "steps").get_attribute("value") == "200"
    assert state(browser)["runs"] == 0  # Run on change was off


def test_live_learning_rate_mid_run(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    set_run_on_change(browser, True)
    set_code(browser, SCRIPT.replace("steps = 200 ", "steps = 3000 "))
    stored = len(js(browser, "return window.playground.runs();"))  # the earlier tests' runs stay in this profile
    js(browser, "window.playground.run(); await sleep(0);")
    wait_state(browser, lambda s: s["status"] == "training" and s["step"] >= 20, 60, "the run to report")
    control(browser, "lr").send_keys(Keys.ARROW_RIGHT)
    new_lr = state(browser)["params"]["lr"]
    assert new_lr != 0.005
    s = wait_state(browser, lambda s: s["liveChanges"], 30, "the live change to be applied")
    assert s["runs"] == 1 and s["status"] == "training"  # no restart for a live param
    assert [(c["name"], c["value"]) for c in s["liveChanges"]] == [("lr", new_lr)]
    change = s["liveChanges"][0]
    assert change["step"] >= 20 and change["step"] % 10 == 0  # at a report
    assert s["chartLiveMarks"] == s["liveChanges"]
    assert f"lr set to {new_lr} at step {change['step']}" in \
        browser.find_element(By.ID, "chart").get_attribute("aria-label")
    js(browser, "window.playground.stop();")
    wait_state(browser, lambda s: s["status"] != "training", 30, "the stop")
    record = poll(lambda: js(browser, "return window.playground.runs();"), lambda r: len(r) == stored + 1, 10,
                  "the run record")[0]
    assert record["liveChanges"] == s["liveChanges"]
    assert "lr = 0.005  # @param" in record["code"]  # the code as the run started


def test_share_link_with_params_over_http_shows_them_and_does_not_run(browser, open_page, site_http_url):
    url = site_http_url + "#code=" + urllib.parse.quote(SCRIPT)
    open_ready(browser, open_page, url)
    assert state(browser)["params"] == {"steps": 200, "lr": 0.005}
    assert control(browser, "steps").get_attribute("value") == "200"
    time.sleep(1.0)
    assert state(browser)["runs"] == 0


def test_hostile_annotations_neither_hang_the_page_nor_touch_the_code(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    hostile = "".join(f'p{i} = {i}  # @param {{type:"slider", min:0, max:1e300}}\n' for i in range(10_000))
    hostile += 'nan = 1  # @param {type:"slider", min:NaN, max:2}\nzero = 1  # @param {type:"slider", min:0, max:2, ' \
        'step:0}\nx, y = 1, 2  # @param\n' + "s = 1  # @param [" + "[" * 100_000 + "\n"
    started = time.monotonic()
    set_code(browser, hostile)
    s = state(browser)
    elapsed = time.monotonic() - started
    assert s["params"] == {} and s["runs"] == 0
    problems = browser.find_element(By.CSS_SELECTOR, '[data-testid="params-problems"]').text
    assert "Line 1: " in problems and "more" in problems, problems[:500]
    assert code(browser) == hostile  # shown, never rewritten
    print(f"10,000 hostile annotations: setCode + state() in {elapsed:.2f} s")  # a hang fails js()'s timeout
