"""Serialisation: round trip through dict and file; corrupt, truncated and mismatched files."""
import json
import re
import tracemalloc

import numpy as np
import pytest

import colornet as cn


@pytest.fixture
def net():
    return cn.Network.from_sizes([3, 8, 5, 3], hidden="tanh", output="sigmoid", seed=1)


def test_dict_round_trip_is_exact_and_json_able(net):
    data = cn.to_dict(net)
    assert data["format"] == "colornet-model" and data["version"] == 1
    assert [layer["kind"] for layer in data["layers"]] == ["dense", "tanh", "dense", "tanh", "dense", "sigmoid"]
    again = cn.from_dict(json.loads(json.dumps(data)))
    x = cn.random_colours(20, 2)
    np.testing.assert_array_equal(again.predict(x), net.predict(x))
    assert again.sizes == [3, 8, 5, 3]


def test_file_round_trip_keeps_dtype(tmp_path):
    net = cn.Network.from_sizes([3, 4, 3], seed=0, dtype="float32")
    path = tmp_path / "model.json"
    cn.save(net, path)
    again = cn.load(path)
    assert again.dtype == np.float32
    x = cn.random_colours(5, 0)
    np.testing.assert_array_equal(again.predict(x), net.predict(x))


def test_trained_model_round_trip(tmp_path):
    net, _ = cn.get_preset("talk2018").replace(steps=50).train(seed=0)
    cn.save(net, tmp_path / "m.json")
    assert cn.evaluate(cn.load(tmp_path / "m.json")) == cn.evaluate(net)


def write(tmp_path, text):
    path = tmp_path / "model.json"
    path.write_text(text) if isinstance(text, str) else path.write_bytes(text)
    return path


def test_truncated_file(tmp_path, net):
    text = json.dumps(cn.to_dict(net))
    with pytest.raises(cn.ModelFormatError, match="not valid JSON \\(the file looks truncated\\)"):
        cn.load(write(tmp_path, text[: len(text) // 2]))


def test_corrupt_json(tmp_path):
    with pytest.raises(cn.ModelFormatError, match="not valid JSON: .* line 1"):
        cn.load(write(tmp_path, '{"format": colornet}'))


def test_binary_garbage(tmp_path):
    with pytest.raises(cn.ModelFormatError, match="not a text"):
        cn.load(write(tmp_path, bytes([0xFF, 0xFE, 0x00, 0x81])))


def corrupted(net, change):
    data = json.loads(json.dumps(cn.to_dict(net)))
    change(data)
    return data


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(format="keras"), "not a colornet model: 'format' is 'keras'"),
    (lambda d: d.update(version=99), "unsupported model version 99"),
    (lambda d: d.update(dtype="float16"), "'dtype' must be one of float64, float32, got 'float16'"),
    (lambda d: d.update(layers=[]), "'layers' must be a non-empty list"),
    (lambda d: d["layers"][1].update(kind="swish"), "layer 1 has unknown kind 'swish'"),
    (lambda d: d["layers"][0].update(weight=[[1.0, 2.0]]), r"layer 0 weight has shape \(1, 2\), expected \(3, 8\)"),
    (lambda d: d["layers"][2].update(bias=[0.0] * 4), r"layer 2 bias has shape \(4,\), expected \(5,\)"),
    (lambda d: d["layers"][2].update(n_in=7), "layer 2 expects 7 inputs but the previous dense layer gives 8"),
    (lambda d: d["layers"][0].update(n_out=0), "layer 0: 'n_out' must be an integer >= 1, got 0"),
    (lambda d: d["layers"][0]["weight"][0].__setitem__(0, "x"), "layer 0 weight must be a list of numbers"),
    (lambda d: d["layers"][0]["bias"].__setitem__(0, float("nan")), "layer 0 bias contains NaN"),
    (lambda d: d["layers"][0]["weight"][0].__setitem__(0, "1.5"), "layer 0 weight must be a list of numbers"),
    (lambda d: d["layers"][0]["weight"][1].append(0.0), r"layer 0 weight must be nested lists of numbers with shape "
                                                        r"\(3, 8\)"),
])
def test_mismatched_model_says_what_is_wrong(tmp_path, net, change, message):
    data = corrupted(net, change)
    with pytest.raises(cn.ModelFormatError, match=message):
        cn.from_dict(data)
    path = write(tmp_path, json.dumps(data))
    with pytest.raises(cn.ModelFormatError, match=str(path).replace("\\", "\\\\") + ": " + message):
        cn.load(path)


