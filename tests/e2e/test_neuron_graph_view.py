"""Issue 19, the neuron graph's view on its own (until it is wired into the page): site/src/ui/neuron-graph.js
bundled with esbuild into a small file:// page that draws what site/py/neurons.py computes for real networks,
then used with the mouse and the keyboard in Chromium. The contract: data-testid neuron-graph, one focusable tile
per unit with data-unit="C:i", data-dead and an accessible name; arrow keys, Esc; state() {tiles, updated, showing}."""
import base64
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from firefox_driver import run_js
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "pylib"), str(ROOT / "site" / "py")]
import colornet as cn  # noqa: E402
import neurons  # noqa: E402

ENTRY = """import { createNeuronGraph } from "%s";
window.createNeuronGraph = createNeuronGraph;
"""
PAGE = """<!doctype html><html lang="en" data-theme="light"><head><meta charset="utf-8"><title>Neuron graph</title>
<link rel="stylesheet" href="%s"></head><body><main><h1>Neuron graph</h1><button id="before">before</button>
<div id="graph"></div></main><script src="frames.js"></script><script src="view.js"></script><script>
const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
window.shown = [];
const graph = createNeuronGraph({ root: document.getElementById("graph"), onShow: (u) => shown.push(u && u.id) });
window.graph = graph;
window.frame = (k) => graph.show(FRAMES[k].d, bytes(FRAMES[k].px), bytes(FRAMES[k].nums));
frame(0);
</script></body></html>
"""


