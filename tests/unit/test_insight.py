"""The page's live views under CPython (site/py/colour_grid.py, target.py, colour_map.py, network_view.py, doctor.py,
views.py): the map's colour grid, the target check, the network description and the doctor's thresholds on real
training runs (the presets, run from their own files, must stay quiet; provoked failures must be named)."""
import ast
import asyncio
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "site" / "py"))
import colornet as cn  # noqa: E402
import colour_grid  # noqa: E402
import doctor  # noqa: E402
import views as live_views  # noqa: E402
from colour_grid import MAP_HEIGHT, MAP_WIDTH, SAMPLE_SIZE, hls_grid, sample  # noqa: E402
from colour_map import ColourMap  # noqa: E402
from context import Context  # noqa: E402
from network_view import describe_network  # noqa: E402
from target import Target  # noqa: E402

pytestmark = pytest.mark.unit


def test_grid_is_colorsys_hls_at_every_cell():
    assert colour_grid.check_hls_grid_matches_colorsys(0.7) < 1e-12
    assert hls_grid(1.0).shape == (MAP_HEIGHT * MAP_WIDTH, 3)
    with pytest.raises(ValueError, match=r"saturation must be in \[0, 1\], got 1.5"):
        hls_grid(1.5)


def test_target_errors_name_the_shape_and_the_value():
    x = cn.random_colours(5, 0)
    assert np.allclose(Target()(x), cn.complement(x))
    with pytest.raises(ValueError, match=r"shape \(5, 3\) .* got shape \(5, 2\)"):
        Target(lambda rgb: rgb[:, :2])(x)
    with pytest.raises(ValueError, match=r"values in \[0, 1\], got -1\.0 \(row 0, channel R\)"):
        Target(lambda rgb: rgb * 0 - 1)(x)
    with pytest.raises(ValueError, match=r"got nan"):
        Target(lambda rgb: rgb * np.nan)(x)
    with pytest.raises(TypeError, match=r"must be a function .* got 3"):
        Target(3)


def test_map_images_and_contour():
    net = cn.Network.from_sizes([3, 8, 3], seed=0)
    meta, images = ColourMap().compute(net, Target(), 1.0)
    n = MAP_WIDTH * MAP_HEIGHT
    assert [len(b) for b in images] == [4 * n] * 3
    assert meta["meanDeltaE"] > 1 and [s for s, _ in meta["scale"]] == [0, 1, 2, 5, 10]
    # A perfect model: no error, so every cell has the scale's first colour and there is no contour.
    perfect = cn.Network([cn.Linear()])
    perfect.predict = cn.complement
    meta, images = ColourMap().compute(perfect, Target(), 1.0)
    error = np.frombuffer(images[2], np.uint8).reshape(-1, 4)
    assert meta["maxDeltaE"] < 1e-6 and (error[:, :3] == (0x1a, 0x98, 0x50)).all()


class Doubler:
    """A user-defined layer the view cannot draw."""

    def forward(self, x):
        return 2 * x

    def backward(self, g):
        return 2 * g

    def parameters(self):
        return []


def test_network_description_and_dead_units():
    net = cn.Network([cn.Dense(3, 4, rng=0), cn.ReLU(), Doubler(), cn.Dense(4, 3, rng=1)])
    net.layers[0].bias.value = np.array([0.0, -100.0, 0.0, -100.0])  # units 1 and 3 never fire
    desc, images = describe_network(net, [[0.5, 0.5, 0.5]])
    layers = desc["layers"]
    assert [(l["kind"], l["size"], l["dead"]) for l in layers] == [
        ("dense", 4, None), ("relu", 4, 2), ("Doubler", 4, None), ("dense", 3, None)]
    assert layers[1]["deadUnits"] == [1, 3] and not layers[2]["drawn"]
    assert len(images[layers[0]["weights"]]) == 3 * 4 * 4
    # A layer that fails is a labelled box and the ones after it are not run.
    broken = cn.Network([cn.Dense(3, 4, rng=0), Doubler(), cn.ReLU()])
    broken.layers[1].forward = lambda x: x[:, :1][:0]
    desc, _ = describe_network(broken, [[0.5, 0.5, 0.5]])
    assert "returned shape" in desc["layers"][1]["error"] and "earlier layer" in desc["layers"][2]["error"]
    assert "outputs" not in desc


