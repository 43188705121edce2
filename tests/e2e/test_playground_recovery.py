"""Nothing lost, nothing stuck (issue 8, items 2 and 5): when the Python worker has to be restarted — a forced
Stop of code that never yields, `os._exit`, a fatal interpreter error, a worker that closes itself — the page says
what happened, boots a fresh worker by itself and restores the latest model snapshot, so the probe and the Material
colours show exactly the predictions of that snapshot; a model file nested deeply enough to crash Python is refused
before Python parses it; a model import during training is refused."""
import json
import os
import time

from playground_driver import (by_testid, js, open_ready, output_text, run_to_end, short_training, start_run, state,
                               wait_for)

RECOVERY_LIMIT_S = 10  # issue 8, item 5: message, fresh worker and a usable page within 10 s

SYNC_TRAINING = short_training(steps=10**7, hidden="[3, 64, 32, 16, 3]", report_every=10).replace(
    "result = await cn.train_async(", "result = cn.train(")


def record_events(browser):
    """Keep every progress event's predictions by step, and the snapshots, as the page receives them."""
    js(browser, """
        window.__byStep = {};
        window.__snapshots = [];
        window.colornetRuntime.on('progress', (p) => {
            window.__byStep[p.step] = { probe: p.probe.predicted, material: p.material.map((m) => m.predicted) };
        });
        window.colornetRuntime.on('snapshot', (s) => window.__snapshots.push({ step: s.step, text: s.text }));
    """)


def shown_predictions(browser):
    return js(browser, """
        return {
            probe: document.querySelector('[data-testid=swatch-predicted]').dataset.hex,
            material: [...document.querySelectorAll('#material .chip-predicted')].map((e) => e.dataset.hex),
        };
    """)


def wait_recovered(browser, t0, what):
    s = wait_for(browser, "s.lastRestart !== null && s.status !== 'loading' && s.status !== 'training'",
                 timeout=60, what=what)
    elapsed = time.monotonic() - t0
    print(f"{what}: page usable again after {elapsed:.1f} s (fresh worker booted in {s['restartMs']:.0f} ms; "
          f"load average {os.getloadavg()[0]:.1f})")
    assert by_testid(browser, "run").is_enabled()
    return s, elapsed


def assert_model_restored(browser, s, trained_probe):
    """The restored model is a real, trained one: it predicts, and the next run works."""
    out = output_text(browser)
    assert s["hasModel"] and s["lastRestart"]["restoredStep"] is not None, out
    assert f"The model of step {s['lastRestart']['restoredStep']} was restored" in out, out
    assert shown_predictions(browser)["probe"] == trained_probe


def test_forced_stop_restores_the_model_with_the_same_predictions(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    record_events(browser)
    start_run(browser, SYNC_TRAINING)
    wait_for(browser, "s.status === 'training' && s.step > 200", what="synchronous training")
    js(browser, "while (window.__snapshots.length < 2) await sleep(20);")  # the snapshots are paced, ~1 per second
    by_testid(browser, "stop").click()
    s, _ = wait_recovered(browser, time.monotonic(), "forced stop of cn.train")
    snapshots = js(browser, "return window.__snapshots;")
    by_step = js(browser, "return window.__byStep;")
    out = output_text(browser)
    assert "never yields" in out and "cn.train" in out, out
    last = snapshots[-1]
    assert s["lastRestart"] == {"reason": "unresponsive", "restoredStep": last["step"]}
    assert s["step"] > last["step"], "the chart went on past the last snapshot"
    # exactly the predictions the page showed for that step, probe and all 17 Material colours
    shown_then = by_step[str(last["step"])]
    assert shown_predictions(browser) == shown_then
    assert f"The model of step {last['step']} was restored" in out
    # and exactly the weights of that snapshot
    assert json.loads(js(browser, "return await window.playground.exportModel();")) == json.loads(last["text"])
    final = run_to_end(browser, short_training(steps=50))
    assert final["status"] == "ready" and "done 50" in output_text(browser)


def test_import_during_training_is_refused(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    run_to_end(browser, short_training(steps=20, hidden="[3, 5, 3]"))
    other_model = js(browser, "return await window.playground.exportModel();")
    start_run(browser, short_training(steps=10**7, report_every=10))
    wait_for(browser, "s.status === 'training' && s.step > 100", what="training")
    error = js(browser, """
        try { await window.playground.importModel(args[0]); return null; } catch (e) { return e.message; }
    """, other_model)
    assert error and "while the code is running" in error, error
    js(browser, "window.playground.stop();")
    wait_for(browser, "s.status === 'stopped'", what="stopped")
    kept = json.loads(js(browser, "return await window.playground.exportModel();"))
    assert [layer.get("n_out") for layer in kept["layers"]][0] == 32, "the trained model stays, not the import"


def test_os_exit_restarts_python_and_keeps_the_model(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    trained = run_to_end(browser, short_training(steps=300))
    t0 = time.monotonic()
    start_run(browser, "import os\nprint('exiting')\nos._exit(1)\n")
    s, elapsed = wait_recovered(browser, t0, "os._exit(1)")
    out = output_text(browser)
    assert "Python exited (exit status 1)" in out, out
    assert_model_restored(browser, s, trained["probe"]["predicted"])
    final = run_to_end(browser, "import json\nprint(json.dumps({'ok': 1}))\n")
    assert final["status"] == "ready" and '{"ok": 1}' in output_text(browser)
    assert elapsed < RECOVERY_LIMIT_S


def test_fatal_interpreter_error_restarts_python_and_keeps_the_model(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    trained = run_to_end(browser, short_training(steps=300))
    t0 = time.monotonic()
    start_run(browser, "import json\njson.loads('[' * 100000 + ']' * 100000)\n")
    s, elapsed = wait_recovered(browser, t0, "a fatal Pyodide error")
    out = output_text(browser)
    assert "Python hit a fatal error (Maximum call stack size exceeded)" in out, out
    assert_model_restored(browser, s, trained["probe"]["predicted"])
    model = js(browser, "return await window.playground.exportModel();")
    assert js(browser, "return (await window.playground.importModel(args[0])).probe.predicted;", model)
    assert run_to_end(browser, short_training(steps=50))["status"] == "ready"
    assert elapsed < RECOVERY_LIMIT_S


def test_worker_that_closes_itself_is_restarted(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    trained = run_to_end(browser, short_training(steps=300))
    t0 = time.monotonic()
    start_run(browser, "import js\njs.close()\n")
    s, elapsed = wait_recovered(browser, t0, "the worker closed itself")
    assert "the worker closed itself" in output_text(browser)
    assert_model_restored(browser, s, trained["probe"]["predicted"])
    assert run_to_end(browser, short_training(steps=50))["status"] == "ready"
    assert elapsed < RECOVERY_LIMIT_S


def test_deeply_nested_model_file_is_refused_before_python_parses_it(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    trained = run_to_end(browser, short_training(steps=300))
    nested = '{"format": "colornet-model", "version": 1, "layers": ' + "[" * 100000 + "]" * 100000 + "}"
    error = js(browser, """
        try { await window.playground.importModel(args[0]); return null; } catch (e) { return e.message; }
    """, nested)
    assert error and "nests JSON 100001 levels deep" in error, error
    s = state(browser)
    assert s["lastRestart"] is None, "refused, not crashed"
    assert s["probe"]["predicted"] == trained["probe"]["predicted"], "the model in use stays"
    final = run_to_end(browser, "import json\nprint(json.loads('[[1]]'))\n")
    assert final["status"] == "ready" and "[[1]]" in output_text(browser)
