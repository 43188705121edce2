"""The training loop: mini-batch steps, a report every ``report_every`` steps, and a way to stop.

One step: forward the batch, measure the cost, backpropagate, update, take the next batch.
The cost at step s is the model's loss after s updates, on the batch that update s+1 then
trains on; a report at step s shows it. Reports come at step 0 (the real cost before any
update), every ``report_every`` steps and at the last step; reporting never skips a batch, so
the result does not depend on ``report_every``.

The callback rule (``train`` and ``train_async``): ``callback(progress)`` returning ``True``
stops training cleanly and keeps the model; ``None`` or ``False`` continues; anything else
raises a TypeError naming the value (so a stray truthy value cannot stop a run silently).
In ``train_async`` the callback may return an awaitable (e.g. be ``async``): it is awaited
and its value follows the same rule. Training waits meanwhile, so an awaited "pause" keeps
the optimizer, the schedule and the batch order exactly as they were.

``train_async`` also yields to the event loop (``await asyncio.sleep(0)``) after each report
and at least every ``YIELD_INTERVAL_S`` seconds between reports, so a browser worker can
handle messages such as "stop" whatever ``report_every`` is. A stop check installed with
``set_stop_check(check)`` is consulted after each such yield (in ``train``: at the same
moments, without yielding) and at each report: ``check()`` returning True ends training at
that step exactly like a callback returning True (``TrainResult.stopped``, model kept).
"""
import asyncio
import inspect
import math
import time
from dataclasses import dataclass, field

import numpy as np

from .batches import ShuffledBatches
from .losses import MeanSquaredError
from .network import Network
from .optimizers import Adam
from .validate import check_count

YIELD_INTERVAL_S = 0.05  # longest wall time train_async runs between two yields to the event loop
# samples/s is measured over windows of training time long enough for a coarse clock (browsers tick every 0.1-1 ms,
# Firefox in whole ms: 625 samples in "5 ms" read 125,000/s): the first figure over >= RATE_FIRST_S (a 1 ms clock is
# then within ~1 %), each later one over the latest >= RATE_WINDOW_S; a shorter run gets one over all of it at its end.
RATE_FIRST_S = 0.1
RATE_WINDOW_S = 0.5

_stop_check = None  # the process-wide check installed by set_stop_check


class TrainingDiverged(ArithmeticError):
    """The cost became NaN or infinite; carries ``step`` (the update that made it so), ``lr`` and ``cost``."""

    def __init__(self, step, lr, cost):
        self.step, self.lr, self.cost = step, lr, cost
        super().__init__(f"training diverged at step {step}: cost is {cost} with learning rate {lr:g}; "
                         f"try a lower learning rate (e.g. {lr / 10:g})")


@dataclass
class Progress:
    """One report: the step count, epoch, cost, speed and the network being trained."""

    step: int
    epoch: int
    cost: float
    samples_per_s: float  # rows per second of training time over the latest RATE_WINDOW_S (0.0: not measured yet)
    elapsed: float  # wall-clock seconds since training started
    lr: float
    network: object = field(repr=False)


@dataclass
class TrainResult:
    """What training did: steps run, the last reported cost, whether it was stopped, all reports."""

    steps: int
    cost: float
    stopped: bool
    history: list  # [(step, cost), ...] for every report


def set_stop_check(check):
    """Install ``check() -> bool``, consulted by every training loop between steps (None removes it).

    It is process-wide: the browser playground installs one that reads its Stop button.
    """
    global _stop_check
    if check is not None and not callable(check):
        raise TypeError(f"stop check must be callable() -> bool or None, got {check!r}")
    _stop_check = check


def _says_stop(answer, who):
    """The callback rule: True stops, None/False continue, anything else is a TypeError naming it."""
    if answer is None or isinstance(answer, (bool, np.bool_)):
        return bool(answer)
    if inspect.isawaitable(answer):
        if inspect.iscoroutine(answer):
            answer.close()  # never awaited: close it quietly
        raise TypeError(f"{who} returned an awaitable ({answer!r}); an async {who} needs `await cn.train_async(...)`")
    raise TypeError(f"{who} must return True (stop), False or None (continue), got {answer!r}")


def _stop_requested():
    return _stop_check is not None and _says_stop(_stop_check(), "stop check")


