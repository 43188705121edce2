"""Your own colours in the session: a palette, colour pairs or an image loaded on the page, parsed by
colornet.datasets and kept in the run context (`context.data`) until cleared. The user's code sees the ColourData
as `playground.data`; pairs define the target (their nearest-pair function, colornet.datasets.nearest_pair_target);
an image is also kept as a small grid of pixels for the four image views (original, network, target, ΔE00).

Nothing here is stored or sent anywhere but to the page."""
import numpy as np

import colornet as cn
from colornet.datasets import from_pixels, read_colours
from colour_grid import rgba, scale_rgb
from colour_map import ERROR_SCALE
from jsonable import finite

VIEW_SIDE = 96  # the image views' long side (pixels): one batched predict of at most 96 × 96 colours (~2× the map)
STRIP_SIZE = 48  # colours shown in the data panel's strip

USES = {
    "palette": "Training inputs in place of the random colours; the targets come from playground.target.",
    "pairs": "The pairs define the task: each colour's target is the target of its nearest pair (the swatches, "
             "the map, the doctor and ΔE00 use it too).",
    "image": "Its pixels are the training inputs; the targets come from playground.target. Seen four ways below.",
}


class Loaded:
    """The loaded data: the ColourData the code sees, and for images the view grid (h, w, 3) in [0, 1] with its
    distinct colours (``colours``, (k, 3)) and each pixel's index into them (``index``, (h * w,))."""

    def __init__(self, data, pixels=None):
        self.data = data
        self.pixels = pixels
        self.colours = self.index = None
        if pixels is not None:
            self.colours, self.index = distinct_colours(pixels)
        self._goal = None  # (target, its colours' CIELAB values, the original's and the target's RGBA bytes)

    def view_goal(self, target):
        """What the image views show that only ``target`` changes, computed once per target: the distinct colours'
        target colours in CIELAB and the original's and the target's RGBA bytes (every pixel)."""
        if self._goal is None or self._goal[0] is not target:
            goal = target(self.colours)
            self._goal = (target, cn.srgb_to_lab(goal), _rgba_bytes(self.colours, self.index),
                          _rgba_bytes(goal, self.index))
        return self._goal[1:]


def distinct_colours(pixels):
    """The view grid's distinct colours (k, 3) and each pixel's index into them: the views push and measure each
    colour once and spread the results over the pixels (the page's 96 × 51 view of docs/screenshot.png: 4,896
    pixels, 1,345 colours; a photo's are nearly all distinct, and then this costs one gather)."""
    flat = pixels.reshape(-1, 3)
    q = np.round(flat * 255).astype(np.int64)
    _, first, index = np.unique((q[:, 0] << 16) | (q[:, 1] << 8) | q[:, 2], return_index=True,
                                return_inverse=True)
    return flat[first], index.reshape(-1)


def _rgba_bytes(rgb01, index=None):
    """RGBA bytes of colours in [0, 1]; with ``index``, of the pixels that index them."""
    pixels = rgba(np.round(rgb01 * 255).astype(np.uint8))
    return (pixels if index is None else pixels[index]).tobytes()


def load_text(name, text):
    """A palette or pairs file (text) → Loaded; a DataFormatError names the bad line or value."""
    return Loaded(read_colours(text, name))


def load_image(name, width, height, rgba_bytes):
    """The RGBA bytes of an image the browser decoded → Loaded: sampled training pixels and the views' grid."""
    data = from_pixels(rgba_bytes, width, height, name)
    pixels = np.frombuffer(bytes(rgba_bytes), dtype=np.uint8).reshape(int(height), int(width), 4)
    return Loaded(data, view_grid(pixels[:, :, :3]))


def view_grid(pixels, side=VIEW_SIDE):
    """(h, w, 3) uint8 → at most `side` pixels on the long side (nearest pixel), as floats in [0, 1]."""
    h, w = pixels.shape[:2]
    scale = min(1.0, side / max(h, w))
    rows = np.minimum((np.arange(max(1, round(h * scale))) / scale).astype(int), h - 1)
    cols = np.minimum((np.arange(max(1, round(w * scale))) / scale).astype(int), w - 1)
    return pixels[rows][:, cols].astype(np.float64) / 255.0


def describe(loaded):
    """What the data panel shows: {name, kind, count, note, use, strip: [{input, target?}]}; None: no data."""
    if loaded is None:
        return None
    data = loaded.data
    picked = np.linspace(0, data.count - 1, min(STRIP_SIZE, data.count)).round().astype(int)
    inputs = cn.to_hex(data.inputs[picked])
    targets = None if data.targets is None else cn.to_hex(data.targets[picked])
    strip = [{"input": h} if targets is None else {"input": h, "target": t} for h, t in
             zip(inputs, targets or [None] * len(inputs))]
    out = {**data.describe(), "use": USES[data.kind], "strip": strip}
    if loaded.pixels is not None:
        out["viewSize"] = [int(loaded.pixels.shape[1]), int(loaded.pixels.shape[0])]
    return out


IMAGE_VIEWS = ("original", "network", "target", "error")  # the four views, in the order the page shows them


def image_views(net, target, loaded, predicted=None):
    """The network's view of the loaded image: meta {width, height, meanDeltaE, maxDeltaE} and {view: RGBA bytes}
    of the original, the network's output, the target and the ΔE00 per pixel on the colour map's error scale
    (IMAGE_VIEWS). The original's and the target's bytes are the same objects until the target changes.
    ``predicted``: the network's output for the image's distinct colours (``loaded.colours``) when the update's one
    forward pass (layer_pass.py, block "image") has it; else one batched predict of them."""
    h, w = loaded.pixels.shape[:2]
    colours, index = loaded.colours, loaded.index
    if predicted is None:
        predicted = net.predict(colours)
    predicted = np.clip(np.asarray(predicted, dtype=float), 0.0, 1.0)
    if predicted.shape != colours.shape:
        raise ValueError(f"the network returns shape {predicted.shape} for {len(colours)} colours; the views need "
                         "(n, 3)")
    goal_lab, original_bytes, goal_bytes = loaded.view_goal(target)
    de = cn.delta_e2000_lab(cn.srgb_to_lab(predicted), goal_lab)
    error = rgba(scale_rgb(de, ERROR_SCALE))[index].tobytes()
    views = dict(zip(IMAGE_VIEWS, (original_bytes, _rgba_bytes(predicted, index), goal_bytes, error)))
    meta = {"width": int(w), "height": int(h), "meanDeltaE": finite(de[index].mean()), "maxDeltaE": finite(de.max())}
    return meta, views
