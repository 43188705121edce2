"""Where the live views' cost goes, in CPU time rather than throughput (which load from elsewhere swings by tens of
points on a shared machine): Chromium's trace of a views-on and a views-off run of the default script (set to
page.VIEWS_STEPS steps, on a fresh page each, pressed once the page's warm-up is over, the order alternating round by
round), summed per thread: the Python worker, the page's main thread, the renderer's compositor, the GPU process
(software raster and display compositing) and V8's background compilers. Each build's "views" figure is the CPU the
views add, per training step, as a share of the worker's CPU per step with them off: what they take from training
when the CPU is the limit.

    PYTHONPATH=pylib .venv/bin/python -m bench.views_cpu [SITE ...] [--rounds N]   # default: this checkout's site/

With ``--image`` each round runs the views on twice, without an image and with docs/screenshot.png (or
``--image-file``) loaded (its four image views too), and off, with the image (order rotating round by round):
"image_pct" = the CPU the image adds per step ÷ the worker's CPU per step with the views off, per thread too
(in the JSON; confounded by throughput: the
views come per second, not per step); printed per round, the worker's own time per update with the image views and
without them in the same run (the updates' `ms` and `msPass`), and the page's CPU (main thread, compositor, GPU
process) in the WINDOW_MS after each kind of update reaches the page, also in that run.
"""
import argparse
import base64
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
from .image_views import IMAGE, clear_data, keep_image

GROUPS = {"worker": ("Renderer", "DedicatedWorker thread"), "main": ("Renderer", "CrRendererMain"),
          "compositor": ("Renderer", "Compositor"), "gpu": ("GPU Process", None)}
TASKS = ("RunTask", "ThreadControllerImpl::RunTask", "TaskGraphRunner::RunTask")
WINDOW_MS = 150  # the page's drawing of an update: its message task, the neuron graph's task, the next frames


def traced_run(driver, url, script, label):
    """One whole run of ``script`` on a fresh page (after its warm-up) between two performance marks."""
    browser = SeleniumBrowser()  # bench/browsers' call() over this traced driver
    browser.driver = driver
    driver.set_script_timeout(300)
    page.open_page(browser, url)
    page.wait_for_warm_up(browser)
    return browser.call("""
        const updates = [];
        const label = arguments[1];
        const off = window.colornetRuntime.on("insight", (d) => {
          updates.push([d.ms, !!d.image, d.msPass ?? null]);
          performance.mark(`${label}-update-${d.image ? "image" : "plain"}`);
        });
        window.playground.setCode(arguments[0]);
        performance.mark(arguments[1] + "-start");
        const result = await window.playground.run();
        performance.mark(arguments[1] + "-end");
        off();
        return { ok: !!(result && result.ok), step: window.playground.state().step, updates };""", script, label)


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


def cpu_after_updates(trace, label, window_ms=WINDOW_MS):
    """{"image" | "plain": {group: median CPU ms of the tasks running within window_ms after an update of that kind
    arrived on the page}} for the run ``label`` (its updates marked by traced_run): the page's cost of drawing
    an update with the image views and of one without, under the same load."""
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in trace if e.get("name") == "thread_name"}
    processes = {e["pid"]: e["args"]["name"] for e in trace if e.get("name") == "process_name"}
    tasks = [(e["ts"], e["ts"] + e.get("dur", 0), e.get("tdur", 0) / 1000, processes.get(e["pid"]),
              names.get((e["pid"], e["tid"])))
             for e in trace if e.get("ph") == "X" and e.get("name") in TASKS]
    out = {}
    for kind in ("image", "plain"):
        starts = sorted(e["ts"] for e in trace if e.get("name") == f"{label}-update-{kind}")
        sums = []
        for t0 in starts:
            cpu = collections.Counter()
            for ts, end, ms, process, thread in tasks:
                if ts < t0 + window_ms * 1000 and end > t0:  # the message's own task too (it marked the update)
                    for group, (p, t) in GROUPS.items():
                        if group != "worker" and process == p and t in (None, thread):
                            cpu[group] += ms
            sums.append(cpu)
        out[kind] = {g: statistics.median(c[g] for c in sums) if sums else None for g in GROUPS if g != "worker"}
    return out


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


