"""Training loop: reports, determinism, stopping, async, divergence, presets."""
import asyncio
import math

import numpy as np
import pytest

import colornet as cn


def small_setup(seed=0, lr=0.01, n=400):
    net = cn.Network.from_sizes([3, 16, 3], seed=seed)
    x = cn.random_colours(n, seed)
    return net, x, cn.complement(x), cn.Adam(net.parameters(), lr=lr)


def test_first_report_is_the_real_cost_before_any_update():
    net, x, y, opt = small_setup()
    before = [p.value.copy() for p in net.parameters()]
    reports = []
    cn.train(net, x, y, optimizer=opt, batch_size=20, steps=50, report_every=10, callback=reports.append)
    first = reports[0]
    assert first.step == 0 and first.samples_per_s == 0.0
    # the step-0 cost is the loss of the untrained net on the first shuffled batch
    untrained = cn.Network.from_sizes([3, 16, 3], seed=0)
    for p, v in zip(untrained.parameters(), before):
        np.testing.assert_array_equal(p.value, v)
    xb, yb = cn.ShuffledBatches(x, y, 20, 0).next_batch()
    assert first.cost == pytest.approx(cn.MeanSquaredError().loss(untrained.forward(xb), yb))
    assert first.cost > 0


def test_reports_every_n_steps_and_at_the_end():
    net, x, y, opt = small_setup()
    reports = []
    result = cn.train(net, x, y, optimizer=opt, batch_size=20, steps=45, report_every=10, callback=reports.append)
    assert [r.step for r in reports] == [0, 10, 20, 30, 40, 45]
    assert [r.epoch for r in reports] == [0, 0, 1, 1, 2, 2]  # 400 colours / 20 = 20 steps per epoch
    assert result.steps == 45 and not result.stopped
    assert result.history == [(r.step, r.cost) for r in reports]
    assert all(b.elapsed >= a.elapsed for a, b in zip(reports, reports[1:]))
    assert reports[-1].network is net and reports[-1].lr == opt.lr


def test_training_lowers_the_cost():
    net, x, y, opt = small_setup()
    result = cn.train(net, x, y, optimizer=opt, batch_size=20, steps=600, report_every=100)
    costs = [c for _, c in result.history]
    assert costs[-1] < costs[0] / 10


def test_same_seed_gives_identical_weights_and_cost_curve():
    runs = []
    for _ in range(2):
        net, x, y, opt = small_setup(seed=3)
        result = cn.train(net, x, y, optimizer=opt, batch_size=20, steps=100, report_every=10, seed=5)
        runs.append((result.history, [p.value.copy() for p in net.parameters()]))
    assert runs[0][0] == runs[1][0]
    for a, b in zip(runs[0][1], runs[1][1]):
        np.testing.assert_array_equal(a, b)
    net, x, y, opt = small_setup(seed=4)
    other = cn.train(net, x, y, optimizer=opt, batch_size=20, steps=100, report_every=10, seed=5)
    assert other.history != runs[0][0]


def test_callback_returning_true_stops_cleanly_and_keeps_the_model():
    net, x, y, opt = small_setup()
    seen = []

    def stop_at_30(progress):
        seen.append(progress.step)
        return progress.step >= 30

    result = cn.train(net, x, y, optimizer=opt, batch_size=20, steps=1000, report_every=10, callback=stop_at_30)
    assert result.stopped and result.steps == 30 and seen == [0, 10, 20, 30]
    assert opt.t == 30  # exactly 30 updates were applied, none after the stop
    assert np.all(np.isfinite(net.predict(x)))


