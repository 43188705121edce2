"""The playground trains from file://: the default script's cost falls, the probe converges, edited code runs,
and the console stays clean (the main thread's long tasks: test_playground_jank.py).

Set COLORNET_SCREENSHOT=docs/screenshot.png to save the README screenshot of the page mid-training.
"""
import os
from pathlib import Path

from playground_driver import (by_testid, hex_distance, js, open_ready, output_text, run_to_end, short_training,
                               start_run, state, wait_for)

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = os.environ.get("COLORNET_SCREENSHOT")


def test_default_script_trains_and_cost_falls(browser, open_page, site_file_url):
    # the screenshot: the whole loop on one 1440 x 900 screen (code, Run, cost, network graph, colour map, probe)
    browser.set_window_size(*((1440, 900) if SCREENSHOT else (1280, 800)))
    open_ready(browser, open_page, site_file_url)
    js(browser, "localStorage.clear();")  # a clean start: the default preset's script
    browser.refresh()
    wait_for(browser, "s.status === 'ready'", what="ready after reload")
    code = js(browser, "return window.playground.getCode();")
    assert "cn.train_async(" in code and "callback=playground.report" in code

    # Watch the progress events from the moment Run is pressed: their timing and costs.
    js(browser, """
        window.__progress = [];
        window.colornetRuntime.on('progress', (p) => window.__progress.push([performance.now(), p.step, p.cost]));
    """)
    by_testid(browser, "run").click()
    if SCREENSHOT:
        wait_for(browser, "s.step >= 1500 && s.map.updated >= 2 && s.network.updated >= 2", what="mid-training")
        browser.save_screenshot(str(ROOT / SCREENSHOT))
    final = wait_for(browser, "s.status !== 'training'", timeout=120, what="the default run to end")
    events = js(browser, "return window.__progress;")

    assert final["status"] == "ready", output_text(browser)
    assert final["step"] == 5000
    first_t, first_step, initial_cost = events[0]
    assert first_step == 0 and initial_cost > 0.01, "step 0 carries the real initial cost"
    assert final["cost"] < initial_cost / 100, (initial_cost, final["cost"])
    # The readouts show the same numbers as the state.
    assert by_testid(browser, "step").text == "5000"
    assert by_testid(browser, "cost").text not in ("", "—")
    # At least 10 updates per second while training (progress events are throttled to about 20/s).
    seconds = (events[-1][0] - first_t) / 1000
    rate = (len(events) - 1) / seconds
    print(f"progress updates: {len(events)} in {seconds:.2f} s = {rate:.1f}/s; "
          f"chart redraws {final['chartUpdates']}; cost {initial_cost:.4f} -> {final['cost']:.2e}")
    assert rate >= 10, f"only {rate:.1f} progress updates per second"
    assert final["chartPoints"] == 201  # report_every=25 over 5000 steps, plus step 0


