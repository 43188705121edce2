"""Save and load a network as a JSON-able dict: format name, version, dtype and the layer list.

Each layer entry names its ``kind``; Dense entries also carry ``n_in``, ``n_out``,
``weight`` (n_in x n_out nested lists) and ``bias``. Loading checks everything and
raises ``ModelFormatError`` saying exactly what is wrong.
"""
import json

import numpy as np

from .layers import ACTIVATIONS, Dense
from .network import DTYPES, Network

FORMAT = "colornet-model"
VERSION = 1
KINDS = ("dense",) + tuple(ACTIVATIONS)


class ModelFormatError(ValueError):
    """A model file or dict is not a valid colornet model (or a network cannot be saved as one)."""


def to_dict(net):
    """The network as a JSON-able dict."""
    layers = []
    for i, layer in enumerate(net.layers):
        kind = getattr(type(layer), "kind", None)
        if isinstance(layer, Dense):
            layers.append({"kind": "dense", "n_in": layer.n_in, "n_out": layer.n_out,
                           "weight": layer.weight.value.tolist(), "bias": layer.bias.value.tolist()})
        elif kind in ACTIVATIONS and isinstance(layer, ACTIVATIONS[kind]):
            layers.append({"kind": kind})
        else:
            raise ModelFormatError(f"cannot save layer {i} ({type(layer).__name__}): only {', '.join(KINDS)} "
                                   "layers can be saved; rebuild custom layers in code and copy their weights")
    return {"format": FORMAT, "version": VERSION, "dtype": net.dtype.name, "layers": layers}


def _array(value, shape, what):
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ModelFormatError(f"{what} must be a list of numbers with shape {shape}") from None
    if arr.shape != shape:
        raise ModelFormatError(f"{what} has shape {arr.shape}, expected {shape}")
    if not np.all(np.isfinite(arr)):
        raise ModelFormatError(f"{what} contains NaN or infinite values")
    return arr


def _int(entry, key, where):
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ModelFormatError(f"{where}: '{key}' must be an integer >= 1, got {value!r}")
    return value


def from_dict(data):
    """Rebuild a network from ``to_dict`` output, validating every field."""
    if not isinstance(data, dict):
        raise ModelFormatError(f"a model must be a JSON object, got {type(data).__name__}")
    if data.get("format") != FORMAT:
        raise ModelFormatError(f"not a colornet model: 'format' is {data.get('format')!r}, expected {FORMAT!r}")
    if data.get("version") != VERSION:
        raise ModelFormatError(f"unsupported model version {data.get('version')!r}; this colornet reads version "
                               f"{VERSION}")
    dtype = data.get("dtype", "float64")
    if dtype not in DTYPES:
        raise ModelFormatError(f"'dtype' must be one of {', '.join(DTYPES)}, got {dtype!r}")
    entries = data.get("layers")
    if not isinstance(entries, list) or not entries:
        raise ModelFormatError("'layers' must be a non-empty list")
    layers, width = [], None
    for i, entry in enumerate(entries):
        where = f"layer {i}"
        if not isinstance(entry, dict):
            raise ModelFormatError(f"{where} must be an object, got {type(entry).__name__}")
        kind = entry.get("kind")
        if kind == "dense":
            n_in, n_out = _int(entry, "n_in", where), _int(entry, "n_out", where)
            if width is not None and n_in != width:
                raise ModelFormatError(f"{where} expects {n_in} inputs but the previous dense layer gives {width}")
            dense = Dense(n_in, n_out, dtype=dtype)
            dense.weight.value[...] = _array(entry.get("weight"), (n_in, n_out), f"{where} weight")
            dense.bias.value[...] = _array(entry.get("bias"), (n_out,), f"{where} bias")
            layers.append(dense)
            width = n_out
        elif kind in ACTIVATIONS:
            layers.append(ACTIVATIONS[kind]())
        else:
            raise ModelFormatError(f"{where} has unknown kind {kind!r}; known kinds: {', '.join(KINDS)}")
    return Network(layers, dtype=dtype)


def save(net, path):
    """Write the network to ``path`` as JSON."""
    text = json.dumps(to_dict(net))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def load(path):
    """Read a network saved by ``save``; a corrupt, truncated or mismatched file raises ModelFormatError."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ModelFormatError(f"{path} is not a text (UTF-8 JSON) file") from None
    except json.JSONDecodeError as e:
        hint = " (the file looks truncated)" if e.pos >= len(raw.rstrip()) else ""
        raise ModelFormatError(f"{path} is not valid JSON{hint}: {e.msg} at line {e.lineno} column {e.colno}") \
            from None
    try:
        return from_dict(data)
    except ModelFormatError as e:
        raise ModelFormatError(f"{path}: {e}") from None
