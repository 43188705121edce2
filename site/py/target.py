"""The task's target function (`playground.target = f`, default cn.complement), checked: (n, 3) colours in [0, 1]
→ (n, 3) values in [0, 1]. The swatches, the Material grid, every ΔE00, the map and the doctor use it."""
import numpy as np

import colornet as cn

MATERIAL_RGB = cn.from_255(cn.MATERIAL_COLOURS)  # the 17 Material colours in [0, 1]


class Target:
    """The task's target function, checked: (n, 3) colours in [0, 1] → (n, 3) values in [0, 1]."""

    def __init__(self, fn=None):
        self.fn = cn.complement if fn is None else fn
        if not callable(self.fn):
            raise TypeError(f"playground.target must be a function mapping an (n, 3) array of colours to an (n, 3) "
                            f"array, got {self.fn!r} ({type(self.fn).__name__})")
        self.name = getattr(self.fn, "__name__", type(self.fn).__name__)

    def __call__(self, rgb):
        rgb = np.asarray(rgb, dtype=float)
        out = self.fn(rgb.copy())
        try:
            arr = np.asarray(out, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"playground.target ({self.name}) must return an array of numbers, got "
                             f"{type(out).__name__}") from None
        if arr.shape != rgb.shape:
            raise ValueError(f"playground.target ({self.name}) must return an array of shape {rgb.shape} for "
                             f"{len(rgb)} colours (one RGB row each), got shape {arr.shape}")
        bad = ~np.isfinite(arr) | (arr < 0.0) | (arr > 1.0)
        if bad.any():
            row, col = (int(i) for i in np.argwhere(bad)[0])
            raise ValueError(f"playground.target ({self.name}) must return values in [0, 1], got {float(arr[row, col])!r} "
                             f"(row {row}, channel {'RGB'[col]}) for the input colour {cn.to_hex(rgb[row])}")
        return arr


def checked_target(fn):
    """`playground.target = fn`: tried on the 17 Material colours, so a bad target fails on the user's line."""
    target = Target(fn)
    target(MATERIAL_RGB)
    return target
