"""Trace a cold page open (a fresh Chromium profile) until the page says ready, and print the main thread's tasks
over 50 ms, longest first, each with what ran inside it (script evaluation by file, style, layout, paint, GC).
This is what the bench's "longest main-thread task while booting" is made of (docs/PERFORMANCE.md).

    .venv/bin/python -m tools.trace_boot [URL]     # default: this checkout's site/index.html
"""
import sys
import time

from tools.trace_first_run import ROOT, trace_events, traced_chromium, wait

LONG_TASK_US = 50_000
INNER_US = 10_000


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else (ROOT / "site" / "index.html").as_uri()
    driver = traced_chromium()
    try:
        t0 = time.monotonic()
        driver.get(url)
        wait(driver, "s.status === 'ready'")
        print(f"ready after {time.monotonic() - t0:.1f} s (wall clock, from driver.get)")
        time.sleep(1)
        trace = trace_events(driver)
    finally:
        driver.quit()
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in trace if e.get("name") == "thread_name"}
    main_threads = {k for k, v in names.items() if v == "CrRendererMain"}
    spans = [e for e in trace if e.get("ph") == "X" and (e["pid"], e["tid"]) in main_threads]
    tasks = sorted((e for e in spans if e["name"] == "RunTask" and e.get("dur", 0) > LONG_TASK_US),
                   key=lambda e: -e["dur"])
    for task in tasks:
        print(f"task {task['dur'] / 1000:.0f} ms")
        inner = [e for e in spans if e is not task and (e["pid"], e["tid"]) == (task["pid"], task["tid"])
                 and task["ts"] <= e["ts"] <= task["ts"] + task["dur"] and e.get("dur", 0) > INNER_US
                 and e["name"] in ("EvaluateScript", "FunctionCall", "FireAnimationFrame", "UpdateLayoutTree",
                                   "Layout", "Paint", "MinorGC", "MajorGC", "ParseHTML", "v8.compile")]
        for e in sorted(inner, key=lambda e: e["ts"]):
            data = e.get("args", {}).get("data", {})
            where = str(data.get("url") or data.get("functionName") or "").rsplit("/", 1)[-1]
            print(f"    {e['name']} {e['dur'] / 1000:.0f} ms {where}")


if __name__ == "__main__":
    main()
