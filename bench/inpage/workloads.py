"""The colornet workloads of the benchmark, run unchanged on native CPython and inside the page's Pyodide worker.

bench/throughput.py imports this module natively, and bench/editor.py loads it whole into the page for the browser
runs, so both sides execute the very same Python. Every time is taken with time.perf_counter inside Python, so
nothing of the page's RPC is counted.

- `throughput`: the talk's net 3->64->32->16->3 (ReLU hidden, linear output, He init), the seed's data (10,000
  random colours and their complements), MSE, plain SGD lr 0.042, trained through colornet's own loop
  (`cn.train`, a progress report every 100 steps) for a warm-up and then a timed window.
- `QualityWatch`: wraps the progress callback of an unchanged training script (the page's `default` script) and
  times it until the held-out mean dE00 (2,000 colours, colornet's metrics) first reaches the goal. The time
  spent checking is excluded from the figure; the script's own reporting (chart, swatches) is not.
"""
import time

import colornet as cn

SIZES = [3, 64, 32, 16, 3]
LR = 0.042
N_COLOURS = 10_000
REPORT_EVERY = 100
ENDLESS = 10**9  # steps for a run that a callback ends


def dataset(seed=0):
    """The seed's training data: random colours (0-255 channels, normalised) and their complements."""
    x = cn.random_colours(N_COLOURS, seed)
    return x, cn.complement(x)


def throughput(batch_size, warmup_s=0.5, window_s=2.0, seed=0, dtype="float64"):
    """SGD steps per second of colornet's training loop over one timed window, after a warm-up."""
    x, y = dataset(seed)
    net = cn.Network.from_sizes(SIZES, hidden="relu", output="linear", seed=seed, dtype=dtype)
    optimizer = cn.SGD(net.parameters(), lr=LR)

    def train_for(seconds):
        start = time.perf_counter()
        result = cn.train(net, x, y, loss=cn.MeanSquaredError(), optimizer=optimizer, batch_size=batch_size,
                          steps=ENDLESS, report_every=REPORT_EVERY, seed=seed,
                          callback=lambda progress: time.perf_counter() - start >= seconds)
        return result, time.perf_counter() - start

    train_for(warmup_s)
    result, seconds = train_for(window_s)
    return {"batch_size": batch_size, "dtype": dtype, "steps": result.steps, "seconds": seconds,
            "steps_per_s": result.steps / seconds, "samples_per_s": result.steps * batch_size / seconds,
            "cost": result.cost}


class QualityWatch:
    """A progress callback wrapper that times training until the held-out mean dE00 first reaches `goal`.

    Every `every` steps it scores the network with colornet's `evaluate` (2,000 held-out colours); the time spent
    scoring is excluded from `seconds`. Reaching the goal stops training (the callback returns True). `report`,
    the wrapped callback, is called first with every progress report (in the page: the playground's reporter).
    """

    def __init__(self, report=None, goal=1.0, every=100):
        self.report, self.goal, self.every = report, goal, every
        self.started_epoch_ms = time.time() * 1000  # wall clock, to line up with the page's click time
        self.start = time.perf_counter()
        self.checking = 0.0
        self.reached = None
        self.last = None

    def __call__(self, progress):
        stop = self.report(progress) if self.report is not None else False
        if progress.step % self.every == 0:
            check_start = time.perf_counter()
            delta_e = cn.evaluate(progress.network)["delta_e_mean"]
            self.checking += time.perf_counter() - check_start
            self.last = (progress.step, delta_e)
            if delta_e <= self.goal and self.reached is None:
                self.reached = {"step": progress.step, "delta_e_mean": delta_e,
                                "seconds": time.perf_counter() - self.start - self.checking}
                return True
        return stop

    def result(self):
        return {"goal": self.goal, "reached": self.reached is not None, **(self.reached or {}),
                "last_step": self.last and self.last[0], "last_delta_e_mean": self.last and self.last[1],
                "checking_seconds": self.checking, "started_epoch_ms": self.started_epoch_ms}


class WatchedPlayground:
    """Stands in for the page's `playground` object with `report` replaced by a QualityWatch around it."""

    def __init__(self, playground, watch):
        self._playground, self.report = playground, watch

    def __getattr__(self, name):
        return getattr(self._playground, name)

