"""The colour map: the network's predictions over one hue × lightness slice of colour space, in one batched call,
as RGBA images (inputs, prediction, ΔE00 heat map with the ΔE00 = 1 contour) and its mean and largest ΔE00."""
import numpy as np

import colornet as cn
from colour_grid import MAP_HEIGHT, MAP_WIDTH, hls_grid, rgba, scale_rgb
from jsonable import finite

# ΔE00 → colour of the error map; the page's legend is drawn from these same stops.
ERROR_SCALE = ((0.0, "#1a9850"), (1.0, "#a6d96a"), (2.0, "#fee08b"), (5.0, "#f46d43"), (10.0, "#a50026"))
CONTOUR_RGB = (0, 0, 0)  # cells on the ΔE00 = 1 boundary


def predict_colours(net, rgb):
    pred = np.asarray(net.predict(rgb), dtype=float)
    if pred.shape != rgb.shape:
        raise ValueError(f"the network returns shape {pred.shape} for {len(rgb)} colours; the views need (n, 3)")
    return pred


class ColourMap:
    """The map's inputs and targets, cached per (target, saturation): each update costs one predict + ΔE00.

    Cached with them: the target's CIELAB values (ΔE00 converts only the prediction) and the inputs' RGBA image.
    """

    def __init__(self):
        self._key = None
        self._grid = self._target = self._target_lab = self._grid_image = None

    def inputs(self, target, saturation):
        key = (target, float(saturation))
        if self._key is None or self._key[0] is not target or self._key[1] != key[1]:
            self._key = None
            self._grid = hls_grid(saturation)
            self._target = target(self._grid)
            self._target_lab = cn.srgb_to_lab(self._target)
            self._grid_image = rgba(np.round(self._grid * 255).astype(np.uint8)).tobytes()
            self._key = key
        return self._grid, self._target

    def compute(self, net, target, saturation, predicted=None):
        """{width, height, meanDeltaE, maxDeltaE, worstColour} and the RGBA bytes of (inputs, prediction, error).
        ``worstColour``: the input colour (hex) of the cell with the largest ΔE00, so the caption names the worst case.

        ``predicted``: the network's outputs for ``inputs(target, saturation)[0]`` if already computed.
        """
        grid, goal = self.inputs(target, saturation)
        pred = predict_colours(net, grid) if predicted is None else np.asarray(predicted, dtype=float)
        if pred.shape != grid.shape:
            raise ValueError(f"the network returns shape {pred.shape} for {len(grid)} colours; the map needs (n, 3)")
        pred = np.clip(pred, 0.0, 1.0)
        de = cn.delta_e2000_lab(cn.srgb_to_lab(pred), self._target_lab)  # = cn.delta_e2000(pred, goal)
        error = scale_rgb(de, ERROR_SCALE)
        # ΔE00 = 1 contour: cells under 1 with a neighbour at or over 1 (hue wraps around; lightness does not).
        img = de.reshape(MAP_HEIGHT, MAP_WIDTH)
        low = img < 1.0
        edge = np.zeros_like(low)
        for shifted in (np.roll(img, 1, axis=1), np.roll(img, -1, axis=1)):
            edge |= low & (shifted >= 1.0)
        edge[1:] |= low[1:] & (img[:-1] >= 1.0)
        edge[:-1] |= low[:-1] & (img[1:] >= 1.0)
        error[edge.ravel()] = CONTOUR_RGB
        meta = {"width": MAP_WIDTH, "height": MAP_HEIGHT, "saturation": float(saturation),
                "meanDeltaE": finite(de.mean()), "maxDeltaE": finite(de.max()),
                "worstColour": cn.to_hex(grid[int(np.nanargmax(de))]) if np.isfinite(de).any() else None,
                "scale": [[s, c] for s, c in ERROR_SCALE]}
        images = [self._grid_image,
                  rgba(np.round(pred * 255).astype(np.uint8)).tobytes(),
                  rgba(error).tobytes()]
        return meta, images
