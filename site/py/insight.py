"""What the page shows about the network while it trains: the colour-space map, the network view and the doctor.

Pure NumPy + colornet (no Pyodide import), so the same code is unit-tested under CPython
(tests/unit/test_insight.py) and run in the page by site/py/playground.py.

- `Target` wraps the user's target function (`playground.target = f`) and checks what it returns.
- `colour_map(net, target, saturation)` predicts one hue × lightness slice of colour space in one batched call
  and returns it as two RGBA images (prediction, ΔE00 heat map with the ΔE00 = 1 contour) plus its mean ΔE00.
- `describe_network(net, probe)` walks the layer stack as built: kinds, sizes, Dense weights as RGBA heat maps on
  one shared diverging scale, the probe's activations, and dead ReLU units over a fixed sample of 1,000 colours.
- `diagnose(...)` is the training doctor: dead output channels, divergence, plateau and oscillation.
"""
import asyncio
import colorsys
import json
import math
import time

import numpy as np

import colornet as cn

MAP_WIDTH, MAP_HEIGHT = 90, 45  # hue (x) × lightness (y) cells
SAMPLE_SIZE, SAMPLE_SEED = 1000, 20_181  # the fixed sample for dead units, the doctor and the mean ΔE00
# ΔE00 → colour of the error map; the page's legend is drawn from these same stops.
ERROR_SCALE = ((0.0, "#1a9850"), (1.0, "#a6d96a"), (2.0, "#fee08b"), (5.0, "#f46d43"), (10.0, "#a50026"))
CONTOUR_RGB = (0, 0, 0)  # cells on the ΔE00 = 1 boundary
# Diverging scale of the weight heat maps: negative → white → positive.
WEIGHT_SCALE = ("#2166ac", "#f7f7f7", "#b2182b")

# Doctor thresholds, tuned on CPython runs of the presets and of provoked failures (tests/unit/test_insight.py).
EVAL_EVERY = 100  # steps between evaluations of the model on EVAL_SIZE colours of the fixed sample
EVAL_SIZE = 128  # (~2 % of the training time: a 128-row forward pass every 100 steps)
RISE_FACTOR = 10.0  # smoothed cost this many times the initial cost: diverging
RISE_EVALS = 6  # ... or the evaluated cost rising this many evaluations in a row, by RISE_TOTAL overall
RISE_TOTAL = 3.0
SMOOTH = 5  # reports in the moving average of the cost
PLATEAU_SHARE = 0.3  # plateau: over the last 30 % of the steps ...
PLATEAU_SPREAD = 0.05  # ... the evaluated cost stayed within 5 % and found no new best, while ΔE00 > 1
PLATEAU_MIN_EVALS = 10  # and the run has been evaluated at least this often
SWING_WINDOW = 80  # oscillation: over the last 80 reports ...
SWING_MEAN_UP = 0.33  # ... the cost's mean upward log-step per report (default preset: at most 0.29; SGD lr >= 0.3: 0.38)


def _hex_rgb(text):
    return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))


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


_sample_cache = {}


def sample():
    """The fixed sample of 1,000 colours (same for every run and model)."""
    if "x" not in _sample_cache:
        _sample_cache["x"] = cn.random_colours(SAMPLE_SIZE, SAMPLE_SEED)
    return _sample_cache["x"]


def _scale_rgb(values, stops):
    """Piecewise-linear colour scale: values (n,) → uint8 (n, 3), clipped to the first and last stops."""
    xs = np.array([s for s, _ in stops], dtype=float)
    cols = np.array([_hex_rgb(c) for _, c in stops], dtype=float)
    v = np.clip(np.nan_to_num(values, nan=xs[-1], posinf=xs[-1], neginf=xs[0]), xs[0], xs[-1])
    return np.stack([np.interp(v, xs, cols[:, k]) for k in range(3)], axis=1).round().astype(np.uint8)


def _rgba(rgb_uint8):
    out = np.empty((len(rgb_uint8), 4), dtype=np.uint8)
    out[:, :3] = rgb_uint8
    out[:, 3] = 255
    return out


