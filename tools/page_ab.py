"""Two builds of the page opened cold, alternately (a fresh Chromium profile each, the order swapped every pair), so
that load from elsewhere on the machine hits both alike: prints, per build, the median and worst of the bench's own
figures (bench/page.py `cold_start`): the editor taking keystrokes, the longest main-thread task while booting,
ready, and with --first-run the first Run's long tasks and its longest task; and the load average before and after.

    .venv/bin/python -m tools.page_ab BASE_SITE [NEW_SITE] [--pairs N] [--first-run] [--http]

Each SITE a built site/ folder (NEW_SITE: this checkout's); e.g. BASE_SITE a copy of main's: cp -r ../main/site /tmp/b.
"""
import argparse
import contextlib
import json
import os
import statistics
from pathlib import Path

from bench import page
from tools import loopback_server
from tools.paths import ROOT

FIGURES = ("editor_ms", "longest_boot_task_ms", "ready_ms", "first_run_long_tasks", "first_run_longest_task_ms")


@contextlib.contextmanager
def page_url(site, http):
    """The site's index.html as a file:// URL, or served on loopback http for the duration."""
    if not http:
        yield (site / "index.html").as_uri()
        return
    with loopback_server.serve(str(site)) as base:
        yield base + "/index.html"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", type=Path)
    parser.add_argument("new", type=Path, nargs="?", default=ROOT / "site")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--first-run", action="store_true", help="press Run at ready and follow the first run")
    parser.add_argument("--http", action="store_true", help="over http://127.0.0.1 rather than file://")
    args = parser.parse_args()
    samples = {"base": [], "new": []}
    load = [os.getloadavg()[0]]
    with page_url(args.base.resolve(), args.http) as base_url, page_url(args.new.resolve(), args.http) as new_url:
        for k in range(args.pairs):
            order = [("base", base_url), ("new", new_url)][:: 1 if k % 2 == 0 else -1]
            for name, url in order:
                sample = page.cold_start(url, first_run=args.first_run)
                samples[name].append({f: sample.get(f) for f in FIGURES if sample.get(f) is not None})
                print(name, json.dumps(samples[name][-1]), flush=True)
            load.append(os.getloadavg()[0])
    out = {"pairs": args.pairs, "protocol": "http" if args.http else "file", "load_average": [min(load), max(load)]}
    for name, rows in samples.items():
        out[name] = {f: {"median": round(statistics.median(r[f] for r in rows), 1),
                         "max": round(max(r[f] for r in rows), 1)} for f in FIGURES if f in rows[0]}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