class RecordingKernels(cn.kernels.NumpyKernels):
    """NumPy's products, counting the forward products (``matmul``) by operand dtype."""

    name = "recording"

    def __init__(self):
        self.calls = []

    def matmul(self, a, b, out=None, accumulate=False):
        self.calls.append((a.shape, b.shape, a.dtype.name))
        return super().matmul(a, b, out, accumulate)


def test_network_view_uses_the_active_kernels_and_leaves_training_caches_alone():
    # The view's forward pass (map grid + 1,000 sample colours + probe) goes through the same products as training
    # (in the page: the WebAssembly SIMD kernels, ~4x NumPy's matmul there), and a ReLU's training cache is kept.
    net = cn.Network.from_sizes([3, 8, 4, 3], hidden="relu", output="linear", seed=0)
    relu = net.layers[1]
    net.forward(cn.random_colours(5, 0))
    cached = relu._y
    recording = RecordingKernels()
    before = cn.kernels.active()
    try:
        cn.kernels.use(recording)
        desc, _ = describe_network(net, [[0.5, 0.5, 0.5]], extra=hls_grid(1.0))
    finally:
        cn.kernels.use(before)
    rows = MAP_WIDTH * MAP_HEIGHT + SAMPLE_SIZE + 1
    assert recording.calls == [((rows, 3), (3, 8), "float32"), ((rows, 8), (8, 4), "float32"),
                               ((rows, 4), (4, 3), "float32")]
    assert relu._y is cached, "the view's pass left the ReLU's training cache as training made it"
    # Same numbers as the network's own forward pass (in float32).
    grid = hls_grid(1.0)
    assert np.allclose(desc["extraOutputs"], net.predict(grid), atol=1e-5)


def test_map_error_is_delta_e2000_of_the_prediction_and_the_target():
    net = cn.Network.from_sizes([3, 8, 3], seed=1)
    colour_map = ColourMap()
    grid = hls_grid(0.6)
    goal = Target()(grid)
    pred = np.clip(net.predict(grid), 0, 1)
    for _ in range(2):  # computed, then from the cached target
        meta, images = colour_map.compute(net, Target(), 0.6)
        de = cn.delta_e2000(pred, goal)
        assert meta["meanDeltaE"] == pytest.approx(float(de.mean()), rel=1e-12)
        assert meta["maxDeltaE"] == pytest.approx(float(de.max()), rel=1e-12)
        assert meta["worstColour"] == cn.to_hex(grid[int(np.argmax(de))])
        inputs = np.frombuffer(images[0], np.uint8).reshape(-1, 4)
        assert (inputs[:, :3] == np.round(grid * 255)).all() and (inputs[:, 3] == 255).all()


class Report:
    def __init__(self, step, cost):
        self.step, self.cost, self.lr = step, cost, 0.01


def model_context(net):
    """The run context the views read: `net` as the model, the default target and probe (no page needed here)."""
    context = Context(page=None)
    context.model = net
    return context


def test_views_off_do_no_doctor_work():
    # `playground.live_views = False` is the bench's "off" row: no update and no evaluation of the model, so that
    # the on/off difference is everything the views cost. The costs are still kept (the final diagnosis).
    context = model_context(cn.Network.from_sizes([3, 8, 3], seed=0))
    sent = []
    views = live_views.Views(lambda meta, images: sent.append(meta))
    views.enabled = False
    for step in range(0, 1000, 25):
        views.on_report(Report(step, 0.1), context)
    assert sent == [] and views.evals == [] and len(views.costs) == 40
    views.enabled = True
    for step in range(1000, 1300, 25):
        views.on_report(Report(step, 0.1), context)
    assert [s for s, _ in views.evals] == [1000, 1100, 1200]



def test_each_update_carries_the_neuron_graph():
    # Issue 19: the neuron graph goes out with the map, in the same `insight` event, its bytes among the images.
    import neurons

    net = cn.Network.from_sizes([3, 8, 4, 3], seed=0)
    sent = []
    views = live_views.Views(lambda meta, images: sent.append((meta, images)))
    views.saturation = 0.5
    views.emit(model_context(net), step=25)
    (meta, images), = sent
    description, pixels, numbers = neurons.neuron_graph(net, 0.5)
    part = meta["neurons"]
    assert part["description"] == description and part["description"]["tiles"] == 3 + 8 + 4 + 3
    assert images[part["pixels"]] == pixels and images[part["numbers"]] == numbers
    assert meta["msNeurons"] >= 0 and "neuronsError" not in meta


