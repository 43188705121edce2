"""Where the live views' cost goes, in CPU time rather than throughput (which load from elsewhere swings by tens of
points on a shared machine): Chromium's trace of a views-on and a views-off run of the default script (set to
page.VIEWS_STEPS steps, on a fresh page each, pressed once the page's warm-up is over, the order alternating round by
round), summed per thread: the Python worker, the page's main thread, the renderer's compositor, the GPU process
(software raster and display compositing) and V8's background compilers. Each build's "views" figure is the CPU the
views add, per training step, as a share of the worker's CPU per step with them off: what they take from training
when the CPU is the limit.

    PYTHONPATH=pylib .venv/bin/python -m bench.views_cpu [SITE ...] [--rounds N]   # default: this checkout's site/
"""
import argparse
import collections
import json
import os
import statistics
import time
from pathlib import Path

from tools.paths import ROOT
from tools.trace_first_run import trace_events, traced_chromium

from . import page
from .browsers import Chromium, SeleniumBrowser

GROUPS = {"worker": ("Renderer", "DedicatedWorker thread"), "main": ("Renderer", "CrRendererMain"),
          "compositor": ("Renderer", "Compositor"), "gpu": ("GPU Process", None)}
TASKS = ("RunTask", "ThreadControllerImpl::RunTask", "TaskGraphRunner::RunTask")


def traced_run(driver, url, script, label):
    """One whole run of ``script`` on a fresh page (after its warm-up) between two performance marks."""
    browser = SeleniumBrowser()  # bench/browsers' call() over this traced driver
    browser.driver = driver
    driver.set_script_timeout(300)
    page.open_page(browser, url)
    page.wait_for_warm_up(browser)
    return browser.call("""
        window.playground.setCode(arguments[0]);
        performance.mark(arguments[1] + "-start");
        const result = await window.playground.run();
        performance.mark(arguments[1] + "-end");
        return { ok: !!(result && result.ok), step: window.playground.state().step };""", script, label)


def collected_trace(driver, marks, timeout_s=20):
    """The trace so far, once it holds every mark in ``marks`` (Chromium hands trace data over in chunks)."""
    trace, deadline = [], time.monotonic() + timeout_s
    while True:
        trace += trace_events(driver)
        missing = set(marks) - {e.get("name") for e in trace}
        if not missing:
            return trace
        if time.monotonic() > deadline:
            raise RuntimeError(f"the trace holds no {sorted(missing)} marks after {timeout_s} s")
        time.sleep(0.5)


def cpu_by_group(trace, label):
    """CPU ms per group between the label's marks: top-level tasks' thread time, and V8's wasm compilers."""
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in trace if e.get("name") == "thread_name"}
    processes = {e["pid"]: e["args"]["name"] for e in trace if e.get("name") == "process_name"}
    start = next(e["ts"] for e in trace if e.get("name") == label + "-start")
    end = next(e["ts"] for e in trace if e.get("name") == label + "-end")
    cpu = collections.Counter()
    for e in trace:
        if e.get("ph") != "X" or not start <= e["ts"] <= end:
            continue
        if e.get("name") == "wasm.TopTierCompilation":
            cpu["compiler"] += e.get("tdur", e.get("dur", 0)) / 1000
        elif e.get("name") in TASKS:
            process, thread = processes.get(e["pid"]), names.get((e["pid"], e["tid"]))
            for group, (p, t) in GROUPS.items():
                if process == p and t in (None, thread):
                    cpu[group] += e.get("tdur", 0) / 1000
    return dict(cpu)


def measure(urls, rounds, steps):
    out = {url: [] for url in urls}
    plain = Chromium()
    try:
        script = page.with_steps(page.default_script(plain, urls[0]), steps)
    finally:
        plain.quit()
    for k in range(rounds):
        for url in urls if k % 2 == 0 else urls[::-1]:
            driver = traced_chromium()
            try:
                order = ("on", "off") if k % 2 == 0 else ("off", "on")
                steps_done = {w: traced_run(driver, url, script if w == "on" else page.VIEWS_OFF + script, w)["step"]
                              for w in order}
                trace = collected_trace(driver, [w + edge for w in order for edge in ("-start", "-end")])
            finally:
                driver.quit()
            per_step = {w: {g: ms / steps_done[w] for g, ms in cpu_by_group(trace, w).items()} for w in order}
            added = sum(per_step["on"].values()) - sum(per_step["off"].values())
            out[url].append({"on": per_step["on"], "off": per_step["off"], "views_pct": 100 * added /
                             per_step["off"]["worker"], "load": os.getloadavg()[0]})
            print(f"round {k + 1}/{rounds} {url}: views {out[url][-1]['views_pct']:.1f} % of the worker's CPU; CPU "
                  "ms per 1,000 steps on / off: " + ", ".join(
                      f"{g} {1000 * per_step['on'].get(g, 0):.0f} / {1000 * per_step['off'].get(g, 0):.0f}"
                      for g in (*GROUPS, "compiler")) + f"; load {out[url][-1]['load']:.1f}", flush=True)
    return out


def main():
    parser = argparse.ArgumentParser(prog="python -m bench.views_cpu", description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="*", type=Path, default=[ROOT / "site"], help="built site/ folders")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--steps", type=int, default=page.VIEWS_STEPS)
    args = parser.parse_args()
    urls = [(site.resolve() / "index.html").as_uri() for site in args.sites]
    result = measure(urls, args.rounds, args.steps)
    summary = {url: {"views_pct_median": statistics.median(r["views_pct"] for r in runs),
                     "views_pct_range": [min(r["views_pct"] for r in runs), max(r["views_pct"] for r in runs)],
                     "load": [min(r["load"] for r in runs), max(r["load"] for r in runs)]}
               for url, runs in result.items()}
    print(json.dumps({"steps": args.steps, "rounds": args.rounds, "summary": summary, "runs": result}, indent=1))


if __name__ == "__main__":
    main()
