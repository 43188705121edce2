"""Colours: random training colours, target functions (complement, invert, lab_opposite), conversions, CIEDE2000.

Array convention (used across colornet): one row per example, shape ``(n, 3)``,
channels as floats in [0, 1]. A single colour may also be a plain ``(3,)`` array.
"""
import re

import numpy as np

from .validate import check_count

# The 17 Material colours of the deeplearn.js complementary-colour demo (0-255 ints).
MATERIAL_COLOURS = np.array([
    (244, 67, 54), (233, 30, 99), (156, 39, 176), (103, 58, 183), (63, 81, 181),
    (33, 150, 243), (76, 175, 80), (139, 195, 74), (205, 220, 57), (255, 235, 59),
    (255, 193, 7), (255, 152, 0), (255, 87, 34), (121, 85, 72), (158, 158, 158),
    (96, 125, 139), (0, 0, 0),
], dtype=np.int64)
MATERIAL_COLOURS.flags.writeable = False

_HEX = re.compile(r"#?([0-9a-fA-F]{6})")


def as_rng(seed_or_rng):
    """Return a numpy Generator from an int seed (or pass a Generator through)."""
    if isinstance(seed_or_rng, np.random.Generator):
        return seed_or_rng
    if isinstance(seed_or_rng, (int, np.integer)) and not isinstance(seed_or_rng, bool) and seed_or_rng >= 0:
        return np.random.default_rng(int(seed_or_rng))
    raise ValueError(f"seed must be a non-negative integer or a numpy.random.Generator, got {seed_or_rng!r}")


def random_colours(n, seed_or_rng=0):
    """``n`` random colours, integer channels 0-255 (as the seed drew them), normalised to [0, 1]."""
    n = check_count("number of colours", n, 1)
    rng = as_rng(seed_or_rng)
    return rng.integers(0, 256, size=(n, 3)).astype(np.float64) / 255.0


def cube_colours(n, seed_or_rng=0, dark=0.25, light=0.1, edge=0.1, near=0.3):
    """``n`` training colours over the whole cube: mostly uniform, plus shares near black, near white and on edges.

    A uniform sample rarely lands where a complement network errs most: near black and near white (the
    corners where all the kinks of ``max + min - x`` meet) and on the cube's edges (two channels at 0 or 255).
    So a share ``dark`` of the colours is pulled towards black (a uniform colour times a factor below
    ``near``), a share ``light`` towards white (the same, mirrored), a share ``edge`` has two random channels
    snapped to 0 or 255, and the rest are uniform. Channels are integers 0-255, normalised to [0, 1].
    """
    n = check_count("number of colours", n, 1)
    for name, share in (("dark", dark), ("light", light), ("edge", edge), ("near", near)):
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"{name} must lie in [0, 1], got {share!r}")
    if dark + light + edge > 1.0:
        raise ValueError(f"dark + light + edge must not exceed 1, got {dark} + {light} + {edge}")
    rng = as_rng(seed_or_rng)
    x = rng.integers(0, 256, size=(n, 3)) / 255.0
    kind = rng.random(n)  # which share each colour falls in: [0, dark), [dark, dark + light), ...
    scale = rng.random((n, 1)) * near
    to_dark = kind < dark
    x[to_dark] = (x * scale)[to_dark]
    to_light = (kind >= dark) & (kind < dark + light)
    x[to_light] = (1.0 - (1.0 - x) * scale)[to_light]
    to_edge = (kind >= dark + light) & (kind < dark + light + edge)
    free = rng.integers(0, 3, n)  # the one channel an edge colour keeps
    snapped = rng.integers(0, 2, size=(n, 3)).astype(np.float64)
    snap = to_edge[:, None] & (np.arange(3) != free[:, None])
    x[snap] = snapped[snap]
    return np.rint(x * 255.0) / 255.0


def complement(rgb):
    """The complementary colour: RGB -> HSL, hue + 180 degrees, -> RGB. Greys map to themselves.

    Rotating the HSL hue by 180 degrees keeps lightness and saturation, which for RGB
    works out exactly to ``max + min - channel`` per colour; that is what we compute
    (the tests check it against ``colorsys`` HSL rotation).
    """
    rgb = _colours(rgb)
    total = rgb.max(axis=-1, keepdims=True) + rgb.min(axis=-1, keepdims=True)
    return total - rgb


def invert(rgb):
    """RGB inversion, ``1 - x`` per channel (a photographic negative); mid-grey maps to itself."""
    return 1.0 - _colours(rgb)


def lab_opposite(rgb):
    """The CIELAB opposite: L* kept, a* and b* negated, then clipped channel-wise to the sRGB gamut [0, 1].

    Greys map to themselves. Where the opposite lies outside sRGB (saturated colours often do),
    clipping keeps the result displayable but moves its L*, a* and b* a little.
    """
    lab = srgb_to_lab(_colours(rgb))
    lab[..., 1:] *= -1.0
    return lab_to_srgb(lab)


def _colours(rgb):
    rgb = np.asarray(rgb, dtype=np.float64)
    if rgb.shape[-1:] != (3,):
        raise ValueError(f"colours must have 3 channels in the last axis, got shape {rgb.shape}")
    return rgb


def to_255(rgb):
    """Normalised [0, 1] colours -> integer 0-255 channels (clipped and rounded)."""
    return np.rint(np.clip(np.asarray(rgb, dtype=np.float64), 0.0, 1.0) * 255.0).astype(np.int64)


