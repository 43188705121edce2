"""Cold page open → ready of this build's page, side by side with another build and the stock Pyodide loader, each
sample in a fresh browser (a new profile: no cache), in the same rounds, the pages' order reversed every other
round, so that load from elsewhere hits all alike.

Usage: .venv/bin/python -m bench.snapshot_ab OTHER_SITE [--reps N] [--no-firefox] [--base] [--single]
  OTHER_SITE: a copy of site/ (index.html, style.css, dist/) of the build to compare with: by default one made after
  `python3 build.py --no-snapshot` (it must start the full way: what the snapshot buys); with --base, another
  build that starts by snapshot too (e.g. main's, before a change). --single adds this build's single .html file.
Prints one JSON object: per browser, the rounds (ms), each page's median, and the medians of the per-round ratios
(each page over the stock loader, this page over the other, the single file over this build's page).
"""
import argparse
import json
import statistics
from pathlib import Path

from tools.paths import SITE

from . import browsers
from .cold_ready import page_ready_ms, stock_ready_ms
from .page import stock_site


def measure(make_browser, pages, stock_url, reps):
    """reps rounds of every page in `pages` ({label: (url, expected start)}) and the stock loader, each in a fresh
    browser; the order of the pages is reversed every other round."""
    rounds = []
    for i in range(reps):
        labels = list(pages) if i % 2 == 0 else list(reversed(pages))
        row = {}
        for label in labels:
            url, expected = pages[label]
            ms, start, reason = page_ready_ms(make_browser, url)
            if start != expected:
                raise RuntimeError(f"{label}: expected a {expected} start, got {start} ({reason})")
            row[f"{label}_ms"] = round(ms)
        row["stock_ms"] = round(stock_ready_ms(make_browser, stock_url))
        rounds.append(row)
    median = lambda key: round(statistics.median(r[key] for r in rounds))  # noqa: E731
    paired = lambda a, b: round(statistics.median(r[a] / r[b] for r in rounds), 2)  # noqa: E731
    keys = [*(f"{label}_ms" for label in pages), "stock_ms"]
    first, second = keys[0], keys[1]
    result = {"rounds": rounds, "median_ms": {k: median(k) for k in keys},
              "range_ms": {k: [min(r[k] for r in rounds), max(r[k] for r in rounds)] for k in keys},
              f"{first[:-3]}_over_{second[:-3]}": paired(first, second)}
    for key in keys[:-1]:
        result[f"{key[:-3]}_over_stock"] = paired(key, "stock_ms")
    if "single_ms" in keys:
        result["single_over_page"] = paired("single_ms", first)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other_site", type=Path)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--no-firefox", action="store_true")
    parser.add_argument("--base", action="store_true", help="OTHER_SITE starts by snapshot too (a base build)")
    parser.add_argument("--single", action="store_true", help="also this build's single .html file")
    args = parser.parse_args()
    other = (args.other_site / "index.html").resolve().as_uri()
    if args.base:
        pages = {"this": ((SITE / "index.html").as_uri(), "snapshot"), "base": (other, "snapshot")}
    else:
        pages = {"snapshot": ((SITE / "index.html").as_uri(), "snapshot"), "full": (other, "full")}
    if args.single:
        pages["single"] = ((SITE / "colornet-playground.html").as_uri(), "snapshot")
    engines = {"Chromium": browsers.Chromium}
    if not args.no_firefox and browsers.FIREFOX:
        engines["Firefox"] = browsers.Firefox
    result = {}
    with stock_site() as stock_url:
        for name, make in engines.items():
            result[name] = measure(make, pages, stock_url, args.reps)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