def test_train_async_yields_to_the_event_loop_and_can_be_stopped():
    async def scenario():
        net, x, y, opt = small_setup()
        stop = asyncio.Event()
        ticks = []

        async def other_task():
            for i in range(1000):
                ticks.append(i)
                if i == 3:
                    stop.set()  # e.g. the browser's "stop" message arriving between reports
                await asyncio.sleep(0)

        background = asyncio.create_task(other_task())
        result = await cn.train_async(net, x, y, optimizer=opt, batch_size=20, steps=10_000, report_every=5,
                                      callback=lambda p: stop.is_set())
        background.cancel()
        return result, ticks

    result, ticks = asyncio.run(scenario())
    assert result.stopped and 0 < result.steps < 100
    assert len(ticks) >= 4


def test_train_async_matches_train():
    net_a, x, y, opt_a = small_setup(seed=2)
    sync = cn.train(net_a, x, y, optimizer=opt_a, batch_size=20, steps=60, report_every=20)
    net_b, x, y, opt_b = small_setup(seed=2)
    asynchronous = asyncio.run(cn.train_async(net_b, x, y, optimizer=opt_b, batch_size=20, steps=60,
                                              report_every=20))
    assert sync.history == asynchronous.history


def test_divergence_raises_with_step_lr_and_cost():
    net = cn.Network.from_sizes([3, 16, 3], seed=0)
    x = cn.random_colours(200, 0)
    opt = cn.SGD(net.parameters(), lr=50.0)
    with pytest.raises(cn.TrainingDiverged) as info:
        cn.train(net, x, cn.complement(x), optimizer=opt, batch_size=10, steps=500, report_every=10)
    err = info.value
    assert err.lr == 50.0 and err.step > 0 and not math.isfinite(err.cost)
    assert "lower learning rate" in str(err) and f"step {err.step}" in str(err)


def test_float32_training():
    net = cn.Network.from_sizes([3, 16, 3], seed=0, dtype="float32")
    x = cn.random_colours(200, 0)
    opt = cn.Adam(net.parameters(), lr=0.01)
    result = cn.train(net, x, cn.complement(x), optimizer=opt, batch_size=20, steps=50, report_every=25)
    assert all(p.value.dtype == np.float32 for p in net.parameters())
    assert net.predict(x).dtype == np.float32 and math.isfinite(result.cost)


def test_sgd_step_decay_and_momentum():
    params = [cn.Parameter(np.ones(2))]
    sgd = cn.SGD(params, lr=0.042, schedule=cn.StepDecay())
    assert sgd.lr == 0.042
    for _ in range(42):
        params[0].grad[:] = 1.0
        sgd.step()
    assert sgd.lr == pytest.approx(0.042 * 0.85)
    np.testing.assert_allclose(params[0].value, 1 - 42 * 0.042)
    p = cn.Parameter(np.zeros(1))
    momentum = cn.SGD([p], lr=0.1, momentum=0.5)
    for _ in range(2):
        p.grad[:] = 1.0
        momentum.step()
    np.testing.assert_allclose(p.value, [-(0.1 * 1) - 0.1 * 1.5])


def test_adam_first_step_moves_each_weight_by_lr():
    p = cn.Parameter(np.array([1.0, -2.0]))
    p.grad[:] = [3.0, -0.5]
    cn.Adam([p], lr=0.01).step()
    np.testing.assert_allclose(p.value, [0.99, -1.99], atol=1e-6)


def test_shuffled_batches_keep_pairs_and_cover_each_epoch():
    x = np.arange(30, dtype=float).reshape(10, 3)
    y = x * 10
    batches = cn.ShuffledBatches(x, y, 5, 1)
    seen = []
    for _ in range(2):
        xb, yb = batches.next_batch()
        np.testing.assert_array_equal(yb, xb * 10)
        seen.extend(xb[:, 0])
    assert sorted(seen) == list(x[:, 0]) and batches.epoch == 0
    batches.next_batch()
    assert batches.epoch == 1