def _predict(net, rgb):
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
            self._grid_image = _rgba(np.round(self._grid * 255).astype(np.uint8)).tobytes()
            self._key = key
        return self._grid, self._target

    def compute(self, net, target, saturation, predicted=None):
        """{width, height, meanDeltaE, maxDeltaE} and the RGBA bytes of (inputs, prediction, error).

        ``predicted``: the network's outputs for ``inputs(target, saturation)[0]`` if already computed.
        """
        grid, goal = self.inputs(target, saturation)
        pred = _predict(net, grid) if predicted is None else np.asarray(predicted, dtype=float)
        if pred.shape != grid.shape:
            raise ValueError(f"the network returns shape {pred.shape} for {len(grid)} colours; the map needs (n, 3)")
        pred = np.clip(pred, 0.0, 1.0)
        de = cn.delta_e2000_lab(cn.srgb_to_lab(pred), self._target_lab)  # = cn.delta_e2000(pred, goal)
        error = _scale_rgb(de, ERROR_SCALE)
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
                "meanDeltaE": _finite(de.mean()), "maxDeltaE": _finite(de.max()),
                "scale": [[s, c] for s, c in ERROR_SCALE]}
        images = [self._grid_image,
                  _rgba(np.round(pred * 255).astype(np.uint8)).tobytes(),
                  _rgba(error).tobytes()]
        return meta, images


def _finite(x):
    x = float(x)
    return x if math.isfinite(x) else None


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
    return _rgba(_scale_rgb(np.ravel(values), stops))


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
            entry["activations"] = [v if math.isfinite(v) else None for v in act.tolist()]
            entry["activationLimit"] = _finite(np.abs(h[rows]).max()) if h.size else None
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
                          "weightRange": [_finite(w.min()), _finite(w.max())],
                          "biasRange": [_finite(b.min()), _finite(b.max())]})
            images += [w, b]  # made into RGBA below, all in one pass
        out.append(entry)
    images = _diverging_images(images, limit)
    description = {"layers": out, "weightLimit": _finite(limit), "sampleSize": SAMPLE_SIZE,
                   "weightScale": list(WEIGHT_SCALE)}
    if failed is None:
        description["outputs"] = h[rows]  # the sample's predictions, for the doctor (removed before sending)
        if extra is not None:
            description["extraOutputs"] = h[:n_extra]
    return description, images


def _smooth(costs, n=SMOOTH):
    c = np.asarray(costs, dtype=float)
    if len(c) < n:
        return c
    return np.convolve(c, np.ones(n) / n, mode="valid")


def evaluate(net, target_values=None):
    """MSE of ``net`` on the first EVAL_SIZE colours of the fixed sample (against the complement by default)."""
    x = sample()[:EVAL_SIZE]
    goal = cn.complement(x) if target_values is None else target_values
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.mean((np.asarray(net.predict(x), dtype=float) - goal) ** 2))


