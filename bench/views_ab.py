"""Two builds of the page side by side: the live views' worker time per update and their cost in training
throughput, the default script run alternately in each (`python -m bench.views_ab OLD_SITE NEW_SITE [--rounds N]`,
from the repository root with pylib/ on PYTHONPATH; each SITE a built site/ folder, e.g. a copy made with
tests/e2e/sitecopy.py before a change). Each round runs, in one browser, the default script with the views off
(the shared baseline, on the new build) and with them on in each build, in alternating order, so load from
elsewhere hits both alike; prints JSON: per build the median worker ms per update, its parts, steps/s and the cost.
"""
import argparse
import json
import os
import statistics
from pathlib import Path

from . import browsers, page


def measure(old_url, new_url, rounds):
    browser = browsers.Chromium()
    try:
        script = page.default_script(browser, new_url)
        runs = {"old": [], "new": [], "off": []}
        for k in range(rounds):
            order = [("old", old_url), ("new", new_url)][:: 1 if k % 2 == 0 else -1]
            runs["off"].append(page.timed_run(browser, new_url, page.VIEWS_OFF + script))
            for name, url in order:
                runs[name].append(page.timed_run(browser, url, script))
    finally:
        browser.quit()
    off = [r["step"] / r["seconds"] for r in runs["off"]]
    out = {"rounds": rounds, "off_steps_per_s": statistics.median(off)}
    for name in ("old", "new"):
        on = [r["step"] / r["seconds"] for r in runs[name]]
        updates = [u for r in runs[name] for u in r["updates"] if u[0] is not None]
        out[name] = {"worker_ms": statistics.median(u[1] for u in updates), "updates": len(updates),
                     "parts_ms": {part: statistics.median(u[k] for u in updates) if updates[0][k] is not None
                                  else None for k, part in page.UPDATE_PARTS},
                     "steps_per_s": statistics.median(on),
                     "cost_pct": statistics.median(100 * (1 - a / b) for a, b in zip(on, off))}
    out["new_over_old_worker_ms"] = out["new"]["worker_ms"] / out["old"]["worker_ms"]
    out["per_round_worker_ms"] = [[statistics.median(u[1] for u in r["updates"] if u[0] is not None)
                                   for r in (a, b)] for a, b in zip(runs["old"], runs["new"])]
    # paired per round: the medians of each round's updates, new ÷ old
    out["new_over_old_worker_ms_paired"] = statistics.median(
        statistics.median(u[1] for u in b["updates"] if u[0] is not None) /
        statistics.median(u[1] for u in a["updates"] if u[0] is not None) for a, b in zip(runs["old"], runs["new"]))
    return out


def main():
    parser = argparse.ArgumentParser(prog="python -m bench.views_ab", description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the built site/ folder before the change")
    parser.add_argument("new", type=Path, help="the built site/ folder after it")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    urls = [(folder.resolve() / "index.html") for folder in (args.old, args.new)]
    for url in urls:
        if not url.exists():
            parser.error(f"{url} does not exist: give built site/ folders")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    result = measure(urls[0].as_uri(), urls[1].as_uri(), args.rounds)
    result["load_before"], result["load_after"] = load, ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
