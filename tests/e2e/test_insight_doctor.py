"""Issue 10, part 3: the training doctor names what goes wrong in a real run and offers one-click fixes that edit
the code visibly (undoable with Ctrl+Z) or change the seed. Each diagnosis is provoked with real code."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from helpers.cpython import dead_output_channels
from helpers.page import js
from helpers.playground import by_testid, open_ready, run_to_end
from helpers.wait import output_text, wait_for


def run_with_views(browser, code):
    """Run to the end, then wait for the views (doctor included) of the run's end, sent just after its result."""
    run_to_end(browser, code)
    return wait_for(browser, "s.insightFinal", what="the final views of the run")


# The default script's optimizer line, which some tests replace with plain SGD at a fixed rate.
DEFAULT_OPTIMIZER = 'Optimizer(net.parameters(), lr=playground.live("lr", lr),\n                      schedule=cn.CosineDecay(steps))'


def default_script(browser, open_page, site_file_url):
    """A fresh page (no saved code) showing the default preset's script; returns that script."""
    open_ready(browser, open_page, site_file_url)
    js(browser, "localStorage.clear();")
    browser.refresh()
    wait_for(browser, "s.status === 'ready'", what="ready after reload")
    return js(browser, "return window.playground.getCode();")


def diagnoses(browser):
    return js(browser, "return window.playground.state().doctor;")


def fix_button(browser, fix):
    return by_testid(browser, "doctor").find_element(By.CSS_SELECTOR, f'button[data-fix="{fix}"]')


def undo(browser):
    editor = browser.find_element(By.CSS_SELECTOR, "[data-testid=editor] .cm-content")
    editor.click()
    editor.send_keys(Keys.CONTROL, "z")


def run_talk2018(browser, seed, runs):
    """Run the talk2018 preset with `seed` in the Seed box (clicking Run); returns the state with its final views."""
    box = by_testid(browser, "seed")
    box.clear()
    box.send_keys(str(seed), Keys.TAB)
    by_testid(browser, "run").click()
    s = wait_for(browser, f"s.status !== 'training' && s.runs === {runs} && s.status !== 'loading' && s.insightFinal",
                 timeout=120, what=f"the talk2018 run with seed {seed} and its final views")
    assert s["status"] == "ready", output_text(browser)
    return s


def test_dead_output_named_exactly_on_the_seeds_whose_output_channel_is_all_zero(browser, open_page, site_file_url):
    """The seeds come from the property, not from earlier runs: the preset's script is trained on CPython for seeds
    0-7, and a seed whose net has an output channel that is 0 for every colour of the doctor's sample must be
    named dead (that channel); a seed without one must not."""
    default_script(browser, open_page, site_file_url)
    Select(by_testid(browser, "preset")).select_by_value("talk2018")
    code = js(browser, "return window.playground.getCode();")
    assert 'output="relu"' in code and "seed = playground.seed" in code
    dead = dead_output_channels(code, range(8))
    dead_seed = next((seed for seed, channels in dead.items() if channels), None)
    live_seed = next((seed for seed, channels in dead.items() if not channels), None)
    assert dead_seed is not None and live_seed is not None, f"seeds 0-7 do not show both cases: {dead}"
    print(f"talk2018 on CPython, dead output channels by seed: {dead}")

    s = run_talk2018(browser, dead_seed, runs=1)
    found = [d for d in s["doctor"] if d["code"] == "dead-output"]
    assert found, s["doctor"]
    assert "Dead output channel" in found[0]["message"]
    for k in range(3):
        assert (f"{'RGB'[k]} (always 0)" in found[0]["message"]) == (k in dead[dead_seed]), found[0]["message"]
    # The same dead channel shows in the network view: the output ReLU has a unit dead for all 1,000 colours.
    assert s["network"]["layers"][-1] == {"kind": "relu", "size": 3, "dead": len(dead[dead_seed])}

    before = js(browser, "return window.playground.getCode();")
    fix_button(browser, "linear-output").click()
    after = js(browser, "return window.playground.getCode();")
    assert after == before.replace('output="relu"', 'output="linear"')
    assert "Doctor: changed line" in output_text(browser)
    undo(browser)
    assert js(browser, "return window.playground.getCode();") == before, "Ctrl+Z undoes the doctor's edit"
    # The other fix: another seed (the Seed box changes; nothing runs).
    fix_button(browser, "next-seed").click()
    assert by_testid(browser, "seed").get_attribute("value") == str(dead_seed + 1)
    assert js(browser, "return window.playground.state().runs;") == 1

    s = run_talk2018(browser, live_seed, runs=2)
    assert "dead-output" not in [d["code"] for d in s["doctor"]], s["doctor"]
    assert s["network"]["layers"][-1] == {"kind": "relu", "size": 3, "dead": 0}