def test_an_update_is_one_forward_pass_shared_by_the_views():
    # Issue 19: the map's grid, the tiles' slice, the 1,000-colour sample and the probe go through the network once
    # per update (one product per Dense layer), and the network view, the neuron graph, the map and the doctor read
    # that pass: the same numbers as each computing its own.
    import neurons

    net = cn.Network.from_sizes([3, 16, 8, 3], seed=3)
    net.layers[0].bias.value[:4] = -50.0  # units 0-3 of the first layer are dead for every colour
    recording = RecordingKernels()
    before = cn.kernels.active()
    sent = []
    views = live_views.Views(lambda meta, images: sent.append((meta, images)))
    views.saturation = 0.6
    try:
        cn.kernels.use(recording)
        views.emit(model_context(net), step=25)
    finally:
        cn.kernels.use(before)
    rows = MAP_WIDTH * MAP_HEIGHT + neurons.TILE_WIDTH * neurons.TILE_HEIGHT + SAMPLE_SIZE + 1
    assert recording.calls == [((rows, 3), (3, 16), "float32"), ((rows, 16), (16, 8), "float32"),
                               ((rows, 8), (8, 3), "float32")]
    (meta, images), = sent
    alone, _ = describe_network(net, [cn.from_hex(Context(page=None).probe)], extra=hls_grid(0.6))
    assert meta["network"]["layers"][1]["deadUnits"] == alone["layers"][1]["deadUnits"]
    assert alone["layers"][1]["deadUnits"][:4] == [0, 1, 2, 3]
    assert [layer.get("activations") for layer in meta["network"]["layers"]] == [
        layer.get("activations") for layer in alone["layers"]]
    description, pixels, numbers = neurons.neuron_graph(net, 0.6)
    assert meta["neurons"]["description"] == description
    assert (images[meta["neurons"]["pixels"]], images[meta["neurons"]["numbers"]]) == (pixels, numbers)
    goal = cn.srgb_to_lab(cn.complement(sample()))
    own = float(cn.delta_e2000_lab(cn.srgb_to_lab(np.clip(alone["outputs"], 0, 1)), goal).mean())
    assert meta["sampleDeltaE"] == pytest.approx(own, rel=1e-9)


def test_a_graph_that_cannot_be_made_is_said_not_raised(monkeypatch):
    sent = []
    views = live_views.Views(lambda meta, images: sent.append(meta))
    monkeypatch.setattr(live_views, "neuron_graph", lambda net, saturation, **kw: 1 / 0)
    views.emit(model_context(cn.Network.from_sizes([3, 8, 3], seed=0)), step=25)
    assert sent[0]["neuronsError"] == "ZeroDivisionError: division by zero" and "neurons" not in sent[0]
    assert "map" in sent[0] and sent[0]["doctor"] is not None

def test_first_update_comes_one_interval_into_the_run(monkeypatch):
    # Not at the first report (step 0): then it ran on cold code while the browser compiled the new training loop.
    clock = [100.0]
    monkeypatch.setattr(live_views.time, "monotonic", lambda: clock[0])
    context = model_context(cn.Network.from_sizes([3, 8, 3], seed=0))
    sent = []
    views = live_views.Views(lambda meta, images: sent.append(meta["step"]))
    for run in range(2):  # the same for every run
        views.reset()
        start = len(sent)
        views.on_report(Report(0, 0.1), context)
        clock[0] += live_views.INTERVAL_S / 2
        views.on_report(Report(25, 0.1), context)
        assert sent[start:] == []
        clock[0] += live_views.INTERVAL_S / 2
        views.on_report(Report(50, 0.1), context)
        clock[0] += live_views.MAX_INTERVAL_S
        views.on_report(Report(75, 0.1), context)
        assert sent[start:] == [50, 75]


PRESETS = Path(__file__).resolve().parents[2] / "site" / "py" / "presets"  # the editor's starting scripts


