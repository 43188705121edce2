"""Save and load a network as a JSON-able dict: format name, version, dtype and the layer list.

Each layer entry names its ``kind``; Dense entries also carry ``n_in``, ``n_out``,
``weight`` (n_in x n_out nested lists) and ``bias``. Loading checks everything and
raises ``ModelFormatError`` saying exactly what is wrong.
"""
import json

import numpy as np

from .layers import ACTIVATIONS, Dense
from .network import Network
from .validate import DTYPES, MAX_PARAMETERS

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


def _nested_shape(value, depth):
    """The shape of ``depth`` levels of nested lists, read without building an array; None if ragged or not lists."""
    shape, level = [], [value]
    for d in range(depth):
        if not all(isinstance(v, list) for v in level):
            return None
        lengths = {len(v) for v in level}
        if len(lengths) > 1:
            return None
        shape.append(lengths.pop() if lengths else 0)
        if d < depth - 1:
            level = [item for v in level for item in v]
    return tuple(shape)


def _array(value, shape, dtype, what):
    """``value`` as an array of ``shape`` and ``dtype``, its shape checked before any array is built."""
    found = _nested_shape(value, len(shape))
    if found is None:
        raise ModelFormatError(f"{what} must be nested lists of numbers with shape {shape}")
    if found != shape:
        raise ModelFormatError(f"{what} has shape {found}, expected {shape}")
    arr = np.array(value)
    if arr.dtype.kind not in "iuf" or arr.shape != shape:
        raise ModelFormatError(f"{what} must be a list of numbers with shape {shape}")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ModelFormatError(f"{what} contains NaN or infinite values")
    limit = np.finfo(dtype).max
    if np.abs(arr).max(initial=0.0) > limit:
        raise ModelFormatError(f"{what} has values beyond {np.dtype(dtype).name}'s range (±{limit:.3g}); "
                               "they would become infinite")
    return arr


def _int(entry, key, where):
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ModelFormatError(f"{where}: '{key}' must be an integer >= 1, got {value!r}")
    return value


def _check_layers(entries):
    """Check every entry's kind, each dense layer's widths, their chain and the size cap, building no array.

    Returns the widths through the dense layers, e.g. [3, 64, 3] (empty without dense layers).
    """
    sizes, total = [], 0
    for i, entry in enumerate(entries):
        where = f"layer {i}"
        if not isinstance(entry, dict):
            raise ModelFormatError(f"{where} must be an object, got {type(entry).__name__}")
        kind = entry.get("kind")
        if kind == "dense":
            n_in, n_out = _int(entry, "n_in", where), _int(entry, "n_out", where)
            if sizes and n_in != sizes[-1]:
                raise ModelFormatError(f"{where} expects {n_in} inputs but the previous dense layer gives {sizes[-1]}")
            sizes = sizes + [n_out] if sizes else [n_in, n_out]
            total += (n_in + 1) * n_out
            if total > MAX_PARAMETERS:
                raise ModelFormatError(f"the model is too large: {where} brings it to {total:,} weights and biases; "
                                       f"colornet loads at most {MAX_PARAMETERS:,}")
        elif kind not in ACTIVATIONS:
            raise ModelFormatError(f"{where} has unknown kind {kind!r}; known kinds: {', '.join(KINDS)}")
    return sizes


def _check_widths(sizes, n_in, n_out):
    if not sizes or (n_in in (None, sizes[0]) and n_out in (None, sizes[-1])):
        return
    need = " and ".join(f"{n} {what}" for n, what in ((n_in, "inputs"), (n_out, "outputs")) if n is not None)
    raise ModelFormatError(f"the model takes {sizes[0]} inputs and gives {sizes[-1]} outputs "
                           f"({' -> '.join(map(str, sizes))}); {need} are needed here")


def from_dict(data, n_in=None, n_out=None):
    """Rebuild a network from ``to_dict`` output, validating every field before building anything.

    ``n_in`` / ``n_out``, if given, are the input and output widths the caller needs (3 and 3 for colours).
    """
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
    _check_widths(_check_layers(entries), n_in, n_out)
    arrays = [(_array(e.get("weight"), (e["n_in"], e["n_out"]), dtype, f"layer {i} weight"),
               _array(e.get("bias"), (e["n_out"],), dtype, f"layer {i} bias"))
              for i, e in enumerate(entries) if e["kind"] == "dense"]
    layers, dense_arrays = [], iter(arrays)
    for entry in entries:
        if entry["kind"] == "dense":
            dense = Dense(entry["n_in"], entry["n_out"], dtype=dtype)
            dense.weight.value[...], dense.bias.value[...] = next(dense_arrays)
            layers.append(dense)
        else:
            layers.append(ACTIVATIONS[entry["kind"]]())
    return Network(layers, dtype=dtype)


def save(net, path):
    """Write the network to ``path`` as JSON."""
    text = json.dumps(to_dict(net))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def load(path, n_in=None, n_out=None):
    """Read a network saved by ``save``; a corrupt, truncated or mismatched file raises ModelFormatError.

    ``n_in`` / ``n_out`` as in ``from_dict``.
    """
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
        return from_dict(data, n_in, n_out)
    except ModelFormatError as e:
        raise ModelFormatError(f"{path}: {e}") from None
