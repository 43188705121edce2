"""Layers with explicit forward/backward: Dense and the activations ReLU, Sigmoid, Tanh, Linear.

Array convention: one row per example. A layer maps ``x`` of shape ``(n, n_in)`` to
``y`` of shape ``(n, n_out)``. The protocol every layer follows (including layers a
user writes in the browser):

- ``forward(x) -> y`` remembers what ``backward`` will need;
- ``backward(grad_y) -> grad_x`` adds dLoss/dparameter into each ``Parameter.grad``
  (accumulates, so call ``zero_grad`` between steps) and returns dLoss/dx;
- ``parameters() -> list[Parameter]`` (``[]`` for layers without weights).
"""
import sys

import numpy as np

from .colours import as_rng

INITS = ("he", "glorot")

# Inside Pyodide, NumPy is built without BLAS and without SIMD loops, which changes which way of
# writing an operation is fastest. The two places where it matters are switched on this flag.
PYODIDE = sys.platform == "emscripten"

# Without BLAS, matmul is a plain loop whose innermost loop runs over the summed axis. For the
# weight gradient x.T @ grad_y that is the batch axis, which is strided in both operands; above
# about 64 rows (measured in Pyodide 0.27.7: 64 rows break even, 256 rows run 1.9x faster) it pays
# to copy both so that axis is contiguous. BLAS (native NumPy) needs no help.
CONTIGUOUS_BATCH_ROWS = 64 if PYODIDE else None


def batch_sum_of_outer_products(x, grad_y):
    """``x.T @ grad_y``, the Dense weight gradient summed over the batch (rows)."""
    if CONTIGUOUS_BATCH_ROWS is not None and len(x) > CONTIGUOUS_BATCH_ROWS:
        return np.ascontiguousarray(x.T) @ np.ascontiguousarray(grad_y.T).T
    return x.T @ grad_y


class Parameter:
    """A trainable array and the gradient accumulated for it (same shape and dtype).

    Once packed into a ``FlatParameters``, ``value`` and ``grad`` are views into its
    two flat vectors; assigning a new array to either then copies into the view (same
    shape required), so the flat vectors always hold what the layer uses.
    """

    def __init__(self, value):
        self.flat = None  # the FlatParameters holding this parameter, if packed
        self._value = value
        self._grad = np.zeros_like(value)

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, array):
        self._value = self._assign(self._value, array, "value")

    @property
    def grad(self):
        return self._grad

    @grad.setter
    def grad(self, array):
        self._grad = self._assign(self._grad, array, "grad")

    def _assign(self, current, array, what):
        if self.flat is None or array is current:  # `p.grad += g` ends by assigning p.grad to itself
            return array
        if np.shape(array) != current.shape:
            raise ValueError(f"a packed parameter's {what} keeps its shape {current.shape}, got shape "
                             f"{np.shape(array)}")
        current[...] = array
        return current

    def zero_grad(self):
        self._grad.fill(0.0)

    def __getstate__(self):
        # copy.deepcopy and pickle copy arrays one by one, which would cut a packed parameter's
        # views loose from its (copied) FlatParameters; store where the views are instead
        if self.flat is None:
            return self.__dict__
        return {"flat": self.flat, "start": self._start, "shape": self._value.shape}

    def __setstate__(self, state):
        if "start" in state:
            state["flat"].attach(self, state["start"], state["shape"])
        else:
            self.__dict__.update(state)

    def __repr__(self):
        return f"Parameter(shape={self._value.shape}, dtype={self._value.dtype})"


