"""Metrics for a colour model: MSE, mean absolute error in 0-255 units, and CIEDE2000.

Predictions are clipped to [0, 1] first, as they would be when shown as colours.
"""
import numpy as np

from .colours import MATERIAL_COLOURS, complement, delta_e2000, random_colours

HELDOUT_SEED = 20180417  # a fixed seed that no preset trains on


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
