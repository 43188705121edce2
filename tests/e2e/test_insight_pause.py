"""Issue 10, part 4: Pause ends at the next report but keeps the run (network, Adam's moments, the schedule, the
batch iterator); Step trains exactly one report interval; Resume continues the same run, so a run paused and
resumed at step 1,000 ends with bit-identical weights to an uninterrupted one. While paused the probe, the map and
the network view are live; Stop still ends the run."""
import json

from playground_driver import by_testid, js, open_ready, output_text, run_to_end, set_code, state, wait_for

# Adam with a cosine schedule and shuffled batches: every piece of optimizer state matters for the result.
CODE = """import colornet as cn
seed = 3
x = cn.random_colours(4000, seed)
y = cn.complement(x)
net = cn.Network.from_sizes([3, 32, 16, 3], hidden="relu", output="linear", seed=seed)
steps = 2000
optimizer = cn.Adam(net.parameters(), lr=0.01, schedule=cn.CosineDecay(steps))
result = await cn.train_async(net, x, y, optimizer=optimizer, batch_size=25, steps=steps, report_every=500,
                              callback=playground.report, seed=seed)
print("done", result.steps, result.cost)
"""


def weights(browser):
    return json.loads(js(browser, "return await window.playground.exportModel();"))


def click(browser, testid):
    by_testid(browser, testid).click()


def test_pause_step_resume_reaches_the_same_weights(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    uninterrupted = run_to_end(browser, CODE)
    assert uninterrupted["status"] == "ready" and uninterrupted["step"] == 2000, output_text(browser)
    expected = weights(browser)

    set_code(browser, CODE)
    # Pause as the run starts: it pauses at the first report it reaches (step 0, or 500 if the worker had already
    # sent step 0's report when the pause arrived).
    js(browser, "window.playground.run(); await window.playground.pause();")
    s = wait_for(browser, "s.paused", what="paused")
    assert s["status"] == "paused" and s["step"] in (0, 500), s
    assert by_testid(browser, "pause").get_attribute("disabled") and not by_testid(browser, "resume").get_attribute(
        "disabled")
    # Step: exactly one report interval (500 steps), then paused again.
    while s["step"] < 1000:
        before = s["step"]
        click(browser, "step-once")
        s = wait_for(browser, f"s.paused && s.step > {before}", what="one step")
        assert s["step"] == before + 500, s
    assert s["step"] == 1000

    # Paused: the probe, the map and the network view are live.
    probe = js(browser, "await window.playground.setProbe('#204080'); return window.playground.state().probe;")
    assert probe["input"] == "#204080" and probe["predicted"] is not None
    updated = state(browser)["map"]["updated"]
    js(browser, """
        const el = document.querySelector('[data-testid=saturation]');
        el.value = '0.5'; el.dispatchEvent(new Event('input')); el.dispatchEvent(new Event('change'));
    """)
    s = wait_for(browser, f"s.map.updated > {updated}", what="the map redrawn while paused")
    assert s["paused"] and s["step"] == 1000
    assert [layer["kind"] for layer in s["network"]["layers"]] == ["dense", "relu", "dense", "relu", "dense", "linear"]

    click(browser, "resume")
    final = wait_for(browser, "s.status !== 'training' && s.status !== 'paused'", timeout=120, what="the end")
    assert final["status"] == "ready" and final["step"] == 2000, output_text(browser)
    assert "done 2000" in output_text(browser)
    # The curve continues: one point per report, no repeated step, no gap.
    points = js(browser, "return window.playground.state().chartPoints;")
    assert points == 5, points
    assert weights(browser) == expected, "paused and resumed at step 1000: the weights are bit-identical"


def test_stop_while_paused_ends_the_run_and_keeps_the_model(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    set_code(browser, CODE)
    js(browser, "window.playground.run(); await window.playground.pause();")
    s = wait_for(browser, "s.paused", what="paused")
    paused_at = s["step"]
    click(browser, "stop")
    s = wait_for(browser, "s.status === 'stopped'", what="stopped")
    assert s["step"] == paused_at and s["hasModel"] and s["restartMs"] is None
    assert not s["paused"] and by_testid(browser, "resume").get_attribute("disabled")
    assert f"Stopped at step {paused_at}" in output_text(browser)
    # The next Run works and is not paused.
    final = run_to_end(browser, CODE.replace("steps = 2000", "steps = 100"))
    assert final["status"] == "ready" and final["step"] == 100
