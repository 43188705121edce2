"""Page-level figures of the playground in Chromium: cold and warm start, the stock Pyodide loader as the boot
anchor, the first run on a fresh page, time to quality, weight.

Cold means a fresh browser profile per sample: a new Chromium (chromedriver gives each session a new profile),
so no HTTP cache, no V8 code cache, no localStorage. Warm means reloads in one browser, and is labelled so.

An observer script is installed with CDP before any page script runs (Page.addScriptToEvaluateOnNewDocument).
It records, in the page's own clock (ms since navigation start):
- `ready`: the status element first says "ready";
- `run`, `firstCost`, `runEnd`: when the page is opened with `?bench=autorun`, Run is pressed the moment the page
  is ready; `firstCost` is the first animation frame at which the chart holds a cost point, `runEnd` when the run
  has ended;
- `editor`: the first task that starts after the editor can be typed in (CodeMirror's contenteditable is in the
  document): a keystroke made then waits for the same task boundary, so this is when the editor takes keystrokes;
- every main-thread long task (PerformanceObserver "longtask": tasks over 50 ms).
The page itself ignores the query string (its shared state lives in the hash).
"""
import ast
import asyncio
import contextlib
import io
import json
import os
import re
import shutil
import statistics
import tempfile
import types
from pathlib import Path
from urllib.parse import unquote, urlparse

from tools import loopback_server
from tools.paths import NODE_MODULES, ROOT, pyodide_wheels

from . import browsers
from .editor import run_in_page, wait_until_ready

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
  const editorWatch = new MutationObserver(() => {
    if (!document.querySelector('.cm-content[contenteditable="true"]')) return;
    editorWatch.disconnect();
    setTimeout(() => mark("editor"), 0);
  });
  editorWatch.observe(document, { subtree: true, childList: true });
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="status"]');
    if (!el || el.dataset.status !== "ready" || "ready" in bench.marks) return;
    mark("ready");
    if (!autoRun || !window.playground) return;
    mark("run");
    window.playground.run().then(
      (result) => { bench.runResult = result; mark("runEnd"); },
      (error) => { bench.runResult = { ok: false, error: String(error) }; mark("runEnd"); });
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
from bench.inpage.workloads import QualityWatch, WatchedPlayground
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


def warm_starts(browser, page_url, reps):
    """Warm: page open → ready and → first cost point (Run pressed at ready) on reloads in one browser, whose
    HTTP and code caches are warm; ms since navigation start.

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


FIRST_RUN_JS = """
    const deadline = performance.now() + 120000;
    const mark = arguments[0] ? "runEnd" : "ready";
    while (!(mark in window.__bench.marks)) {
      if (performance.now() > deadline) throw new Error("no " + mark + " mark within 120 s");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const s = window.playground.state();  // the views drawn in that run (the neuron graph's tiles and redraws)
    const drawn = { drawMs: s.insightMainMs, tiles: s.network.tiles, graphRedraws: s.network.updated,
                    events: s.insightEvents };
    // Control: the same fresh page, idle after its first run. Long tasks here come from the machine.
    const idleStart = performance.now();
    await new Promise((resolve) => setTimeout(resolve, arguments[1]));
    const boot = window.colornetBoot && window.colornetBoot.info;  // the runtime's own breakdown
    return { ...window.__bench, idleStart, idleEnd: performance.now(), timings: boot ? boot.timings || null : null,
             views: drawn };
"""


def cold_start(page_url, first_run=True, idle_s=2.0):
    """One cold sample in a fresh Chromium: page open → ready and the longest main-thread task before it; with
    `first_run`, Run is pressed at ready (the editor holds the default script: the profile is new) and the first
    run on this fresh page is followed to its end: its long tasks, then `idle_s` of the idle page as a control."""
    browser = browsers.Chromium()
    try:
        install_observer(browser)
        browser.open(page_url + ("?bench=autorun" if first_run else ""))
        bench = browser.call(FIRST_RUN_JS, first_run, idle_s * 1000 if first_run else 0)
    finally:
        browser.quit()
    marks, tasks = bench["marks"], bench["longTasks"]
    sample = {"ready_ms": marks["ready"], "editor_ms": marks.get("editor"), "runtime_timings": bench["timings"],
              "longest_boot_task_ms": max((t["duration"] for t in tasks if t["start"] < marks["ready"]), default=0.0)}
    if first_run:
        run_tasks = [{"startAfterRunMs": t["start"] - marks["run"], "duration": t["duration"]} for t in tasks
                     if t["start"] + t["duration"] >= marks["run"] and t["start"] <= marks["runEnd"]]
        sample.update({
            "first_cost_ms": marks["firstCost"], "run_pressed_ms": marks["run"],
            "first_run_s": (marks["runEnd"] - marks["run"]) / 1000, "run_result": bench.get("runResult"),
            "first_run_tasks": run_tasks,
            "first_run_long_tasks": len([t for t in run_tasks if t["duration"] > 50]),
            "first_run_longest_task_ms": max((t["duration"] for t in run_tasks), default=0.0),
            # the page's own clock around drawing each views update (insight.js: map, network view, tiles and
            # lines, doctor), the longest one; and what the graph drew, to show the tiles were part of the run
            "first_run_draw_ms": bench["views"]["drawMs"], "first_run_views": bench["views"],
            "idle_long_tasks": len([t for t in tasks if t["start"] >= bench["idleStart"] and t["duration"] > 50]),
            "idle_s": idle_s})
    return sample


STOCK_PAGE = Path(__file__).parent / "stock" / "index.html"


@contextlib.contextmanager
def stock_site():
    """Serves the stock Pyodide loader page on loopback http: bench/stock/index.html beside npm's pyodide files
    and Pyodide's own NumPy wheel from the build's cache; yields the page's URL."""
    npm = NODE_MODULES / "pyodide"
    lock = json.loads((npm / "pyodide-lock.json").read_text())
    wheel = pyodide_wheels(lock["info"]["version"]) / lock["packages"]["numpy"]["file_name"]
    if not wheel.exists():
        raise FileNotFoundError(f"{wheel} is missing: run `python3 build.py` first")
    with tempfile.TemporaryDirectory(prefix="bench-stock-pyodide-") as folder:
        for source in [*(npm / n for n in ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm",
                                          "python_stdlib.zip", "pyodide-lock.json")), wheel, STOCK_PAGE]:
            shutil.copy2(source, folder)
        with loopback_server.serve(folder) as base:
            yield base + "/index.html"