def test_user_defined_layer_trains():
    class Scale:
        """A custom layer: y = x * s with a learnable per-feature scale."""

        def __init__(self, n):
            self.s = cn.Parameter(np.ones(n))

        def forward(self, x):
            self.x = x
            return x * self.s.value

        def backward(self, grad_y):
            self.s.grad += (grad_y * self.x).sum(axis=0)
            return grad_y * self.s.value

        def parameters(self):
            return [self.s]

    rng = np.random.default_rng(0)
    net = cn.Network([cn.Dense(3, 8, rng=rng), cn.Tanh(), Scale(8), cn.Dense(8, 3, rng=rng, init="glorot")])
    x = cn.random_colours(300, 1)
    result = cn.train(net, x, cn.complement(x), optimizer=cn.Adam(net.parameters(), lr=0.01), batch_size=30,
                      steps=300, report_every=100)
    assert result.history[-1][1] < result.history[0][1] / 3
    assert not np.allclose(net.layers[2].s.value, 1.0)


def test_talk2018_runs_and_reports_a_finite_cost():
    preset = cn.get_preset("talk2018")
    assert (preset.sizes, preset.hidden, preset.output, preset.optimizer, preset.lr, preset.n_colours,
            preset.batch_size, preset.steps) == ([3, 64, 32, 16, 3], "relu", "relu", "sgd", 0.042, 10_000, 25, 1000)
    net, result = preset.train(seed=0)
    assert result.steps == 1000 and math.isfinite(result.cost)
    assert isinstance(net.layers[-1], cn.ReLU)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(5))
def test_default_preset_reaches_the_delta_e_goal(seed):
    """pylib/README.md and the preset's description promise a mean dE00 below 0.5."""
    net, result = cn.get_preset("default").train(seed=seed)
    scores = cn.evaluate(net)
    assert scores["delta_e_mean"] < 0.5, scores
    assert scores["delta_e_material_mean"] < 0.5, scores


def test_evaluate_scores_a_perfect_model_as_zero():
    class Oracle:
        def predict(self, x):
            return cn.complement(x)

    scores = cn.evaluate(Oracle(), n=100)
    assert set(scores) == {"mse", "mae_255", "delta_e_mean", "delta_e_max", "delta_e_material_mean",
                           "delta_e_material_max"}
    assert max(scores.values()) < 1e-9
    assert cn.mae_255(np.zeros((2, 3)), np.full((2, 3), 1 / 255)) == pytest.approx(1.0)


def test_reporting_neither_skips_batches_nor_changes_the_result():
    """The weights after 120 steps are the same whatever report_every is, and a callback that runs the
    network on other inputs between reports (as the playground does for its swatches) changes nothing."""
    x = cn.random_colours(400, 3)
    y = cn.complement(x)

    def weights_after(report_every, callback=None):
        net = cn.Network.from_sizes([3, 8, 3], seed=2)
        cn.train(net, x, y, optimizer=cn.SGD(net.parameters(), lr=0.05), batch_size=20, steps=120,
                 report_every=report_every, callback=callback, seed=4)
        return [p.value.copy() for p in net.parameters()]

    reference = weights_after(120)
    probe = cn.random_colours(7, 9)
    for other in (weights_after(1), weights_after(7, callback=lambda p: p.network.predict(probe) is None)):
        for ref, got in zip(reference, other):
            np.testing.assert_array_equal(ref, got)


def test_a_clock_that_does_not_tick_gives_no_division_by_zero(monkeypatch):
    """Browsers coarsen timers (Firefox ticks in whole milliseconds): a chunk of fast steps can take 'no time'.
    Training must not crash, and samples/s must stay a real measurement (the last one), never infinite."""
    import colornet.training as training
    monkeypatch.setattr(training.time, "perf_counter", lambda: 42.0)
    net, x, y, opt = small_setup()
    reports = []
    cn.train(net, x, y, optimizer=opt, batch_size=20, steps=30, report_every=10, callback=reports.append)
    assert [r.step for r in reports] == [0, 10, 20, 30]
    assert all(r.samples_per_s == 0.0 and r.elapsed == 0.0 for r in reports)


