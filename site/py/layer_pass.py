"""The views' one forward pass: named blocks of input rows (the map's grid, the tiles' slice, the fixed 1,000-colour
sample, the probe) pushed through the network together, every layer's output kept, so that the network view
(site/py/network_view.py) and the neuron graph (site/py/neurons.py) read the same pass instead of each running its
own over the same sample (issue 19). views.py makes one per update.

Built-in layers (colornet's Dense and its activations, exact types) run in float32 with the active kernels (the
products training uses: WebAssembly SIMD in the page) and leave their training caches alone; any other layer is
the user's own maths: it runs in the network's own dtype, on a copy of its input (user code may write into it, and
the views still read that input), and must return one row per input row. A layer that fails ends the pass: its
error is kept and the layers after it are not run.
"""
import numpy as np

import colornet as cn

ACTIVATION_TYPES = tuple(cn.ACTIVATIONS.values())  # exact types only: a user's subclass is the user's own maths


def is_builtin(layer):
    """colornet's own Dense or activation (not a subclass): the views know its maths."""
    return type(layer) is cn.Dense or type(layer) in ACTIVATION_TYPES


def network_layers(net):
    """The network's layers, or [net] for a model without a layer list (the whole of it is one layer)."""
    layers = getattr(net, "layers", None)
    return list(layers) if isinstance(layers, (list, tuple)) and layers else [net]


def _dtype_of(net):
    """The network's dtype (float64 when it names none NumPy knows)."""
    try:
        return np.dtype(getattr(net, "dtype", np.float64))
    except TypeError:
        return np.dtype(np.float64)


class LayerPass:
    """``outputs[i]``: layer i's output over every row (None when not run); ``rows[name]``: the slice of a block;
    ``failed``: (index, "Type: message") of the layer that failed, or None; ``inputs``: the rows pushed in."""

    def __init__(self, net, blocks):
        self.net = net
        self.layers = network_layers(net)
        self.builtin_only = all(is_builtin(layer) for layer in self.layers)
        self.rows, start = {}, 0
        for name, block in blocks:
            self.rows[name] = slice(start, start + len(block))
            start += len(block)
        dtype = np.float32 if self.builtin_only else _dtype_of(net)
        self.inputs = np.concatenate([np.asarray(b, dtype=dtype).reshape(-1, 3) for _, b in blocks])
        self.outputs = [None] * len(self.layers)
        self.failed = None
        with np.errstate(all="ignore"):  # a NaN weight makes NaN views (shown as such), not warnings
            self._run()

    def _run(self):
        h = self.inputs
        kernels = cn.kernels.active()
        for i, layer in enumerate(self.layers):
            try:
                h = self._forward(layer, h, kernels)
            except Exception as exc:  # noqa: BLE001 - a user layer may fail on the rows: the views show it
                self.failed = (i, f"{type(exc).__name__}: {exc}")
                return
            self.outputs[i] = h

    def _forward(self, layer, h, kernels):
        kind = type(layer)
        if kind is cn.Dense:
            out = kernels.matmul(h, np.asarray(layer.weight.value).astype(h.dtype, copy=False))
            out += np.asarray(layer.bias.value).astype(h.dtype, copy=False)
            return out
        if kind in ACTIVATION_TYPES:
            return kind().forward(h)  # a fresh instance: the network's layer keeps its training cache
        if layer is self.net and len(self.layers) == 1:  # a model without layers
            out = self.net.predict(h.copy())
        else:
            out = layer.forward(h.copy())
        out = np.asarray(out)
        if out.ndim != 2 or len(out) != len(h):
            raise ValueError(f"returned shape {out.shape} for {len(h)} rows; the views need ({len(h)}, units)")
        if out.dtype.kind not in "biuf":
            raise ValueError(f"returned {out.dtype} values; the views need real numbers")
        return out

    def block(self, i, name):
        """Layer i's output over the block ``name`` (i = -1: the inputs)."""
        return (self.inputs if i < 0 else self.outputs[i])[self.rows[name]]

    def output(self, name):
        """The network's output over the block ``name``, or None when a layer failed."""
        return None if self.failed is not None else self.block(len(self.layers) - 1, name)
