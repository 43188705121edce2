"""colornet checks that run anywhere colornet runs: CPython and Pyodide (Python 3.12, NumPy 2.0.2).

Plain functions named ``check_*`` that assert something real and take well under 3 s
each on CPython. No pytest, hypothesis or subprocess; files only in a temp dir. The
pytest wrapper in this folder imports this module inside Pyodide and calls every
``check_*`` function; on CPython run ``python tests/pyodide/colornet_checks.py`` (with pylib/ on PYTHONPATH;
check_packed_dense_gradients_above_64_rows is about Pyodide's own path and stops the run there).
"""
import json
import math
import os
import tempfile

import numpy as np

import colornet as cn
from colornet.gradcheck import assert_gradient_close, numeric_grad  # the one tolerance: gradcheck.GRAD_RTOL


def _inputs():
    x = np.random.default_rng(0).normal(size=(4, 3))
    return np.where(np.abs(x) < 0.05, 0.3, x)  # away from ReLU's kink


def check_dense_gradients():
    cn.check_gradients(cn.Dense(3, 4, rng=np.random.default_rng(2)), _inputs())


def _packed_dense_gradients(rows):
    dense = cn.Dense(3, 4, rng=np.random.default_rng(2))
    cn.Network([dense])  # packs W and b back to back: forward computes [x, 1] @ [W; b]
    x = np.random.default_rng(rows).normal(size=(rows, 3))  # (Dense is linear: no kink to avoid)
    dense.forward(x)
    assert dense._x_ones is not None, "the packed [W; b] path was not taken"
    cn.check_gradients(dense, x)


def check_packed_dense_gradients():
    _packed_dense_gradients(rows=5)


def check_packed_dense_gradients_above_64_rows():
    """Pyodide computes x.T @ grad_y from contiguous copies above 64 rows (colornet/fast_paths.py)."""
    assert cn.fast_paths.PYODIDE and cn.fast_paths.CONTIGUOUS_BATCH_ROWS == 64
    _packed_dense_gradients(rows=100)


def check_dense_gradients_on_a_single_row():
    cn.check_gradients(cn.Dense(3, 3, rng=np.random.default_rng(2)), _inputs()[0])


def check_activation_gradients():
    for name in cn.ACTIVATIONS:
        cn.check_gradients(cn.activation(name), _inputs())


def check_mse_gradient():
    rng = np.random.default_rng(3)
    pred, target = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    mse = cn.MeanSquaredError()
    assert_gradient_close(mse.grad(pred, target), numeric_grad(lambda: mse.loss(pred, target), pred), "MSE")


def check_complement_hand_values():
    assert cn.to_hex(cn.complement(cn.from_hex("#ff0000"))) == "#00ffff"
    assert cn.to_255(cn.complement(cn.from_255([222, 165, 255]))).tolist() == [198, 255, 165]
    assert cn.to_255(cn.complement(cn.from_255([128, 128, 128]))).tolist() == [128, 128, 128]
    colours = cn.random_colours(500, 1)
    twice = cn.to_255(cn.complement(cn.complement(colours)))
    assert np.abs(twice - cn.to_255(colours)).max() <= 1


def check_delta_e2000_sharma_pairs():
    pairs = [  # Sharma, Wu & Dalal 2005, Table 1: pairs 1, 7, 13, 18, 28, 34
        ((50.0000, 2.6772, -79.7751), (50.0000, 0.0000, -82.7485), 2.0425),
        ((50.0000, 0.0000, 0.0000), (50.0000, -1.0000, 2.0000), 2.3669),
        ((50.0000, -0.0010, 2.4900), (50.0000, 0.0009, -2.4900), 4.8045),
        ((50.0000, 2.5000, 0.0000), (61.0000, -5.0000, 29.0000), 22.8977),
        ((35.0831, -44.1164, 3.7933), (35.0232, -40.0716, 1.5901), 1.8645),
        ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
    ]
    got = cn.delta_e2000_lab([p[0] for p in pairs], [p[1] for p in pairs])
    assert np.allclose(got, [p[2] for p in pairs], atol=1e-4), got


def _small_run(seed, steps=300):
    net = cn.Network.from_sizes([3, 16, 3], seed=seed)
    x = cn.random_colours(500, seed)
    result = cn.train(net, x, cn.complement(x), optimizer=cn.Adam(net.parameters(), lr=0.01), batch_size=25,
                      steps=steps, report_every=50, seed=seed)
    return net, result


def check_determinism():
    net_a, a = _small_run(seed=4, steps=100)
    net_b, b = _small_run(seed=4, steps=100)
    assert a.history == b.history
    assert all(np.array_equal(p.value, q.value) for p, q in zip(net_a.parameters(), net_b.parameters()))