class DoctorWatch:
    """The doctor at every other report of a training, as the page's views run it: {code: first report seen}."""

    def __init__(self):
        self.costs, self.evals, self.first = [], [], {}
        self.net = self.lr = None
        self.sample_target = cn.complement(sample())

    def report(self, p):
        self.net, self.lr = p.network, p.lr
        self.costs.append(p.cost)
        if not self.evals or p.step - self.evals[-1][0] >= doctor.EVAL_EVERY:
            self.evals.append((p.step, doctor.evaluate(self.net)))
        if len(self.costs) % 2 == 0:
            self.check()
        return False

    def check(self, diverged=None):
        desc, _ = describe_network(self.net, [[0.87, 0.65, 1.0]])
        outputs = self.outputs = desc.get("outputs")
        de = None
        if outputs is not None and np.isfinite(outputs).all():
            de = float(cn.delta_e2000(np.clip(outputs, 0, 1), self.sample_target).mean())
        for found in doctor.diagnose(self.costs, self.evals, outputs, de, diverged, self.lr):
            self.first.setdefault(found["code"], len(self.costs))


def run_preset(name, seed):
    """Run the page's preset script site/py/presets/<name>.py as it is (top-level await and all) on CPython, with a
    `playground` whose report runs the doctor; returns {code: first report seen}."""
    return run_preset_watch(name, seed).first


def run_preset_watch(name, seed):
    """run_preset, returning the DoctorWatch (its findings and the model's final outputs for the fixed sample)."""
    watch = DoctorWatch()
    playground = SimpleNamespace(seed=seed, probe="#dea5ff", report=watch.report, target=cn.complement,
                                 live=cn.LiveValue, data=None)  # the page's playground.live(name, value)
    code = compile((PRESETS / f"{name}.py").read_text(), f"{name}.py", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    try:
        result = eval(code, {"__name__": "__main__", "playground": playground})
        if asyncio.iscoroutine(result):
            asyncio.run(result)
        watch.check()
    except cn.TrainingDiverged as exc:
        watch.check(exc)
    return watch


def watch(output="linear", opt="adam", lr=0.008, steps=2000, report_every=25, seed=0, schedule=True):
    """A provoked failure: the default preset's network trained with another output, optimizer or learning rate;
    the doctor runs at every other report. Returns {code: first report seen}."""
    x = cn.random_colours(10_000, seed)
    net = cn.Network.from_sizes([3, 64, 32, 16, 3], hidden="relu", output=output, seed=seed)
    if opt == "adam":
        optimizer = cn.Adam(net.parameters(), lr=lr, schedule=cn.CosineDecay(steps) if schedule else None)
    else:
        optimizer = cn.SGD(net.parameters(), lr=lr)
    doctor_watch = DoctorWatch()
    try:
        cn.train(net, x, cn.complement(x), optimizer=optimizer, batch_size=25, steps=steps, report_every=report_every,
                 seed=seed, callback=doctor_watch.report)
        doctor_watch.check()
    except cn.TrainingDiverged as exc:
        doctor_watch.check(exc)
    return doctor_watch.first


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_doctor_stays_quiet_on_the_default_preset(seed):
    assert run_preset("default", seed) == {}


def test_doctor_names_dead_outputs_on_talk2018_exactly_when_an_output_channel_is_all_zero():
    # The seeds are not picked by hand: on each, the property (an output channel that is 0 for every colour of the
    # fixed sample: its ReLU never fires) decides what the doctor must say, and seeds 0-4 hold both cases.
    dead_seeds = []
    for seed in range(5):
        watch = run_preset_watch("talk2018", seed)
        dead = bool((watch.outputs == 0).all(axis=0).any())
        if dead:
            dead_seeds.append(seed)
            assert "dead-output" in watch.first, (seed, watch.first)
        else:
            assert watch.first == {}, (seed, watch.first)
    assert 0 < len(dead_seeds) < 5, f"seeds 0-4 must hold both cases; dead outputs on {dead_seeds}"


def test_doctor_finds_divergence():
    assert set(watch(lr=10, steps=300)) >= {"diverged"}  # Adam at lr 10: cost 1000x the start, finite
    assert set(watch(opt="sgd", lr=10, steps=300)) == {"diverged"}  # SGD at lr 10: NaN (TrainingDiverged)


def test_doctor_finds_a_plateau():
    assert set(watch(lr=1e-6, steps=1000)) == {"plateau"}


def test_doctor_finds_oscillation():
    assert "oscillation" in watch(opt="sgd", lr=1.0, steps=1000, report_every=10)