def measure_image(url, rounds, steps, image=IMAGE):
    """Per round, in one traced Chromium: the views on without an image ("plain"), on with docs/screenshot.png
    loaded ("image") and off with it ("off"), the order rotating round by round. Per round: CPU ms per step by
    thread for each, the image's added CPU as a share of the worker's CPU per step with the views off (whole and by
    thread), and the worker ms of the updates with and without the image views."""
    data = base64.b64encode(image.read_bytes()).decode()
    plain = Chromium()
    try:
        script = page.with_steps(page.default_script(plain, url), steps)
    finally:
        plain.quit()
    out, kinds = [], ("plain", "image", "off")
    for k in range(rounds):
        order = kinds[k % 3:] + kinds[:k % 3]
        driver = traced_chromium()
        try:
            browser = SeleniumBrowser()
            browser.driver = driver
            driver.set_script_timeout(300)
            runs, loaded = {}, None
            for kind in order:
                if (kind != "plain") != loaded:
                    loaded = kind != "plain"
                    keep_image(browser, url, image.name, data) if loaded else clear_data(browser, url)
                runs[kind] = traced_run(driver, url, script if kind != "off" else page.VIEWS_OFF + script, kind)
            trace = collected_trace(driver, [w + edge for w in order for edge in ("-start", "-end")])
            clear_data(browser, url)
        finally:
            driver.quit()
        per_step = {w: {g: ms / runs[w]["step"] for g, ms in cpu_by_group(trace, w).items()} for w in order}
        off_worker = per_step["off"]["worker"]
        added = {g: 100 * (per_step["image"].get(g, 0) - per_step["plain"].get(g, 0)) / off_worker
                 for g in (*GROUPS, "compiler")}
        image_run = [u for u in runs["image"]["updates"] if u[0] is not None]
        with_image = [u[0] for u in image_run if u[1]]
        without = [u[0] for u in image_run if not u[1]]
        pass_ms = [statistics.median(u[2] for u in image_run if u[1] == kind) for kind in (True, False)]
        after = cpu_after_updates(trace, "image")
        row = {"per_step": per_step, "image_pct": sum(added.values()), "image_pct_by_thread": added,
               "views_pct": 100 * (sum(per_step["plain"].values()) - sum(per_step["off"].values())) / off_worker,
               "worker_ms_image_updates": statistics.median(with_image),
               "worker_ms_other_updates": statistics.median(without), "pass_ms_image_updates": pass_ms[0],
               "pass_ms_other_updates": pass_ms[1], "page_ms_after_updates": after, "image_updates": len(with_image),
               "load": os.getloadavg()[0]}
        out.append(row)
        page_ms = ", ".join(f"{g} {after['image'][g]:.1f} / {after['plain'][g]:.1f}" for g in after["image"])
        print(f"round {k + 1}/{rounds}: worker ms per update with the image views {row['worker_ms_image_updates']:.1f}"
              f", without {row['worker_ms_other_updates']:.1f} (same run, {len(with_image)} + {len(without)} "
              f"updates; the shared pass {pass_ms[0]:.1f} / {pass_ms[1]:.1f}); page CPU ms in the {WINDOW_MS} ms "
              f"after an update with / without them: {page_ms}; load {row['load']:.1f}", flush=True)
    return out


def main():
    parser = argparse.ArgumentParser(prog="python -m bench.views_cpu", description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="*", type=Path, default=[ROOT / "site"], help="built site/ folders")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--steps", type=int, default=page.VIEWS_STEPS)
    parser.add_argument("--image", action="store_true", help="the image views' own CPU (see above)")
    parser.add_argument("--image-file", type=Path, default=IMAGE, help="with --image: the image (default: %(default)s)")
    args = parser.parse_args()
    urls = [(site.resolve() / "index.html").as_uri() for site in args.sites]
    if args.image:
        for url in urls:
            runs = measure_image(url, args.rounds, args.steps, args.image_file)
            print(json.dumps({"url": url, "steps": args.steps, "image_pct_median": statistics.median(
                r["image_pct"] for r in runs), "runs": runs}, indent=1))
        return
    result = measure(urls, args.rounds, args.steps)
    summary = {url: {"views_pct_median": statistics.median(r["views_pct"] for r in runs),
                     "views_pct_range": [min(r["views_pct"] for r in runs), max(r["views_pct"] for r in runs)],
                     "load": [min(r["load"] for r in runs), max(r["load"] for r in runs)]}
               for url, runs in result.items()}
    print(json.dumps({"steps": args.steps, "rounds": args.rounds, "summary": summary, "runs": result}, indent=1))


if __name__ == "__main__":
    main()
