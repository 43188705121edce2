"""The colours the views are computed on, and how their numbers become pixels.

- `hls_grid(saturation)`: one hue × lightness slice of colour space, the colour map's cells.
- `sample()`: the fixed sample of 1,000 colours for dead units, the doctor and the mean ΔE00.
- `scale_rgb(values, stops)` and `rgba(rgb)`: piecewise-linear colour scales and RGBA bytes for the canvases.
"""
import colorsys

import numpy as np

import colornet as cn

MAP_WIDTH, MAP_HEIGHT = 90, 45  # hue (x) × lightness (y) cells
SAMPLE_SIZE, SAMPLE_SEED = 1000, 20_181  # the fixed sample for dead units, the doctor and the mean ΔE00


def hls_grid(saturation, width=MAP_WIDTH, height=MAP_HEIGHT):
    """RGB in [0, 1] of a hue × lightness slice at ``saturation``: row 0 is the lightest, column 0 is hue 0°.

    Cell centres: hue (i + 0.5) / width of the circle, lightness 1 - (j + 0.5) / height. Same formula as
    colorsys.hls_to_rgb, vectorised. Returns shape (height * width, 3), row-major.
    """
    s = float(saturation)
    if not 0.0 <= s <= 1.0:
        raise ValueError(f"saturation must be in [0, 1], got {saturation!r}")
    h = (np.arange(width) + 0.5) / width
    light = 1.0 - (np.arange(height) + 0.5) / height
    hh, ll = np.meshgrid(h, light)
    hh, ll = hh.ravel(), ll.ravel()
    m2 = np.where(ll <= 0.5, ll * (1.0 + s), ll + s - ll * s)
    m1 = 2.0 * ll - m2

    def channel(hue):
        hue = hue % 1.0
        return np.select(
            [hue < 1 / 6, hue < 0.5, hue < 2 / 3],
            [m1 + (m2 - m1) * hue * 6.0, m2, m1 + (m2 - m1) * (2 / 3 - hue) * 6.0],
            m1,
        )

    return np.stack([channel(hh + 1 / 3), channel(hh), channel(hh - 1 / 3)], axis=1)


def check_hls_grid_matches_colorsys(saturation=0.7):
    """The vectorised grid equals colorsys on every cell (used by the unit test)."""
    grid = hls_grid(saturation)
    h = (np.arange(MAP_WIDTH) + 0.5) / MAP_WIDTH
    light = 1.0 - (np.arange(MAP_HEIGHT) + 0.5) / MAP_HEIGHT
    expected = np.array([colorsys.hls_to_rgb(hv, lv, saturation) for lv in light for hv in h])
    return float(np.abs(grid - expected).max())


_sample_cache = {}


def sample():
    """The fixed sample of 1,000 colours (same for every run and model)."""
    if "x" not in _sample_cache:
        _sample_cache["x"] = cn.random_colours(SAMPLE_SIZE, SAMPLE_SEED)
    return _sample_cache["x"]


def hex_rgb(text):
    """'#rrggbb' → (r, g, b) in 0..255."""
    return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))


def scale_rgb(values, stops):
    """Piecewise-linear colour scale: values (n,) → uint8 (n, 3), clipped to the first and last stops."""
    xs = np.array([s for s, _ in stops], dtype=float)
    cols = np.array([hex_rgb(c) for _, c in stops], dtype=float)
    v = np.clip(np.nan_to_num(values, nan=xs[-1], posinf=xs[-1], neginf=xs[0]), xs[0], xs[-1])
    return np.stack([np.interp(v, xs, cols[:, k]) for k in range(3)], axis=1).round().astype(np.uint8)


def rgba(rgb_uint8):
    """uint8 (n, 3) → uint8 (n, 4), opaque."""
    out = np.empty((len(rgb_uint8), 4), dtype=np.uint8)
    out[:, :3] = rgb_uint8
    out[:, 3] = 255
    return out
