"""site/py/insight.py under CPython: the map's colour grid, the target check, the network description and the
doctor's thresholds on real training runs (the presets must stay quiet; provoked failures must be named)."""
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "site" / "py"))
import colornet as cn  # noqa: E402
import insight  # noqa: E402

pytestmark = pytest.mark.unit


def test_grid_is_colorsys_hls_at_every_cell():
    assert insight.check_hls_grid_matches_colorsys(0.7) < 1e-12
    assert insight.hls_grid(1.0).shape == (insight.MAP_HEIGHT * insight.MAP_WIDTH, 3)
    with pytest.raises(ValueError, match=r"saturation must be in \[0, 1\], got 1.5"):
        insight.hls_grid(1.5)


def test_target_errors_name_the_shape_and_the_value():
    x = cn.random_colours(5, 0)
    assert np.allclose(insight.Target()(x), cn.complement(x))
    with pytest.raises(ValueError, match=r"shape \(5, 3\) .* got shape \(5, 2\)"):
        insight.Target(lambda rgb: rgb[:, :2])(x)
    with pytest.raises(ValueError, match=r"values in \[0, 1\], got -1\.0 \(row 0, channel R\)"):
        insight.Target(lambda rgb: rgb * 0 - 1)(x)
    with pytest.raises(ValueError, match=r"got nan"):
        insight.Target(lambda rgb: rgb * np.nan)(x)
    with pytest.raises(TypeError, match=r"must be a function .* got 3"):
        insight.Target(3)


def test_map_images_and_contour():
    net = cn.Network.from_sizes([3, 8, 3], seed=0)
    meta, images = insight.ColourMap().compute(net, insight.Target(), 1.0)
    n = insight.MAP_WIDTH * insight.MAP_HEIGHT
    assert [len(b) for b in images] == [4 * n] * 3
    assert meta["meanDeltaE"] > 1 and [s for s, _ in meta["scale"]] == [0, 1, 2, 5, 10]
    # A perfect model: no error, so every cell has the scale's first colour and there is no contour.
    perfect = cn.Network([cn.Linear()])
    perfect.predict = cn.complement
    meta, images = insight.ColourMap().compute(perfect, insight.Target(), 1.0)
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
    desc, images = insight.describe_network(net, [[0.5, 0.5, 0.5]])
    layers = desc["layers"]
    assert [(l["kind"], l["size"], l["dead"]) for l in layers] == [
        ("dense", 4, None), ("relu", 4, 2), ("Doubler", 4, None), ("dense", 3, None)]
    assert layers[1]["deadUnits"] == [1, 3] and not layers[2]["drawn"]
    assert len(images[layers[0]["weights"]]) == 3 * 4 * 4
    # A layer that fails is a labelled box and the ones after it are not run.
    broken = cn.Network([cn.Dense(3, 4, rng=0), Doubler(), cn.ReLU()])
    broken.layers[1].forward = lambda x: x[:, :1][:0]
    desc, _ = insight.describe_network(broken, [[0.5, 0.5, 0.5]])
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
        desc, _ = insight.describe_network(net, [[0.5, 0.5, 0.5]], extra=insight.hls_grid(1.0))
    finally:
        cn.kernels.use(before)
    rows = insight.MAP_WIDTH * insight.MAP_HEIGHT + insight.SAMPLE_SIZE + 1
    assert recording.calls == [((rows, 3), (3, 8), "float32"), ((rows, 8), (8, 4), "float32"),
                               ((rows, 4), (4, 3), "float32")]
    assert relu._y is cached, "the view's pass left the ReLU's training cache as training made it"
    # Same numbers as the network's own forward pass (in float32).
    grid = insight.hls_grid(1.0)
    assert np.allclose(desc["extraOutputs"], net.predict(grid), atol=1e-5)


def test_map_error_is_delta_e2000_of_the_prediction_and_the_target():
    net = cn.Network.from_sizes([3, 8, 3], seed=1)
    colour_map = insight.ColourMap()
    grid = insight.hls_grid(0.6)
    goal = insight.Target()(grid)
    pred = np.clip(net.predict(grid), 0, 1)
    for _ in range(2):  # computed, then from the cached target
        meta, images = colour_map.compute(net, insight.Target(), 0.6)
        de = cn.delta_e2000(pred, goal)
        assert meta["meanDeltaE"] == pytest.approx(float(de.mean()), rel=1e-12)
        assert meta["maxDeltaE"] == pytest.approx(float(de.max()), rel=1e-12)
        inputs = np.frombuffer(images[0], np.uint8).reshape(-1, 4)
        assert (inputs[:, :3] == np.round(grid * 255)).all() and (inputs[:, 3] == 255).all()


class Report:
    def __init__(self, step, cost):
        self.step, self.cost, self.lr = step, cost, 0.01


