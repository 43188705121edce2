"""The live views' cost within runs (bench/inpage/views_toggle.py): the default script set to ``steps`` steps, on a
fresh page pressed once its warm-up is over, its reports switching the views (or only a loaded image's, or nothing)
every 1.2 s of training. One figure is a pair of runs whose counted phases come in opposite orders (off first, then
on first), pooled, so that where a phase falls in a run weighs on "on" and "off" alike."""
import os

from . import page
from .editor import run_in_page

TOGGLES = ("ViewsToggle", "ImageViewsToggle", "NoToggle")  # what a run switches: the views, the image's, nothing


def prelude(toggle, counted_first):
    """Put before the script: its reports then go through `toggle` (one of TOGGLES)."""
    if toggle not in TOGGLES:
        raise ValueError(f"toggle is {toggle!r}: it must be one of {', '.join(TOGGLES)}")
    return (f"from bench.inpage.views_toggle import {toggle}\n"
            f"playground = _views_toggle = {toggle}(playground, counted_first={counted_first!r})\n")


def toggled_run(browser, page_url, script, toggle, counted_first, steps=page.VIEWS_STEPS):
    """One run: {on, off (each {steps, seconds, phases, steps_per_s, report_share}), cost, counted_first, load}."""
    page.open_page(browser, page_url)
    page.wait_for_warm_up(browser)
    result = run_in_page(browser, "_views_toggle.result()",
                         prelude(toggle, counted_first) + page.with_steps(script, steps))
    result.pop("run_pressed_epoch_ms", None)
    if result["cost"] is None:
        raise RuntimeError(f"a toggled run had no whole phase on or off: {result}")
    return {**result, "counted_first": counted_first, "load": os.getloadavg()[0]}


def pooled(runs):
    """One figure from runs of both orders: each state's steps and seconds summed over the runs, cost = 1 − on/off
    steps/s; `runs` kept, `load` the highest of theirs."""
    out = {"runs": runs, "load": max(r["load"] for r in runs)}
    for state in ("on", "off"):
        steps, seconds = sum(r[state]["steps"] for r in runs), sum(r[state]["seconds"] for r in runs)
        out[state] = {"steps": steps, "seconds": seconds, "phases": sum(r[state]["phases"] for r in runs),
                      "steps_per_s": steps / seconds if seconds else None}
    on, off = out["on"]["steps_per_s"], out["off"]["steps_per_s"]
    out["cost"] = 1 - on / off if on and off else None
    return out


def views_cost(browser, page_url, script, reps, toggle="ViewsToggle", steps=page.VIEWS_STEPS):
    """``reps`` figures, each a pooled pair of runs (off counted first, then on counted first; the pair's order
    alternates from one figure to the next)."""
    figures = []
    for k in range(reps):
        orders = ("off", "on") if k % 2 == 0 else ("on", "off")
        figures.append(pooled([toggled_run(browser, page_url, script, toggle, first, steps) for first in orders]))
    return figures
