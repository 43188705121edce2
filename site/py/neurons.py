"""Every unit of the network as a small picture: the neuron graph's data (issue 19).

Pure NumPy + colornet (no Pyodide import), so it is unit-tested under CPython (tests/unit/test_neurons.py) and
runs in the page's worker. `neuron_graph(net, saturation)` reads the colour-space map's hue × lightness slice
(downsampled to TILE_WIDTH × TILE_HEIGHT cells) and the fixed 1,000-colour sample from the update's one forward
pass (site/py/layer_pass.py, shared with the network view), and describes the graph column by column:

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
from layer_pass import ACTIVATION_TYPES, LayerPass
from network_view import WEIGHT_SCALE

TILE_WIDTH, TILE_HEIGHT = 30, 15  # hue × lightness cells of one tile: the map's 90 × 45 slice, one cell in 3
MAX_COLUMN_TILES = 128  # a wider Dense layer is a box (the graph stays readable; its tiles would not be)
RGB = ("R", "G", "B")


def neuron_graph(net, saturation, width=TILE_WIDTH, height=TILE_HEIGHT, layer_pass=None):
    """(description, pixels, numbers) of every unit of ``net`` over the map's slice at ``saturation``.

    ``layer_pass``: the update's LayerPass, with the blocks "tiles" (tile_rows(saturation, width, height)) and
    "sample" (the fixed sample); made here when not given.

    description: JSON-able {"tile": {width, height, saturation}, "tiles", "columns", "sampleSize", "weightLimit",
    "scale", "graph": [column or box, ...]} (see docs/ARCHITECTURE.md, "Neuron graph"). pixels: bytes, one uint8
    per cell, tile after tile (tile t at t * width * height, row 0 the lightest, column 0 hue 0°), each value on its
    column's symmetric scale: 0 = -limit, 127.5 = 0, 255 = +limit. numbers: little-endian float32 bytes holding
    each column's incoming weights (unit after unit) and biases, at the offsets its entry names: binary, because
    2,800 weights as JSON text cost more than the forward pass.
    """
    if layer_pass is None:
        layer_pass = LayerPass(net, [("tiles", tile_rows(saturation, width, height)), ("sample", sample())])
    graph = _Graph(layer_pass)
    graph.add_column(-1, "inputs", "input", names=list(RGB))
    with np.errstate(all="ignore"):  # a NaN weight makes NaN tiles (shown as such), not warnings in the output
        _walk(layer_pass, graph)
        if layer_pass.failed is None and graph.entries[-1]["kind"] == "box":  # what the box at the end gives
            graph.add_column(len(layer_pass.layers) - 1, "outputs", graph.entries[-1]["name"])
    graph.name_outputs()
    return (graph.describe(saturation, width, height, layer_pass.layers), b"".join(graph.pixels),
            np.concatenate(graph.numbers or [np.zeros(0)]).astype("<f4").tobytes())


_tile_rows = {}


def tile_rows(saturation, width=TILE_WIDTH, height=TILE_HEIGHT):
    """The tiles' width × height cells of the map's slice at ``saturation`` (cached; do not write)."""
    key = (float(saturation), width, height)
    if key not in _tile_rows:
        if len(_tile_rows) > 8:
            _tile_rows.clear()
        rows = hls_grid(saturation, width, height)
        rows.flags.writeable = False
        _tile_rows[key] = rows
    return _tile_rows[key]


def _walk(layer_pass, graph):
    """Each layer of the pass added to ``graph`` as columns and boxes, left to right."""
    dense = None  # the open Dense column: {"layers", "weight", "bias", "activation", "out"}, closed by the next layer
    failed_at, error = layer_pass.failed or (None, None)
    for i, layer in enumerate(layer_pass.layers):
        kind = type(layer)
        if failed_at is not None and i > failed_at:
            graph.add_box([i], layer, None, error="not run: an earlier layer failed")
            continue
        if i != failed_at and kind in ACTIVATION_TYPES and dense is not None and dense["activation"] is None:
            dense["activation"] = kind.__name__
            dense["layers"].append(i)
            dense["out"] = i
            continue
        if dense is not None:
            graph.add_dense(dense)
            dense = None
        if i == failed_at:
            graph.add_box([i], layer, None, error=error)
        elif kind is cn.Dense:
            dense = {"layers": [i], "weight": np.asarray(layer.weight.value), "bias": np.asarray(layer.bias.value),
                     "activation": None, "out": i}
        else:
            graph.add_box([i], layer, int(layer_pass.outputs[i].shape[1]))
    if dense is not None:
        graph.add_dense(dense)


class _Graph:
    """The graph's entries, tile pixels and weights as they are built, left to right."""

    def __init__(self, layer_pass):
        self.layer_pass = layer_pass
        self.entries, self.pixels, self.numbers = [], [], []
        self.tiles = self.columns = self.offset = 0

    def add_box(self, indices, layer, size, error=None, note=None):
        entry = {"kind": "box", "layers": indices, "name": type(layer).__name__, "size": size}
        if error is not None:
            entry["error"] = error
        if note is not None:
            entry["note"] = note
        self.entries.append(entry)

    def add_dense(self, dense):
        weight, bias = dense["weight"], dense["bias"]
        size = weight.shape[1]
        if size > MAX_COLUMN_TILES:
            self.entries.append({"kind": "box", "layers": dense["layers"], "name": "Dense", "size": int(size),
                                 "note": f"{size} units: too many to draw as tiles (at most {MAX_COLUMN_TILES})"})
            return
        linked = bool(self.entries) and self.entries[-1]["kind"] == "column" and \
            self.entries[-1]["size"] == weight.shape[0]
        self.add_column(dense["out"], f"layer {self.columns}", dense["activation"] or "Linear", layers=dense["layers"],
                        weights=weight, bias=bias, linked=linked)

    def add_column(self, index, label, activation, names=None, layers=(), weights=None, bias=None, linked=False):
        """A column of unit tiles: layer ``index``'s output in the pass (-1: the inputs) over the tiles' slice,
        and over the sample for its dead units."""
        values = self.layer_pass.block(index, "tiles")
        on_sample = self.layer_pass.block(index, "sample")
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
        dead = np.zeros(values.shape[1], dtype=bool) if activation == "input" else ~on_sample.any(axis=0)
        entry = {"kind": "column", "column": self.columns, "label": label, "activation": activation,
                 "layers": list(layers), "size": int(values.shape[1]), "firstTile": self.tiles, "names": names,
                 "range": [low, high], "limit": limit, "nonFinite": non_finite,
                 "dead": int(dead.sum()), "deadUnits": np.flatnonzero(dead).tolist(), "linked": linked,
                 "nIn": None, "weights": None, "biases": None}
        if weights is not None:
            entry["nIn"] = int(weights.shape[0])
            entry["weights"] = self._numbers(np.asarray(weights).T)  # unit i's incoming weights: one row
            entry["biases"] = self._numbers(bias)
        self.entries.append(entry)
        self.tiles += values.shape[1]
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