def check_training_lowers_the_cost():
    _, result = _small_run(seed=0)
    assert result.history[0][0] == 0 and result.steps == 300
    first, last = result.history[0][1], result.history[-1][1]
    assert math.isfinite(last) and last < first / 10, result.history


def check_train_async_stops_when_the_callback_asks():
    net = cn.Network.from_sizes([3, 16, 3], seed=0)
    x = cn.random_colours(500, 0)
    steps_seen = []

    def stop_after_40(progress):
        steps_seen.append(progress.step)
        return progress.step >= 40

    coro = cn.train_async(net, x, cn.complement(x), optimizer=cn.Adam(net.parameters(), lr=0.01), batch_size=25,
                          steps=10_000, report_every=10, callback=stop_after_40)
    # Drive the coroutine by hand: each suspension is one yield to the event loop (asyncio.sleep(0)).
    reports_before_suspension = []
    try:
        while True:
            coro.send(None)
            reports_before_suspension.append(len(steps_seen))
    except StopIteration as done:
        result = done.value
    assert result.stopped and result.steps == 40 and steps_seen == [0, 10, 20, 30, 40]
    # a yield after every report except the one that stopped training (more may come every YIELD_INTERVAL_S)
    assert set(reports_before_suspension) >= {1, 2, 3, 4} and max(reports_before_suspension) == 4, \
        reports_before_suspension
    assert np.all(np.isfinite(net.predict(x)))


async def check_a_stop_check_ends_train_async_between_reports():
    """The playground's Stop: no callback, the next report 50,000 steps away, the stop flag set by another task."""
    import asyncio
    net = cn.Network.from_sizes([3, 16, 3], seed=0)
    x = cn.random_colours(500, 0)
    opt = cn.Adam(net.parameters(), lr=0.01)
    stop = {"now": False}

    async def press_stop():
        await asyncio.sleep(0.2)
        stop["now"] = True

    cn.set_stop_check(lambda: stop["now"])
    try:
        presser = asyncio.ensure_future(press_stop())
        result = await cn.train_async(net, x, cn.complement(x), optimizer=opt, batch_size=25, steps=200_000,
                                      report_every=50_000)
        await presser
    finally:
        cn.set_stop_check(None)
    assert result.stopped and 0 < result.steps < 50_000 and opt.t == result.steps, result
    assert np.all(np.isfinite(net.predict(x)))


def check_targets_invert_and_lab_opposite():
    colours = cn.random_colours(200, 3)
    assert np.array_equal(cn.invert(colours), 1.0 - colours)
    opposite = cn.lab_opposite(colours)
    assert opposite.shape == (200, 3) and opposite.min() >= 0 and opposite.max() <= 1
    grey = cn.from_255([128, 128, 128])
    assert np.abs(cn.lab_opposite(grey) - grey).max() < 1e-6


def check_serialisation_round_trip():
    net, _ = _small_run(seed=1, steps=50)
    x = cn.random_colours(20, 9)
    again = cn.from_dict(json.loads(json.dumps(cn.to_dict(net))))
    assert np.array_equal(again.predict(x), net.predict(x))
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.json")
        cn.save(net, path)
        assert np.array_equal(cn.load(path).predict(x), net.predict(x))


def check_corrupt_model_errors():
    net = cn.Network.from_sizes([3, 4, 3], seed=0)
    text = json.dumps(cn.to_dict(net))
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.json")
        with open(path, "w") as f:
            f.write(text[:100])
        try:
            cn.load(path)
        except cn.ModelFormatError as e:
            assert "truncated" in str(e), str(e)
        else:
            raise AssertionError("a truncated model file loaded without error")
    data = cn.to_dict(net)
    data["layers"][0]["weight"] = [[0.0]]
    try:
        cn.from_dict(data)
    except cn.ModelFormatError as e:
        assert "layer 0 weight has shape (1, 1), expected (3, 4)" in str(e), str(e)
    else:
        raise AssertionError("a mismatched weight shape loaded without error")


def check_bad_hyperparameter_message():
    try:
        cn.SGD(cn.Network.from_sizes([3, 4, 3]).parameters(), lr=-0.1)
    except ValueError as e:
        assert str(e) == "lr must be a positive finite number, got -0.1", str(e)
    else:
        raise AssertionError("a negative learning rate was accepted")


if __name__ == "__main__":
    import asyncio
    import inspect
    import time
    for name in sorted(n for n in globals() if n.startswith("check_")):
        start = time.perf_counter()
        result = globals()[name]()
        if inspect.isawaitable(result):  # the async checks run to their end too
            asyncio.run(result)
        print(f"ok {name} ({time.perf_counter() - start:.2f} s)")
