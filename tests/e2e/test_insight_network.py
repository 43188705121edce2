"""Issue 10, part 2: the network view draws the layer stack as the user's code built it — Dense weights and
biases as heat maps, the probe's activations, dead ReLU units counted — and shows a user-defined layer as a
labelled box."""
from selenium.webdriver.common.by import By

from playground_driver import by_testid, js, open_ready, output_text, run_to_end, wait_for

CODE = """import colornet as cn
import numpy as np

class Doubler:  # a layer of the user's own: forward / backward / parameters
    def forward(self, x):
        return 2 * x
    def backward(self, grad):
        return 2 * grad
    def parameters(self):
        return []

rng = np.random.default_rng(0)
net = cn.Network([cn.Dense(3, 16, rng=rng), cn.ReLU(), Doubler(), cn.Dense(16, 8, rng=rng), cn.Tanh(),
                  cn.Dense(8, 3, rng=rng)])
net.layers[0].bias.value[:4] = -50.0  # four hidden units that never fire: dead for every colour
x = cn.random_colours(2000, 0)
result = await cn.train_async(net, x, cn.complement(x), optimizer=cn.Adam(net.parameters(), lr=0.003),
                              batch_size=25, steps=300, report_every=10, callback=playground.report)
"""


def test_network_view_follows_the_code(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    run_to_end(browser, CODE)
    s = wait_for(browser, "s.insightFinal", what="the final views of the run")
    assert s["status"] == "ready", output_text(browser)
    layers = s["network"]["layers"]
    assert [(l["kind"], l["size"]) for l in layers] == [
        ("dense", 16), ("relu", 16), ("Doubler", 16), ("dense", 8), ("tanh", 8), ("dense", 3)]
    dead = layers[1]["dead"]
    assert 4 <= dead < 16, "the four units with bias -50 are dead (training may kill more)"
    assert [l["dead"] for l in layers if l["kind"] != "relu"] == [None] * 5
    view = by_testid(browser, "network-view")
    cards = view.find_elements(By.CSS_SELECTOR, ".nv-layer")
    assert [c.find_element(By.TAG_NAME, "strong").text for c in cards][:4] == [
        "Dense 3→16", "ReLU (16)", "Doubler (16)", "Dense 16→8"]
    assert f"{dead}/16 dead" in cards[1].text
    assert "user-defined layer: not drawn" in cards[2].text
    # Weight heat maps are n_in × n_out images with a text alternative.
    weights = cards[3].find_element(By.CSS_SELECTOR, "canvas.nv-weights")
    assert (weights.get_attribute("width"), weights.get_attribute("height")) == ("8", "16")
    assert weights.get_attribute("aria-label").startswith("Dense 16→8 weights, 16 rows by 8 columns")

    # The activation strips follow the probe colour (after training too).
    def strip():
        return js(browser, """
            const c = document.querySelectorAll('[data-testid=network-view] canvas.nv-activations')[5];
            return Array.from(c.getContext('2d').getImageData(0, 0, c.width, 1).data).join(',');""")
    before = strip()
    js(browser, "await window.playground.setProbe('#10e040');")
    assert strip() != before
