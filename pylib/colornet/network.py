"""Network: an ordered list of layers run forward, and backward in reverse."""
import numpy as np

from .colours import as_rng
from .layers import Dense, activation
from .params import FlatParameters
from .validate import check_count, check_dtype


class Network:
    """A chain of layers. Any object with forward, backward and parameters can be a layer."""

    def __init__(self, layers, dtype=np.float64):
        layers = list(layers)
        if not layers:
            raise ValueError("a Network needs at least one layer, got an empty list")
        for i, layer in enumerate(layers):
            missing = [m for m in ("forward", "backward", "parameters") if not callable(getattr(layer, m, None))]
            if missing:
                raise TypeError(f"layer {i} ({type(layer).__name__}) is missing method(s) {', '.join(missing)}; "
                                "a layer needs forward(x), backward(grad_y) and parameters()")
        self.layers = layers
        self.dtype = check_dtype(dtype)
        # Built-in Dense layers read their weights through Parameter.value on every call, so their
        # parameters can live in one flat buffer (one NumPy call to zero or update them all).
        # Parameters of other layers stay as they are; a user layer may hold its arrays directly.
        packable = [p for layer in layers if isinstance(layer, Dense) for p in layer.parameters() if p.flat is None]
        one_dtype = len({p.value.dtype for p in packable}) == 1  # mixed dtypes stay unpacked, as built
        self.flat = FlatParameters(packable) if packable and one_dtype else None

    @classmethod
    def from_sizes(cls, sizes, hidden="relu", output="linear", seed=0, rng=None, init=None, dtype=np.float64):
        """Dense layers between consecutive ``sizes``, ``hidden`` activation between them, ``output`` at the end.

        ``init`` defaults to He for ReLU layers and Glorot otherwise. Pass ``rng`` (a
        numpy Generator) instead of ``seed`` to share a random stream.
        """
        sizes = list(sizes) if isinstance(sizes, (list, tuple)) else sizes
        if not isinstance(sizes, list) or len(sizes) < 2:
            raise ValueError(f"sizes must be a list of at least two layer widths, e.g. [3, 64, 3], got {sizes!r}")
        sizes = [check_count(f"layer size {i}", s, 1) for i, s in enumerate(sizes)]
        activation(hidden), activation(output)  # validate both names before building anything
        generator = as_rng(rng if rng is not None else seed)
        dtype = check_dtype(dtype)
        layers = []
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            act = output if i == len(sizes) - 2 else hidden
            layer_init = init or ("he" if act.lower() == "relu" else "glorot")
            layers += [Dense(n_in, n_out, rng=generator, init=layer_init, dtype=dtype), activation(act)]
        return cls(layers, dtype=dtype)

    def forward(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, grad_y, input_grad=True):
        """Backpropagate ``grad_y`` (dLoss/doutput); return dLoss/dinput.

        With ``input_grad=False`` (what training uses) it returns None, and a first Dense
        layer skips computing the input gradient nobody needs (one matrix product per step).
        """
        first, rest = self.layers[0], self.layers[1:]
        for layer in reversed(rest):
            grad_y = layer.backward(grad_y)
        if not input_grad and isinstance(first, Dense):
            return first.backward(grad_y, input_grad=False)
        grad_y = first.backward(grad_y)
        return grad_y if input_grad else None

    def predict(self, x):
        """Outputs for inputs ``x`` (``(n, features)`` or a single ``(features,)`` row)."""
        x = np.asarray(x, dtype=self.dtype)
        if x.ndim == 1:
            return self.forward(x[None, :])[0]
        return self.forward(x)

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def zero_grad(self):
        if self.flat is not None:
            self.flat.grad.fill(0.0)
        for p in self.parameters():
            if self.flat is None or getattr(p, "flat", None) is not self.flat:
                p.grad.fill(0.0)

    @property
    def sizes(self):
        """Widths through the Dense layers, e.g. [3, 64, 32, 16, 3] (None if there are no Dense layers)."""
        dense = [layer for layer in self.layers if isinstance(layer, Dense)]
        return [dense[0].n_in] + [d.n_out for d in dense] if dense else None

    def __repr__(self):
        return "Network([" + ", ".join(repr(layer) for layer in self.layers) + "])"
