"""The user's model survives every restart, whatever its source: a model chosen with Import model is the one a
Restart Python or a forced restart (Stop of code that never yields) brings back, not the older trained model nor
none. The model file is a real one, exported by the page from a training run, and chosen through the Import file
input."""
import json
import time

import pytest

from playground_driver import (by_testid, js, open_ready, output_text, run_to_end, short_training, start_run, wait_for,
                               wait_ready)


def shown_predictions(browser):
    return js(browser, """
        return {
            probe: document.querySelector('[data-testid=swatch-predicted]').dataset.hex,
            material: [...document.querySelectorAll('#material .chip-predicted')].map((e) => e.dataset.hex),
        };
    """)


@pytest.fixture(scope="module")
def model_file(browser, site_file_url, tmp_path_factory):
    """A colornet model file exported by the page: a small 3 → 5 → 3 network trained for 60 steps."""
    path = tmp_path_factory.mktemp("model") / "small-model.json"
    browser.get(site_file_url)
    wait_ready(browser)
    run_to_end(browser, short_training(steps=60, hidden="[3, 5, 3]"))
    path.write_text(js(browser, "return await window.playground.exportModel();"))
    return path


def import_through_the_file_input(browser, path):
    """Choose `path` in the Import file input; returns the predictions the page then shows."""
    by_testid(browser, "import").send_keys(str(path))
    wait_for(browser, f"document.querySelector('[data-testid=output]').textContent.includes('Imported {path.name}')",
             what="the import")
    return shown_predictions(browser)


def assert_the_imported_model(browser, path, imported, s):
    out = output_text(browser)
    assert s["hasModel"], out
    assert shown_predictions(browser) == imported, "the swatches show the imported model's predictions"
    assert json.loads(js(browser, "return await window.playground.exportModel();")) == json.loads(path.read_text())
    assert "was restored" in out, out


def test_restart_python_brings_back_the_imported_model_not_the_trained_one(browser, open_page, site_file_url,
                                                                            model_file):
    open_ready(browser, open_page, site_file_url)
    run_to_end(browser, short_training(steps=150, hidden="[3, 32, 3]"))  # a newer, different model and snapshot
    imported = import_through_the_file_input(browser, model_file)
    by_testid(browser, "restart").click()
    s = wait_for(browser, "s.lastRestart !== null && s.lastRestart.reason === 'user' && s.status === 'ready'",
                 timeout=90, what="Restart Python")
    assert_the_imported_model(browser, model_file, imported, s)


def test_forced_restart_brings_back_the_imported_model(browser, open_page, site_file_url, model_file):
    open_ready(browser, open_page, site_file_url)  # a fresh page: no model trained here
    imported = import_through_the_file_input(browser, model_file)
    start_run(browser, "while True:\n    pass\n")
    wait_for(browser, "s.status === 'training'", what="the run to start")
    time.sleep(0.3)
    by_testid(browser, "stop").click()
    s = wait_for(browser, "s.lastRestart !== null && s.lastRestart.reason === 'unresponsive' && "
                          "s.status !== 'loading' && s.status !== 'training'", timeout=90, what="the forced restart")
    assert_the_imported_model(browser, model_file, imported, s)
