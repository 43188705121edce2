"""Every unit of the network as a small picture: the neuron graph's data (issue 19).

Pure NumPy + colornet (no Pyodide import), so it is unit-tested under CPython (tests/unit/test_neurons.py) and
runs in the page's worker. `neuron_graph(net, saturation)` pushes the colour-space map's hue × lightness slice
(downsampled to TILE_WIDTH × TILE_HEIGHT cells) and the fixed 1,000-colour sample through the network in ONE
batched forward pass, and describes the graph column by column:

- column 0: the R, G and B inputs over the slice;
- one column per built-in Dense layer: its units after the activation layer that follows it (ReLU, Sigmoid,
  Tanh, Linear; "Linear" when none does), with each unit's bias and incoming weights;
- the last column: the network's outputs.

A layer it cannot interpret (a user's own class, a second activation in a row, a Dense too wide to draw as
tiles) is a labelled box; the forward pass goes on through it, so the graph continues after it. A layer that
fails on the batch is a box with its error, and every later layer a box "not run".
"""
import math

import numpy as np

import colornet as cn
from colour_grid import SAMPLE_SIZE, hls_grid, sample
from network_view import WEIGHT_SCALE

TILE_WIDTH, TILE_HEIGHT = 30, 15  # hue × lightness cells of one tile: the map's 90 × 45 slice, one cell in 3
MAX_COLUMN_TILES = 128  # a wider Dense layer is a box (the graph stays readable; its tiles would not be)
RGB = ("R", "G", "B")
_ACTIVATION_TYPES = tuple(cn.ACTIVATIONS.values())  # exact types only: a user's subclass is the user's own maths


def neuron_graph(net, saturation, width=TILE_WIDTH, height=TILE_HEIGHT):
    """(description, pixels, numbers) of every unit of ``net`` over the map's slice at ``saturation``.

    description: JSON-able {"tile": {width, height, saturation}, "tiles", "columns", "sampleSize", "weightLimit",
    "scale", "graph": [column or box, ...]} (see docs/ARCHITECTURE.md, "Neuron graph"). pixels: bytes, one uint8
    per cell, tile after tile (tile t at t * width * height, row 0 the lightest, column 0 hue 0°), each value on its
    column's symmetric scale: 0 = -limit, 127.5 = 0, 255 = +limit. numbers: little-endian float32 bytes holding
    each column's incoming weights (unit after unit) and biases, at the offsets its entry names: binary, because
    2,800 weights as JSON text cost more than the forward pass.
    """
    layers = getattr(net, "layers", None)
    if not isinstance(layers, (list, tuple)) or not layers:
        layers = [net]
    builtin_only = all(type(layer) is cn.Dense or type(layer) in _ACTIVATION_TYPES for layer in layers)
    # Built-in layers only: float32 (a picture needs no more, and the page's SIMD products are faster in it);
    # with user layers, the network's own dtype, since user code may assume it (and a copy: it may write to it).
    dtype = np.float32 if builtin_only else _dtype_of(net)
    h = batch(saturation, width, height, dtype)
    h = h if builtin_only else h.copy()
    graph = _Graph()
    graph.add_column(h, "inputs", "input", names=list(RGB))
    with np.errstate(all="ignore"):  # a NaN weight makes NaN tiles (shown as such), not warnings in the output
        h, failed = _walk(layers, net, h, graph)
        if failed is None and graph.entries[-1]["kind"] == "box":  # what the box at the end gives
            graph.add_column(h, "outputs", graph.entries[-1]["name"])
    graph.name_outputs()
    return (graph.describe(saturation, width, height, layers), b"".join(graph.pixels),
            np.concatenate(graph.numbers or [np.zeros(0)]).astype("<f4").tobytes())


def _dtype_of(net):
    """The network's dtype (float64 when it names none NumPy knows)."""
    try:
        return np.dtype(getattr(net, "dtype", np.float64))
    except TypeError:
        return np.dtype(np.float64)


_batches = {}


def batch(saturation, width=TILE_WIDTH, height=TILE_HEIGHT, dtype=np.float32):
    """The pass's input rows: the slice's width × height cells, then the fixed sample (cached; do not write)."""
    key = (float(saturation), width, height, np.dtype(dtype))
    if key not in _batches:
        if len(_batches) > 8:
            _batches.clear()
        rows = np.concatenate([hls_grid(saturation, width, height), sample()]).astype(dtype)
        rows.flags.writeable = False
        _batches[key] = rows
    return _batches[key]


def _walk(layers, net, h, graph):
    """The one forward pass: each layer's output from ``h``, added to ``graph`` as columns and boxes.

    Returns (the last output, the error of a layer that failed or None)."""
    dense = None  # the open Dense column: {"layers", "weight", "bias", "activation"}, closed by the next layer
    failed = None
    for i, layer in enumerate(layers):
        if failed is not None:
            graph.add_box([i], layer, None, error="not run: an earlier layer failed")
            continue
        kind = type(layer)
        if kind in _ACTIVATION_TYPES and dense is not None and dense["activation"] is None:
            h = kind().forward(h)  # a fresh instance: the user's layer keeps its training cache
            dense["activation"] = kind.__name__
            dense["layers"].append(i)
            continue
        if dense is not None:
            graph.add_dense(h, dense)
            dense = None
        if kind is cn.Dense:
            weight, bias = np.asarray(layer.weight.value), np.asarray(layer.bias.value)
            h = cn.kernels.active().matmul(h, weight.astype(h.dtype, copy=False))
            h += bias.astype(h.dtype, copy=False)
            dense = {"layers": [i], "weight": weight, "bias": bias, "activation": None}
            continue
        try:
            h = _run_box(layer, net, layers, h)
        except Exception as exc:  # noqa: BLE001 - a user layer may fail on the slice: show it, never raise
            failed = f"{type(exc).__name__}: {exc}"
            graph.add_box([i], layer, None, error=failed)
            continue
        graph.add_box([i], layer, int(h.shape[1]))
    if dense is not None:
        graph.add_dense(h, dense)
    return h, failed