class CoarseClock:
    """A stand-in for time.perf_counter that ticks in whole milliseconds, as Firefox's clock does in the page, over
    a true time that the test advances: `step_s` per training step (in the optimizer) and `report_s` per report."""

    def __init__(self, tick_s=0.001):
        self.tick_s, self.true_s = tick_s, 1000.0004

    def __call__(self):
        return math.floor(self.true_s / self.tick_s) * self.tick_s


def coarse_training(monkeypatch, steps, report_every, batch_size=25, step_s=0.00021, report_s=0.00037):
    import colornet.training as training
    clock = CoarseClock()
    monkeypatch.setattr(training.time, "perf_counter", clock)
    net, x, y, _ = small_setup()

    class TimedSGD(cn.SGD):  # a training step takes step_s of true time
        def step(self):
            super().step()
            clock.true_s += step_s

    def report(progress):  # the page's report takes report_s of true time (outside the training time)
        reports.append(progress)
        clock.true_s += report_s

    reports = []
    cn.train(net, x, y, optimizer=TimedSGD(net.parameters(), lr=0.01), batch_size=batch_size, steps=steps,
             report_every=report_every, callback=report)
    return reports, batch_size / step_s


@pytest.mark.parametrize("report_every", [25, 5])
def test_samples_per_s_is_a_true_rate_on_a_clock_that_ticks_in_milliseconds(monkeypatch, report_every):
    """The page's default script reports every 25 steps of 25 colours: in Firefox (a 1 ms clock) 625 samples took
    "5 ms" and the readout said exactly 125,000 samples/s. Every figure must be within 2 % of the true rate."""
    reports, true_rate = coarse_training(monkeypatch, steps=6000, report_every=report_every)
    measured = [r.samples_per_s for r in reports if r.samples_per_s]
    assert len(measured) > len(reports) // 2  # measured from 0.1 s of training on (step 477 of 6,000)
    assert all(r.samples_per_s == 0.0 for r in reports if r.step * 0.00021 < 0.095)  # (the clock's ticks)
    off = [(r.step, round(r.samples_per_s)) for r in reports
           if r.samples_per_s and abs(r.samples_per_s / true_rate - 1) > 0.02]
    assert off == [], f"samples/s off by more than 2 % of {true_rate:,.0f} at (step, figure): {off[:5]}"


def test_a_run_shorter_than_the_first_window_ends_with_a_rate_over_all_of_it(monkeypatch):
    reports, true_rate = coarse_training(monkeypatch, steps=250, report_every=25)  # 52 ms of training
    assert all(r.samples_per_s == 0.0 for r in reports[:-1])  # not measured yet: a few ticks say little
    assert reports[-1].step == 250 and abs(reports[-1].samples_per_s / true_rate - 1) < 0.05


def test_samples_per_s_is_measured_again_over_each_half_second(monkeypatch):
    import colornet.training as training
    step_s = 0.00021
    reports, true_rate = coarse_training(monkeypatch, steps=12000, report_every=25, step_s=step_s)
    changes = [r.step for a, r in zip(reports, reports[1:]) if r.samples_per_s != a.samples_per_s]
    # first after 0.1 s of training (476 steps of 0.21 ms), then after each further 0.5 s (2,381 steps), as the
    # coarse clock measures them (within 2 %)
    assert changes[0] >= 0.98 * training.RATE_FIRST_S / step_s
    assert all(b - a >= 0.98 * training.RATE_WINDOW_S / step_s for a, b in zip(changes, changes[1:]))
    assert len(changes) == 5  # 12,000 steps = 2.52 s: at ~0.1, 0.6, 1.1, 1.6 and 2.1 s


@pytest.mark.parametrize("target", [cn.invert, cn.lab_opposite])
def test_evaluate_scores_against_another_target(target):
    class Oracle:
        def predict(self, x):
            return target(x)

    assert max(cn.evaluate(Oracle(), n=100, target=target).values()) < 1e-9
    assert cn.evaluate(Oracle(), n=100)["delta_e_mean"] > 1  # against the default target (complement) it is wrong


