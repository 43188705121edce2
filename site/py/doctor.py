"""The training doctor: dead output channels, divergence, plateau and oscillation, from the reported costs, regular
evaluations on the fixed sample and the model's outputs for it."""
import math

import numpy as np

import colornet as cn
from colour_grid import sample

# Doctor thresholds, tuned on CPython runs of the presets and of provoked failures (tests/unit/test_insight.py).
EVAL_EVERY = 100  # steps between evaluations of the model on EVAL_SIZE colours of the fixed sample
EVAL_SIZE = 128  # (~2 % of the training time: a 128-row forward pass every 100 steps)
RISE_FACTOR = 10.0  # smoothed cost this many times the initial cost: diverging
RISE_EVALS = 6  # ... or the evaluated cost rising this many evaluations in a row, by RISE_TOTAL overall
RISE_TOTAL = 3.0
SMOOTH = 5  # reports in the moving average of the cost
PLATEAU_SHARE = 0.3  # plateau: over the last 30 % of the steps ...
PLATEAU_SPREAD = 0.05  # ... the evaluated cost stayed within 5 % and found no new best, while ΔE00 > 1
PLATEAU_MIN_EVALS = 10  # and the run has been evaluated at least this often
SWING_WINDOW = 80  # oscillation: over the last 80 reports ...
SWING_MEAN_UP = 0.33  # ... the cost's mean upward log-step per report (default preset: at most 0.29; SGD lr >= 0.3: 0.38)


def _smooth(costs, n=SMOOTH):
    c = np.asarray(costs, dtype=float)
    if len(c) < n:
        return c
    return np.convolve(c, np.ones(n) / n, mode="valid")


def evaluate(net, target_values=None):
    """MSE of ``net`` on the first EVAL_SIZE colours of the fixed sample (against the complement by default)."""
    x = sample()[:EVAL_SIZE]
    goal = cn.complement(x) if target_values is None else target_values
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.mean((np.asarray(net.predict(x), dtype=float) - goal) ** 2))


def diagnose(costs, evals=(), outputs=None, mean_delta_e=None, diverged=None, lr=None):
    """The doctor's findings: a list of {code, message, fixes}.

    costs: the reported costs (one per report, from step 0); evals: [(step, mse)] from `evaluate` every EVAL_EVERY
    steps; outputs: the model's outputs for the fixed sample (SAMPLE_SIZE × 3) or None; mean_delta_e: mean ΔE00
    over that sample; diverged: the TrainingDiverged the run ended with, or None; lr: the current learning rate.
    """
    found = []
    c = np.asarray([np.nan if v is None else v for v in costs], dtype=float)
    lr_text = f" ({lr:g})" if lr else ""
    # Dead output channels: one output is the same for every colour of the sample.
    if outputs is not None and len(outputs):
        out = np.asarray(outputs, dtype=float)
        stuck = [k for k in range(out.shape[1]) if np.isfinite(out[:, k]).all() and np.ptp(out[:, k]) < 1e-9]
        if stuck:
            names = ", ".join(f"{'RGB'[k] if out.shape[1] == 3 else k} (always {out[0, k]:.3g})" for k in stuck)
            found.append({"code": "dead-output", "message": (
                f"Dead output channel{'s' if len(stuck) > 1 else ''}: {names} for all {len(out)} sample colours. "
                "A unit whose input is negative for every colour passes no gradient through a ReLU and never "
                "recovers."), "fixes": ["linear-output", "next-seed"]})
    # Divergence: a NaN/inf cost, a cost far above where it started, or a steadily rising one.
    finite = c[np.isfinite(c)]
    ev = np.asarray([m for _, m in evals], dtype=float)
    if diverged is not None:
        found.append({"code": "diverged", "message": (
            f"Diverged: the cost became {diverged.cost} at step {diverged.step} with learning rate {diverged.lr:g}. "
            "The steps are too big."), "fixes": ["lower-lr"]})
    elif len(c) and not np.isfinite(c[-1]):
        found.append({"code": "diverged", "message": "Diverged: the cost is not a finite number.",
                      "fixes": ["lower-lr"]})
    elif len(finite) > SMOOTH:
        smooth = _smooth(finite)
        tail = ev[-(RISE_EVALS + 1):]
        rising = (len(tail) == RISE_EVALS + 1 and np.all(np.isfinite(tail)) and np.all(np.diff(tail) > 0)
                  and tail[-1] >= RISE_TOTAL * tail[0])
        if smooth[-1] >= RISE_FACTOR * finite[0] or rising:
            found.append({"code": "diverged", "message": (
                f"Diverging: the cost is {finite[-1]:.3g}, up from {finite[0]:.3g} at the start. The learning "
                f"rate{lr_text} is too high for this network."), "fixes": ["lower-lr"]})
    if any(f["code"] == "diverged" for f in found):
        return found
    # Plateau: over the last 30 % of the steps the evaluated cost is flat and no better than before, ΔE00 > 1.
    if len(ev) >= PLATEAU_MIN_EVALS and np.isfinite(ev).all() and (mean_delta_e is None or mean_delta_e > 1.0):
        steps = np.asarray([s for s, _ in evals], dtype=float)
        late = steps >= steps[-1] * (1 - PLATEAU_SHARE)
        window, before = ev[late], ev[~late]
        if len(window) >= 2 and len(before) and window.max() <= window.min() * (1 + PLATEAU_SPREAD) \
                and window.min() >= before.min() * (1 - PLATEAU_SPREAD):
            de = "" if mean_delta_e is None else f" while ΔE00 is still {mean_delta_e:.1f}"
            found.append({"code": "plateau", "message": (
                f"Plateau: no improvement over the last {round(PLATEAU_SHARE * 100)} % of the steps{de}. "
                f"The learning rate{lr_text} may be too low."), "fixes": ["higher-lr", "adam"]})
    # Oscillation: large cost swings from report to report.
    window = finite[-(SWING_WINDOW + 1):]
    if len(window) == SWING_WINDOW + 1 and (window > 0).all():
        moves = np.diff(np.log(window))
        mean_up = float(np.mean(np.maximum(moves, 0.0)))
        if mean_up >= SWING_MEAN_UP:
            found.append({"code": "oscillation", "message": (
                f"Oscillation: the cost swings up and down between reports (on average it rises by "
                f"{math.expm1(2 * mean_up) * 100:.0f} % when it rises, over the last {SWING_WINDOW} reports). "
                "The steps overshoot."), "fixes": ["lower-lr", "bigger-batch"]})
    return found
