"""site/py/neurons.py under CPython: every unit's picture over the map's slice, checked against a forward pass
written out by hand, with user layers in the stack, dead units and the default network's 118 tiles."""
import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "site" / "py"))
import colornet as cn  # noqa: E402
import insight  # noqa: E402
import neurons  # noqa: E402

pytestmark = pytest.mark.unit
W, H = neurons.TILE_WIDTH, neurons.TILE_HEIGHT


def tiny_net():
    """3 → 2 (ReLU) → 3 (Sigmoid) with set weights; unit 1 of the hidden layer is negative for every colour."""
    first, second = cn.Dense(3, 2), cn.Dense(2, 3)
    first.weight.value[...] = [[1.0, 0.5], [-2.0, 0.25], [0.5, 0.0]]
    first.bias.value[...] = [0.25, -1.0]
    second.weight.value[...] = [[1.5, -1.0, 0.5], [2.0, 0.0, -3.0]]
    second.bias.value[...] = [-0.5, 0.25, 0.0]
    return cn.Network([first, cn.ReLU(), second, cn.Sigmoid()])


def hand_forward(rgb):
    """The tiny net's hidden and output values, one unit at a time, in plain Python floats."""
    hidden, out = [], []
    for r, g, b in rgb.tolist():
        h0 = max(0.0, 1.0 * r - 2.0 * g + 0.5 * b + 0.25)
        h1 = max(0.0, 0.5 * r + 0.25 * g + 0.0 * b - 1.0)
        z = [1.5 * h0 + 2.0 * h1 - 0.5, -1.0 * h0 + 0.0 * h1 + 0.25, 0.5 * h0 - 3.0 * h1 + 0.0]
        hidden.append([h0, h1])
        out.append([1.0 / (1.0 + np.exp(-v)) for v in z])
    return np.array(hidden), np.array(out)


def columns(description):
    return [e for e in description["graph"] if e["kind"] == "column"]


def tile_values(description, pixels, column, unit):
    """A tile's cells decoded back to values on its column's scale, shape (H, W)."""
    cells = W * H
    tile = column["units"][unit]["tile"]
    codes = np.frombuffer(pixels, dtype=np.uint8)[tile * cells:(tile + 1) * cells].astype(float)
    return ((codes / 127.5 - 1.0) * column["limit"]).reshape(H, W)


def test_every_unit_matches_a_forward_pass_by_hand():
    description, pixels = neurons.neuron_graph(tiny_net(), 0.8)
    rgb = insight.hls_grid(0.8, W, H)
    hidden, out = hand_forward(rgb)
    inputs, layer, outputs = columns(description)
    assert [c["label"] for c in (inputs, layer, outputs)] == ["inputs", "layer 1", "outputs"]
    assert [c["activation"] for c in (inputs, layer, outputs)] == ["input", "ReLU", "Sigmoid"]
    assert description["tiles"] == 3 + 2 + 3 and len(pixels) == 8 * W * H
    for column, values in ((inputs, rgb), (layer, hidden), (outputs, out)):
        assert column["range"] == pytest.approx([values.min(), values.max()], abs=1e-6)
        assert column["limit"] == pytest.approx(np.abs(values).max(), abs=1e-6)
        step = column["limit"] / 127.5  # one code of the uint8 scale
        for i in range(values.shape[1]):
            drawn = tile_values(description, pixels, column, i)
            assert np.abs(drawn - values[:, i].reshape(H, W)).max() <= step / 2 + 1e-6, (column["label"], i)
    assert [u["bias"] for u in layer["units"]] == [0.25, -1.0]
    assert [u["weights"] for u in layer["units"]] == [[1.0, -2.0, 0.5], [0.5, 0.25, 0.0]]
    assert [u["weights"] for u in outputs["units"]] == [[1.5, 2.0], [-1.0, 0.0], [0.5, -3.0]]
    assert [u.get("name") for u in inputs["units"]] == ["R", "G", "B"] == [u.get("name") for u in outputs["units"]]
    assert (layer["linked"], outputs["linked"]) == (True, True)
    assert description["weightLimit"] == 3.0
    json.dumps(description, allow_nan=False)  # fit to post to the page


def test_dead_units_are_zero_on_the_fixed_sample_and_counted():
    description, _ = neurons.neuron_graph(tiny_net(), 1.0)
    inputs, layer, outputs = columns(description)
    # unit 1: 0.5 r + 0.25 g - 1 <= -0.25 for every colour; unit 0 is positive for some
    assert [u["dead"] for u in layer["units"]] == [False, True] and layer["dead"] == 1
    assert inputs["dead"] == 0 and outputs["dead"] == 0


def test_dead_units_are_the_ones_the_network_view_reports():
    net = cn.Network.from_sizes([3, 64, 32, 16, 3], seed=3)
    view, _ = insight.describe_network(net, [0.2, 0.4, 0.6])
    expected = [layer["deadUnits"] for layer in view["layers"] if layer["kind"] == "relu"]
    description, _ = neurons.neuron_graph(net, 1.0)
    found = [[u["unit"] for u in c["units"] if u["dead"]] for c in columns(description)[1:-1]]
    assert found == expected and sum(map(len, found)) > 0
    assert [c["dead"] for c in columns(description)[1:-1]] == [len(units) for units in expected]