class _Oracle:
    """A perfect complement model, optionally wrong by ``miss`` (0-255 units, green channel) at one colour."""

    def __init__(self, wrong_at=None, miss=0.0):
        self.wrong_at, self.miss = wrong_at, miss

    def predict(self, x):
        y = cn.complement(x)
        if self.wrong_at is not None:
            y[np.all(np.isclose(x, self.wrong_at), axis=1), 1] += self.miss / 255
        return y


def test_lattice_colours_span_the_cube_faces_edges_and_corners():
    colours = cn.lattice_colours(51)
    assert colours.shape == (216, 3)
    assert len({tuple(c) for c in np.rint(colours * 255).astype(int)}) == 216
    assert set(np.unique(np.rint(colours * 255))) == {0, 51, 102, 153, 204, 255}
    assert len(cn.lattice_colours(5)) == 140_608


@pytest.mark.parametrize("step", [0, 4, 2.5, True, 256])
def test_lattice_step_must_divide_255(step):
    with pytest.raises(ValueError, match="lattice step must be an integer that divides 255"):
        cn.lattice_colours(step)


def test_evaluate_lattice_scores_a_perfect_model_as_zero_and_finds_the_one_wrong_colour():
    perfect = cn.evaluate_lattice(_Oracle(), step=51)
    assert perfect["lattice_colours"] == 216 and perfect["lattice_max"] < 1e-9 and perfect["lattice_above_1"] == 0
    wrong = cn.evaluate_lattice(_Oracle(wrong_at=cn.from_hex("#333366"), miss=20), step=51)
    assert wrong["lattice_worst"] == "#333366"
    assert wrong["lattice_max"] > 1 and wrong["lattice_above_1"] == pytest.approx(1 / 216)
    assert wrong["lattice_mean"] == pytest.approx(wrong["lattice_max"] / 216)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(5))
def test_default_preset_is_within_one_delta_e_over_the_whole_cube(seed):
    """Issue 23's goal on seeds 0-4 (cube max 0.10-0.74; seeds 0-39 all meet it, see docs/PERFORMANCE.md):
    nowhere on the 140,608-colour lattice can the eye tell the prediction from the complement."""
    net, _ = cn.get_preset("default").train(seed=seed)
    cube, sample = cn.evaluate_lattice(net), cn.evaluate(net)
    assert cube["lattice_max"] <= 1.0 and cube["lattice_mean"] <= 0.15, cube
    assert sample["delta_e_max"] <= 1.0 and sample["delta_e_material_max"] <= 1.0, sample


def test_a_preset_hands_its_beta2_to_adam_and_checks_it():
    preset = cn.get_preset("default").replace(n_colours=500, batch_size=10)
    assert preset.build(seed=0)[3].beta2 == 0.99
    assert preset.replace(beta2=0.9).build(seed=0)[3].beta2 == 0.9
    with pytest.raises(ValueError, match=r"beta2 must be a number in \[0, 1\), got 1.0"):
        preset.replace(beta2=1.0)


def test_a_preset_draws_its_training_colours_from_the_named_sampler():
    cube = cn.get_preset("default").replace(n_colours=500, batch_size=10, colours="cube")
    uniform = cube.replace(colours="uniform")
    _, x_cube, y_cube, _ = cube.build(seed=3)
    _, x_uniform, _, _ = uniform.build(seed=3)
    np.testing.assert_array_equal(y_cube, cn.complement(x_cube))
    assert np.mean(x_cube.max(axis=1) <= 0.15) > 0.1 > np.mean(x_uniform.max(axis=1) <= 0.15)
    with pytest.raises(ValueError, match="colours must be one of uniform, cube, got 'gaussian'"):
        cube.replace(colours="gaussian")
