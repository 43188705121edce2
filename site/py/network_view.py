"""The network view: the layer stack as built, its Dense weights as heat maps on one shared diverging scale, the
probe's activations, and the dead ReLU units over the fixed sample of 1,000 colours, all read from the update's
one forward pass (site/py/layer_pass.py)."""
import numpy as np

import colornet as cn
from colour_grid import SAMPLE_SIZE, rgba, sample, scale_rgb
from jsonable import finite
from layer_pass import LayerPass

# Diverging scale of the weight heat maps: negative → white → positive.
WEIGHT_SCALE = ("#2166ac", "#f7f7f7", "#b2182b")


def _kind(layer):
    kind = getattr(type(layer), "kind", None)
    builtin = type(layer).__module__.startswith("colornet.")
    return (kind if builtin and isinstance(kind, str) else type(layer).__name__), builtin


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


def describe_network(net, probe_rgb, extra=None, layer_pass=None):
    """The layer stack as built, for the network view: (description, images).

    Reads the update's one forward pass (site/py/layer_pass.py, shared with the neuron graph): the blocks
    "sample" (the fixed sample), "probe" (one row) and, when ``extra`` (the map's grid) is given, "map", whose
    outputs come back as description["extraOutputs"] (removed before sending). ``layer_pass`` is made here when
    not given.

    description = {"layers": [{kind, size, dead, drawn, ...}], "weightLimit", "sampleSize", "outputs"}; images are
    RGBA bytes referenced by index from the Dense layers (weights n_in × n_out, bias 1 × n_out). A layer that
    cannot be drawn (user-defined, or one that fails on the sample) is a labelled box, never an error.
    """
    if layer_pass is None:
        blocks = [("sample", sample()), ("probe", np.asarray(probe_rgb, dtype=float).reshape(1, 3))]
        layer_pass = LayerPass(net, ([("map", extra)] if extra is not None else []) + blocks)
    layers = layer_pass.layers
    dense_values = [np.asarray(p.value, dtype=float) for layer in layers if isinstance(layer, cn.Dense)
                    for p in (layer.weight, layer.bias)]
    limit = max((float(np.abs(v).max()) for v in dense_values if v.size and np.isfinite(v).all()), default=1.0)
    failed_at, error = layer_pass.failed or (None, None)
    out, images = [], []
    for i, layer in enumerate(layers):
        kind, builtin = _kind(layer)
        entry = {"index": i, "kind": kind, "name": type(layer).__name__, "size": None, "dead": None,
                 "drawn": builtin}
        if failed_at is None or i < failed_at:
            on_sample = layer_pass.block(i, "sample")
            entry["size"] = int(on_sample.shape[1])
            entry["activations"] = [finite(v) for v in layer_pass.block(i, "probe")[-1].tolist()]
            entry["activationLimit"] = finite(np.abs(on_sample).max()) if on_sample.size else None
            if isinstance(layer, cn.ReLU):
                dead = np.flatnonzero(np.all(on_sample <= 0.0, axis=0))
                entry["dead"] = int(len(dead))
                entry["deadUnits"] = [int(j) for j in dead]
        else:
            entry["error"] = error if i == failed_at else "not run: an earlier layer failed"
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
    if failed_at is None:
        description["outputs"] = layer_pass.output("sample")  # the sample's predictions, for the doctor
        if "map" in layer_pass.rows:
            description["extraOutputs"] = layer_pass.output("map")
    return description, images
