"""What the swatches and the Material grid show: the targets and predictions of the probe colour and of the 17
Material colours under a model, with their ΔE00."""
from numpy import asarray, clip

from colornet import delta_e2000, from_hex, to_hex
from jsonable import finite
from target import MATERIAL_RGB


def colour_rows(net, rgb_01, target):
    """Predictions of `net` (None: targets only) for colours (n, 3) in [0, 1]: hexes of input, target, prediction
    and ΔE00."""
    goal = target(rgb_01)
    if net is None:
        predicted, delta = None, None
    else:
        predicted = clip(asarray(net.predict(rgb_01), dtype=float), 0.0, 1.0)
        delta = delta_e2000(predicted, goal)
    rows = []
    for i in range(len(rgb_01)):
        rows.append({
            "input": to_hex(rgb_01[i]),
            "target": to_hex(goal[i]),
            "predicted": None if predicted is None else to_hex(predicted[i]),
            "deltaE": None if predicted is None else finite(delta[i]),
        })
    return rows


def predictions(context):
    """{probe, material[, predictError]} under the context's model, probe colour and target."""
    probe = asarray([from_hex(context.probe)], dtype=float)
    try:
        return {"probe": colour_rows(context.model, probe, context.target)[0],
                "material": colour_rows(context.model, MATERIAL_RGB, context.target)}
    except Exception as exc:  # a user-defined layer may fail on predict: show targets, say why
        rows = colour_rows(None, probe, context.target), colour_rows(None, MATERIAL_RGB, context.target)
        return {"probe": rows[0][0], "material": rows[1], "predictError": f"{type(exc).__name__}: {exc}"}