class Doubler:
    """A user layer: [x, 2x]."""

    def forward(self, x):
        return np.concatenate([x, 2.0 * x], axis=1)

    def backward(self, grad_y):
        return grad_y[:, :grad_y.shape[1] // 2]

    def parameters(self):
        return []


def frame(net, saturation):
    d, px, nums = neurons.neuron_graph(net, saturation)
    return {"d": d, "px": base64.b64encode(px).decode(), "nums": base64.b64encode(nums).decode()}


@pytest.fixture(scope="module")
def frames():
    default = cn.Network.from_sizes([3, 64, 32, 16, 3], seed=0)  # some ReLU units are dead as built
    default.layers[2].bias.value[:] = np.linspace(-1.0, 1.0, 32)  # biases to show (they start at 0)
    own = cn.Network([cn.Dense(3, 8), cn.ReLU(), Doubler(), cn.Dense(16, 3)])
    return [frame(default, 1.0), frame(default, 0.5), frame(own, 1.0)]


@pytest.fixture(scope="module")
def harness(frames, tmp_path_factory):
    """The file:// URL of a page drawing `frames` with the view module, bundled by esbuild as build.py does."""
    where = tmp_path_factory.mktemp("neuron-graph")
    (where / "entry.js").write_text(ENTRY % (ROOT / "site" / "src" / "ui" / "neuron-graph.js").as_posix())
    subprocess.run([ROOT / "node_modules" / ".bin" / "esbuild", where / "entry.js", "--bundle", "--format=iife",
                    f"--outfile={where / 'view.js'}", "--log-level=warning"], check=True)
    (where / "frames.js").write_text("window.FRAMES = " + json.dumps(frames, allow_nan=False) + ";")
    (where / "index.html").write_text(PAGE % (ROOT / "site" / "style.css").as_uri())
    return (where / "index.html").as_uri()


@pytest.fixture(scope="module")
def page(browser, harness):
    browser.set_window_size(1200, 900)

    def open_fresh():
        browser.get(harness)
        return browser

    return open_fresh


def tiles(browser):
    return browser.find_elements(By.CSS_SELECTOR, '[data-testid="neuron-graph"] [data-unit]')


def focused(browser):
    return browser.execute_script("return document.activeElement.dataset.unit || null")


def test_one_tile_per_unit_with_its_dead_flag_and_name(page, frames):
    browser = page()
    found = tiles(browser)
    columns = [e for e in frames[0]["d"]["graph"] if e["kind"] == "column"]
    expected = [f"{c['column']}:{i}" for c in columns for i in range(c["size"])]
    assert [t.get_attribute("data-unit") for t in found] == expected and len(found) == 118
    dead = [f"{c['column']}:{i}" for c in columns for i in c["deadUnits"]]
    assert [t.get_attribute("data-unit") for t in found if t.get_attribute("data-dead") == "true"] == dead
    assert len(dead) > 0 and all(t.get_attribute("data-dead") in ("true", "false") for t in found)
    assert all(t.tag_name == "button" for t in found)
    bias = float(np.frombuffer(base64.b64decode(frames[0]["nums"]), "<f4")[columns[2]["biases"] + 5])
    assert bias == pytest.approx(-1.0 + 10 / 31)
    name, unit, activation, shown_bias, state = found[3 + 64 + 5].get_attribute("aria-label").split(" · ")
    assert (name, unit, activation, state) == (
        "layer 2", "unit 5", "ReLU", "dead" if 5 in columns[2]["deadUnits"] else "alive")
    assert shown_bias.startswith("bias ") and float(shown_bias[5:]) == pytest.approx(bias, abs=0.005)
    assert found[0].get_attribute("aria-label") == "inputs · R"
    assert browser.execute_script("return graph.state()") == {"tiles": 118, "updated": 1, "showing": "prediction",
                                                                 "flow": "right"}


def test_keyboard_moves_between_units_and_layers_and_esc_returns_to_the_prediction(page):
    browser = page()
    browser.find_element(By.ID, "before").click()
    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert focused(browser) == "0:0"  # Tab enters the graph once, on its first tile
    for key, expected in ((Keys.ARROW_DOWN, "0:1"), (Keys.ARROW_RIGHT, "1:32"), (Keys.ARROW_DOWN, "1:33"),
                          (Keys.ARROW_UP, "1:32"), (Keys.END, "1:63"), (Keys.ARROW_RIGHT, "2:31"),
                          (Keys.ARROW_LEFT, "1:63")):
        browser.switch_to.active_element.send_keys(key)
        assert focused(browser) == expected, key
        assert browser.execute_script("return graph.state().showing") == expected
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert browser.execute_script("return [graph.state().showing, shown.at(-1)]") == ["prediction", None]
    browser.switch_to.active_element.send_keys(Keys.SHIFT, Keys.TAB)
    assert focused(browser) is None  # one tab stop: Shift+Tab leaves the graph


def test_a_click_shows_a_unit_and_an_update_keeps_the_tiles(page):
    browser = page()
    tile = browser.find_element(By.CSS_SELECTOR, '[data-unit="3:7"]')
    tile.click()
    assert browser.execute_script("return [graph.state().showing, shown.at(-1)]") == ["3:7", "3:7"]
    browser.execute_script("arguments[0].dataset.kept = 'yes'; frame(1)", tile)
    state = browser.execute_script("return graph.state()")
    assert state == {"tiles": 118, "updated": 2, "showing": "3:7", "flow": "right"}
    assert browser.find_element(By.CSS_SELECTOR, '[data-unit="3:7"]').get_attribute("data-kept") == "yes"


def test_hover_shows_a_unit_until_the_pointer_leaves_then_the_clicked_one_comes_back(page):
    from selenium.webdriver.common.action_chains import ActionChains

    browser = page()
    showing = lambda: browser.execute_script("return graph.state().showing")  # noqa: E731
    tile = lambda unit: browser.find_element(By.CSS_SELECTOR, f'[data-unit="{unit}"]')  # noqa: E731
    ActionChains(browser).move_to_element(tile("2:4")).perform()
    assert showing() == "2:4"
    ActionChains(browser).move_to_element(browser.find_element(By.TAG_NAME, "h1")).perform()
    assert showing() == "prediction"
    tile("4:1").click()
    ActionChains(browser).move_to_element(tile("1:9")).perform()
    assert showing() == "1:9"
    ActionChains(browser).move_to_element(browser.find_element(By.TAG_NAME, "h1")).perform()
    assert showing() == "4:1"  # the clicked tile (it has the focus)


def test_a_user_layer_is_a_labelled_box_and_the_graph_goes_on(page):
    browser = page()
    browser.find_element(By.CSS_SELECTOR, '[data-unit="1:5"]').click()
    browser.execute_script("frame(2)")  # a network of another shape: the graph is rebuilt
    assert focused(browser) == "1:5" and browser.execute_script("return graph.state().showing") == "1:5"
    assert [t.get_attribute("data-unit") for t in tiles(browser)] == (
        ["0:0", "0:1", "0:2"] + [f"1:{i}" for i in range(8)] + ["2:0", "2:1", "2:2"])
    box = browser.find_element(By.CSS_SELECTOR, '[data-testid="neuron-graph"] .ng-box')
    assert box.text.startswith("Doubler") and "16" in box.text
    assert browser.execute_script("return graph.state()")["tiles"] == 14


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # mozinfo/mozrunner import deprecated modules
def test_firefox_draws_the_tiles_and_moves_with_the_keyboard(firefox, harness, frames):
    from marionette_driver.keys import Keys

    firefox.navigate(harness)
    units = run_js(firefox, "return [...document.querySelectorAll('[data-unit]')].map((t) => "
                            "[t.dataset.unit, t.dataset.dead, t.getAttribute('aria-label')])")
    columns = [e for e in frames[0]["d"]["graph"] if e["kind"] == "column"]
    assert [u[0] for u in units if u[1] == "true"] == [f"{c['column']}:{i}" for c in columns for i in c["deadUnits"]]
    assert len(units) == 118 and units[0][2] == "inputs · R"
    tile = run_js(firefox, "const t = document.querySelector('[data-unit=\"1:5\"]'); t.focus(); return t")
    tile.send_keys(Keys.ARROW_RIGHT)
    assert run_js(firefox, "return [document.activeElement.dataset.unit, graph.state().showing]") == ["2:2", "2:2"]
    run_js(firefox, "return document.activeElement").send_keys(Keys.ESCAPE)
    assert run_js(firefox, "return graph.state()") == {"tiles": 118, "updated": 1, "showing": "prediction",
                                                                 "flow": "right"}
