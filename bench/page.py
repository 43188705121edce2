"""Page-level figures of the playground in Chromium: cold start, time to quality, responsiveness, weight.

An observer script is installed with CDP before any page script runs (Page.addScriptToEvaluateOnNewDocument).
It records, in the page's own clock (ms since navigation start):
- `ready`: the status element first says "ready";
- `run` and `firstCost`: when the page is opened with `?bench=autorun`, Run is pressed the moment the page is
  ready, and `firstCost` is the first animation frame at which the chart holds a cost point;
- every main-thread long task (PerformanceObserver "longtask": tasks over 50 ms).
The page itself ignores the query string (its shared state lives in the hash).
"""
import ast
import asyncio
import contextlib
import io
import types
from pathlib import Path
from urllib.parse import unquote, urlparse

from . import workloads
from .throughput import WORKLOADS_SOURCE, run_in_page, wait_until_ready

OBSERVER = """
(() => {
  const autoRun = new URLSearchParams(location.search).get("bench") === "autorun";
  const bench = (window.__bench = { marks: {}, longTasks: [] });
  const mark = (name) => { if (!(name in bench.marks)) bench.marks[name] = performance.now(); };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (e) { bench.longTaskError = String(e); }
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="status"]');
    if (!el || el.dataset.status !== "ready" || "ready" in bench.marks) return;
    mark("ready");
    if (!autoRun || !window.playground) return;
    mark("run");
    window.playground.run();
    const watch = () => {
      if (window.playground.state().chartPoints > 0) mark("firstCost");
      else requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-status"] });
})();
"""

# Lines put before the page's default script so its `playground.report` goes through a QualityWatch.
WATCH_PRELUDE = """
_watch = QualityWatch(playground.report)
playground = WatchedPlayground(playground, _watch)
"""


def install_observer(browser):
    """Runs OBSERVER at the start of every document this Chromium opens from now on."""
    browser.driver.execute_cdp_cmd("Page.enable", {})
    browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OBSERVER})


def open_page(browser, page_url, query=""):
    """A fresh navigation to the page (through about:blank), waiting until it is ready unless it autoruns."""
    browser.open("about:blank")
    browser.open(page_url + query)
    if not query:
        wait_until_ready(browser)


def cold_starts(browser, page_url, reps):
    """Page open → ready and page open → first cost point (Run pressed at ready), ms since navigation start.

    The editor holds the default script: localStorage is cleared first, so no saved code is restored.
    """
    open_page(browser, page_url)
    browser.call("localStorage.clear(); return null;")
    runs = []
    for _ in range(reps):
        open_page(browser, page_url, "?bench=autorun")
        bench = browser.call("""
            const deadline = performance.now() + 60000;
            while (!("firstCost" in window.__bench.marks)) {
              if (performance.now() > deadline) throw new Error("no cost point on the chart within 60 s");
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
            while (window.playground.state().status === "training") {
              window.playground.stop();
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
            localStorage.clear();
            const boot = window.colornetBoot && window.colornetBoot.info;  // the runtime's own breakdown
            return { ...window.__bench, timings: boot ? boot.timings || null : null };""")
        marks = bench["marks"]
        runs.append({"ready_ms": marks["ready"], "first_cost_ms": marks["firstCost"], "run_pressed_ms": marks["run"],
                     "longest_boot_task_ms": max((t["duration"] for t in bench["longTasks"]
                                                  if t["start"] < marks["ready"]), default=0.0),
                     "runtime_timings": bench["timings"]})
    return runs


def default_script(browser, page_url):
    """The page's own default training script, as the editor holds it on a fresh load (nothing saved)."""
    open_page(browser, page_url)
    browser.call("localStorage.clear(); return null;")
    open_page(browser, page_url)
    return browser.call("return window.playground.getCode();")


