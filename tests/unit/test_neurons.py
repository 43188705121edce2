"""site/py/neurons.py under CPython: every unit's picture over the map's slice, checked against a forward pass
written out by hand, with user layers in the stack, dead units and the default network's 118 tiles."""
import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "site" / "py"))
import colornet as cn  # noqa: E402
import colour_grid  # noqa: E402
import network_view  # noqa: E402
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


def graph_of(net, saturation=1.0):
    """neuron_graph's description, pixels and numbers, checked to be fit to post to the page."""
    description, pixels, numbers = neurons.neuron_graph(net, saturation)
    json.dumps(description, allow_nan=False)
    assert isinstance(pixels, bytes) and isinstance(numbers, bytes)
    return description, pixels, numbers


def weights_and_biases(column, numbers):
    """A column's incoming weights (one row per unit) and biases, read back from the float32 numbers."""
    f = np.frombuffer(numbers, dtype="<f4")
    n, k = column["size"], column["nIn"]
    return f[column["weights"]:column["weights"] + n * k].reshape(n, k), f[column["biases"]:column["biases"] + n]


def tile_values(description, pixels, column, unit):
    """A tile's cells decoded back to values on its column's scale, shape (H, W)."""
    cells = W * H
    tile = column["firstTile"] + unit
    codes = np.frombuffer(pixels, dtype=np.uint8)[tile * cells:(tile + 1) * cells].astype(float)
    return ((codes / 127.5 - 1.0) * column["limit"]).reshape(H, W)


def test_every_unit_matches_a_forward_pass_by_hand():
    description, pixels, numbers = graph_of(tiny_net(), 0.8)
    rgb = colour_grid.hls_grid(0.8, W, H)
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
    weights, biases = weights_and_biases(layer, numbers)
    assert weights.tolist() == [[1.0, -2.0, 0.5], [0.5, 0.25, 0.0]] and biases.tolist() == [0.25, -1.0]
    weights, biases = weights_and_biases(outputs, numbers)
    assert weights.tolist() == [[1.5, 2.0], [-1.0, 0.0], [0.5, -3.0]] and biases.tolist() == [-0.5, 0.25, 0.0]
    assert (layer["nIn"], outputs["nIn"], inputs["weights"], inputs["biases"]) == (3, 2, None, None)
    assert inputs["names"] == ["R", "G", "B"] == outputs["names"] and layer["names"] is None
    assert (layer["linked"], outputs["linked"]) == (True, True)
    assert description["weightLimit"] == 3.0


def test_dead_units_are_zero_on_the_fixed_sample_and_counted():
    description, _, _ = graph_of(tiny_net())
    inputs, layer, outputs = columns(description)
    # unit 1: 0.5 r + 0.25 g - 1 <= -0.25 for every colour; unit 0 is positive for some
    assert layer["deadUnits"] == [1] and layer["dead"] == 1
    assert inputs["dead"] == 0 and outputs["dead"] == 0


def test_dead_units_are_the_ones_the_network_view_reports():
    net = cn.Network.from_sizes([3, 64, 32, 16, 3], seed=3)
    view, _ = network_view.describe_network(net, [0.2, 0.4, 0.6])
    expected = [layer["deadUnits"] for layer in view["layers"] if layer["kind"] == "relu"]
    description, _, _ = graph_of(net)
    found = [c["deadUnits"] for c in columns(description)[1:-1]]
    assert found == expected and sum(map(len, found)) > 0
    assert [c["dead"] for c in columns(description)[1:-1]] == [len(units) for units in expected]


def test_the_default_network_has_118_tiles():
    net = cn.Network.from_sizes([3, 64, 32, 16, 3])
    description, pixels, numbers = graph_of(net)
    assert description["tiles"] == 118 and len(pixels) == 118 * W * H
    assert [c["size"] for c in columns(description)] == [3, 64, 32, 16, 3]
    assert [c["column"] for c in columns(description)] == [0, 1, 2, 3, 4]
    assert [c["firstTile"] for c in columns(description)] == [0, 3, 67, 99, 115]
    assert len(numbers) == 4 * (3 * 64 + 64 + 64 * 32 + 32 + 32 * 16 + 16 + 16 * 3 + 3)


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
    description, pixels, _ = graph_of(net, 0.5)
    kinds = [(e["kind"], e.get("label") or e["name"]) for e in description["graph"]]
    assert kinds == [("column", "inputs"), ("column", "layer 1"), ("box", "Doubler"), ("column", "outputs")]
    box = description["graph"][2]
    assert box["layers"] == [2] and box["size"] == 4 and "error" not in box
    outputs = columns(description)[-1]
    assert outputs["linked"] is False and outputs["layers"] == [3, 4] and outputs["activation"] == "Linear"
    rgb = colour_grid.hls_grid(0.5, W, H)
    hidden = np.maximum(rgb @ first.weight.value, 0.0)
    expected = np.concatenate([hidden, 2 * hidden], axis=1) @ second.weight.value + second.bias.value
    step = outputs["limit"] / 127.5
    for i in range(3):
        assert np.abs(tile_values(description, pixels, outputs, i) - expected[:, i].reshape(H, W)).max() <= step
    assert description["tiles"] == 3 + 2 + 3