def test_the_default_network_has_118_tiles():
    net = cn.Network.from_sizes([3, 64, 32, 16, 3])
    description, pixels = neurons.neuron_graph(net, 1.0)
    assert description["tiles"] == 118 and len(pixels) == 118 * W * H
    assert [c["size"] for c in columns(description)] == [3, 64, 32, 16, 3]
    assert [c["column"] for c in columns(description)] == [0, 1, 2, 3, 4]
    assert sorted(u["tile"] for c in columns(description) for u in c["units"]) == list(range(118))


class Doubler:
    """A user layer that widens its input: [x, 2x]."""

    def forward(self, x):
        return np.concatenate([x, 2.0 * x], axis=1)

    def backward(self, grad_y):
        n = grad_y.shape[1] // 2
        return grad_y[:, :n] + 2.0 * grad_y[:, n:]

    def parameters(self):
        return []


def test_a_user_layer_in_the_middle_is_a_box_and_the_graph_goes_on():
    first, second = cn.Dense(3, 2), cn.Dense(4, 3)
    first.weight.value[...] = [[1.0, -1.0], [0.5, 2.0], [-0.5, 1.0]]
    second.weight.value[...] = np.arange(12.0).reshape(4, 3) / 10.0 - 0.5
    second.bias.value[...] = [0.1, 0.2, 0.3]
    net = cn.Network([first, cn.ReLU(), Doubler(), second, cn.Linear()])
    description, pixels = neurons.neuron_graph(net, 0.5)
    kinds = [(e["kind"], e.get("label") or e["name"]) for e in description["graph"]]
    assert kinds == [("column", "inputs"), ("column", "layer 1"), ("box", "Doubler"), ("column", "outputs")]
    box = description["graph"][2]
    assert box["layers"] == [2] and box["size"] == 4 and "error" not in box
    outputs = columns(description)[-1]
    assert outputs["linked"] is False and outputs["layers"] == [3, 4] and outputs["activation"] == "Linear"
    rgb = insight.hls_grid(0.5, W, H)
    hidden = np.maximum(rgb @ first.weight.value, 0.0)
    expected = np.concatenate([hidden, 2 * hidden], axis=1) @ second.weight.value + second.bias.value
    step = outputs["limit"] / 127.5
    for i in range(3):
        assert np.abs(tile_values(description, pixels, outputs, i) - expected[:, i].reshape(H, W)).max() <= step
    assert description["tiles"] == 3 + 2 + 3


def test_a_user_layer_at_the_end_gives_an_outputs_column_and_a_failing_one_stops_the_graph():
    ends_in_box = cn.Network([cn.Dense(3, 6), cn.Tanh(), Doubler()])
    graph = neurons.neuron_graph(ends_in_box, 1.0)[0]["graph"]
    assert [e.get("label") or e["name"] for e in graph] == ["inputs", "layer 1", "Doubler", "outputs"]
    assert graph[-1]["size"] == 12 and graph[-1]["units"][0]["weights"] is None

    class Broken(Doubler):
        def forward(self, x):
            raise RuntimeError("no colours today")

    fails = cn.Network([cn.Dense(3, 4), cn.ReLU(), Broken(), cn.Dense(8, 3)])
    description, pixels = neurons.neuron_graph(fails, 1.0)
    graph = description["graph"]
    assert graph[2] == {"kind": "box", "layers": [2], "name": "Broken", "size": None,
                        "error": "RuntimeError: no colours today"}
    assert graph[3]["error"] == "not run: an earlier layer failed" and len(graph) == 4
    assert description["tiles"] == 3 + 4 and len(pixels) == 7 * W * H


def test_user_subclasses_wide_layers_and_repeated_activations_are_boxes():
    class Leaky(cn.ReLU):
        def forward(self, x):
            return np.where(x > 0, x, 0.1 * x)

    net = cn.Network([cn.Dense(3, 4), Leaky(), cn.Dense(4, 200), cn.ReLU(), cn.ReLU(), cn.Dense(200, 3)])
    graph = neurons.neuron_graph(net, 1.0)[0]["graph"]
    summary = [(e["kind"], e.get("label") or e["name"], e.get("activation")) for e in graph]
    assert summary == [("column", "inputs", "input"), ("column", "layer 1", "Linear"), ("box", "Leaky", None),
                       ("box", "Dense", None), ("box", "ReLU", None), ("column", "outputs", "Linear")]
    assert graph[3]["note"] == "200 units: too many to draw as tiles (at most 128)" and graph[3]["layers"] == [2, 3]


def test_the_training_caches_are_left_alone_and_bad_weights_are_null():
    net = tiny_net()
    net.layers[2].weight.value[0, 0] = np.nan
    description, _ = neurons.neuron_graph(net, 1.0)
    assert net.layers[0]._x is None and not hasattr(net.layers[1], "_y")
    outputs = columns(description)[-1]
    assert outputs["units"][0]["weights"] == [None, 2.0]
    assert description["weightLimit"] == 3.0  # the largest finite |w|: a NaN does not hide the others
    json.dumps(description, allow_nan=False)


def test_a_model_without_layers_is_one_box():
    class Model:
        def predict(self, x):
            return 1.0 - x

    graph = neurons.neuron_graph(Model(), 1.0)[0]["graph"]
    assert [(e["kind"], e.get("label") or e["name"]) for e in graph] == [
        ("column", "inputs"), ("box", "Model"), ("column", "outputs")]
