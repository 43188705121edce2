"""The live views of the page's runs: the colour map, the network view, the neuron graph (site/py/neurons.py) and
the doctor, computed together and sent as one `insight` event at most every INTERVAL_S.

Each update pushes the map's grid, the tiles' slice, the fixed 1,000-colour sample and the probe through the
network in ONE forward pass (site/py/layer_pass.py); the map, the network view, the neuron graph and the doctor
all read it.

The views read what they show from a run context (`context.model`, `context.target`, `context.probe`; see
site/py/context.py) handed to each call; they import nothing of the run lifecycle.
"""
import time

import numpy as np

import colornet as cn
from colour_grid import SAMPLE_SIZE, sample
from colour_map import ColourMap
from data import IMAGE_VIEWS, image_views
from doctor import EVAL_EVERY, EVAL_SIZE, diagnose, evaluate
from layer_pass import LayerPass
from network_view import describe_network
from neurons import neuron_graph, tile_rows

INTERVAL_S = 0.4  # at most 2.5 updates a second: the map, the network view, the neuron graph, the doctor...
BUDGET = 0.06  # ... aiming at <= 6 % of the time: after an update that took t, wait t / BUDGET ...
MAX_INTERVAL_S = 0.45  # ... but never longer than this (the views update at least twice a second: issue 10)
# An update costs the worker ~12 ms and the page about as much again (drawing, raster, compositing); on 2 cores shared
# with other work every CPU ms of it comes out of training, so 0.4 s rather than 0.3 (docs/PERFORMANCE.md).
IMAGE_EVERY = 2  # while training, a loaded image's four views come with every 2nd update (~1.25 a second); every
# other update (a pause, Step, the run's end, a new probe or saturation) has them too
# The first update of a run comes INTERVAL_S after its first report, not at that report (step 0): there it ran on
# cold code while the browser's optimising compiler was busy with the new training loop, and cost as much worker
# time as 4-5 later updates (measured in the page with the updates' own `ms`; see docs/ARCHITECTURE.md).


class Views:
    """Collects what the doctor needs at each report and sends the `insight` event at most every INTERVAL_S.

    ``send(meta, images)`` delivers one event: a JSON-able dict and a list of RGBA byte strings that the worker
    transfers to the page (images: 0-2 map inputs/prediction/error, then the network view's heat maps, the loaded
    image's views and the neuron graph's pixels and numbers).
    """

    def __init__(self, send):
        self.send = send
        self.enabled = True
        self.saturation = 1.0
        self.updates = 0
        self._periodic_images = 0  # periodic updates with an image loaded: the 1st, (1 + IMAGE_EVERY)th... have its views
        self._image_goal_sent = None  # the original's and the target's bytes sent last (data.image_views)
        self.interval = INTERVAL_S
        self.colour_map = ColourMap()
        self.reset()

    def reset(self):
        self.costs, self.evals = [], []
        self.last_emit = None  # monotonic time of the latest update; None until the run's first report
        self.interval = INTERVAL_S
        self.diverged = None
        self._eval_goal = self._sample_goal = None

    def on_report(self, progress, context):
        """Record the report's cost (and an evaluation every EVAL_EVERY steps); send the views when due.

        With the live views off (`playground.live_views = False`, the bench's "off" row) only the cost is kept:
        the doctor's evaluations are part of what the views cost."""
        self.costs.append(progress.cost)
        step = int(progress.step)
        if not self.enabled:
            return
        net, target = context.model, context.target
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
            self.emit(context, step, getattr(progress, "lr", None), periodic=True)

    def emit(self, context, step=None, lr=None, final=False, periodic=False):
        """Compute the map, the network view and the doctor for the context's model and send them (also with no
        model). ``periodic``: an update while training (the image views come with every IMAGE_EVERY-th)."""
        t0 = time.perf_counter()
        self.last_emit = time.monotonic()
        net, target = context.model, context.target
        meta, images = {"step": step, "saturation": self.saturation, "final": bool(final)}, []
        if net is not None:
            probe = cn.from_hex(context.probe)
            try:
                grid, _ = self.colour_map.inputs(target, self.saturation)
            except Exception as exc:  # noqa: BLE001 - the user's target failed: say why on the panel
                grid, meta["mapError"] = None, f"{type(exc).__name__}: {exc}"
            t1 = time.perf_counter()
            image = getattr(context, "data", None)
            image = image if image is not None and image.pixels is not None else None
            if image is not None and periodic:
                self._periodic_images += 1
                image = image if (self._periodic_images - 1) % IMAGE_EVERY == 0 else None
            layer_pass = LayerPass(net, ([("map", grid)] if grid is not None else []) + [
                ("tiles", tile_rows(self.saturation)), ("sample", sample()), ("probe", np.reshape(probe, (1, 3)))]
                + ([("image", image.colours)] if image is not None else []))
            meta["msPass"] = round((time.perf_counter() - t1) * 1000, 2)
            t1 = time.perf_counter()
            network, net_images = describe_network(net, [probe], extra=grid, layer_pass=layer_pass)
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
            if image is not None:
                try:  # the loaded image seen four ways (site/py/data.py), from the pass when it ran whole
                    meta["image"], image_bytes = image_views(net, target, image, layer_pass.output("image"))
                    meta["image"]["first"] = len(images)
                    meta["image"]["views"] = self._new_image_views(image_bytes)
                    images += [image_bytes[view] for view in meta["image"]["views"]]
                except Exception as exc:  # noqa: BLE001 - the user's model or target failed: say why on the panel
                    meta["imageError"] = f"{type(exc).__name__}: {exc}"
            meta["network"] = network
            t1 = time.perf_counter()
            self._add_neurons(net, meta, images, layer_pass)
            meta["msNeurons"] = round((time.perf_counter() - t1) * 1000, 2)
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

    def _new_image_views(self, image_bytes):
        """The image views to send: the network's and the error always; the original and the target only when they
        are not the ones sent last (a new image or target): the page keeps drawing what it has."""
        goal = (image_bytes["original"], image_bytes["target"])
        if self._image_goal_sent is not None and all(a is b for a, b in zip(goal, self._image_goal_sent)):
            return ["network", "error"]
        self._image_goal_sent = goal
        return list(IMAGE_VIEWS)

    def _add_neurons(self, net, meta, images, layer_pass):
        """meta["neurons"] = {description, pixels, numbers}: the neuron graph (site/py/neurons.py), its two byte
        strings appended to ``images`` (pixels and numbers are their indices); meta["neuronsError"] if it cannot be
        made."""
        try:
            description, pixels, numbers = neuron_graph(net, self.saturation, layer_pass=layer_pass)
            images += [pixels, numbers]
            meta["neurons"] = {"description": description, "pixels": len(images) - 2, "numbers": len(images) - 1}
        except Exception as exc:  # noqa: BLE001 - the graph draws boxes for what it cannot run; this is the rest
            meta["neuronsError"] = f"{type(exc).__name__}: {exc}"