def diagnose(costs, evals=(), outputs=None, mean_delta_e=None, diverged=None, lr=None):
    """The doctor's findings: a list of {code, message, fixes}.

    costs: the reported costs (one per report, from step 0); evals: [(step, mse)] from `evaluate` every EVAL_EVERY
    steps; outputs: the model's outputs for the fixed sample (SAMPLE_SIZE × 3) or None; mean_delta_e: mean ΔE00
    over that sample; diverged: the TrainingDiverged the run ended with, or None; lr: the current learning rate.
    """
    found = []
    c = np.asarray([np.nan if v is None else v for v in costs], dtype=float)
    lr_text = f" ({lr:g})" if lr else ""
    # Dead output channels: one output is the same for every colour of the sample.
    if outputs is not None and len(outputs):
        out = np.asarray(outputs, dtype=float)
        stuck = [k for k in range(out.shape[1]) if np.isfinite(out[:, k]).all() and np.ptp(out[:, k]) < 1e-9]
        if stuck:
            names = ", ".join(f"{'RGB'[k] if out.shape[1] == 3 else k} (always {out[0, k]:.3g})" for k in stuck)
            found.append({"code": "dead-output", "message": (
                f"Dead output channel{'s' if len(stuck) > 1 else ''}: {names} for all {len(out)} sample colours. "
                "A unit whose input is negative for every colour passes no gradient through a ReLU and never "
                "recovers."), "fixes": ["linear-output", "next-seed"]})
    # Divergence: a NaN/inf cost, a cost far above where it started, or a steadily rising one.
    finite = c[np.isfinite(c)]
    ev = np.asarray([m for _, m in evals], dtype=float)
    if diverged is not None:
        found.append({"code": "diverged", "message": (
            f"Diverged: the cost became {diverged.cost} at step {diverged.step} with learning rate {diverged.lr:g}. "
            "The steps are too big."), "fixes": ["lower-lr"]})
    elif len(c) and not np.isfinite(c[-1]):
        found.append({"code": "diverged", "message": "Diverged: the cost is not a finite number.",
                      "fixes": ["lower-lr"]})
    elif len(finite) > SMOOTH:
        smooth = _smooth(finite)
        tail = ev[-(RISE_EVALS + 1):]
        rising = (len(tail) == RISE_EVALS + 1 and np.all(np.isfinite(tail)) and np.all(np.diff(tail) > 0)
                  and tail[-1] >= RISE_TOTAL * tail[0])
        if smooth[-1] >= RISE_FACTOR * finite[0] or rising:
            found.append({"code": "diverged", "message": (
                f"Diverging: the cost is {finite[-1]:.3g}, up from {finite[0]:.3g} at the start. The learning "
                f"rate{lr_text} is too high for this network."), "fixes": ["lower-lr"]})
    if any(f["code"] == "diverged" for f in found):
        return found
    # Plateau: over the last 30 % of the steps the evaluated cost is flat and no better than before, ΔE00 > 1.
    if len(ev) >= PLATEAU_MIN_EVALS and np.isfinite(ev).all() and (mean_delta_e is None or mean_delta_e > 1.0):
        steps = np.asarray([s for s, _ in evals], dtype=float)
        late = steps >= steps[-1] * (1 - PLATEAU_SHARE)
        window, before = ev[late], ev[~late]
        if len(window) >= 2 and len(before) and window.max() <= window.min() * (1 + PLATEAU_SPREAD) \
                and window.min() >= before.min() * (1 - PLATEAU_SPREAD):
            de = "" if mean_delta_e is None else f" while ΔE00 is still {mean_delta_e:.1f}"
            found.append({"code": "plateau", "message": (
                f"Plateau: no improvement over the last {round(PLATEAU_SHARE * 100)} % of the steps{de}. "
                f"The learning rate{lr_text} may be too low."), "fixes": ["higher-lr", "adam"]})
    # Oscillation: large cost swings from report to report.
    window = finite[-(SWING_WINDOW + 1):]
    if len(window) == SWING_WINDOW + 1 and (window > 0).all():
        moves = np.diff(np.log(window))
        mean_up = float(np.mean(np.maximum(moves, 0.0)))
        if mean_up >= SWING_MEAN_UP:
            found.append({"code": "oscillation", "message": (
                f"Oscillation: the cost swings up and down between reports (on average it rises by "
                f"{math.expm1(2 * mean_up) * 100:.0f} % when it rises, over the last {SWING_WINDOW} reports). "
                "The steps overshoot."), "fixes": ["lower-lr", "bigger-batch"]})
    return found


# -- the live views of one run: state kept between reports, and the event sent to the page --------------------------

INTERVAL_S = 0.3  # at most ~3 updates a second: the map, the network view and the doctor (cost in the bench)
BUDGET = 0.06  # ... aiming at <= 6 % of the time: after an update that took t, wait t / BUDGET ...
MAX_INTERVAL_S = 0.45  # ... but never longer than this (the views update at least ~2 times a second)
# The first update of a run comes INTERVAL_S after its first report, not at that report (step 0): there it ran on
# cold code while the browser's optimising compiler was busy with the new training loop, and cost as much worker
# time as 4-5 later updates (measured in the page with the updates' own `ms`; see docs/ARCHITECTURE.md).