def stock_start(stock_url):
    """One cold sample of the stock loader in a fresh Chromium: `loadPyodide()` + `loadPackage("numpy")`."""
    browser = browsers.Chromium()
    try:
        install_observer(browser)
        browser.open(stock_url)
        sample = browser.call("return await window.stockBoot;")
        tasks = browser.call("return window.__bench.longTasks;")
    finally:
        browser.quit()
    sample["ready_ms"] = sample["readyMs"]
    sample["longest_boot_task_ms"] = max((t["duration"] for t in tasks if t["start"] < sample["readyMs"]),
                                         default=0.0)
    return sample


# Put before the default script to switch the live views (colour map, network view, doctor) off.
VIEWS_OFF = "playground.live_views = False  # bench: no live map, network view or doctor\n"

# The views on / off runs train this many steps (the default script's `steps` control at its maximum): ~5 s of
# training on a quiet machine rather than the 1.5 s of a default run, whose pairs spread over +-10 points.
VIEWS_STEPS = 20_000
STEPS_LINE = re.compile(r"^steps = [0-9_]+(?=  # @param)", re.M)


def with_steps(script, steps):
    """The script with its `steps = N  # @param ...` control set to ``steps``."""
    if len(STEPS_LINE.findall(script)) != 1:
        raise ValueError("the script has no single `steps = N  # @param` line to set the run's length with")
    return STEPS_LINE.sub(f"steps = {steps}", script)


# The parts of an update's worker time: (index in a timed_run update, name); "pass" is the one forward pass the
# others read (site/py/layer_pass.py; before it, each part ran its own and it is None).
UPDATE_PARTS = ((2, "map"), (3, "network"), (4, "neurons"), (5, "pass"))


def wait_for_warm_up(browser, timeout_s=60):
    """Waits until the page's post-boot warm-up is over (site/py/warm_up.py, `runtime.info.warmUp`): the page is idle,
    as when a user presses Run after reading it (a Run pressed sooner stops the warm-up and starts at once)."""
    browser.call("""
        const deadline = performance.now() + arguments[0] * 1000;
        while (!(window.colornetRuntime && window.colornetRuntime.info.warmUp)) {
          if (performance.now() > deadline) throw new Error("the page's warm-up did not end within the timeout");
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return null;""", timeout_s)


def timed_run(browser, page_url, script):
    """One whole run of `script` on a freshly opened page, pressed once its warm-up is over: seconds from Run to its
    end, steps, `insight` events and each one's [step, worker ms, map ms, network view ms, neuron graph ms, shared
    forward pass ms] (the update's own timings: computing it in the worker, before sending), the neuron graph's
    tiles and redraws, and the longest main-thread drawing of one update (`insightMainMs`)."""
    open_page(browser, page_url)
    wait_for_warm_up(browser)
    return browser.call("""
        const updates = [];
        const off = window.colornetRuntime.on("insight",
          (d) => updates.push([d.step, d.ms, d.msMap ?? null, d.msNetwork ?? null, d.msNeurons ?? null,
                               d.msPass ?? null]));
        window.playground.setCode(arguments[0]);
        const t0 = performance.now();
        const result = await window.playground.run();
        const seconds = (performance.now() - t0) / 1000;
        off();
        const s = window.playground.state();
        return { seconds, ok: !!(result && result.ok), step: s.step, insightEvents: s.insightEvents, updates,
                 tiles: s.network.tiles, graphRedraws: s.network.updated, drawMs: s.insightMainMs };""",
        script)


