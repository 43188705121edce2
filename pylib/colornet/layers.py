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

from . import fast_paths, kernels
from .colours import as_rng
from .params import Parameter, joined_views
from .validate import check_count

INITS = ("he", "glorot")


class Dense:
    """Fully connected layer ``y = x @ W + b`` with W of shape (n_in, n_out).

    ``init="he"`` (normal, std sqrt(2/n_in)) suits ReLU; ``"glorot"`` (uniform,
    limit sqrt(6/(n_in+n_out))) suits sigmoid/tanh/linear. Biases start at zero.
    ``rng`` is a numpy Generator or an int seed; None means seed 0 (reproducible, but
    two layers built with rng=None get the same weights, so share a Generator instead).
    ``forward`` takes a batch ``(n, n_in)`` or one row ``(n_in,)``; ``backward`` takes a
    gradient shaped like what ``forward`` returned and returns one shaped like its input.
    """

    kind = "dense"

    def __init__(self, n_in, n_out, rng=None, init="he", dtype=np.float64):
        self.n_in = check_count("n_in", n_in, 1)
        self.n_out = check_count("n_out", n_out, 1)
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
        self._x = self._x_ones = self._stack = None
        self._row = False  # forward got a single row (n_in,)

    def forward(self, x):
        x, self._row = self._as_batch(x)
        stack = self._stacked()
        if stack is None:
            self._x, self._x_ones = x, None
            y = kernels.active().matmul(x, self.weight.value)
            y += self.bias.value
        else:  # [x, 1] @ [W; b]: one product instead of a product and a sum
            x_ones = self._x_ones  # reused while the batch size stays
            if x_ones is None or x_ones.shape != (len(x), self.n_in + 1) or x_ones.dtype != stack[0].dtype:
                x_ones = np.ones((len(x), self.n_in + 1), stack[0].dtype)
            x_ones[:, :self.n_in] = x
            self._x, self._x_ones = x, x_ones
            y = kernels.active().matmul(x_ones, stack[0])
        return y[0] if self._row else y

    def backward(self, grad_y, input_grad=True):
        """Accumulate the weight and bias gradients; return dLoss/dx (None if ``input_grad`` is False)."""
        grad_y = self._as_output_batch(grad_y)
        products = kernels.active()  # the three products go through colornet.kernels (NumPy unless replaced)
        if self._x_ones is not None:  # forward used [W; b]: one product gives both gradients (added in place)
            products.matmul_tn(self._x_ones, grad_y, self._stack[1], accumulate=True)
        else:
            weight_grad, bias_grad = self.weight.grad, self.bias.grad
            products.matmul_tn(self._x, grad_y, weight_grad, accumulate=True)
            bias_grad += grad_y.sum(axis=0)
        if not input_grad:
            return None
        grad_x = products.matmul_nt(grad_y, self.weight.value)
        return grad_x[0] if self._row else grad_x

    def parameters(self):
        return [self.weight, self.bias]

    # -- plumbing --------------------------------------------------------------------------------------------

    def _stacked(self):
        """``(value, grad)`` of W with b as its last row, shape (n_in + 1, n_out), or None.

        They exist once a Network has packed weight and bias back to back (it always does).
        """
        if self._stack is None:
            self._stack = joined_views([self.weight, self.bias], (self.n_in + 1, self.n_out))
        return self._stack

    def _as_batch(self, x):
        """``(x as (n, n_in), whether it was one row)``; any other shape is a ValueError naming it."""
        if type(x) is not np.ndarray:
            x = np.asarray(x)
        row = x.ndim == 1
        if row:
            x = x[None, :]
        if x.ndim != 2 or x.shape[1] != self.n_in:
            raise ValueError(f"{self!r} takes inputs of shape (n, {self.n_in}) or ({self.n_in},), got shape "
                             f"{x.shape[1:] if row else x.shape}")
        return x, row

    def _as_output_batch(self, grad_y):
        """``grad_y`` as (n, n_out), checked against the shape ``forward`` returned."""
        if self._x is None:
            raise RuntimeError(f"{self!r}.backward called before forward")
        if type(grad_y) is not np.ndarray:
            grad_y = np.asarray(grad_y)
        expected = (self.n_out,) if self._row else (len(self._x), self.n_out)
        if grad_y.shape != expected:
            raise ValueError(f"{self!r}.backward expects a gradient shaped like the forward output {expected}, "
                             f"got shape {grad_y.shape}")
        return grad_y[None, :] if self._row else grad_y

    def __getstate__(self):
        # copies re-derive the stacked views from their own parameters (copied views would be cut loose)
        return {**self.__dict__, "_x": None, "_x_ones": None, "_stack": None}

    def __repr__(self):
        return f"Dense({self.n_in}, {self.n_out})"


class ReLU:
    """max(0, x); its gradient passes only where the output is positive."""

    kind = "relu"

    def forward(self, x):
        self._y = np.maximum(x, 0.0)
        return self._y

    def backward(self, grad_y):
        return fast_paths.relu_backward(self._y, grad_y)

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
