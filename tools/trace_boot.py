"""Trace a cold page open (a fresh Chromium profile) until the page says ready, and print the page's main-thread
tasks over 50 ms (or --over MS), in time order from navigation start, each with its wall and CPU time and what ran
inside it (script evaluation by file, style, layout, paint, GC), and the page's own performance.mark()s where they
fall (main.js names each part of its start-up "start: NAME"). This is what the bench's "longest main-thread task
while booting" is made of (docs/PERFORMANCE.md).

Only the page's own renderer counts: a trace also holds Chromium's own WebUI renderers (the omnibox popup's
`chrome://omnibox-popup.top-chrome/` evaluates a 70-290 ms module at start-up), which the page's long-task observer
never sees. Wall time above CPU time is time the thread waited for a core (a loaded machine).

    .venv/bin/python -m tools.trace_boot [URL] [--over MS] [--run]  # default: this checkout's site/index.html, 50 ms

With --run, Run is pressed the moment the page says ready, as the bench's first Run on a fresh page does (its
observer, bench/page.py, opens the page with ?bench=autorun), and the tasks listed are those from the press to the
run's end (the bench's `first_run_long_tasks`).
"""
import argparse
import time

from bench.page import OBSERVER
from tools.trace_first_run import ROOT, trace_events, traced_chromium, wait

INNER_US = 2_000
MAX_INNER = 8
SKIPPED = {"v8.run", "RunTask", "ThreadControllerImpl::RunTask"}  # the same span again, one level down


def page_thread(trace, url):
    """(pid, tid) of the renderer main thread that navigated to `url`, and its navigationStart (µs)."""
    starts = [e for e in trace if e.get("name") == "navigationStart"
              and str(e.get("args", {}).get("data", {}).get("documentLoaderURL", "")).startswith(url.split("#")[0])]
    if not starts:
        raise SystemExit(f"no navigationStart for {url} in the trace")
    nav = starts[-1]
    return (nav["pid"], nav["tid"]), nav["ts"]


def long_tasks(trace, thread, over_us):
    """The thread's tasks over `over_us` of wall time, in time order, each with its inner spans over INNER_US."""
    spans = [e for e in trace if e.get("ph") == "X" and (e["pid"], e["tid"]) == thread]
    tasks = sorted((e for e in spans if e["name"] == "RunTask" and e.get("dur", 0) > over_us), key=lambda e: e["ts"])
    for task in tasks:
        end = task["ts"] + task["dur"]
        inner = [e for e in spans if e is not task and task["ts"] <= e["ts"] <= end and e.get("dur", 0) > INNER_US
                 and e["name"] not in SKIPPED]
        yield task, sorted(inner, key=lambda e: e["ts"])[:MAX_INNER]


def page_marks(trace, thread):
    """The page's performance.mark()s on its main thread (not the navigation timing marks): [(ts, name)]."""
    return sorted((e["ts"], e["name"]) for e in trace if (e["pid"], e["tid"]) == thread
                  and "blink.user_timing" in e.get("cat", "") and "startTime" in (e.get("args", {}).get("data") or {}))


def describe(span):
    data = span.get("args", {}).get("data", {}) or {}
    where = str(data.get("url") or data.get("functionName") or "").rsplit("/", 1)[-1]
    return f"{span['name']} {span['dur'] / 1000:.0f} ms{' ' + where if where else ''}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=(ROOT / "site" / "index.html").as_uri())
    parser.add_argument("--over", type=float, default=50, help="list the tasks longer than this (ms, wall)")
    parser.add_argument("--run", action="store_true", help="press Run at ready; list the first run's tasks")
    args = parser.parse_args()
    driver = traced_chromium()
    try:
        t0 = time.monotonic()
        if args.run:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OBSERVER})
        driver.get(args.url + ("?bench=autorun" if args.run else ""))
        wait(driver, "'runEnd' in window.__bench.marks" if args.run else "s.status === 'ready'")
        ready_ms = driver.execute_script("return window.playground.state().bootMs")
        print(f"ready after {time.monotonic() - t0:.1f} s (wall clock, from driver.get); the page's bootMs {ready_ms}")
        if args.run:
            marks = driver.execute_script("return window.__bench.marks")
            print("the bench's marks (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in marks.items()))
        time.sleep(1)
        trace = trace_events(driver)
    finally:
        driver.quit()
    thread, nav = page_thread(trace, args.url)
    lines = [(ts, f"at {(ts - nav) / 1000:6.0f} ms: mark {name!r}") for ts, name in page_marks(trace, thread)]
    tasks = list(long_tasks(trace, thread, args.over * 1000))
    if args.run:  # the first run's tasks only: from the press of Run to the run's end
        tasks = [(t, i) for t, i in tasks if nav + marks["run"] * 1000 <= t["ts"] + t["dur"]
                 and t["ts"] <= nav + marks["runEnd"] * 1000]
        lines = [line for line in lines if line[0] >= nav + marks["run"] * 1000 - 1000]
    for task, inner in tasks:
        cpu = task.get("tdur")
        lines.append((task["ts"], f"at {(task['ts'] - nav) / 1000:6.0f} ms: task {task['dur'] / 1000:.0f} ms"
                      f"{f' (CPU {cpu / 1000:.0f} ms)' if cpu is not None else ''}: " + "; ".join(map(describe, inner))))
    for _, line in sorted(lines):
        print(line)
    print(f"{len(tasks)} task(s) over {args.over:g} ms on the page's main thread")


if __name__ == "__main__":
    main()
