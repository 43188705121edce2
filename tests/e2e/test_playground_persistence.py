"""Nothing typed is lost: autosave across reloads, share links that restore (and never run) the code, export and
import of the trained model, Reset with confirmation, and the same page over http://127.0.0.1."""
import json

from selenium.webdriver.common.alert import Alert
from selenium.webdriver.common.keys import Keys

from playground_driver import by_testid, js, open_ready, output_text, run_to_end, short_training, state, wait_for


def predictions(browser):
    """The probe's and the 17 Material colours' predicted hexes and ΔE00, as shown on the page."""
    return js(browser, """
        return {
            probe: document.querySelector('[data-testid=swatch-predicted]').dataset.hex,
            probeDeltaE: document.querySelector('[data-testid=delta-e]').textContent,
            material: [...document.querySelectorAll('#material .chip-predicted')].map((e) => e.dataset.hex),
            materialDeltaE: [...document.querySelectorAll('#material .material-de')].map((e) => e.textContent),
        };
    """)


def pick_probe_colour(browser, hex_colour):
    """Chooses a colour in the real <input type=color> (as its picker does: a new value, then an input event) and
    waits for the model's prediction of it."""
    js(browser, """
        const input = document.querySelector('[data-testid=probe]');
        input.value = args[0];
        input.dispatchEvent(new Event('input', {bubbles: true}));
    """, hex_colour)
    return wait_for(browser, f"s.probe.input === '{hex_colour}' && s.probe.predicted !== null",
                    what=f"the prediction for {hex_colour}")["probe"]


def dense_sizes(model):
    """[(n_in, n_out, weight rows, weight columns, bias length)] of each dense layer of a colornet model dict."""
    return [(l["n_in"], l["n_out"], len(l["weight"]), len(l["weight"][0]), len(l["bias"]))
            for l in model["layers"] if l["kind"] == "dense"]