class _Loop:
    """One training run's state: network, batches, optimizer, step counter, reports and clocks."""

    def __init__(self, net, x, y, loss, optimizer, batch_size, steps, report_every, seed):
        self.steps = check_count("steps", steps, 0)
        self.report_every = check_count("report_every", report_every, 1)
        self.net, self.loss = net, MeanSquaredError() if loss is None else loss
        self.optimizer = Adam(net.parameters()) if optimizer is None else optimizer
        dtype = getattr(net, "dtype", np.float64)
        self.batches = ShuffledBatches(np.asarray(x, dtype=dtype), np.asarray(y, dtype=dtype), batch_size, seed)
        if isinstance(net, Network):  # training never uses the gradient of the input
            self.backward = lambda grad_y: net.backward(grad_y, input_grad=False)
        else:
            self.backward = net.backward
        self.xb, self.yb = self.batches.next_batch()
        self.step, self.history = 0, []
        self.started = time.perf_counter()
        self.speed = 0.0  # samples/s: 0.0 until RATE_FIRST_S of training time has been measured
        self.train_time, self.train_steps = 0.0, 0  # training time and steps since the speed was last measured

    @property
    def finished(self):
        return self.step >= self.steps

    def _cost(self, pred):
        cost = float(self.loss.loss(pred, self.yb))
        if not math.isfinite(cost):
            raise TrainingDiverged(self.step, self.optimizer.lr, cost)
        return cost

    def report(self):
        """The ``Progress`` at the current step (also added to ``history``)."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            cost = self._cost(self.net.forward(self.xb))
        window = RATE_WINDOW_S if self.speed else RATE_FIRST_S
        # never over a few ticks of a coarse clock; a run that ends before its first figure gets one over all of it
        if self.train_steps and (self.train_time >= window or self.finished and not self.speed and self.train_time):
            self.speed = self.train_steps * self.batches.batch_size / self.train_time
            self.train_time, self.train_steps = 0.0, 0
        self.history.append((self.step, cost))
        return Progress(self.step, self.batches.epoch, cost, self.speed, time.perf_counter() - self.started,
                        self.optimizer.lr, self.net)

    def run(self, seconds=math.inf):
        """Train towards the next report for at most ``seconds``; True once the next report is due."""
        start = time.perf_counter()
        next_report = min(self.steps, (self.step // self.report_every + 1) * self.report_every)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            while self.step < next_report:
                pred = self.net.forward(self.xb)
                self._cost(pred)  # a NaN/inf cost names the update that produced it
                self.optimizer.zero_grad()
                self.backward(self.loss.grad(pred, self.yb))
                self.optimizer.step()
                self.step += 1
                self.train_steps += 1
                self.xb, self.yb = self.batches.next_batch()
                if time.perf_counter() - start >= seconds:
                    break
        self.train_time += time.perf_counter() - start
        return self.step >= next_report

    def result(self, stopped):
        last_step, last_cost = self.history[-1]
        return TrainResult(steps=last_step, cost=last_cost, stopped=stopped, history=self.history)


def _start(net, x, y, loss, optimizer, batch_size, steps, report_every, callback, seed):
    if callback is not None and not callable(callback):
        raise ValueError(f"callback must be callable(progress) or None, got {callback!r}")
    return _Loop(net, x, y, loss, optimizer, batch_size, steps, report_every, seed)


def training_steps(net, x, y, loss=None, optimizer=None, batch_size=25, steps=1000, report_every=100, seed=0):
    """Train ``net`` on ``(x, y)`` and yield a ``Progress`` at each report. Closing the generator stops training.

    ``loss`` defaults to MeanSquaredError, ``optimizer`` to Adam(lr=0.001) over the
    network's parameters; ``seed`` seeds the batch shuffling.
    """
    loop = _Loop(net, x, y, loss, optimizer, batch_size, steps, report_every, seed)
    while True:
        yield loop.report()
        if loop.finished:
            return
        loop.run()


def train(net, x, y, loss=None, optimizer=None, batch_size=25, steps=1000, report_every=100, callback=None,
          seed=0):
    """Train to the end, or until the callback or the stop check says stop; return a ``TrainResult``."""
    loop = _start(net, x, y, loss, optimizer, batch_size, steps, report_every, callback, seed)
    while True:
        progress = loop.report()
        if _says_stop(callback(progress) if callback else None, "callback") or _stop_requested():
            return loop.result(stopped=True)
        if loop.finished:
            return loop.result(stopped=False)
        while not loop.run(YIELD_INTERVAL_S):
            if _stop_requested():
                loop.report()  # the state it stopped in: step and real cost
                return loop.result(stopped=True)


async def train_async(net, x, y, loss=None, optimizer=None, batch_size=25, steps=1000, report_every=100,
                      callback=None, seed=0):
    """``train`` for async code: yields to the event loop at each report and every ``YIELD_INTERVAL_S``."""
    loop = _start(net, x, y, loss, optimizer, batch_size, steps, report_every, callback, seed)
    while True:
        progress = loop.report()
        answer = callback(progress) if callback else None
        if inspect.isawaitable(answer):
            answer = await answer
        if _says_stop(answer, "callback"):
            return loop.result(stopped=True)
        await asyncio.sleep(0)
        if _stop_requested():
            return loop.result(stopped=True)
        if loop.finished:
            return loop.result(stopped=False)
        while not loop.run(YIELD_INTERVAL_S):
            await asyncio.sleep(0)
            if _stop_requested():
                loop.report()
                return loop.result(stopped=True)
