"""Finite-difference gradient checks: does a layer's ``backward`` agree with its ``forward``?

colornet's own tests use these, and so can you when you write a layer of your own (in the
playground too): ``cn.check_gradients(MyLayer(), x)`` raises ``AssertionError`` naming the
gradient that disagrees with central differences of the forward pass.
"""
import numpy as np

GRAD_RTOL = 1e-6  # the one tolerance: largest relative error allowed between analytic and numeric gradients
STEP = 1e-6  # central-difference step; float64 keeps the truncation and rounding errors far below GRAD_RTOL


def numeric_grad(f, array, step=STEP):
    """Central differences of the scalar ``f()`` with respect to every entry of ``array`` (changed, then restored)."""
    grad = np.zeros_like(array)
    for idx in np.ndindex(array.shape):
        old = array[idx]
        array[idx] = old + step
        plus = f()
        array[idx] = old - step
        minus = f()
        array[idx] = old
        grad[idx] = (plus - minus) / (2 * step)
    return grad


def relative_error(analytic, numeric):
    """Largest absolute difference, relative to the larger of the two gradients' magnitudes."""
    scale = max(np.abs(analytic).max(), np.abs(numeric).max(), 1e-8)
    return float(np.abs(analytic - numeric).max() / scale)


def assert_gradient_close(analytic, numeric, what="gradient", rtol=GRAD_RTOL):
    error = relative_error(analytic, numeric)
    assert error < rtol, f"{what}: relative error {error:.2e} between backward and finite differences (allowed {rtol:g})"


def check_gradients(layer, x, rtol=GRAD_RTOL, seed=1):
    """Check ``layer.backward`` (input gradient and every parameter's ``.grad``) against finite differences.

    Uses the loss ``sum(forward(x) * w)`` for a fixed random ``w``, so dL/dy = w. ``x`` must be float64
    and away from kinks (e.g. ReLU at 0). Returns the worst relative error seen.
    """
    x = np.array(x, dtype=np.float64)
    w = np.random.default_rng(seed).normal(size=np.shape(layer.forward(x)))
    loss = lambda: float(np.sum(layer.forward(x) * w))  # noqa: E731
    for p in layer.parameters():
        p.grad[...] = 0.0
    layer.forward(x)
    pairs = [("input", layer.backward(w.copy()), lambda: numeric_grad(loss, x))]
    pairs += [(f"parameter {i} {p.value.shape}", p.grad.copy(), lambda p=p: numeric_grad(loss, p.value))
              for i, p in enumerate(layer.parameters())]
    worst = 0.0
    for what, analytic, numeric in pairs:
        expected = numeric()
        assert_gradient_close(analytic, expected, f"{type(layer).__name__} {what}", rtol)
        worst = max(worst, relative_error(analytic, expected))
    return worst
