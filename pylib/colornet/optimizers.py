"""Optimizers: SGD (optional momentum and step decay) and Adam.

An optimizer holds the list of parameters it updates; ``step()`` applies one update
from the accumulated ``.grad`` arrays; ``lr`` is the learning rate in force for the
next step (after any schedule). Each NumPy call is costly inside Pyodide, so updates
are done in place with preallocated buffers, and parameters packed in a
``FlatParameters`` (a Network's Dense weights) are updated as one vector.
"""
import math

import numpy as np

from .live import LiveValue
from .params import group_parameters
from .validate import check_count, check_positive, check_unit_interval


class StepDecay:
    """Multiply the learning rate by ``factor`` every ``every`` steps (the 2018 demo: x0.85 every 42)."""

    def __init__(self, factor=0.85, every=42):
        if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not (0 < factor <= 1):
            raise ValueError(f"decay factor must be a number in (0, 1], got {factor!r}")
        self.factor, self.every = float(factor), check_count("decay interval 'every'", every, 1)

    def __call__(self, step):
        return self.factor ** (step // self.every)

    def __repr__(self):
        return f"StepDecay(factor={self.factor}, every={self.every})"


class CosineDecay:
    """Cosine curve from 1 down to ``final`` (a fraction of the base rate) over ``steps`` steps, then flat."""

    def __init__(self, steps, final=0.0):
        steps = check_count("cosine decay steps", steps, 1)
        if isinstance(final, bool) or not isinstance(final, (int, float)) or not (0 <= final <= 1):
            raise ValueError(f"cosine decay 'final' must be a number in [0, 1], got {final!r}")
        self.steps, self.final = steps, float(final)

    def __call__(self, step):
        progress = min(step, self.steps) / self.steps
        return self.final + (1 - self.final) * 0.5 * (1 + math.cos(math.pi * progress))

    def __repr__(self):
        return f"CosineDecay(steps={self.steps}, final={self.final})"


class Optimizer:
    """Shared parts: the parameter list, the step counter and the scheduled learning rate."""

    def __init__(self, params, lr, schedule=None):
        self.params = list(params)
        if not self.params:
            raise ValueError("optimizer got no parameters to update (is the network empty?)")
        for p in self.params:
            if not (hasattr(p, "value") and hasattr(p, "grad")):
                raise TypeError(f"optimizer parameters need .value and .grad arrays, got {p!r}")
        self.base_lr = lr
        if schedule is not None and not callable(schedule):
            raise ValueError(f"schedule must be None or callable(step) -> factor, got {schedule!r}")
        self.schedule = schedule
        self.t = 0  # updates applied so far
        self._flats, self._loose = group_parameters(self.params)
        self._flat_arrays = [(f.value, f.grad) for f in self._flats]  # packed views never change

    def _arrays(self):
        """``(value, grad)`` array pairs to update: one per flat buffer, then one per loose parameter.

        Loose parameters are read afresh each step, since a user layer may replace its arrays.
        """
        if not self._loose:
            return self._flat_arrays
        return self._flat_arrays + [(p.value, p.grad) for p in self._loose]

    @property
    def base_lr(self):
        """The rate before the schedule: a number, or ``float()`` of a LiveValue read now (once per step)."""
        return float(self._base_lr)

    @base_lr.setter
    def base_lr(self, lr):
        if isinstance(lr, LiveValue):
            self._base_lr = lr.require(lambda v: check_positive(f"live {lr.name} (the learning rate)", v))
        else:
            self._base_lr = check_positive("lr", lr)

    @property
    def lr(self):
        """Learning rate for the next step."""
        return self.base_lr * (self.schedule(self.t) if self.schedule else 1.0)

    def zero_grad(self):
        for _, grad in self._arrays():
            grad.fill(0.0)

    def step(self):
        raise NotImplementedError


class SGD(Optimizer):
    """Gradient descent, ``v = momentum v + grad; value -= lr v`` (plain SGD when momentum is 0)."""

    def __init__(self, params, lr, momentum=0.0, schedule=None):
        super().__init__(params, lr, schedule)
        self.momentum = check_unit_interval("momentum", momentum)
        arrays = self._arrays()
        self._velocity = [np.zeros_like(value) for value, _ in arrays] if self.momentum else None
        self._scratch = [np.empty_like(value) for value, _ in arrays]

    def step(self):
        lr = self.lr
        for i, (value, grad) in enumerate(self._arrays()):
            direction = grad
            if self._velocity is not None:
                direction = self._velocity[i]
                direction *= self.momentum
                direction += grad
            np.multiply(direction, lr, out=self._scratch[i])
            value -= self._scratch[i]
        self.t += 1

    def __repr__(self):
        return f"SGD(lr={self.base_lr}, momentum={self.momentum}, schedule={self.schedule!r})"


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015) with bias correction folded into the step size."""

    def __init__(self, params, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, schedule=None):
        super().__init__(params, lr, schedule)
        self.beta1 = check_unit_interval("beta1", beta1)
        self.beta2 = check_unit_interval("beta2", beta2)
        self.eps = check_positive("eps", eps)
        values = [value for value, _ in self._arrays()]
        self._m = [np.zeros_like(value) for value in values]
        self._v = [np.zeros_like(value) for value in values]
        self._scratch = [np.empty_like(value) for value in values]

    def step(self):
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        lr = self.base_lr * (self.schedule(self.t - 1) if self.schedule else 1.0)
        step_size = lr * math.sqrt(1 - b2 ** self.t) / (1 - b1 ** self.t)
        eps_hat = self.eps * math.sqrt(1 - b2 ** self.t)
        for (value, grad), m, v, tmp in zip(self._arrays(), self._m, self._v, self._scratch):
            m *= b1
            np.multiply(grad, 1 - b1, out=tmp)
            m += tmp
            v *= b2
            np.multiply(grad, grad, out=tmp)
            tmp *= 1 - b2
            v += tmp
            np.sqrt(v, out=tmp)
            tmp += eps_hat
            np.divide(m, tmp, out=tmp)
            tmp *= step_size
            value -= tmp

    def __repr__(self):
        return f"Adam(lr={self.base_lr}, beta1={self.beta1}, beta2={self.beta2}, schedule={self.schedule!r})"