class FlatParameters:
    """Several Parameters stored back to back in one value vector and one grad vector.

    Each parameter's ``value`` and ``grad`` become views into ``self.value`` and
    ``self.grad``, so zeroing all gradients or applying an optimizer update is one
    NumPy call on the whole vector instead of one per array. Inside Pyodide each NumPy
    call costs microseconds, so this is where much of a small network's step time goes.
    A parameter is packed at most once; its views are never replaced afterwards.
    (The parameters point to their FlatParameters, not the other way round, so that
    copies and pickles rebuild the views; see ``Parameter.__getstate__``.)
    """

    def __init__(self, params):
        params = list(params)
        if any(p.flat is not None for p in params):
            raise ValueError("a parameter can be packed into only one FlatParameters")
        if len(set(map(id, params))) != len(params):
            raise ValueError("a parameter is listed twice")
        self.count = len(params)
        dtype = np.result_type(*[p.value for p in params])
        total = sum(p.value.size for p in params)
        self.value, self.grad = np.empty(total, dtype), np.empty(total, dtype)
        start = 0
        for p in params:
            self.value[start:start + p.value.size] = p.value.ravel()
            self.grad[start:start + p.value.size] = p.grad.ravel()
            self.attach(p, start, p.value.shape)
            start += p.value.size

    def attach(self, param, start, shape):
        """Make ``param.value``/``.grad`` the views of this buffer's numbers from ``start`` on."""
        end = start + int(np.prod(shape, dtype=int))
        param._value, param._grad = self.value[start:end].reshape(shape), self.grad[start:end].reshape(shape)
        param.flat, param._start = self, start

    def __repr__(self):
        return f"FlatParameters({self.count} parameters, {self.value.size} numbers, {self.value.dtype})"


def group_parameters(params):
    """Split ``params`` into the FlatParameters they fill completely and the other ("loose") parameters.

    Optimizers update each such FlatParameters as one vector and loose parameters one by one.
    """
    params = list(params)
    members = {}  # id(flat) -> (flat, ids of its listed parameters)
    for p in params:
        flat = getattr(p, "flat", None)  # objects other than Parameter may lack it
        if flat is not None:
            members.setdefault(id(flat), (flat, set()))[1].add(id(p))
    flats = [flat for flat, ids in members.values() if len(ids) == flat.count]
    loose = [p for p in params if getattr(p, "flat", None) not in flats]
    return flats, loose


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
        self._x = self._x_ones = self._stack = None

    def _stacked(self):
        """``(value, grad)`` views of shape (n_in + 1, n_out): W with b as its last row, or None.

        They exist once a Network has packed weight and bias back to back (it always does).
        Then the forward pass is ``[x, 1] @ [W; b]`` and one product gives both gradients:
        two NumPy calls fewer per step and layer.
        """
        if self._stack is None:
            w, b = self.weight, self.bias
            if w.flat is not None and b.flat is w.flat and b._start == w._start + w.value.size:
                end, shape = w._start + (self.n_in + 1) * self.n_out, (self.n_in + 1, self.n_out)
                self._stack = (w.flat.value[w._start:end].reshape(shape), w.flat.grad[w._start:end].reshape(shape))
        return self._stack

    def forward(self, x):
        stack = self._stacked()
        if stack is None or np.ndim(x) != 2:
            self._x, self._x_ones = x, None
            y = x @ self.weight.value
            y += self.bias.value
            return y
        x_ones = self._x_ones  # x with a column of ones appended, reused while the batch size stays
        if x_ones is None or x_ones.shape != (len(x), self.n_in + 1) or x_ones.dtype != stack[0].dtype:
            x_ones = np.ones((len(x), self.n_in + 1), stack[0].dtype)
        x_ones[:, :self.n_in] = x
        self._x, self._x_ones = x, x_ones
        return x_ones @ stack[0]

    def backward(self, grad_y, input_grad=True):
        """Accumulate the weight and bias gradients; return dLoss/dx (None if ``input_grad`` is False)."""
        if self._x_ones is not None:  # forward used the stacked [W; b]
            stack_grad = self._stack[1]  # added to in place
            stack_grad += batch_sum_of_outer_products(self._x_ones, grad_y)
        else:
            weight_grad, bias_grad = self.weight.grad, self.bias.grad
            weight_grad += batch_sum_of_outer_products(self._x, grad_y)
            bias_grad += grad_y.sum(axis=0)
        return grad_y @ self.weight.value.T if input_grad else None

    def parameters(self):
        return [self.weight, self.bias]

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
        if PYODIDE:
            # y = max(x, 0) is non-zero exactly where the gradient passes. In Pyodide np.where(y, ...)
            # is one call and 2.7x faster than multiplying by a boolean mask (a slow cast without
            # SIMD); natively it is 5x slower (256x64 batch), so elsewhere the mask is used.
            return np.where(self._y, grad_y, 0.0)
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