def test_not_an_object():
    with pytest.raises(cn.ModelFormatError, match="a model must be a JSON object, got list"):
        cn.from_dict([1, 2])


def test_custom_layer_cannot_be_saved():
    class Double:
        def forward(self, x):
            return 2 * x

        def backward(self, g):
            return 2 * g

        def parameters(self):
            return []

    net = cn.Network([cn.Dense(3, 3), Double()])
    with pytest.raises(cn.ModelFormatError, match=r"cannot save layer 1 \(Double\): only dense, relu"):
        cn.to_dict(net)


def declared(n_in, n_out, weight=((0.0,),), bias=(0.0,), dtype="float64"):
    """A model file that declares one dense layer of n_in x n_out but carries the given lists."""
    return {"format": "colornet-model", "version": 1, "dtype": dtype,
            "layers": [{"kind": "dense", "n_in": n_in, "n_out": n_out, "weight": [list(r) for r in weight],
                        "bias": list(bias)}]}


def peak_bytes_while(fn):
    tracemalloc.start()
    try:
        fn()
    except cn.ModelFormatError as e:
        error = e
    else:
        error = None
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return error, peak


def test_an_entry_above_the_size_cap_is_refused_before_anything_is_allocated():
    error, peak = peak_bytes_while(lambda: cn.from_dict(declared(1500, 1500)))
    assert "the model is too large: layer 0 brings it to 2,251,500 weights and biases; colornet loads at most " \
           "2,000,000" in str(error)
    assert peak < 1_000_000, f"{peak:,} bytes allocated before the refusal"


def test_a_shape_mismatch_is_refused_before_any_array_is_built():
    error, peak = peak_bytes_while(lambda: cn.from_dict(declared(1000, 1000)))  # 1,001,000 numbers: under the cap
    assert "layer 0 weight has shape (1, 1), expected (1000, 1000)" in str(error)
    assert peak < 1_000_000, f"{peak:,} bytes allocated before the refusal"


def test_float32_overflow_to_infinity_is_refused():
    with pytest.raises(cn.ModelFormatError, match=r"layer 0 weight has values beyond float32's range \(±3.4e\+38\)"):
        cn.from_dict(declared(1, 1, weight=[[1e39]], dtype="float32"))
    net = cn.from_dict(declared(1, 1, weight=[[3e38]], dtype="float32"))  # the largest float32 is about 3.4e38
    assert np.isfinite(net.layers[0].weight.value).all()


def test_the_caller_can_require_the_input_and_output_widths(tmp_path):
    data = cn.to_dict(cn.Network.from_sizes([5, 8, 3]))
    message = "the model takes 5 inputs and gives 3 outputs (5 -> 8 -> 3); 3 inputs and 3 outputs are needed here"
    with pytest.raises(cn.ModelFormatError, match=re.escape(message)):
        cn.from_dict(data, n_in=3, n_out=3)
    assert cn.from_dict(data, n_out=3).sizes == [5, 8, 3]
    assert cn.from_dict(cn.to_dict(cn.Network.from_sizes([3, 4, 3])), n_in=3, n_out=3).sizes == [3, 4, 3]
    path = write(tmp_path, json.dumps(data))
    with pytest.raises(cn.ModelFormatError, match=re.escape(f"{path}: {message}")):
        cn.load(path, n_in=3, n_out=3)
