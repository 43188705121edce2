"""The training hooks the playground relies on: time-based yields, the stop check, the callback rule, pausing
inside an awaited callback, and the step a divergence names."""
import asyncio
import itertools
import warnings

import numpy as np
import pytest

import colornet as cn
from colornet import training


@pytest.fixture(autouse=True)
def no_stop_check_left_behind():
    yield
    cn.set_stop_check(None)


def setup(seed=0, n=400, lr=0.01):
    net = cn.Network.from_sizes([3, 16, 3], seed=seed)
    x = cn.random_colours(n, seed)
    return net, x, cn.complement(x), cn.Adam(net.parameters(), lr=lr)


def weights(net):
    return [p.value.copy() for p in net.parameters()]


def test_a_stop_check_flipped_by_another_task_ends_train_async_between_reports():
    """No callback, and the first report after step 0 is 50,000 steps away: the stop still lands at once."""
    net, x, y, opt = setup()
    before = weights(net)
    stop = {"now": False}
    cn.set_stop_check(lambda: stop["now"])

    async def scenario():
        async def press_stop():
            await asyncio.sleep(0.1)
            stop["now"] = True
        presser = asyncio.create_task(press_stop())
        result = await cn.train_async(net, x, y, optimizer=opt, batch_size=20, steps=200_000, report_every=50_000)
        await presser
        return result

    result = asyncio.run(scenario())
    assert result.stopped and 0 < result.steps < 50_000
    assert opt.t == result.steps  # the model is the one trained up to the stop, no update lost or added
    assert result.history[-1] == (result.steps, result.cost) and len(result.history) == 2
    assert all(not np.array_equal(a, b) for a, b in zip(before, weights(net)))
    assert np.all(np.isfinite(net.predict(x)))


def test_train_async_yields_at_least_every_interval_between_reports(monkeypatch):
    """A clock that advances 1 ms per reading: the yields must come at most YIELD_INTERVAL_S (+ one step) apart."""
    ticks = itertools.count()
    monkeypatch.setattr(training.time, "perf_counter", lambda: next(ticks) * 0.001)
    net, x, y, opt = setup()
    coro = cn.train_async(net, x, y, optimizer=opt, batch_size=20, steps=3000, report_every=3000)
    clock_at_yields = []
    try:
        while True:
            coro.send(None)
            clock_at_yields.append(next(ticks) * 0.001)
    except StopIteration as done:
        result = done.value
    assert result.steps == 3000 and not result.stopped
    gaps = np.diff(clock_at_yields)
    assert len(clock_at_yields) > 20 and gaps.max() <= training.YIELD_INTERVAL_S + 0.01, gaps.max()


def test_the_stop_check_also_ends_the_synchronous_train_between_reports():
    net, x, y, opt = setup()
    calls = []
    cn.set_stop_check(lambda: len(calls) >= 3 or calls.append(1))  # False, False, False, then True
    result = cn.train(net, x, y, optimizer=opt, batch_size=20, steps=200_000, report_every=200_000)
    assert result.stopped and 0 < result.steps < 200_000 and opt.t == result.steps
    assert result.history[-1] == (result.steps, result.cost)


@pytest.mark.parametrize("use_async", [False, True])
def test_a_stop_check_that_says_stop_at_the_first_report_trains_nothing(use_async):
    net, x, y, opt = setup()
    before = weights(net)
    cn.set_stop_check(lambda: True)
    kwargs = dict(optimizer=opt, batch_size=20, steps=100, report_every=10)
    result = asyncio.run(cn.train_async(net, x, y, **kwargs)) if use_async else cn.train(net, x, y, **kwargs)
    assert result.stopped and result.steps == 0 and opt.t == 0
    for a, b in zip(before, weights(net)):
        np.testing.assert_array_equal(a, b)


def test_removing_the_stop_check_lets_training_finish():
    cn.set_stop_check(lambda: True)
    cn.set_stop_check(None)
    net, x, y, opt = setup()
    assert not cn.train(net, x, y, optimizer=opt, batch_size=20, steps=30, report_every=10).stopped


@pytest.mark.parametrize("check, named", [(5, "got 5"), ("stop", "got 'stop'")])
def test_set_stop_check_refuses_what_it_cannot_call(check, named):
    with pytest.raises(TypeError, match=f"stop check must be callable.*{named}"):
        cn.set_stop_check(check)


