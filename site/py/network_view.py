"""The network view: the layer stack as built, its Dense weights as heat maps on one shared diverging scale, the
probe's activations, and the dead ReLU units over the fixed sample of 1,000 colours."""
import numpy as np

import colornet as cn
from colour_grid import SAMPLE_SIZE, rgba, sample, scale_rgb
from jsonable import finite

# Diverging scale of the weight heat maps: negative → white → positive.
WEIGHT_SCALE = ("#2166ac", "#f7f7f7", "#b2182b")


def _kind(layer):
    kind = getattr(type(layer), "kind", None)
    builtin = type(layer).__module__.startswith("colornet.")
    return (kind if builtin and isinstance(kind, str) else type(layer).__name__), builtin


def _view_forward(layer, h, kernels, owned):
    """``layer.forward(h)``, except for the built-in Dense and ReLU layers: those compute in h's dtype with the
    active kernels (the products training uses: WebAssembly SIMD in the page) and leave their training caches
    alone; the ReLU writes over ``h`` when ``owned`` (h is the view's own array). Returns (output, owned)."""
    if isinstance(layer, cn.Dense):
        out = kernels.matmul(h, layer.weight.value.astype(h.dtype, copy=False))
        out += layer.bias.value.astype(h.dtype, copy=False)
        return out, True
    if type(layer) is cn.ReLU:
        return np.maximum(h, 0.0, out=h if owned else None), True
    return layer.forward(h), False


def _diverging(values, limit):
    """Diverging RGBA of ``values`` on [-limit, limit]."""
    limit = limit if limit > 0 else 1.0
    stops = ((-limit, WEIGHT_SCALE[0]), (0.0, WEIGHT_SCALE[1]), (limit, WEIGHT_SCALE[2]))
    return rgba(scale_rgb(np.ravel(values), stops))


def _diverging_images(arrays, limit):
    """The RGBA bytes of each array in ``arrays`` on one diverging scale, computed in one pass."""
    if not arrays:
        return []
    rgba = _diverging(np.concatenate([np.ravel(a) for a in arrays]), limit).tobytes()
    ends = np.cumsum([4 * a.size for a in arrays])
    return [rgba[end - 4 * a.size:end] for a, end in zip(arrays, ends.tolist())]


def describe_network(net, probe_rgb, extra=None):
    """The layer stack as built, for the network view: (description, images).

    ``extra``: more input rows to push through the same forward pass (the map's grid); their outputs come back
    as description["extraOutputs"] (removed before sending), so the map and the view cost one pass.

    description = {"layers": [{kind, size, dead, drawn, ...}], "weightLimit", "sampleSize", "outputs"}; images are
    RGBA bytes referenced by index from the Dense layers (weights n_in × n_out, bias 1 × n_out). A layer that
    cannot be drawn (user-defined, or one that fails on the sample) is a labelled box, never an error.
    """
    layers = getattr(net, "layers", None)
    if not isinstance(layers, (list, tuple)) or not layers:
        layers = [net]
    x = sample()
    probe = np.asarray(probe_rgb, dtype=float).reshape(1, 3)
    n_extra = 0 if extra is None else len(extra)
    parts = [x, probe] if extra is None else [extra, x, probe]
    # Built-in layers run in float32 here (the views need no more; the SIMD kernels' float32 products take ~2/3 of
    # the float64 ones' time in Pyodide), user layers in the network's own dtype, since user code may assume it.
    builtin_only = all(_kind(layer)[1] for layer in layers)
    both = np.concatenate(parts).astype(np.float32 if builtin_only else getattr(net, "dtype", np.float64))
    rows = slice(n_extra, n_extra + len(x))  # the sample's rows
    dense_values = [np.asarray(p.value, dtype=float) for layer in layers if isinstance(layer, cn.Dense)
                    for p in (layer.weight, layer.bias)]
    limit = max((float(np.abs(v).max()) for v in dense_values if v.size and np.isfinite(v).all()), default=1.0)
    out, images = [], []
    failed = None
    h = both
    kernels, owned = cn.kernels.active(), True
    for i, layer in enumerate(layers):
        kind, builtin = _kind(layer)
        entry = {"index": i, "kind": kind, "name": type(layer).__name__, "size": None, "dead": None,
                 "drawn": builtin}
        if failed is None:
            try:
                if layer is not net or len(layers) > 1:
                    h, owned = _view_forward(layer, h, kernels, owned)
                else:
                    h, owned = net.predict(h), False
                h = np.asarray(h)
                if h.ndim != 2 or len(h) != len(both):
                    raise ValueError(f"returned shape {h.shape} for {len(both)} rows")
            except Exception as exc:  # noqa: BLE001 - a user layer may fail on the sample: show it, never raise
                failed = f"{type(exc).__name__}: {exc}"
                entry["error"] = failed
        if failed is None:
            entry["size"] = int(h.shape[1])
            act = h[-1]
            entry["activations"] = [finite(v) for v in act.tolist()]
            entry["activationLimit"] = finite(np.abs(h[rows]).max()) if h.size else None
            if isinstance(layer, cn.ReLU):
                dead = np.flatnonzero(np.all(h[rows] <= 0.0, axis=0))
                entry["dead"] = int(len(dead))
                entry["deadUnits"] = [int(j) for j in dead]
        elif "error" not in entry:
            entry["error"] = "not run: an earlier layer failed"
        if isinstance(layer, cn.Dense):
            w, b = np.asarray(layer.weight.value, dtype=float), np.asarray(layer.bias.value, dtype=float)
            entry.update({"nIn": int(layer.n_in), "nOut": int(layer.n_out), "size": int(layer.n_out),
                          "weights": len(images), "bias": len(images) + 1,
                          "weightRange": [finite(w.min()), finite(w.max())],
                          "biasRange": [finite(b.min()), finite(b.max())]})
            images += [w, b]  # made into RGBA below, all in one pass
        out.append(entry)
    images = _diverging_images(images, limit)
    description = {"layers": out, "weightLimit": finite(limit), "sampleSize": SAMPLE_SIZE,
                   "weightScale": list(WEIGHT_SCALE)}
    if failed is None:
        description["outputs"] = h[rows]  # the sample's predictions, for the doctor (removed before sending)
        if extra is not None:
            description["extraOutputs"] = h[:n_extra]
    return description, images