def views_cost(browser, page_url, script, reps, steps=VIEWS_STEPS, first=0):
    """Training throughput of the default script, set to ``steps`` steps, with the live views on (as shipped: the
    colour map, the network view, the neuron graph's tiles and lines, the doctor) and off.

    Each pair is two whole runs (Run → finished) on a fresh page each, pressed once the page's warm-up is over; the
    order alternates pair by pair (pair k runs "on" first when k + ``first`` is even), so load from elsewhere and
    anything a run leaves behind hit both alike. steps/s = steps / run seconds. Returns [{on, off, on_first,
    on_events, off_events, cost, on_update_ms, on_update_share, on_part_ms, on_tiles, on_graph_redraws, on_draw_ms,
    load}] with cost = 1 - on/off (the share of throughput the views take), on_update_ms the worker ms of each
    update during the "on" run and on_update_share their sum ÷ that run's time (the worker's own part of the cost,
    without sending and the page's drawing), on_part_ms the median worker ms of the map, the network view and the
    neuron graph, the graph's tiles and redraws in the "on" run (a run that drew no graph is an error: the figure
    would not include it), and the 1-minute load average after the pair.
    """
    script = with_steps(script, steps) if steps else script
    pairs = []
    for k in range(reps):
        on_first = (k + first) % 2 == 0
        runs = {}
        for which in ("on", "off") if on_first else ("off", "on"):
            runs[which] = timed_run(browser, page_url, script if which == "on" else VIEWS_OFF + script)
        on, off = runs["on"], runs["off"]
        if not (on["ok"] and off["ok"]):
            raise RuntimeError(f"a views on/off run failed: {on} / {off}")
        if not (on["tiles"] and on["graphRedraws"]):
            raise RuntimeError(f"the views-on run drew no neuron graph ({on['tiles']} tiles, {on['graphRedraws']} "
                               "redraws): the figure would leave it out")
        during = [u for u in on["updates"] if u[0] is not None]
        pair = {"on": on["step"] / on["seconds"], "off": off["step"] / off["seconds"], "on_first": on_first,
                "steps": on["step"], "on_s": on["seconds"], "off_s": off["seconds"],
                "on_events": on["insightEvents"], "off_events": off["insightEvents"],
                "on_update_ms": [u[1] for u in during],
                "on_update_share": sum(u[1] for u in during) / 1000 / on["seconds"],
                "on_part_ms": {part: _median([u[k] for u in during if u[k] is not None])
                               for k, part in UPDATE_PARTS},
                "on_tiles": on["tiles"], "on_graph_redraws": on["graphRedraws"], "on_draw_ms": on["drawMs"],
                "load": os.getloadavg()[0]}
        pair["cost"] = 1 - pair["on"] / pair["off"]
        pairs.append(pair)
    return pairs


def _median(values):
    return statistics.median(values) if values else None


def time_to_quality_in_page(browser, page_url, script):
    """Run → held-out mean dE00 <= 1.0 with the page's default script, in the page (seconds since the click)."""
    open_page(browser, page_url)
    result = run_in_page(browser, "_watch.result()", WATCH_PRELUDE + script)
    start_delay = (result["started_epoch_ms"] - result["run_pressed_epoch_ms"]) / 1000
    result["start_delay_s"] = start_delay  # Run pressed → the script starts in the worker
    if result.get("seconds") is not None:
        result["seconds_from_run"] = start_delay + result["seconds"]
    return result


def time_to_quality_native(script, seed=0):
    """The same default script, under a stand-in `playground` (the Seed box's value, no loaded colours, a report that
    never stops, live values that stay as written)."""
    namespace = {"__name__": "bench_default_script",
                 "playground": types.SimpleNamespace(seed=seed, data=None, report=lambda progress: False,
                                                     live=lambda name, value: value)}
    code = compile(WATCH_PRELUDE + script, "<default script>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    with contextlib.redirect_stdout(io.StringIO()):  # the script's own print() lines
        coroutine = eval(code, namespace)
        if coroutine is not None:
            asyncio.run(coroutine)
    result = namespace["_watch"].result()
    result["seconds_from_run"] = result.get("seconds")
    return result


def weight(browser, page_url, root=ROOT):
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