def test_views_off_do_no_doctor_work():
    # `playground.live_views = False` is the bench's "off" row: no update and no evaluation of the model, so that
    # the on/off difference is everything the views cost. The costs are still kept (the final diagnosis).
    net = cn.Network.from_sizes([3, 8, 3], seed=0)
    sent = []
    views = insight.Views(lambda meta, images: sent.append(meta))
    views.enabled = False
    for step in range(0, 1000, 25):
        views.on_report(Report(step, 0.1), net, insight.Target(), "#dea5ff")
    assert sent == [] and views.evals == [] and len(views.costs) == 40
    views.enabled = True
    for step in range(1000, 1300, 25):
        views.on_report(Report(step, 0.1), net, insight.Target(), "#dea5ff")
    assert [s for s, _ in views.evals] == [1000, 1100, 1200]


def test_first_update_comes_one_interval_into_the_run(monkeypatch):
    # Not at the first report (step 0): then it ran on cold code while the browser compiled the new training loop.
    clock = [100.0]
    monkeypatch.setattr(insight.time, "monotonic", lambda: clock[0])
    net = cn.Network.from_sizes([3, 8, 3], seed=0)
    sent = []
    views = insight.Views(lambda meta, images: sent.append(meta["step"]))
    for run in range(2):  # the same for every run
        views.reset()
        start = len(sent)
        views.on_report(Report(0, 0.1), net, insight.Target(), "#dea5ff")
        clock[0] += insight.INTERVAL_S / 2
        views.on_report(Report(25, 0.1), net, insight.Target(), "#dea5ff")
        assert sent[start:] == []
        clock[0] += insight.INTERVAL_S / 2
        views.on_report(Report(50, 0.1), net, insight.Target(), "#dea5ff")
        clock[0] += insight.MAX_INTERVAL_S
        views.on_report(Report(75, 0.1), net, insight.Target(), "#dea5ff")
        assert sent[start:] == [50, 75]


def watch(output="linear", opt="adam", lr=0.008, steps=2000, report_every=25, seed=0, schedule=True):
    """Train like the presets and run the doctor at every other report; returns {code: first report seen}."""
    x = cn.random_colours(10_000, seed)
    y = cn.complement(x)
    net = cn.Network.from_sizes([3, 64, 32, 16, 3], hidden="relu", output=output, seed=seed)
    if opt == "adam":
        optimizer = cn.Adam(net.parameters(), lr=lr, schedule=cn.CosineDecay(steps) if schedule else None)
    else:
        optimizer = cn.SGD(net.parameters(), lr=lr)
    sample_target = cn.complement(insight.sample())
    costs, evals, first = [], [], {}

    def check(diverged=None):
        desc, _ = insight.describe_network(net, [[0.87, 0.65, 1.0]])
        outputs = desc.get("outputs")
        de = None
        if outputs is not None and np.isfinite(outputs).all():
            de = float(cn.delta_e2000(np.clip(outputs, 0, 1), sample_target).mean())
        for found in insight.diagnose(costs, evals, outputs, de, diverged, optimizer.lr):
            first.setdefault(found["code"], len(costs))

    def report(p):
        costs.append(p.cost)
        if not evals or p.step - evals[-1][0] >= insight.EVAL_EVERY:
            evals.append((p.step, insight.evaluate(net)))
        if len(costs) % 2 == 0:
            check()

    try:
        cn.train(net, x, y, optimizer=optimizer, batch_size=25, steps=steps, report_every=report_every, seed=seed,
                 callback=report)
        check()
    except cn.TrainingDiverged as exc:
        check(exc)
    return first


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_doctor_stays_quiet_on_the_default_preset(seed):
    assert watch(steps=5000, seed=seed) == {}


@pytest.mark.parametrize("seed", [0, 4])
def test_doctor_stays_quiet_on_healthy_talk2018_seeds(seed):
    assert watch(output="relu", opt="sgd", lr=0.042, steps=1000, report_every=5, seed=seed) == {}


def test_doctor_finds_dead_outputs_on_talk2018_seed_1():
    assert "dead-output" in watch(output="relu", opt="sgd", lr=0.042, steps=1000, report_every=5, seed=1)


def test_doctor_finds_divergence():
    assert set(watch(lr=10, steps=300)) >= {"diverged"}  # Adam at lr 10: cost 1000x the start, finite
    assert set(watch(opt="sgd", lr=10, steps=300)) == {"diverged"}  # SGD at lr 10: NaN (TrainingDiverged)


def test_doctor_finds_a_plateau():
    assert set(watch(lr=1e-6, steps=1000)) == {"plateau"}


def test_doctor_finds_oscillation():
    assert "oscillation" in watch(opt="sgd", lr=1.0, steps=1000, report_every=10)
