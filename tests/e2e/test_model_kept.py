"""The model is never silently replaced: it is the last network that was trained (it reported progress) or
imported. A run that raises after building a network, or builds one and never trains it, leaves the trained model
in place (swatches, Export), and state().model and the line under the swatches name it."""
import json
import time

import pytest

from playground_driver import by_testid, js, output_text, run_to_end, short_training, wait_for, wait_ready


def predicted(browser):
    return js(browser, "return document.querySelector('[data-testid=swatch-predicted]').dataset.hex;")


@pytest.fixture(scope="module")
def trained(browser, site_file_url):
    """A page that trained run #1 to step 200; returns its (model, predicted swatch, exported model)."""
    browser.get(site_file_url)
    wait_ready(browser)
    s = run_to_end(browser, short_training(steps=200, hidden="[3, 16, 3]"))
    return s.get("model"), predicted(browser), json.loads(js(browser, "return await window.playground.exportModel();"))


@pytest.mark.parametrize("code, says", [
    ("net = cn.Network.from_sizes([3, 8, 3], seed=5)\nraise ValueError('boom')\n", "ValueError"),
    ("net = cn.Network.from_sizes([3, 8, 3], seed=5)\nprint('built, not trained')\n", "untrained network"),
])
def test_a_run_that_trains_nothing_keeps_the_trained_model(browser, trained, code, says):
    model, swatch, exported = trained
    s = run_to_end(browser, code)
    out = output_text(browser)
    assert says in out, out
    assert predicted(browser) == swatch, "the swatch still shows the trained model's prediction"
    assert json.loads(js(browser, "return await window.playground.exportModel();")) == exported
    assert model == {"source": "trained", "step": 200, "runId": 1}
    assert s["model"] == model, s["model"]
    assert by_testid(browser, "model-line").text == "Model: run #1 at step 200."


def test_restart_while_paused_brings_back_the_paused_weights(browser, trained):
    """Pause sends a fresh snapshot: Restart Python while paused restores exactly the paused model (not the one of
    the last paced snapshot, up to a second older), and the run record, the restored step and state().model agree."""
    js(browser, "window.playground.setCode(args[0]); window.playground.run(); await sleep(0);",
       short_training(steps=1_000_000, hidden="[3, 16, 3]", report_every=25))
    wait_for(browser, "s.status === 'training' && s.step >= 50", what="training under way")
    js(browser, "await window.playground.pause();")
    s = wait_for(browser, "s.paused", what="paused")
    paused_at, run_id = s["step"], s["runs"]
    paused_model = json.loads(js(browser, "return await window.playground.exportModel();"))
    by_testid(browser, "restart").click()
    s = wait_for(browser, "s.lastRestart !== null && s.lastRestart.reason === 'user' && s.status === 'ready'",
                 timeout=90, what="Restart Python")
    assert s["lastRestart"]["restoredStep"] == paused_at, (s["lastRestart"], paused_at)
    assert json.loads(js(browser, "return await window.playground.exportModel();")) == paused_model
    assert s["model"] == {"source": "trained", "step": paused_at, "runId": run_id}, s["model"]
    record = js(browser, "return (await window.playground.runs())[0];")
    assert record["steps"] == paused_at, record


def test_reload_during_training_keeps_the_run_as_interrupted_with_its_model(browser, trained, site_file_url):
    """A reload during training records the run as interrupted at its last snapshot (at most about a second old),
    and its model comes back: state().model, the line under the swatches, and the swatch show it."""
    js(browser, "window.playground.setCode(args[0]); window.playground.run(); await sleep(0);",
       short_training(steps=1_000_000, hidden="[3, 16, 3]", report_every=25))
    wait_for(browser, "s.status === 'training' && s.step >= 25", what="training under way")
    time.sleep(1.5)
    before = wait_for(browser, "s.status === 'training'")["step"]  # a snapshot is at most ~1 s old: past this step
    time.sleep(1.5)
    code = js(browser, "return window.playground.getCode();")
    browser.get(site_file_url)
    wait_ready(browser)
    s = wait_for(browser, "s.model !== null", what="the interrupted run's model")
    record = js(browser, "return (await window.playground.runs())[0];")
    assert record["status"] == "interrupted" and record["code"] == code, record["status"]
    assert record["steps"] >= before, (record["steps"], before)
    assert s["model"] == {"source": "trained", "step": record["steps"], "runId": None}, s["model"]
    assert s["hasModel"] and s["probe"]["predicted"], s["probe"]
    assert f"interrupted at step {record['steps']:,}" in output_text(browser)
    assert by_testid(browser, "model-line").text == f"Model: the run the reload interrupted at step {record['steps']:,}."