class Views:
    """Collects what the doctor needs at each report and sends the `insight` event at most every INTERVAL_S.

    ``send(meta, images)`` delivers one event: a JSON-able dict and a list of RGBA byte strings that the worker
    transfers to the page (images: 0-2 map inputs/prediction/error, then the network view's heat maps).
    """

    def __init__(self, send):
        self.send = send
        self.enabled = True
        self.saturation = 1.0
        self.updates = 0
        self.interval = INTERVAL_S
        self.colour_map = ColourMap()
        self.reset()

    def reset(self):
        self.costs, self.evals = [], []
        self.last_emit = None  # monotonic time of the latest update; None until the run's first report
        self.interval = INTERVAL_S
        self.diverged = None
        self._eval_goal = self._sample_goal = None

    def on_report(self, progress, net, target, probe_hex, paused=False):
        """Record the report's cost (and an evaluation every EVAL_EVERY steps); send the views when due.

        With the live views off (`playground.live_views = False`, the bench's "off" row) only the cost is kept:
        the doctor's evaluations are part of what the views cost."""
        self.costs.append(progress.cost)
        step = int(progress.step)
        if not self.enabled:
            return
        if net is not None and (not self.evals or step - self.evals[-1][0] >= EVAL_EVERY):
            if self._eval_goal is None or self._eval_goal[0] is not target:
                self._eval_goal = (target, target(sample()[:EVAL_SIZE]))
            try:
                self.evals.append((step, evaluate(net, self._eval_goal[1])))
            except Exception:  # noqa: BLE001 - a user model that cannot predict is shown by the views instead
                pass
        now = time.monotonic()
        if self.last_emit is None:
            self.last_emit = now  # the first update comes one interval into the run (see INTERVAL_S)
        elif now - self.last_emit >= self.interval:
            self.emit(net, target, probe_hex, step, getattr(progress, "lr", None))

    def emit(self, net, target, probe_hex, step=None, lr=None, final=False):
        """Compute the map, the network view and the doctor for ``net`` and send them (also with no model)."""
        t0 = time.perf_counter()
        self.last_emit = time.monotonic()
        meta, images = {"step": step, "saturation": self.saturation, "final": bool(final)}, []
        if net is not None:
            probe = cn.from_hex(probe_hex)
            try:
                grid, _ = self.colour_map.inputs(target, self.saturation)
            except Exception as exc:  # noqa: BLE001 - the user's target failed: say why on the panel
                grid, meta["mapError"] = None, f"{type(exc).__name__}: {exc}"
            t1 = time.perf_counter()
            network, net_images = describe_network(net, [probe], extra=grid)  # one forward pass for both
            meta["msNetwork"] = round((time.perf_counter() - t1) * 1000, 2)
            outputs = network.pop("outputs", None)
            predicted = network.pop("extraOutputs", None)
            t1 = time.perf_counter()
            if grid is not None:
                try:
                    map_meta, map_images = self.colour_map.compute(net, target, self.saturation, predicted)
                    meta["map"], images = map_meta, list(map_images)
                except Exception as exc:  # noqa: BLE001 - the user's model failed: say why on the panel
                    meta["mapError"] = f"{type(exc).__name__}: {exc}"
            meta["msMap"] = round((time.perf_counter() - t1) * 1000, 2)
            offset = len(images)
            for layer in network["layers"]:
                for key in ("weights", "bias"):
                    if key in layer:
                        layer[key] += offset
            images += net_images
            meta["network"] = network
            mean_de = None
            if outputs is not None and outputs.shape == (SAMPLE_SIZE, 3) and np.isfinite(outputs).all():
                try:
                    if self._sample_goal is None or self._sample_goal[0] is not target:
                        self._sample_goal = (target, cn.srgb_to_lab(target(sample())))
                    lab = cn.srgb_to_lab(np.clip(outputs, 0.0, 1.0))
                    mean_de = float(cn.delta_e2000_lab(lab, self._sample_goal[1]).mean())
                except Exception:  # noqa: BLE001 - reported by the map already
                    pass
            meta["sampleDeltaE"] = mean_de
            meta["doctor"] = diagnose(self.costs, self.evals, outputs, mean_de, self.diverged, lr)
        else:
            meta["doctor"] = diagnose(self.costs, self.evals, None, None, self.diverged, lr)
        self.updates += 1
        meta["updates"] = self.updates
        spent = time.perf_counter() - t0
        meta["ms"] = round(spent * 1000, 2)
        self.interval = min(MAX_INTERVAL_S, max(INTERVAL_S, spent / BUDGET))
        self.send(meta, images)


# -- glue: the views of the page's runs. site/py/playground.py calls start_run / end_run / current_target and the
# `playground.target` / `live_views` properties; site/src/worker/playground.js calls setup, request_pause,
# request_resume and refresh_views. Training is held at a report through the run's `gate` (see playground._Run).

_sleep, _get_event_loop = asyncio.sleep, asyncio.get_event_loop  # private references (user code may replace
# module attributes during a run)
PAUSE_POLL_S = 0.02  # a paused run looks for Resume / Step / Stop this often
FINAL_DELAY_S = 0.02  # the last update of a run is sent this long after the run's result
_send_images = None  # JS function (json_text, [bytes, ...]): the insight event, its images transferred


