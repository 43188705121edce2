"""Trace a cold page open (a fresh Chromium profile) until the page says ready, and print the page's main-thread
tasks over 50 ms (or --over MS), in time order from navigation start, each with its wall and CPU time and what ran
inside it (script evaluation by file, style, layout, paint, GC), and the page's own performance.mark()s where they
fall (main.js names each part of its start-up "start: NAME"); then the main thread's CPU time up to the editor taking
keystrokes and up to ready (the bench's marks: its observer, bench/page.py, is installed), which does not depend on
the machine's load as wall-clock times do. This is what the bench's "longest main-thread task
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


def traced_open(url, run=False):
    """A cold traced page open (the bench's observer installed, Run pressed at ready with `run`), until ready or the
    run's end: (trace events, the bench's marks in ms, the page's main thread, its navigationStart in µs)."""
    driver = traced_chromium()
    try:
        t0 = time.monotonic()
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OBSERVER})
        driver.get(url + ("?bench=autorun" if run else ""))
        wait(driver, "'runEnd' in window.__bench.marks" if run else "'ready' in window.__bench.marks")
        marks = driver.execute_script("return window.__bench.marks")
        print(f"ready after {time.monotonic() - t0:.1f} s (wall clock, from driver.get); the bench's marks (ms): "
              + ", ".join(f"{k} {v:.0f}" for k, v in marks.items()))
        time.sleep(1)
        trace = trace_events(driver)
    finally:
        driver.quit()
    thread, nav = page_thread(trace, url)
    return trace, marks, thread, nav


def cpu_between(trace, thread, start_us, end_us):
    """The thread's tasks that start in [start_us, end_us]: (their CPU time in total, the longest one's CPU), ms."""
    cpus = [e.get("tdur", 0) / 1000 for e in trace if e.get("ph") == "X" and e.get("name") == "RunTask"
            and (e["pid"], e["tid"]) == thread and start_us <= e["ts"] <= end_us]
    return sum(cpus), max(cpus, default=0.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=(ROOT / "site" / "index.html").as_uri())
    parser.add_argument("--over", type=float, default=50, help="list the tasks longer than this (ms, wall)")
    parser.add_argument("--run", action="store_true", help="press Run at ready; list the first run's tasks")
    args = parser.parse_args()
    trace, marks, thread, nav = traced_open(args.url, args.run)
    at = lambda name: nav + marks[name] * 1000  # noqa: E731
    lines = [(ts, f"at {(ts - nav) / 1000:6.0f} ms: mark {name!r}") for ts, name in page_marks(trace, thread)]
    tasks = list(long_tasks(trace, thread, args.over * 1000))
    if args.run:  # the first run's tasks only: from the press of Run to the run's end
        tasks = [(t, i) for t, i in tasks if at("run") <= t["ts"] + t["dur"] and t["ts"] <= at("runEnd")]
        lines = [line for line in lines if line[0] >= at("run") - 1000]
    for task, inner in tasks:
        cpu = task.get("tdur")
        lines.append((task["ts"], f"at {(task['ts'] - nav) / 1000:6.0f} ms: task {task['dur'] / 1000:.0f} ms"
                      f"{f' (CPU {cpu / 1000:.0f} ms)' if cpu is not None else ''}: " + "; ".join(map(describe, inner))))
    for _, line in sorted(lines):
        print(line)
    print(f"{len(tasks)} task(s) over {args.over:g} ms on the page's main thread")
    for name, start, end in [("navigation start -> the editor takes keys", nav, at("editor")),
                             ("navigation start -> ready", nav, at("ready"))] + \
            ([("the first run (press -> end)", at("run"), at("runEnd"))] if args.run else []):
        total, longest = cpu_between(trace, thread, start, end)
        print(f"{name}: main-thread CPU {total:.0f} ms in all, the longest task {longest:.0f} ms "
              f"(wall {(end - start) / 1000:.0f} ms)")


if __name__ == "__main__":
    main()