def test_probe_prediction_approaches_target(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    js(browser, """
        window.__probe = [];
        window.colornetRuntime.on('progress', (p) => window.__probe.push(p.probe));
    """)
    final = run_to_end(browser, short_training(steps=1500, hidden="[3, 64, 32, 3]", report_every=10))
    history = js(browser, "return window.__probe;")
    first, last = history[0], history[-1]
    assert first["input"] == last["input"] == "#dea5ff"
    assert last["target"] == "#c6ffa5"  # the talk's probe (222, 165, 255) → complement (198, 255, 165)
    assert last["deltaE"] < first["deltaE"] / 4, (first, last)
    assert last["deltaE"] < 5
    assert hex_distance(last["predicted"], last["target"]) < hex_distance(first["predicted"], first["target"])
    assert final["probe"]["predicted"] == by_testid(browser, "swatch-predicted").get_attribute("data-hex")
    assert by_testid(browser, "swatch-target").get_attribute("data-hex") == "#c6ffa5"
    assert by_testid(browser, "swatch-input").get_attribute("data-hex") == "#dea5ff"

    # Changing the probe after training shows the model's prediction quickly.
    elapsed_ms = js(browser, """
        const t0 = performance.now();
        window.playground.setProbe('#ff0000');
        while (window.playground.state().probe.input !== '#ff0000' ||
               document.querySelector('[data-testid=swatch-predicted]').dataset.hex === args[0]) {
            await sleep(1);
        }
        return performance.now() - t0;
    """, final["probe"]["predicted"])
    probe = state(browser)["probe"]
    print(f"probe change → prediction shown in {elapsed_ms:.0f} ms")
    assert probe["target"] == "#00ffff" and probe["predicted"] is not None
    assert hex_distance(probe["predicted"], "#00ffff") < 60
    assert elapsed_ms < 1000
    # The Material grid shows 17 colours with a prediction each.
    chips = js(browser, "return [...document.querySelectorAll('#material .chip-predicted')].map(e => e.dataset.hex);")
    assert len(chips) == 17 and all(c.startswith("#") for c in chips)


def test_probe_changed_during_training_updates_live(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    start_run(browser, short_training(steps=200_000, report_every=20))
    wait_for(browser, "s.status === 'training' && s.step > 200", what="training under way")
    elapsed_ms = js(browser, """
        const t0 = performance.now();
        window.playground.setProbe('#00ff00');
        while (document.querySelector('[data-testid=swatch-input]').dataset.hex !== '#00ff00' ||
               !window.playground.state().probe.predicted) await sleep(1);
        return performance.now() - t0;
    """)
    print(f"probe change during training → prediction shown in {elapsed_ms:.0f} ms")
    assert state(browser)["probe"]["target"] == "#ff00ff"
    assert elapsed_ms < 1000
    js(browser, "window.playground.stop();")
    wait_for(browser, "s.status === 'stopped'", what="stopped")


def test_edited_code_changes_what_runs(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    # A different hidden size: the parameter count printed proves which network ran.
    final = run_to_end(browser, short_training(
        steps=100, hidden="[3, 7, 3]",
        extra="print('parameters', sum(p.value.size for p in net.parameters()))\n"))
    assert final["status"] == "ready", output_text(browser)
    assert "parameters 52" in output_text(browser)  # 3*7+7 + 7*3+3

    # A user-defined layer following the forward/backward/parameters protocol.
    custom = '''import colornet as cn
import numpy as np

class Square:
    """y = x * x, elementwise."""
    calls = 0
    def forward(self, x):
        Square.calls += 1
        self.x = x
        return x * x
    def backward(self, grad_y):
        return grad_y * 2 * self.x
    def parameters(self):
        return []

rng = np.random.default_rng(0)
net = cn.Network([cn.Dense(3, 16, rng=rng), Square(), cn.Dense(16, 3, rng=rng, init="glorot")])
x = cn.random_colours(2000, 0)
y = cn.complement(x)
result = await cn.train_async(net, x, y, optimizer=cn.Adam(net.parameters(), lr=0.003),
                              batch_size=25, steps=300, report_every=10, callback=playground.report)
print("custom layer forward calls:", Square.calls, "cost", result.history[0][1], "->", result.cost)
'''
    final = run_to_end(browser, custom)
    out = output_text(browser)
    assert final["status"] == "ready", out
    assert "custom layer forward calls:" in out
    calls = int(out.split("custom layer forward calls:")[1].split()[0])
    assert calls >= 300
    assert final["step"] == 300 and final["probe"]["predicted"] is not None


def test_console_has_no_errors_in_a_normal_session(browser, open_page, site_file_url, network_requests):
    browser.get_log("browser")  # drain what earlier tests left
    open_ready(browser, open_page, site_file_url)
    run_to_end(browser, short_training(steps=300))
    js(browser, "await window.playground.setProbe('#123456');")
    start_run(browser, short_training(steps=100_000))
    wait_for(browser, "s.step > 100", what="training")
    js(browser, "window.playground.stop();")
    wait_for(browser, "s.status === 'stopped'", what="stopped")
    by_testid(browser, "share").click()
    model = js(browser, "return await window.playground.exportModel();")
    js(browser, "await window.playground.importModel(args[0]);", model)
    by_testid(browser, "export").click()  # a blob: download, not a network request
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == [], errors
    assert network_requests(browser) == [], "a playground session makes no network requests"
