"""Finite-difference checks of every layer, activation and the loss (one tolerance for all)."""
import numpy as np
import pytest

import colornet as cn

# Relative error allowed between analytic and central-difference gradients (float64, h = 1e-6).
GRAD_RTOL = 1e-6
H = 1e-6
# Relative error allowed between float32 gradients and the (checked) float64 ones of the same net:
# float32 keeps ~7 digits, and a gradient is a sum over the batch and over the layers above it.
FLOAT32_RTOL = 1e-5


def numeric_grad(f, array):
    """Central differences of scalar f() with respect to every entry of ``array`` (changed in place, restored)."""
    grad = np.zeros_like(array)
    for idx in np.ndindex(array.shape):
        old = array[idx]
        array[idx] = old + H
        plus = f()
        array[idx] = old - H
        minus = f()
        array[idx] = old
        grad[idx] = (plus - minus) / (2 * H)
    return grad


def assert_close(analytic, numeric):
    scale = max(np.abs(analytic).max(), np.abs(numeric).max(), 1e-8)
    assert np.abs(analytic - numeric).max() / scale < GRAD_RTOL


def check_layer(layer, x, seed=1):
    """Loss = sum(y * w) for a fixed random w, so dL/dy = w."""
    w = np.random.default_rng(seed).normal(size=layer.forward(x).shape)
    loss = lambda: float(np.sum(layer.forward(x) * w))
    for p in layer.parameters():
        p.zero_grad()
    layer.forward(x)
    grad_x = layer.backward(w.copy())
    assert_close(grad_x, numeric_grad(loss, x))
    for p in layer.parameters():
        analytic = p.grad.copy()
        assert_close(analytic, numeric_grad(loss, p.value))


def inputs(shape=(5, 4), seed=0):
    x = np.random.default_rng(seed).normal(size=shape)
    # keep ReLU inputs away from the kink at 0, where the derivative is undefined
    return np.where(np.abs(x) < 0.05, 0.3, x)


@pytest.mark.parametrize("contiguous_rows", [None, 2], ids=["matmul", "contiguous-copies"])
@pytest.mark.parametrize("init", ["he", "glorot"])
def test_dense_gradients(init, contiguous_rows, monkeypatch):
    # contiguous_rows=2 forces the copy-then-matmul weight gradient that Pyodide uses for big batches
    monkeypatch.setattr(cn.layers, "CONTIGUOUS_BATCH_ROWS", contiguous_rows)
    check_layer(cn.Dense(4, 3, rng=np.random.default_rng(2), init=init), inputs())


@pytest.mark.parametrize("pyodide", [False, True], ids=["native-ops", "pyodide-ops"])
@pytest.mark.parametrize("name", sorted(cn.ACTIVATIONS))
def test_activation_gradients(name, pyodide, monkeypatch):
    monkeypatch.setattr(cn.layers, "PYODIDE", pyodide)  # ReLU picks its formulation by platform
    check_layer(cn.activation(name), inputs())


def test_dense_accumulates_gradients():
    layer = cn.Dense(4, 3, rng=np.random.default_rng(2))
    x, g = inputs(), np.ones((5, 3))
    layer.forward(x)
    layer.backward(g)
    once = layer.weight.grad.copy()
    layer.backward(g)
    np.testing.assert_allclose(layer.weight.grad, 2 * once)


def test_mse_gradient():
    rng = np.random.default_rng(3)
    pred, target = rng.normal(size=(6, 3)), rng.normal(size=(6, 3))
    mse = cn.MeanSquaredError()
    assert_close(mse.grad(pred, target), numeric_grad(lambda: mse.loss(pred, target), pred))
    assert mse.loss(pred, target) == pytest.approx(np.mean((pred - target) ** 2))


@pytest.mark.parametrize("hidden", sorted(cn.ACTIVATIONS))
def test_whole_network_gradient(hidden):
    net = cn.Network.from_sizes([3, 5, 4, 3], hidden=hidden, output="sigmoid", seed=4)
    x, y = inputs((6, 3), seed=5), np.random.default_rng(6).uniform(size=(6, 3))
    mse = cn.MeanSquaredError()
    net.zero_grad()
    net.backward(mse.grad(net.forward(x), y))
    for p in net.parameters():
        assert_close(p.grad.copy(), numeric_grad(lambda: mse.loss(net.forward(x), y), p.value))


def test_sigmoid_does_not_overflow():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        y = cn.Sigmoid().forward(np.array([[-1000.0, 0.0, 1000.0]]))
    np.testing.assert_allclose(y, [[0.0, 0.5, 1.0]])


def test_backward_without_input_gradient_gives_the_same_parameter_gradients():
    net = cn.Network.from_sizes([3, 5, 4, 3], seed=4)
    x, g = inputs((6, 3), seed=5), np.random.default_rng(6).normal(size=(6, 3))
    net.forward(x)
    net.zero_grad()
    grad_x = net.backward(g)
    with_input = [p.grad.copy() for p in net.parameters()]
    net.zero_grad()
    assert net.backward(g, input_grad=False) is None
    assert grad_x.shape == x.shape
    for p, expected in zip(net.parameters(), with_input):
        np.testing.assert_array_equal(p.grad, expected)


@pytest.mark.parametrize("pyodide", [False, True], ids=["native-ops", "pyodide-ops"])
@pytest.mark.parametrize("batch", [6, 100])  # 100 rows also takes Pyodide's contiguous weight-gradient path
def test_float32_gradients_match_float64(batch, pyodide, monkeypatch):
    monkeypatch.setattr(cn.layers, "PYODIDE", pyodide)
    monkeypatch.setattr(cn.layers, "CONTIGUOUS_BATCH_ROWS", 64 if pyodide else None)
    x = inputs((batch, 3), seed=7)
    y = np.random.default_rng(8).uniform(size=(batch, 3))
    grads = {}
    for dtype in ("float64", "float32"):
        net = cn.Network.from_sizes([3, 64, 32, 16, 3], seed=9, dtype=dtype)
        mse = cn.MeanSquaredError()
        net.zero_grad()
        net.backward(mse.grad(net.forward(x.astype(dtype)), y.astype(dtype)), input_grad=False)
        assert net.flat.grad.dtype == dtype
        grads[dtype] = net.flat.grad.astype(np.float64)
    scale = np.abs(grads["float64"]).max()
    assert np.abs(grads["float32"] - grads["float64"]).max() / scale < FLOAT32_RTOL