def test_code_survives_a_reload(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    code = "# my own experiment\nprint('hello from', 'a reload')\n"
    js(browser, "window.playground.setCode(args[0]); await window.playground.setProbe('#336699');", code)
    js(browser, "await sleep(600);")  # the autosave is debounced (300 ms)
    browser.refresh()
    wait_for(browser, "s.status === 'ready'", what="ready after reload")
    assert js(browser, "return window.playground.getCode();") == code
    assert state(browser)["probe"]["input"] == "#336699"
    assert state(browser)["runs"] == 0


def test_shared_link_restores_the_code_without_running_it(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    code = "# shared\nprint('THIS RAN')\nsteps = 123\n"
    js(browser, "window.playground.setCode(args[0]);", code)
    seed = by_testid(browser, "seed")
    seed.send_keys(Keys.CONTROL, "a")  # select and replace (clear() would commit an empty box, which is refused)
    seed.send_keys("7\t")
    js(browser, "await window.playground.setProbe('#102030');")
    by_testid(browser, "share").click()
    url = wait_for_hash(browser)
    assert "preset=default" in url and "seed=7" in url and "probe=102030" in url and "code=" in url
    assert "print" in url, "the hash should stay readable"

    # Someone else's browser: other autosaved code, then the link.
    js(browser, "window.playground.setCode('# something else\\n'); await sleep(600);")
    browser.get("about:blank")
    open_page(url)
    wait_for(browser, "s.status === 'ready'", what="ready from the shared link")
    js(browser, "await sleep(1500);")  # time enough for an (unwanted) run to start
    s = state(browser)
    assert js(browser, "return window.playground.getCode();") == code
    assert s["runs"] == 0 and s["status"] == "ready"
    assert "THIS RAN" not in output_text(browser)
    assert "shared link" in output_text(browser)
    assert by_testid(browser, "seed").get_attribute("value") == "7"
    assert s["probe"]["input"] == "#102030"

    # Pressing Run runs it.
    run_to_end(browser)
    assert "THIS RAN" in output_text(browser)


def wait_for_hash(browser):
    return js(browser, """
        for (let i = 0; i < 200 && !location.hash.includes('code='); i++) await sleep(10);
        return location.href;
    """)


def test_export_then_import_predicts_the_same_colours(browser, open_page, site_file_url, tmp_path):
    open_ready(browser, open_page, site_file_url)
    js(browser, "await window.playground.setProbe('#dea5ff');")
    final = run_to_end(browser, short_training(steps=400, hidden="[3, 24, 12, 3]"))
    assert final["status"] == "ready" and final["hasModel"]
    before = predictions(browser)
    picked = pick_probe_colour(browser, "#336699")
    model = js(browser, "return await window.playground.exportModel();")
    data = json.loads(model)
    assert [l["kind"] for l in data["layers"]] == ["dense", "relu", "dense", "relu", "dense", "linear"]
    assert dense_sizes(data) == [(3, 24, 3, 24, 24), (24, 12, 24, 12, 12), (12, 3, 12, 3, 3)]
    # The Export button downloads the same JSON.
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    by_testid(browser, "export").click()
    path = downloads / "colornet-model.json"
    for _ in range(100):
        if path.exists() and path.stat().st_size:
            break
        js(browser, "await sleep(50);")
    assert path.exists(), f"no download in {list(downloads.iterdir())}"
    assert json.loads(path.read_text()) == data

    # A fresh page (fresh worker, no model), then Import through the file input.
    browser.refresh()
    wait_for(browser, "s.status === 'ready'", what="ready after reload")
    assert state(browser)["probe"]["predicted"] is None
    js(browser, "await window.playground.setProbe('#dea5ff');")
    by_testid(browser, "import").send_keys(str(path))
    wait_for(browser, "s.probe.predicted !== null", what="predictions from the imported model")
    after = predictions(browser)
    assert after == before  # the same predicted colours and the same ΔE00, to the digits shown
    assert len(after["material"]) == 17 and all(after["material"]) and all(after["materialDeltaE"])
    assert pick_probe_colour(browser, "#336699") == picked
    assert state(browser)["runs"] == 0, "import predicts without training"
    assert "Imported colornet-model.json" in output_text(browser)
    before = predictions(browser)

    # A corrupt file gives a clear message and keeps the page working.
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "colornet", "layers": [{"kind": "dense"')
    by_testid(browser, "import").send_keys(str(bad))
    wait_for(browser, "document.querySelector('[data-testid=output]').textContent.includes('Could not import')",
             what="the import error")
    assert "bad.json" in output_text(browser) and "JSON" in output_text(browser)
    assert predictions(browser) == before


def test_import_refuses_a_model_that_is_not_3_in_3_out(browser, open_page, site_file_url, tmp_path):
    """A valid colornet model with 5 inputs: the page says it needs 3 in and 3 out, and keeps its model."""
    open_ready(browser, open_page, site_file_url)
    run_to_end(browser, short_training(steps=50, hidden="[3, 4, 3]"))
    before = predictions(browser)
    data = json.loads(js(browser, "return await window.playground.exportModel();"))
    first = data["layers"][0]
    first["n_in"] = 5
    first["weight"] = first["weight"] + [[0.1] * first["n_out"]] * 2
    five = tmp_path / "five-inputs.json"
    five.write_text(json.dumps(data))
    by_testid(browser, "import").send_keys(str(five))
    wait_for(browser, "document.querySelector('[data-testid=output]').textContent.includes('Could not import')",
             what="the import error")
    text = output_text(browser)
    assert "five-inputs.json" in text and "takes 5 inputs" in text and "3 inputs and 3 outputs are needed" in text, text
    assert predictions(browser) == before and state(browser)["hasModel"]


def test_reset_restores_the_preset_after_confirmation(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    js(browser, "window.playground.setCode('# edited\\n');")
    by_testid(browser, "reset").click()
    Alert(browser).dismiss()
    assert js(browser, "return window.playground.getCode();") == "# edited\n"
    by_testid(browser, "reset").click()
    Alert(browser).accept()
    code = js(browser, "return window.playground.getCode();")
    assert "cn.train_async(" in code and "output=\"linear\"" in code

    select = by_testid(browser, "preset")
    select.send_keys("t")  # keyboard selects talk2018; the code was not edited, so no confirmation
    wait_for(browser, "window.playground.getCode().includes('lr = 0.042  # @param')", what="the talk2018 script")
    code = js(browser, "return window.playground.getCode();")
    assert 'output="relu"' in code and "batch_size = 25  # @param" in code and "steps = 1000  # @param" in code
    assert "colours = 10_000  # @param" in code and "cn.random_colours(colours, seed)" in code


def test_talk2018_preset_runs(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    js(browser, "localStorage.clear();")  # unedited default code, so switching preset needs no confirmation
    browser.refresh()
    wait_for(browser, "s.status === 'ready'", what="ready after reload")
    js(browser, """
        const select = document.querySelector('[data-testid=preset]');
        select.value = 'talk2018';
        select.dispatchEvent(new Event('change'));
    """)
    assert "lr = 0.042  # @param" in js(browser, "return window.playground.getCode();")
    final = run_to_end(browser)
    assert final["status"] == "ready", output_text(browser)
    assert final["step"] == 1000 and final["cost"] is not None
    assert "1000 steps, final cost" in output_text(browser)


def test_playground_trains_over_http(browser, open_page, site_http_url):
    open_ready(browser, open_page, site_http_url)
    final = run_to_end(browser, short_training(steps=200))
    assert final["status"] == "ready" and final["step"] == 200
    assert "done 200" in output_text(browser)