def test_a_stop_check_returning_a_non_bool_is_a_type_error_naming_it():
    cn.set_stop_check(lambda: "yes")
    net, x, y, opt = setup()
    with pytest.raises(TypeError, match="stop check must return True .*got 'yes'"):
        cn.train(net, x, y, optimizer=opt, batch_size=20, steps=30, report_every=10)


def run_with_callback(callback, use_async):
    net, x, y, opt = setup()
    kwargs = dict(optimizer=opt, batch_size=20, steps=30, report_every=10, callback=callback)
    return asyncio.run(cn.train_async(net, x, y, **kwargs)) if use_async else cn.train(net, x, y, **kwargs)


@pytest.mark.parametrize("use_async", [False, True])
@pytest.mark.parametrize("answer", [1, "stop", 0, [], 0.5])
def test_a_callback_answer_other_than_true_false_none_is_a_type_error_naming_it(answer, use_async):
    with pytest.raises(TypeError, match=f"callback must return True \\(stop\\), False or None \\(continue\\), "
                                        f"got {answer!r}".replace("[", "\\[").replace("]", "\\]")):
        run_with_callback(lambda p: answer, use_async)


@pytest.mark.parametrize("use_async", [False, True])
@pytest.mark.parametrize("answer, stops", [(True, True), (np.True_, True), (False, False), (None, False),
                                           (np.False_, False)])
def test_true_stops_and_false_or_none_continue(answer, stops, use_async):
    result = run_with_callback(lambda p: answer if p.step == 10 else None, use_async)
    assert result.stopped == stops and result.steps == (10 if stops else 30)


@pytest.mark.filterwarnings("error")  # and the unawaited coroutine is closed: no "never awaited" warning
def test_the_synchronous_train_refuses_an_async_callback_with_a_hint():
    async def callback(progress):
        return None

    with pytest.raises(TypeError, match=r"callback returned an awaitable .*await cn.train_async"):
        run_with_callback(callback, use_async=False)


@pytest.mark.parametrize("async_def", [False, True])
def test_an_awaited_callback_pauses_and_resumes_to_bit_identical_weights(async_def):
    """A pause at step 1,000 awaited inside the callback, with predictions made while paused (as the playground's
    probe does), ends with the same weights and cost curve as an uninterrupted run."""
    net_ref, x, y, opt_ref = setup(seed=6)
    reference = asyncio.run(cn.train_async(net_ref, x, y, optimizer=opt_ref, batch_size=20, steps=2000,
                                           report_every=100, seed=3))

    net, x, y, opt = setup(seed=6)
    seen_while_paused = []

    async def scenario():
        resume = asyncio.get_running_loop().create_future()

        def pause_at_1000(progress):
            return resume if progress.step == 1000 else None  # a Future: an awaitable, not a coroutine

        async def pause_at_1000_async(progress):
            return await resume if progress.step == 1000 else None

        async def user_while_paused():
            while not resume.done():
                await asyncio.sleep(0.01)
                if opt.t == 1000:
                    seen_while_paused.append(net.predict(cn.random_colours(7, len(seen_while_paused))))
                if len(seen_while_paused) == 5:
                    resume.set_result(None)

        other = asyncio.create_task(user_while_paused())
        result = await cn.train_async(net, x, y, optimizer=opt, batch_size=20, steps=2000, report_every=100,
                                      callback=pause_at_1000_async if async_def else pause_at_1000, seed=3)
        await other
        return result

    result = asyncio.run(scenario())
    assert len(seen_while_paused) == 5  # it really was paused at step 1,000 for five looks
    assert not result.stopped and result.history == reference.history
    for a, b in zip(weights(net_ref), weights(net)):
        np.testing.assert_array_equal(a, b)


def test_training_diverged_names_the_update_that_made_the_cost_non_finite():
    def diverged_step(report_every):
        net = cn.Network.from_sizes([3, 16, 3], seed=0)
        x = cn.random_colours(200, 0)
        with pytest.raises(cn.TrainingDiverged) as info, warnings.catch_warnings():
            warnings.simplefilter("error")  # overflow inside training must not leak RuntimeWarnings
            cn.train(net, x, cn.complement(x), optimizer=cn.SGD(net.parameters(), lr=50.0), batch_size=10,
                     steps=500, report_every=report_every)
        return info.value.step

    every_step = diverged_step(1)  # every cost is reported, so the first non-finite one is the diverged step
    assert every_step % 100 != 0  # (so a report at step 100 or 200 could not name it by chance)
    assert diverged_step(100) == every_step and diverged_step(7) == every_step
