"""Presets: named, complete training configurations (network, data, optimizer, steps).

``talk2018`` is the 2018 talk's network exactly: 3->64->32->16->3 with ReLU on every
layer *including the output*, SGD lr 0.042, 10,000 colours, batch 25, 1000 steps. A
ReLU output can only be >= 0 and its gradient is 0 wherever it outputs 0, so if early
updates push an output unit negative for (almost) all inputs, that colour channel
is stuck at 0 for good ("dead" output); on many seeds the net ends with one or two
dead channels (MSE 0.11-0.22). It is kept for history, not for quality.

``default`` uses a linear output (no dead channels), Adam, and a cosine learning-rate
decay to 0 that lets the last steps settle. Measured on this 2-core machine (CPython
3.11, NumPy 2.4, float64; held-out = 2,000 random colours, metrics.HELDOUT_SEED):

    seed  train s  mean dE00 held-out  mean dE00 Material  MAE/255
    0     0.32     0.226               0.327               0.53
    1     0.31     0.350               0.439               0.72
    2     0.30     0.250               0.332               0.58
    3     0.30     0.262               0.398               0.56
    4     0.33     0.290               0.304               0.61

(train s: `python -m colornet train --preset default --seed N --json` on a quiet machine, after
the flat-buffer speed-ups; up to 0.6 s when other work shares the 2 cores, where the code before
them took 0.85-1.4 s. Re-measured after reports stopped discarding a batch each (the figures moved
by a few hundredths, all still far below 1.0). Inside Pyodide under Node the 5,000 steps take
1.3-3.4 s, depending on load.)

Tried, Adam + cosine, 5,000 steps (worst seed's held-out / Material mean dE00):
lr 0.002: 0.56 / 0.71; 0.003: 0.41 / 0.66; 0.005: 0.33 / 0.58; 0.008: 0.35 / 0.41
(chosen); 0.012: 0.37 / 0.45. 3,000 steps at 0.008: 0.50 / 0.56; 8,000 steps at 0.003:
0.28 / 0.54 but ~1.8 s. 5,000 steps kept training near 1 s (0.3 s now) with a wide margin.
"""
import dataclasses
from dataclasses import dataclass

import numpy as np

from .colours import complement, random_colours
from .layers import activation, check_size
from .network import Network, check_dtype
from .optimizers import SGD, Adam, CosineDecay, StepDecay, check_positive, check_unit_interval
from .training import _check_count, train, train_async

OPTIMIZERS = ("sgd", "adam")
SCHEDULES = (None, "step", "cosine")


@dataclass(frozen=True)
class Preset:
    """A full training recipe; ``replace(...)`` gives a copy with some fields changed (and re-validated)."""

    name: str
    description: str
    layers: tuple  # hidden layer widths; input and output are 3
    hidden: str
    output: str
    optimizer: str
    lr: float
    n_colours: int
    batch_size: int
    steps: int
    momentum: float = 0.0
    schedule: str = None  # None, "step" (x0.85 every 42 steps) or "cosine" (to 0 over `steps`)
    dtype: str = "float64"
    report_every: int = 100

    def __post_init__(self):
        for i, width in enumerate(self.layers):
            check_size(f"hidden layer {i + 1} size", width)
        activation(self.hidden), activation(self.output)
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}, got {self.optimizer!r}")
        if self.schedule not in SCHEDULES:
            raise ValueError(f"schedule must be one of none, step, cosine, got {self.schedule!r}")
        check_positive("lr", self.lr)
        check_unit_interval("momentum", self.momentum)
        _check_count("number of colours", self.n_colours, 1)
        _check_count("batch_size", self.batch_size, 1)
        if self.batch_size > self.n_colours:
            raise ValueError(f"batch_size must not exceed the number of colours ({self.n_colours}), "
                             f"got {self.batch_size}")
        _check_count("steps", self.steps, 0)
        _check_count("report_every", self.report_every, 1)
        check_dtype(self.dtype)

    def replace(self, **changes):
        return dataclasses.replace(self, **changes)

    @property
    def sizes(self):
        return [3, *self.layers, 3]

    def build(self, seed=0):
        """Network, training inputs, targets and optimizer for ``seed`` (one Generator drives all three)."""
        rng = np.random.default_rng(seed)
        net = Network.from_sizes(self.sizes, hidden=self.hidden, output=self.output, rng=rng, dtype=self.dtype)
        x = random_colours(self.n_colours, rng)
        schedule = {None: None, "step": StepDecay(), "cosine": CosineDecay(max(self.steps, 1))}[self.schedule]
        if self.optimizer == "sgd":
            opt = SGD(net.parameters(), self.lr, momentum=self.momentum, schedule=schedule)
        else:
            opt = Adam(net.parameters(), self.lr, schedule=schedule)
        return net, x, complement(x), opt

    def _train_args(self, seed, callback):
        net, x, y, opt = self.build(seed)
        return net, dict(net=net, x=x, y=y, optimizer=opt, batch_size=self.batch_size, steps=self.steps,
                         report_every=self.report_every, callback=callback, seed=seed)

    def train(self, seed=0, callback=None):
        """Build and train; returns ``(network, TrainResult)``."""
        net, kwargs = self._train_args(seed, callback)
        return net, train(**kwargs)

    async def train_async(self, seed=0, callback=None):
        """``train`` for async code (yields to the event loop after each report)."""
        net, kwargs = self._train_args(seed, callback)
        return net, await train_async(**kwargs)


PRESETS = {
    "talk2018": Preset(
        name="talk2018",
        description="the 2018 talk's net exactly: ReLU on every layer incl. output, SGD 0.042, 1000 batches of 25",
        layers=(64, 32, 16), hidden="relu", output="relu", optimizer="sgd", lr=0.042,
        n_colours=10_000, batch_size=25, steps=1000),
    "default": Preset(
        name="default",
        description="linear output, Adam with cosine decay: mean dE00 < 1 on held-out and Material colours",
        layers=(64, 32, 16), hidden="relu", output="linear", optimizer="adam", lr=0.008, schedule="cosine",
        n_colours=10_000, batch_size=25, steps=5000),
}


def get_preset(name):
    """The preset called ``name`` (talk2018 or default)."""
    if name not in PRESETS:
        raise ValueError(f"preset must be one of {', '.join(PRESETS)}, got {name!r}")
    return PRESETS[name]
