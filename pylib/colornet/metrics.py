"""Metrics for a colour model: MSE, mean absolute error in 0-255 units, and CIEDE2000.

Predictions are clipped to [0, 1] first, as they would be when shown as colours.
``evaluate`` scores a random held-out sample and the Material colours; ``evaluate_lattice``
scores a regular lattice over the whole RGB cube, faces, edges and corners included, where
a sample rarely looks (the worst colours of a model usually sit there).
"""
import numpy as np

from .colours import MATERIAL_COLOURS, complement, delta_e2000, random_colours, to_hex

HELDOUT_SEED = 20180417  # a fixed seed that no preset trains on
LATTICE_STEP = 5  # channels 0, 5, ..., 255: 52 levels, 140,608 colours
VISIBLE_DELTA_E = 1.0  # about one just-noticeable difference
_CHUNK = 16_384  # rows per forward pass in evaluate_lattice (bounds the memory of wide networks)


def mse(pred, target):
    """Mean squared error over every channel."""
    diff = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    return float(np.mean(diff * diff))


def mae_255(pred, target):
    """Mean absolute channel error in 0-255 units."""
    return float(np.mean(np.abs(np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64))) * 255)


def evaluate(net, colours=None, n=2000, seed=HELDOUT_SEED, target=complement):
    """Score ``net`` against ``target`` on held-out colours (``n`` random ones by default) and the 17 Material colours.

    Returns a dict with ``mse``, ``mae_255``, ``delta_e_mean``, ``delta_e_max``,
    ``delta_e_material_mean`` and ``delta_e_material_max``.
    """
    inputs = random_colours(n, seed) if colours is None else np.asarray(colours, dtype=np.float64)
    expected = target(inputs)
    pred = np.clip(np.asarray(net.predict(inputs), dtype=np.float64), 0.0, 1.0)
    material = MATERIAL_COLOURS / 255.0
    material_pred = np.clip(np.asarray(net.predict(material), dtype=np.float64), 0.0, 1.0)
    de = delta_e2000(pred, expected)
    de_material = delta_e2000(material_pred, target(material))
    return {
        "mse": mse(pred, expected),
        "mae_255": mae_255(pred, expected),
        "delta_e_mean": float(de.mean()),
        "delta_e_max": float(de.max()),
        "delta_e_material_mean": float(de_material.mean()),
        "delta_e_material_max": float(de_material.max()),
    }


def lattice_colours(step=LATTICE_STEP):
    """Every colour whose channels are 0, step, 2*step, ..., 255 (0-255 units), as ``(n, 3)`` floats in [0, 1].

    ``step`` must divide 255 (1, 3, 5, 15, 17, 51, 85 or 255) so the lattice reaches both 0 and 255.
    """
    if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or step < 1 or 255 % step:
        raise ValueError(f"lattice step must be an integer that divides 255 (1, 3, 5, 15, 17, 51, 85, 255), "
                         f"got {step!r}")
    levels = np.arange(0, 256, int(step), dtype=np.float64) / 255.0
    return np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), axis=-1).reshape(-1, 3)


def evaluate_lattice(net, step=LATTICE_STEP, target=complement):
    """dE00 of ``net`` against ``target`` over ``lattice_colours(step)``: the whole cube, not a sample.

    Returns ``lattice_colours`` (how many), ``lattice_mean``, ``lattice_max``, ``lattice_above_1`` (the share
    of colours with dE00 > 1, in [0, 1]) and ``lattice_worst`` (the input colour of the max, ``'#rrggbb'``).
    """
    inputs = lattice_colours(step)
    de = np.concatenate([
        delta_e2000(np.clip(np.asarray(net.predict(chunk), dtype=np.float64), 0.0, 1.0), target(chunk))
        for chunk in np.array_split(inputs, max(1, len(inputs) // _CHUNK))])
    worst = int(np.argmax(de))
    return {
        "lattice_colours": len(inputs),
        "lattice_mean": float(de.mean()),
        "lattice_max": float(de[worst]),
        "lattice_above_1": float(np.mean(de > VISIBLE_DELTA_E)),
        "lattice_worst": to_hex(inputs[worst]),
    }