def default_run(browser, page_url, script, idle_s=2.0):
    """One unchanged default run from Run to finish: long tasks on the main thread while it trains.

    First the ready page sits idle for `idle_s` seconds, as a control: long tasks counted then come from the
    machine (e.g. other processes taking the core), not from training.
    """
    open_page(browser, page_url)
    result = browser.call("""
        window.playground.setCode(arguments[0]);
        // Control: the same page, ready and idle, for idleMs. Long tasks here come from the machine, not training.
        const idleMs = arguments[1];
        const idleStart = performance.now();
        await new Promise((resolve) => setTimeout(resolve, idleMs));
        const idleTasks = window.__bench.longTasks.filter((t) => t.start >= idleStart && t.duration > 50).length;
        const t0 = performance.now();
        const result = await window.playground.run();
        const t1 = performance.now();
        const s = window.playground.state();
        const tasks = window.__bench.longTasks.filter((t) => t.start + t.duration >= t0 && t.start <= t1)
          .map((t) => ({ startAfterRunMs: t.start - t0, duration: t.duration }));
        return { seconds: (t1 - t0) / 1000, result, step: s.step, cost: s.cost,
                 chartUpdates: s.chartUpdates, progressEvents: s.progressEvents, longTasks: tasks,
                 idleLongTasks: idleTasks, idleSeconds: idleMs / 1000,
                 longTaskError: window.__bench.longTaskError || null };""", script, idle_s * 1000)
    tasks = result["longTasks"]
    result["long_tasks_over_50ms"] = len([t for t in tasks if t["duration"] > 50])
    result["longest_task_ms"] = max((t["duration"] for t in tasks), default=0.0)
    return result


def time_to_quality_in_page(browser, page_url, script):
    """Run → held-out mean dE00 <= 1.0 with the page's default script, in the page (seconds since the click)."""
    open_page(browser, page_url)
    result = run_in_page(browser, "_watch.result()", prelude=WATCH_PRELUDE + script)
    start_delay = (result["started_epoch_ms"] - result["run_pressed_epoch_ms"]) / 1000
    result["start_delay_s"] = start_delay  # Run pressed → the script starts in the worker
    if result.get("seconds") is not None:
        result["seconds_from_run"] = start_delay + result["seconds"]
    return result


def time_to_quality_native(script, seed=0):
    """The same default script, under a stand-in `playground` (the Seed box's value, a report that never stops)."""
    namespace = {"__name__": "bench_default_script"}
    exec(compile(WORKLOADS_SOURCE, workloads.__file__, "exec"), namespace)
    namespace["playground"] = types.SimpleNamespace(seed=seed, report=lambda progress: False)
    code = compile(WATCH_PRELUDE + script, "<default script>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    with contextlib.redirect_stdout(io.StringIO()):  # the script's own print() lines
        coroutine = eval(code, namespace)
        if coroutine is not None:
            asyncio.run(coroutine)
    result = namespace["_watch"].result()
    result["seconds_from_run"] = result.get("seconds")
    return result


def weight(browser, page_url, root):
    """Bytes the page loads until ready, per asset: Chromium's own count (DevTools Network events) and disk size.

    Needs a Chromium started with performance_log=True. Anything not from file:, blob: or data: is listed under
    `network_requests` (there should be none).
    """
    browser.performance_log()  # drop what earlier pages logged
    open_page(browser, page_url)
    urls, loaded = {}, {}
    for message in browser.performance_log():
        params = message["params"]
        if message["method"] == "Network.requestWillBeSent":
            urls[params["requestId"]] = params["request"]["url"]
        elif message["method"] == "Network.loadingFinished":
            loaded[params["requestId"]] = params.get("encodedDataLength", 0)
    assets, network = {}, []
    for request_id, url in urls.items():
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path))
            assets[str(path.relative_to(root))] = {"bytes": loaded.get(request_id), "disk_bytes": path.stat().st_size}
        elif parsed.scheme not in ("blob", "data"):
            network.append(url)
    for asset in assets.values():
        if not asset["bytes"]:
            asset["bytes"] = asset["disk_bytes"]
    ordered = dict(sorted(assets.items(), key=lambda kv: -kv[1]["bytes"]))
    return {"assets": ordered, "total_bytes": sum(a["bytes"] for a in assets.values()), "network_requests": network}
