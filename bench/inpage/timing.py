"""Microseconds per call, steady enough to compare two browsers whose page clocks are coarse (bench only).

Browsers coarsen `time.perf_counter` in the page (Chromium ticks every 0.1 ms, Firefox every 1 ms), so every loop
timed here runs at least 50 ticks and 10 ms; `best_of` keeps the lowest of several passes.
"""
import time

_tick_s = []  # the clock's tick, measured once (see clock_tick_us)


def clock_tick_us(samples=20):
    """The smallest nonzero step of time.perf_counter, µs (Chromium gives 100 µs, Firefox 1 ms in the page)."""
    ticks = []
    for _ in range(samples):
        a = b = time.perf_counter()
        while b == a:
            b = time.perf_counter()
        ticks.append(b - a)
    return min(ticks) * 1e6


def measured_tick_us():
    """The tick `per_call_us` has measured (measuring it now if it has not run yet), µs."""
    if not _tick_s:
        _tick_s.append(clock_tick_us() / 1e6)
    return _tick_s[0] * 1e6


def per_call_us(fn, seconds=0.04):
    """Mean microseconds of fn() over a loop of about `seconds` (minus the cost of an empty call).

    The loop lasts at least `seconds` / 4 and at least 50 ticks of the clock (Firefox's page ticks every 1 ms,
    Chromium's every 0.1 ms), so both browsers are timed to within ~2 %; the empty loop is the best of 3, so a
    stall during it cannot make a call look free."""
    def loop(f, n):
        start = time.perf_counter()
        for _ in range(n):
            f()
        return time.perf_counter() - start

    tick_s = measured_tick_us() / 1e6
    n = 64
    while loop(fn, n) < max(seconds / 4, 50 * tick_s):
        n *= 4
    empty = min(loop(lambda: None, n) for _ in range(3))
    return max(loop(fn, n) - empty, 0.0) / n * 1e6


def best_of(measure, passes=5):
    """The smallest µs of each entry over `passes` calls of measure() -> {name: µs}.

    On a shared machine other work can only slow a loop down, so the minimum is the steadiest estimate of
    what a call costs (as timeit reports). Run after training, so the wasm code is already optimised.
    """
    runs = [measure() for _ in range(passes)]
    return {name: min(run[name] for run in runs) for name in runs[0]}