def test_a_user_layer_at_the_end_gives_an_outputs_column_and_a_failing_one_stops_the_graph():
    ends_in_box = cn.Network([cn.Dense(3, 6), cn.Tanh(), Doubler()])
    graph = graph_of(ends_in_box)[0]["graph"]
    assert [e.get("label") or e["name"] for e in graph] == ["inputs", "layer 1", "Doubler", "outputs"]
    assert graph[-1]["activation"] == "Doubler"  # the function that gave these values
    assert graph[-1]["size"] == 12 and graph[-1]["weights"] is None and graph[-1]["layers"] == []

    class Broken(Doubler):
        def forward(self, x):
            raise RuntimeError("no colours today")

    fails = cn.Network([cn.Dense(3, 4), cn.ReLU(), Broken(), cn.Dense(8, 3)])
    description, pixels, _ = graph_of(fails)
    graph = description["graph"]
    assert graph[2] == {"kind": "box", "layers": [2], "name": "Broken", "size": None,
                        "error": "RuntimeError: no colours today"}
    assert graph[3]["error"] == "not run: an earlier layer failed" and len(graph) == 4
    assert description["tiles"] == 3 + 4 and len(pixels) == 7 * W * H


def test_a_user_layer_that_returns_complex_numbers_is_a_box_with_the_reason():
    class Complex(Doubler):
        def forward(self, x):
            return x + 1j

    graph = graph_of(cn.Network([cn.Dense(3, 3), Complex()]))[0]["graph"]
    assert graph[-1] == {"kind": "box", "layers": [1], "name": "Complex", "size": None,
                         "error": "ValueError: returned complex128 values; the views need real numbers"}


def test_user_subclasses_wide_layers_and_repeated_activations_are_boxes():
    class Leaky(cn.ReLU):
        def forward(self, x):
            return np.where(x > 0, x, 0.1 * x)

    net = cn.Network([cn.Dense(3, 4), Leaky(), cn.Dense(4, 200), cn.ReLU(), cn.ReLU(), cn.Dense(200, 3)])
    graph = graph_of(net)[0]["graph"]
    summary = [(e["kind"], e.get("label") or e["name"], e.get("activation")) for e in graph]
    assert summary == [("column", "inputs", "input"), ("column", "layer 1", "Linear"), ("box", "Leaky", None),
                       ("box", "Dense", None), ("box", "ReLU", None), ("column", "outputs", "Linear")]
    assert graph[3]["note"] == "200 units: too many to draw as tiles (at most 128)" and graph[3]["layers"] == [2, 3]


def test_the_training_caches_are_left_alone_and_bad_weights_are_null():
    net = tiny_net()
    net.layers[2].weight.value[0, 0] = np.nan
    description, _, numbers = graph_of(net)
    assert net.layers[0]._x is None and not hasattr(net.layers[1], "_y")
    outputs = columns(description)[-1]
    weights, _ = weights_and_biases(outputs, numbers)
    assert np.isnan(weights[0, 0]) and weights[0, 1] == 2.0
    assert description["weightLimit"] == 3.0  # the largest finite |w|: a NaN does not hide the others
    assert outputs["nonFinite"] == W * H  # output 0's tile; the range is the other (sigmoid) units':
    assert 0.0 < outputs["range"][0] <= outputs["range"][1] < 1.0


def test_a_model_without_layers_is_one_box():
    class Model:
        def predict(self, x):
            return 1.0 - x

    graph = graph_of(Model())[0]["graph"]
    assert [(e["kind"], e.get("label") or e["name"]) for e in graph] == [
        ("column", "inputs"), ("box", "Model"), ("column", "outputs")]


def test_a_user_layer_that_writes_into_its_input_does_not_change_the_next_graph():
    class Zeroes(Doubler):
        def forward(self, x):
            x *= 0.0
            return x

    box = graph_of(cn.Network([Zeroes(), cn.Dense(3, 3)]))[0]["graph"][1]
    assert box["name"] == "Zeroes" and "error" not in box  # it got a copy it may write to
    inputs = columns(graph_of(tiny_net())[0])[0]
    assert inputs["range"] == pytest.approx([0.0, 1.0], abs=0.02)