def test_divergence_at_learning_rate_10(browser, open_page, site_file_url):
    code = default_script(browser, open_page, site_file_url)
    assert "lr = 0.008 " in code and "steps = 5000 " in code
    adam_10 = code.replace("lr = 0.008 ", "lr = 10 ").replace("steps = 5000 ", "steps = 300 ")
    s = run_with_views(browser, adam_10)
    assert s["status"] == "ready", output_text(browser)
    assert "diverged" in [d["code"] for d in s["doctor"]], s["doctor"]
    fix_button(browser, "lower-lr").click()
    assert "lr = 1  # @param" in js(browser, "return window.playground.getCode();")

    # Plain SGD at lr 10 reaches NaN: the run ends with TrainingDiverged and the doctor says so.
    sgd_10 = adam_10.replace(DEFAULT_OPTIMIZER,
                             "cn.SGD(net.parameters(), lr=lr)")
    assert "cn.SGD(" in sgd_10
    s = run_with_views(browser, sgd_10)
    assert s["status"] == "error" and s["lastResult"]["name"] == "TrainingDiverged"
    diverged = [d for d in s["doctor"] if d["code"] == "diverged"]
    assert diverged and "learning rate 10" in diverged[0]["message"], s["doctor"]


def test_plateau_at_learning_rate_1e_6(browser, open_page, site_file_url):
    code = default_script(browser, open_page, site_file_url)
    slow = code.replace("lr = 0.008 ", "lr = 1e-6 ").replace("steps = 5000 ", "steps = 1000 ")
    s = run_with_views(browser, slow)
    assert s["status"] == "ready", output_text(browser)
    assert [d["code"] for d in s["doctor"]] == ["plateau"], s["doctor"]
    assert "ΔE00 is still" in s["doctor"][0]["message"]
    fix_button(browser, "higher-lr").click()
    assert "lr = 0.00001  # @param" in js(browser, "return window.playground.getCode();")


def test_oscillation_with_sgd_at_learning_rate_1(browser, open_page, site_file_url):
    code = default_script(browser, open_page, site_file_url)
    bouncy = (code.replace(DEFAULT_OPTIMIZER, "cn.SGD(net.parameters(), lr=lr)")
              .replace("lr = 0.008 ", "lr = 1.0 ")
              .replace("steps = 5000 ", "steps = 1000 ").replace("report_every=25", "report_every=10"))
    assert "cn.SGD(net.parameters(), lr=lr)" in bouncy and "lr = 1.0 " in bouncy
    s = run_with_views(browser, bouncy)
    assert s["status"] == "ready", output_text(browser)
    assert "oscillation" in [d["code"] for d in s["doctor"]], s["doctor"]
    fix_button(browser, "bigger-batch").click()
    assert "batch_size = 100  # @param" in js(browser, "return window.playground.getCode();")
    undo(browser)
    fix_button(browser, "lower-lr").click()
    assert "lr = 0.1  # @param" in js(browser, "return window.playground.getCode();")
