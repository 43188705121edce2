"""Trace the first and second Run of the default script on a fresh page (Chromium's performance log) and print, per
window of 2.3 s after the click: the longest main-thread task by CPU time, the CPU time of the optimising wasm
compiler (V8's `wasm.TopTierCompilation`, background threads) and of the Python worker, and the compiler's CPU per
250 ms. The first-Run jank of issue 8 (item 12) was that compiler work; see docs/ARCHITECTURE.md ("Warm-up").

    .venv/bin/python tools/trace_first_run.py [URL]     # default: this checkout's site/index.html
"""
import collections
import json
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script; imported (python -m, the bench) it is there and stays unchanged
    sys.path.insert(0, str(ROOT))
from tools.browsers import CHROMEDRIVER, CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

CATEGORIES = "devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.wasm,blink.user_timing"


def wait(driver, condition, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if driver.execute_script(f"const s = window.playground && window.playground.state(); return !!(s && ({condition}));"):
            return
        time.sleep(0.05)
    raise TimeoutError(condition)


def traced_chromium():
    """A fresh headless Chromium (a new profile) that records a timeline trace into its performance log."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": False, "enablePage": False,
                                                         "traceCategories": CATEGORIES})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def trace_events(driver):
    """The trace events the browser has recorded so far."""
    events = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
    return [e["params"] for e in events if e["method"] == "Tracing.dataCollected"]


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else (ROOT / "site" / "index.html").as_uri()
    driver = traced_chromium()
    try:
        driver.get(url)
        wait(driver, "s.status === 'ready'")
        time.sleep(2.5)  # the page sits idle (the post-boot warm-up runs now)
        for label in ("run1", "run2"):
            driver.execute_script("performance.mark(arguments[0]); document.querySelector('[data-testid=run]').click();",
                                  label)
            time.sleep(0.5)
            wait(driver, "s.status !== 'training'")
            time.sleep(0.5)
        trace = trace_events(driver)
    finally:
        driver.quit()
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in trace if e.get("name") == "thread_name"}
    for label in ("run1", "run2"):
        mark = next(e for e in trace if e.get("name") == label)
        t0, end, main_thread = mark["ts"], mark["ts"] + 2_300_000, (mark["pid"], mark["tid"])
        window = [e for e in trace if e.get("ph") == "X" and t0 <= e["ts"] <= end]
        main = [e for e in window if e.get("name") == "RunTask" and (e["pid"], e["tid"]) == main_thread]
        worker = [e for e in window if e.get("name") == "RunTask" and names.get((e["pid"], e["tid"])) ==
                  "DedicatedWorker thread"]
        compiler = [e for e in window if e.get("name") == "wasm.TopTierCompilation"]
        bins = collections.Counter()
        for e in compiler:
            bins[int((e["ts"] - t0) / 250_000)] += e.get("tdur", e.get("dur", 0)) / 1000
        cpu = lambda events: sum(e.get("tdur", 0) for e in events) / 1000  # noqa: E731
        print(f"{label}: longest main-thread task {max((e.get('tdur', 0) for e in main), default=0) / 1000:.0f} ms "
              f"CPU ({max((e['dur'] for e in main), default=0) / 1000:.0f} ms wall); optimising wasm compiler "
              f"{cpu(compiler):.0f} ms CPU (per 250 ms: {[round(bins[i]) for i in range(10)]}); "
              f"Python worker {cpu(worker):.0f} ms CPU")


if __name__ == "__main__":
    main()
