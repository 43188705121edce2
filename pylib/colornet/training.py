"""The training loop, as one generator that both ``train`` and ``train_async`` consume.

``training_steps`` runs mini-batch steps and yields a ``Progress`` every
``report_every`` steps, at step 0 (the real cost before any update) and at the
last step. The cost reported at step s is the model's loss after s updates, on the
batch that update s+1 then trains on, so reporting never skips a batch and the
result does not depend on ``report_every``. ``train`` drives it to the
end; ``train_async`` does the same but awaits ``asyncio.sleep(0)`` after every
report, so a browser worker can handle messages (such as "stop") between reports.
A callback that returns True stops training cleanly and keeps the model.
"""
import asyncio
import math
import time
from dataclasses import dataclass, field

import numpy as np

from .batches import ShuffledBatches
from .losses import MeanSquaredError
from .network import Network
from .optimizers import Adam


class TrainingDiverged(ArithmeticError):
    """The cost became NaN or infinite; carries ``step``, ``lr`` and ``cost``."""

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
    samples_per_s: float  # rows processed per second of training time since the previous report
    elapsed: float  # wall-clock seconds since training started
    lr: float
    network: object = field(repr=False)


@dataclass
class TrainResult:
    """What training did: steps run, the last reported cost, whether a callback stopped it, all reports."""

    steps: int
    cost: float
    stopped: bool
    history: list  # [(step, cost), ...] for every report


def _check_count(name, value, minimum):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def training_steps(net, x, y, loss=None, optimizer=None, batch_size=25, steps=1000, report_every=100, seed=0):
    """Train ``net`` on ``(x, y)`` and yield a ``Progress`` at each report. Closing the generator stops training.

    ``loss`` defaults to MeanSquaredError, ``optimizer`` to Adam(lr=0.001) over the
    network's parameters; ``seed`` seeds the batch shuffling.
    """
    steps = _check_count("steps", steps, 0)
    report_every = _check_count("report_every", report_every, 1)
    loss = MeanSquaredError() if loss is None else loss
    optimizer = Adam(net.parameters()) if optimizer is None else optimizer
    dtype = getattr(net, "dtype", np.float64)
    batches = ShuffledBatches(np.asarray(x, dtype=dtype), np.asarray(y, dtype=dtype), batch_size, seed)
    if isinstance(net, Network):  # training never uses the gradient of the input
        def backward(grad_y):
            net.backward(grad_y, input_grad=False)
    else:
        backward = net.backward

    xb, yb = batches.next_batch()
    start = chunk_start = time.perf_counter()
    step = chunk_first_step = 0
    speed = 0.0
    while True:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            cost = float(loss.loss(net.forward(xb), yb))  # after `step` updates, on the next batch to train on
        now = time.perf_counter()
        if not math.isfinite(cost):
            raise TrainingDiverged(step, optimizer.lr, cost)
        if step > chunk_first_step and now > chunk_start:  # a coarse clock can tick zero times in a chunk
            speed = (step - chunk_first_step) * batches.batch_size / (now - chunk_start)
        yield Progress(step, batches.epoch, cost, speed, now - start, optimizer.lr, net)
        if step >= steps:
            return
        chunk_start, chunk_first_step = time.perf_counter(), step  # time spent in the callback is not training
        next_report = min(steps, step + report_every)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            while step < next_report:
                pred = net.forward(xb)  # (first step of a chunk: redone, the callback may have used the network)
                optimizer.zero_grad()
                backward(loss.grad(pred, yb))
                optimizer.step()
                step += 1
                xb, yb = batches.next_batch()


def _finish(history, stopped):
    last_step, last_cost = history[-1]
    return TrainResult(steps=last_step, cost=last_cost, stopped=stopped, history=history)


def _reports(net, x, y, loss, optimizer, batch_size, steps, report_every, callback, seed):
    """Check the callback, then start the ``training_steps`` generator (shared by train and train_async)."""
    if callback is not None and not callable(callback):
        raise ValueError(f"callback must be callable(progress) or None, got {callback!r}")
    return training_steps(net, x, y, loss, optimizer, batch_size, steps, report_every, seed)


def train(net, x, y, loss=None, optimizer=None, batch_size=25, steps=1000, report_every=100, callback=None,
          seed=0):
    """Train to the end (or until ``callback(progress)`` returns True) and return a ``TrainResult``."""
    history, reports = [], _reports(net, x, y, loss, optimizer, batch_size, steps, report_every, callback, seed)
    for progress in reports:
        history.append((progress.step, progress.cost))
        if callback is not None and callback(progress):
            reports.close()
            return _finish(history, stopped=True)
    return _finish(history, stopped=False)


async def train_async(net, x, y, loss=None, optimizer=None, batch_size=25, steps=1000, report_every=100,
                      callback=None, seed=0):
    """Like ``train``, but yields to the event loop after each report; the callback may be async."""
    history, reports = [], _reports(net, x, y, loss, optimizer, batch_size, steps, report_every, callback, seed)
    for progress in reports:
        history.append((progress.step, progress.cost))
        answer = callback(progress) if callback is not None else None
        if asyncio.iscoroutine(answer):
            answer = await answer
        if answer:
            reports.close()
            return _finish(history, stopped=True)
        await asyncio.sleep(0)
    return _finish(history, stopped=False)
