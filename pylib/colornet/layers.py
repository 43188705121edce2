"""Layers with explicit forward/backward: Dense and the activations ReLU, Sigmoid, Tanh, Linear.

Array convention: one row per example. A layer maps ``x`` of shape ``(n, n_in)`` to
``y`` of shape ``(n, n_out)``. The protocol every layer follows (including layers a
user writes in the browser):

- ``forward(x) -> y`` remembers what ``backward`` will need;
- ``backward(grad_y) -> grad_x`` adds dLoss/dparameter into each ``Parameter.grad``
  (accumulates, so call ``zero_grad`` between steps) and returns dLoss/dx;
- ``parameters() -> list[Parameter]`` (``[]`` for layers without weights).
"""
import numpy as np

from .colours import as_rng

INITS = ("he", "glorot")


class Parameter:
    """A trainable array and the gradient accumulated for it (same shape and dtype)."""

    def __init__(self, value):
        self.value = value
        self.grad = np.zeros_like(value)

    def zero_grad(self):
        self.grad.fill(0.0)

    def __repr__(self):
        return f"Parameter(shape={self.value.shape}, dtype={self.value.dtype})"


def check_size(name, value):
    """Validate a layer width: an integer >= 1."""
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    return int(value)


class Dense:
    """Fully connected layer ``y = x @ W + b`` with W of shape (n_in, n_out).

    ``init="he"`` (normal, std sqrt(2/n_in)) suits ReLU; ``"glorot"`` (uniform,
    limit sqrt(6/(n_in+n_out))) suits sigmoid/tanh/linear. Biases start at zero.
    ``rng`` is a numpy Generator or an int seed; None means seed 0 (reproducible, but
    two layers built with rng=None get the same weights, so share a Generator instead).
    """

    kind = "dense"

    def __init__(self, n_in, n_out, rng=None, init="he", dtype=np.float64):
        self.n_in = check_size("n_in", n_in)
        self.n_out = check_size("n_out", n_out)
        if init not in INITS:
            raise ValueError(f"init must be one of {', '.join(INITS)}, got {init!r}")
        rng = as_rng(0 if rng is None else rng)
        if init == "he":
            w = rng.normal(0.0, np.sqrt(2.0 / self.n_in), size=(self.n_in, self.n_out))
        else:
            limit = np.sqrt(6.0 / (self.n_in + self.n_out))
            w = rng.uniform(-limit, limit, size=(self.n_in, self.n_out))
        self.weight = Parameter(w.astype(dtype))
        self.bias = Parameter(np.zeros(self.n_out, dtype=dtype))
        self._x = None

    def forward(self, x):
        self._x = x
        y = x @ self.weight.value
        y += self.bias.value
        return y

    def backward(self, grad_y):
        self.weight.grad += self._x.T @ grad_y
        self.bias.grad += grad_y.sum(axis=0)
        return grad_y @ self.weight.value.T

    def parameters(self):
        return [self.weight, self.bias]

    def __repr__(self):
        return f"Dense({self.n_in}, {self.n_out})"


class ReLU:
    """max(0, x); its gradient passes only where the output is positive."""

    kind = "relu"

    def forward(self, x):
        self._y = np.maximum(x, 0.0)
        return self._y

    def backward(self, grad_y):
        return grad_y * (self._y > 0)

    def parameters(self):
        return []

    def __repr__(self):
        return "ReLU()"


class Sigmoid:
    """1 / (1 + exp(-x)), written so that large |x| does not overflow."""

    kind = "sigmoid"

    def forward(self, x):
        self._y = np.exp(-np.logaddexp(0.0, -x))
        return self._y

    def backward(self, grad_y):
        y = self._y
        return grad_y * y * (1.0 - y)

    def parameters(self):
        return []

    def __repr__(self):
        return "Sigmoid()"


class Tanh:
    """tanh(x)."""

    kind = "tanh"

    def forward(self, x):
        self._y = np.tanh(x)
        return self._y

    def backward(self, grad_y):
        return grad_y * (1.0 - self._y * self._y)

    def parameters(self):
        return []

    def __repr__(self):
        return "Tanh()"


class Linear:
    """The identity activation (a no-op layer), used for regression outputs."""

    kind = "linear"

    def forward(self, x):
        return x

    def backward(self, grad_y):
        return grad_y

    def parameters(self):
        return []

    def __repr__(self):
        return "Linear()"


ACTIVATIONS = {"relu": ReLU, "sigmoid": Sigmoid, "tanh": Tanh, "linear": Linear}


def activation(name):
    """A new activation layer from its name (relu, sigmoid, tanh, linear)."""
    if not isinstance(name, str) or name.lower() not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}, got {name!r}")
    return ACTIVATIONS[name.lower()]()