def _run_box(layer, net, layers, h):
    """The output of a layer the graph draws as a box, checked to be one row per input row."""
    if type(layer) in _ACTIVATION_TYPES:
        out = type(layer)().forward(h)
    elif layer is net and len(layers) == 1:  # a model without .layers: the whole of it is one box
        out = net.predict(h)
    else:
        out = layer.forward(h)
    out = np.asarray(out)
    if out.ndim != 2 or len(out) != len(h):
        raise ValueError(f"returned shape {out.shape} for {len(h)} rows; the graph needs ({len(h)}, units)")
    if out.dtype.kind not in "biuf":
        raise ValueError(f"returned {out.dtype} values; the graph needs real numbers")
    return out


class _Graph:
    """The graph's entries, tile pixels and weights as they are built, left to right."""

    def __init__(self):
        self.entries, self.pixels, self.numbers = [], [], []
        self.tiles = self.columns = self.offset = 0

    def add_box(self, indices, layer, size, error=None, note=None):
        entry = {"kind": "box", "layers": indices, "name": type(layer).__name__, "size": size}
        if error is not None:
            entry["error"] = error
        if note is not None:
            entry["note"] = note
        self.entries.append(entry)

    def add_dense(self, h, dense):
        weight, bias = dense["weight"], dense["bias"]
        size = weight.shape[1]
        if size > MAX_COLUMN_TILES:
            self.entries.append({"kind": "box", "layers": dense["layers"], "name": "Dense", "size": int(size),
                                 "note": f"{size} units: too many to draw as tiles (at most {MAX_COLUMN_TILES})"})
            return
        linked = bool(self.entries) and self.entries[-1]["kind"] == "column" and \
            self.entries[-1]["size"] == weight.shape[0]
        self.add_column(h, f"layer {self.columns}", dense["activation"] or "Linear", layers=dense["layers"],
                        weights=weight, bias=bias, linked=linked)

    def add_column(self, h, label, activation, names=None, layers=(), weights=None, bias=None, linked=False):
        """A column of unit tiles from the batch ``h`` (the slice's cells first, then the sample's rows)."""
        n_grid = len(h) - SAMPLE_SIZE
        values, on_sample = h[:n_grid], h[n_grid:]
        finite = np.isfinite(values)
        non_finite = int(finite.size - np.count_nonzero(finite))
        shown = values if not non_finite else values[finite]
        low, high = (float(shown.min()), float(shown.max())) if shown.size else (0.0, 0.0)
        limit = max(abs(low), abs(high)) or 1.0
        codes = np.multiply(values, 127.5 / limit, dtype=np.float32)  # in place from here: one array
        codes += 127.5
        np.rint(codes, out=codes)
        np.clip(codes, 0, 255, out=codes)
        if non_finite:
            codes[~finite] = 128
        self.pixels.append(codes.T.astype(np.uint8, order="C").tobytes())
        # dead: zero for every sample colour (a NaN is not zero: not dead)
        dead = np.zeros(h.shape[1], dtype=bool) if activation == "input" else ~on_sample.any(axis=0)
        entry = {"kind": "column", "column": self.columns, "label": label, "activation": activation,
                 "layers": list(layers), "size": int(h.shape[1]), "firstTile": self.tiles, "names": names,
                 "range": [low, high], "limit": limit, "nonFinite": non_finite,
                 "dead": int(dead.sum()), "deadUnits": np.flatnonzero(dead).tolist(), "linked": linked,
                 "nIn": None, "weights": None, "biases": None}
        if weights is not None:
            entry["nIn"] = int(weights.shape[0])
            entry["weights"] = self._numbers(np.asarray(weights).T)  # unit i's incoming weights: one row
            entry["biases"] = self._numbers(bias)
        self.entries.append(entry)
        self.tiles += h.shape[1]
        self.columns += 1

    def _numbers(self, values):
        """Append ``values`` to the float32 numbers; return their offset (counted in float32 values)."""
        flat = np.ravel(np.asarray(values, dtype=np.float64))
        self.numbers.append(flat)
        offset, self.offset = self.offset, self.offset + flat.size
        return offset

    def name_outputs(self):
        """The last column, when the graph ends in one, holds the outputs (R, G and B for a colour)."""
        last = self.entries[-1]
        if last["kind"] == "column" and last["column"] > 0:
            last["label"] = "outputs"
            if last["size"] == len(RGB):
                last["names"] = list(RGB)

    def describe(self, saturation, width, height, layers):
        weights = [np.asarray(layer.weight.value, dtype=float) for layer in layers if type(layer) is cn.Dense]
        limit = max((float(np.abs(w[np.isfinite(w)]).max(initial=0.0)) for w in weights), default=0.0)
        return {"tile": {"width": width, "height": height, "saturation": float(saturation)},
                "tiles": self.tiles, "columns": self.columns, "sampleSize": SAMPLE_SIZE,
                "weightLimit": limit if math.isfinite(limit) and limit > 0 else None,
                "scale": list(WEIGHT_SCALE), "graph": self.entries}