def _send_views(meta, images):
    if _send_images is not None:
        _send_images(json.dumps(meta, allow_nan=False), images)


class _Glue:
    def __init__(self):
        self.target = Target()
        self.views = Views(_send_views)
        self.last = None  # the latest Progress of the run under way (or of the last run)
        self.pause_pending = False  # a pause asked for before its run started
        self.pause_requested = False
        self.paused = False
        self.resume = None  # while paused: None, "run" or "step"


_glue = _Glue()


def _pg():
    import playground  # the run lifecycle (imported here: playground imports this module)
    return playground


def setup(send_images):
    """Remember the worker's function that sends the `insight` event with transferred images."""
    global _send_images
    _send_images = send_images
    return "null"


def current_target():
    """The checked target of the latest run (cn.complement until the code sets `playground.target`)."""
    return _glue.target


def set_target(fn):
    """`playground.target = fn`: checked on the 17 Material colours, so a bad target fails on the user's line."""
    checked = Target(fn)
    checked(np.asarray(cn.MATERIAL_COLOURS, dtype=float) / 255.0)
    _glue.target = checked


def set_live_views(on):
    _glue.views.enabled = bool(on)


def live_views():
    return _glue.views.enabled


def start_run(run):
    """A run starts: default target, fresh doctor, and the gate that records reports and holds a pause."""
    _glue.target = Target()
    _glue.views.reset()
    _glue.views.enabled = True
    _glue.last = None
    _glue.pause_requested, _glue.pause_pending = _glue.pause_pending, False
    _glue.paused, _glue.resume = False, None

    def gate(progress):
        _glue.last = progress
        pg = _pg()
        _glue.views.on_report(progress, pg.current_model(), _glue.target, pg.current_probe())
        if _glue.pause_requested:
            _glue.pause_requested = False
            return _hold(run)  # awaited by cn.train_async: the optimizer, schedule and batches wait with it
        return False

    run.gate = gate


async def _hold(run):
    """Paused at a report: wait for Resume (False), Step (False, pause at the next report) or Stop (True)."""
    pg = _pg()
    _glue.paused, _glue.resume = True, None
    run.emit_progress()
    emit_views()
    pg.send("paused", {"step": None if _glue.last is None else int(_glue.last.step)})
    try:
        while True:
            if run.stop_requested:
                return True
            if _glue.resume is not None:
                _glue.pause_requested = _glue.resume == "step"
                return False
            await _sleep(PAUSE_POLL_S)
    finally:
        _glue.paused, _glue.resume = False, None
        pg.send("resumed", {"stopped": bool(run.stop_requested)})


def end_run(run, error):
    """A run ended: the doctor hears about divergence; the views show the final model."""
    if isinstance(error, cn.TrainingDiverged):
        _glue.views.diverged = error
    _glue.pause_requested = _glue.pause_pending = False
    # Shortly after the run's result has gone to the page (Stop is not slowed down by the last update): final=True.
    _get_event_loop().call_later(FINAL_DELAY_S, _final_views)


def _final_views():
    if _pg().current_run() is None:  # (a run started since then sends its own)
        emit_views(final=True)


def emit_views(final=False):
    pg = _pg()
    last = _glue.last
    _glue.views.emit(pg.current_model(), _glue.target, pg.current_probe(),
                     None if last is None else int(last.step), getattr(last, "lr", None), final=final)


def request_pause():
    """Pause at the next report of the run under way (or at the first report of the run about to start)."""
    if _pg().current_run() is None:
        _glue.pause_pending = True
    elif not _glue.paused:
        _glue.pause_requested = True
    return "null"


def request_resume(text="{}"):
    """Continue a paused run; {"step": true} trains one report interval and pauses again."""
    if _glue.paused:
        _glue.resume = "step" if json.loads(text).get("step") else "run"
    return "null"


def refresh_views(text="{}"):
    """New probe or saturation: apply them and send the views now (while paused, or after a run)."""
    s = json.loads(text)
    pg = _pg()
    pg.settings(json.dumps({k: v for k, v in s.items() if k in ("seed", "probe")}))
    if "saturation" in s:
        sat = float(s["saturation"])
        if not 0.0 <= sat <= 1.0:
            raise ValueError(f"saturation must be in [0, 1], got {s['saturation']!r}")
        _glue.views.saturation = sat
    emit_views()
    return "null"
