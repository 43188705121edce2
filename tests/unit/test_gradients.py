"""Finite-difference checks of every layer, activation and the loss (one tolerance for all)."""
import numpy as np
import pytest

import colornet as cn

from colornet.gradcheck import assert_gradient_close, numeric_grad  # the one tolerance: gradcheck.GRAD_RTOL

# Relative error allowed between float32 gradients and the (checked) float64 ones of the same net:
# float32 keeps ~7 digits, and a gradient is a sum over the batch and over the layers above it.
FLOAT32_RTOL = 1e-5


def inputs(shape=(5, 4), seed=0):
    x = np.random.default_rng(seed).normal(size=shape)
    # keep ReLU inputs away from the kink at 0, where the derivative is undefined
    return np.where(np.abs(x) < 0.05, 0.3, x)


@pytest.mark.parametrize("contiguous_rows", [None, 2], ids=["matmul", "contiguous-copies"])
@pytest.mark.parametrize("init", ["he", "glorot"])
def test_dense_gradients(init, contiguous_rows, monkeypatch):
    # contiguous_rows=2 forces the copy-then-matmul weight gradient that Pyodide uses for big batches
    monkeypatch.setattr(cn.fast_paths, "CONTIGUOUS_BATCH_ROWS", contiguous_rows)
    cn.check_gradients(cn.Dense(4, 3, rng=np.random.default_rng(2), init=init), inputs())


@pytest.mark.parametrize("pyodide", [False, True], ids=["native-ops", "pyodide-ops"])
@pytest.mark.parametrize("name", sorted(cn.ACTIVATIONS))
def test_activation_gradients(name, pyodide, monkeypatch):
    monkeypatch.setattr(cn.fast_paths, "PYODIDE", pyodide)  # ReLU picks its formulation by platform
    cn.check_gradients(cn.activation(name), inputs())


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
    assert_gradient_close(mse.grad(pred, target), numeric_grad(lambda: mse.loss(pred, target), pred))
    assert mse.loss(pred, target) == pytest.approx(np.mean((pred - target) ** 2))


@pytest.mark.parametrize("hidden", sorted(cn.ACTIVATIONS))
def test_whole_network_gradient(hidden):
    net = cn.Network.from_sizes([3, 5, 4, 3], hidden=hidden, output="sigmoid", seed=4)
    x, y = inputs((6, 3), seed=5), np.random.default_rng(6).uniform(size=(6, 3))
    mse = cn.MeanSquaredError()
    net.zero_grad()
    net.backward(mse.grad(net.forward(x), y))
    for p in net.parameters():
        assert_gradient_close(p.grad.copy(), numeric_grad(lambda: mse.loss(net.forward(x), y), p.value))


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
    monkeypatch.setattr(cn.fast_paths, "PYODIDE", pyodide)
    monkeypatch.setattr(cn.fast_paths, "CONTIGUOUS_BATCH_ROWS", 64 if pyodide else None)
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


def test_the_gradient_check_catches_a_wrong_backward():
    """A check that cannot fail proves nothing: a layer whose backward is off by 1% must be caught."""

    class AlmostSquare:
        def forward(self, x):
            self._x = x
            return x * x

        def backward(self, grad_y):
            return grad_y * 2.02 * self._x

        def parameters(self):
            return []

    with pytest.raises(AssertionError, match="AlmostSquare input: relative error"):
        cn.check_gradients(AlmostSquare(), inputs())


@pytest.mark.parametrize("packed", [False, True], ids=["alone", "packed-in-a-network"])
@pytest.mark.parametrize("n_out", [3, 4])  # 3: a square W, where the old x.T @ g of two rows was a silent dot product
def test_dense_gradients_on_a_single_row(n_out, packed):
    dense = cn.Dense(3, n_out, rng=np.random.default_rng(5))
    if packed:
        cn.Network([dense])
    row = inputs((3,), seed=4)
    assert dense.forward(row).shape == (n_out,)
    cn.check_gradients(dense, row)
    np.testing.assert_allclose(dense.forward(row), dense.forward(row[None, :])[0])


@pytest.mark.parametrize("make, message", [
    (lambda d: d.forward(np.zeros((2, 5))), r"Dense\(3, 4\) takes inputs of shape \(n, 3\) or \(3,\), got shape \(2, 5\)"),
    (lambda d: d.forward(np.zeros(5)), r"Dense\(3, 4\) takes inputs .* got shape \(5,\)"),
    (lambda d: d.forward(np.zeros((2, 2, 3))), r"got shape \(2, 2, 3\)"),
    (lambda d: (d.forward(np.zeros((2, 3))), d.backward(np.zeros(4))),
     r"Dense\(3, 4\)\.backward expects a gradient shaped like the forward output \(2, 4\), got shape \(4,\)"),
    (lambda d: (d.forward(np.zeros(3)), d.backward(np.zeros((1, 4)))),
     r"shaped like the forward output \(4,\), got shape \(1, 4\)"),
])
def test_dense_refuses_other_shapes_in_both_directions(make, message):
    with pytest.raises(ValueError, match=message):
        make(cn.Dense(3, 4))