def from_255(rgb255):
    """Integer 0-255 channels -> normalised floats in [0, 1]."""
    arr = np.asarray(rgb255, dtype=np.float64)
    if arr.shape[-1:] != (3,):
        raise ValueError(f"colours must have 3 channels in the last axis, got shape {arr.shape}")
    if arr.size and (arr.min() < 0 or arr.max() > 255 or not np.all(np.isfinite(arr))):
        raise ValueError(f"0-255 channels must lie in 0..255, got values from {arr.min()} to {arr.max()}")
    return arr / 255.0


def to_hex(rgb):
    """A normalised colour ``(3,)`` -> ``'#rrggbb'``; an ``(n, 3)`` array -> list of strings."""
    ints = to_255(rgb)
    if ints.ndim == 1:
        return "#%02x%02x%02x" % tuple(int(c) for c in ints)
    return ["#%02x%02x%02x" % tuple(int(c) for c in row) for row in ints.reshape(-1, 3)]


def from_hex(text):
    """``'#rrggbb'`` (or ``'rrggbb'``) -> normalised ``(3,)`` colour."""
    match = _HEX.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"colour must look like '#rrggbb' (six hex digits), got {text!r}")
    digits = match.group(1)
    return np.array([int(digits[i:i + 2], 16) for i in (0, 2, 4)], dtype=np.float64) / 255.0


# --- CIEDE2000 -------------------------------------------------------------

_SRGB_TO_XYZ = np.array([
    [0.4124564, 0.3575761, 0.1804375],
    [0.2126729, 0.7151522, 0.0721750],
    [0.0193339, 0.1191920, 0.9503041],
])
_WHITE_D65 = np.array([0.95047, 1.0, 1.08883])


def srgb_to_lab(rgb):
    """Normalised sRGB colours -> CIELAB (D65 white), same shape."""
    rgb = np.clip(np.asarray(rgb, dtype=np.float64), 0.0, 1.0)
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = linear @ _SRGB_TO_XYZ.T / _WHITE_D65
    eps, kappa = 216 / 24389, 24389 / 27
    f = np.where(xyz > eps, np.cbrt(xyz), (kappa * xyz + 16) / 116)
    fx, fy, fz = f[..., 0], f[..., 1], f[..., 2]
    return np.stack([116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)], axis=-1)


def lab_to_srgb(lab):
    """CIELAB (D65 white) -> normalised sRGB, clipped to [0, 1]; the inverse of ``srgb_to_lab`` inside the gamut."""
    lab = np.asarray(lab, dtype=np.float64)
    fy = (lab[..., 0] + 16) / 116
    f = np.stack([fy + lab[..., 1] / 500, fy, fy - lab[..., 2] / 200], axis=-1)
    eps, kappa = 216 / 24389, 24389 / 27
    xyz = np.where(f ** 3 > eps, f ** 3, (116 * f - 16) / kappa) * _WHITE_D65
    linear = np.clip(xyz @ np.linalg.inv(_SRGB_TO_XYZ).T, 0.0, 1.0)
    return np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)


def delta_e2000_lab(lab1, lab2):
    """CIEDE2000 colour difference between CIELAB colours (Sharma, Wu & Dalal 2005), vectorised."""
    lab1 = np.asarray(lab1, dtype=np.float64)
    lab2 = np.asarray(lab2, dtype=np.float64)
    L1, a1, b1 = lab1[..., 0], lab1[..., 1], lab1[..., 2]
    L2, a2, b2 = lab2[..., 0], lab2[..., 1], lab2[..., 2]

    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    c_bar7 = c_bar ** 7
    g = 0.5 * (1 - np.sqrt(c_bar7 / (c_bar7 + 25.0 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    chroma_zero = (c1p * c2p) == 0

    dL = L2 - L1
    dC = c2p - c1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(chroma_zero, 0.0, dh)
    dH = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh) / 2)

    L_bar = (L1 + L2) / 2
    c_bar_p = (c1p + c2p) / 2
    h_sum = h1p + h2p
    h_bar = np.where(np.abs(h1p - h2p) <= 180, h_sum / 2,
                     np.where(h_sum < 360, (h_sum + 360) / 2, (h_sum - 360) / 2))
    h_bar = np.where(chroma_zero, h_sum, h_bar)

    t = (1 - 0.17 * np.cos(np.radians(h_bar - 30)) + 0.24 * np.cos(np.radians(2 * h_bar))
         + 0.32 * np.cos(np.radians(3 * h_bar + 6)) - 0.20 * np.cos(np.radians(4 * h_bar - 63)))
    d_theta = 30 * np.exp(-(((h_bar - 275) / 25) ** 2))
    c_bar_p7 = c_bar_p ** 7
    r_c = 2 * np.sqrt(c_bar_p7 / (c_bar_p7 + 25.0 ** 7))
    s_l = 1 + 0.015 * (L_bar - 50) ** 2 / np.sqrt(20 + (L_bar - 50) ** 2)
    s_c = 1 + 0.045 * c_bar_p
    s_h = 1 + 0.015 * c_bar_p * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    return np.sqrt((dL / s_l) ** 2 + (dC / s_c) ** 2 + (dH / s_h) ** 2 + r_t * (dC / s_c) * (dH / s_h))


def delta_e2000(a, b):
    """CIEDE2000 difference between normalised sRGB colours (clipped to [0, 1]); 1.0 is about one just-noticeable step."""
    return delta_e2000_lab(srgb_to_lab(a), srgb_to_lab(b))
