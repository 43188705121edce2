"""Issue 19 in Firefox ESR from file://: a run draws the neuron graph (its tiles and the canvas under them), and a
clicked tile goes onto the large colour map (marionette_driver, the `firefox` fixture of conftest.py)."""
import pytest

from helpers.page import navigate, run_js
from helpers.playground import click
from helpers.scripts import short_training
from helpers.wait import wait_state

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # mozinfo/mozrunner import deprecated modules


def test_neuron_graph_draws_in_firefox(firefox, site_file_url):
    navigate(firefox, site_file_url)
    wait_state(firefox, lambda s: s["status"] == "ready", what="ready")
    run_js(firefox, "window.playground.setCode(arguments[0]);", short_training(steps=300, hidden="[3, 16, 8, 3]"))
    click(firefox, "run")
    s = wait_state(firefox, lambda s: s["status"] == "ready" and s["runs"] == 1 and s["insightFinal"],
                   what="the run to end with its final views")
    assert s["network"]["tiles"] == 3 + 16 + 8 + 3 and s["network"]["updated"] >= 1
    drawn = run_js(firefox, """
        const graph = document.querySelector('[data-testid=neuron-graph]');
        const canvas = graph.querySelector('canvas');
        const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) painted += 1;
        return {units: graph.querySelectorAll('[data-unit]').length, painted, cells: d.length / 4};
    """)
    assert drawn["units"] == 30 and drawn["painted"] > drawn["cells"] * 0.05, drawn
    run_js(firefox, "document.querySelector('[data-testid=neuron-graph] [data-unit=\"2:3\"]').click();")
    s = wait_state(firefox, lambda s: s["network"]["showing"] == "2:3", what="the clicked unit on the map")
    caption = run_js(firefox, "return document.getElementById('colour-map-caption').textContent;")
    assert caption.startswith("layer 2 · unit 3 · ReLU"), caption
