"""What the memory snapshot buys, measured side by side: cold page open → ready of the page as built (with the
snapshot) against a copy built with `python3 build.py --no-snapshot`, and the stock Pyodide loader, each sample in
a fresh browser (a new profile: no cache), alternating in every round so that load from elsewhere hits all alike.

Usage: .venv/bin/python -m bench.snapshot_ab NO_SNAPSHOT_SITE [--reps N] [--no-firefox]
  NO_SNAPSHOT_SITE: a copy of site/ (index.html, style.css, dist/) made after `python3 build.py --no-snapshot`.
Prints one JSON object: per browser, the samples (ms), their medians, and the medians of the per-round ratios.
"""
import argparse
import json
import statistics
from pathlib import Path

from tools.paths import SITE

from . import browsers
from .editor import wait_until_ready
from .page import stock_site


def page_ready_ms(make_browser, url):
    """Page open → ready (the page's own `pageToReadyMs`) in a fresh browser, and how Python started."""
    browser = make_browser()
    try:
        browser.open(url)
        wait_until_ready(browser, timeout_s=180)
        info = browser.call("return window.colornetBoot.info;")
        return info["pageToReadyMs"], info.get("start"), info.get("startReason")
    finally:
        browser.quit()


def stock_ready_ms(make_browser, url):
    """The stock loader's page open → NumPy loaded, in a fresh browser."""
    browser = make_browser()
    try:
        browser.open(url)
        return browser.call("return (await window.stockBoot).readyMs;")
    finally:
        browser.quit()


def measure(make_browser, snapshot_url, full_url, stock_url, reps):
    """reps rounds of (snapshot page, --no-snapshot page, stock loader), each in a fresh browser."""
    rounds = []
    for _ in range(reps):
        snap, snap_start, _ = page_ready_ms(make_browser, snapshot_url)
        full, full_start, full_reason = page_ready_ms(make_browser, full_url)
        stock = stock_ready_ms(make_browser, stock_url)
        if snap_start != "snapshot" or full_start != "full":
            raise RuntimeError(f"expected a snapshot start and a full one, got {snap_start} and "
                               f"{full_start} ({full_reason})")
        rounds.append({"snapshot_ms": round(snap), "full_ms": round(full), "stock_ms": round(stock)})
    median = lambda key: round(statistics.median(r[key] for r in rounds))  # noqa: E731
    paired = lambda a, b: round(statistics.median(r[a] / r[b] for r in rounds), 2)  # noqa: E731
    return {"rounds": rounds, "median_ms": {k: median(k) for k in ("snapshot_ms", "full_ms", "stock_ms")},
            "snapshot_over_full": paired("snapshot_ms", "full_ms"),
            "snapshot_over_stock": paired("snapshot_ms", "stock_ms"),
            "full_over_stock": paired("full_ms", "stock_ms")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("no_snapshot_site", type=Path)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--no-firefox", action="store_true")
    args = parser.parse_args()
    engines = {"Chromium": browsers.Chromium}
    if not args.no_firefox and browsers.FIREFOX:
        engines["Firefox"] = browsers.Firefox
    result = {}
    with stock_site() as stock_url:
        for name, make in engines.items():
            result[name] = measure(make, (SITE / "index.html").as_uri(),
                                   (args.no_snapshot_site / "index.html").resolve().as_uri(), stock_url, args.reps)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
