"""WebKit (WebKitGTK's MiniBrowser, Safari's engine) against Chromium in the same run: cold page open → ready, and
colornet's training steps/s in the page at batch 25 and 256.

`measure(page_url)` returns {"rows": [...], "ratios": {...}, "caveat": ...}; run it alone with
`.venv/bin/python -m bench.webkit [URL]` (default: the built site/index.html from file://).

Caveat, stated with every result: WebKitGTK runs headed on a private Xvfb (it has no headless mode), Chromium
headless; Xvfb renders in software on the CPU, so WebKit's page pays for painting (the chart, the map) that
Chromium's headless compositor does more cheaply. Its numbers are WebKitGTK's on Linux, not Safari's on macOS
(another JIT tuning, another graphics stack, Apple silicon). The ratio measures this machine's two engines, side by
side, not Safari.
"""
from __future__ import annotations

import contextlib
import statistics
import sys

from tools import browsers as launch

from .browsers import Chromium, SeleniumBrowser
from .throughput import ColornetPage, wait_until_ready

CAVEAT = ("WebKitGTK 'MiniBrowser --automation' runs headed on Xvfb (software rendering on the CPU; no headless "
          "mode), Chromium headless: WebKit's page also pays for painting. WebKitGTK on Linux is Safari's engine, "
          "not Safari on macOS (another JIT tuning, graphics stack and CPU).")
BATCHES = (25, 256)


class WebKit(SeleniumBrowser):
    """WebKitGTK's MiniBrowser on a private Xvfb (tools/browsers.webkitgtk), with the bench's browser interface."""

    name = "WebKit"

    def __init__(self, script_timeout=300):
        self._stack = contextlib.ExitStack()
        self.driver = self._stack.enter_context(launch.webkitgtk(script_timeout=script_timeout))
        self.version = self.driver.capabilities.get("browserVersion", "?")

    def quit(self):
        self._stack.close()


def cold_ready_ms(make_browser, page_url):
    """Page open → runtime ready (ms since navigation start, the page's own `pageToReadyMs`) in a fresh browser."""
    browser = make_browser()
    try:
        browser.open(page_url)
        wait_until_ready(browser, timeout_s=180)
        return browser.call("return window.colornetBoot.info.pageToReadyMs;"), browser.version
    finally:
        browser.quit()


def measure(page_url, cold_reps=3, throughput_rounds=3, warmup_s=1.0, window_s=3.0):
    """Cold ready (cold_reps fresh browsers each, alternating engines) and steps/s at BATCHES (throughput_rounds
    rounds, the two engines' pages measured one after the other in each round); medians and WebKit / Chromium."""
    engines = {"WebKit": WebKit, "Chromium": Chromium}
    cold = {name: [] for name in engines}
    versions = {}
    for _ in range(cold_reps):
        for name, make in engines.items():
            ms, versions[name] = cold_ready_ms(make, page_url)
            cold[name].append(ms)
    steps = {(name, b): [] for name in engines for b in BATCHES}
    with contextlib.ExitStack() as stack:
        pages = {}
        for name, make in engines.items():
            browser = make()
            stack.callback(browser.quit)
            browser.open(page_url)
            wait_until_ready(browser, timeout_s=180)  # WebKit under Xvfb can take longer than ColornetPage waits
            pages[name] = ColornetPage(browser, page_url, opened=True)
        for _ in range(throughput_rounds):
            for b in BATCHES:
                for name, page in pages.items():
                    steps[(name, b)].append(page.measure(b, warmup_s, window_s)["steps_per_s"])
        kernels = {name: page.boot_kernels for name, page in pages.items()}
    rows = [{"engine": name, "version": versions[name], "kernels": kernels[name],
             "cold_ready_ms": statistics.median(cold[name]), "cold_ready_samples": cold[name],
             **{f"steps_per_s_b{b}": statistics.median(steps[(name, b)]) for b in BATCHES},
             **{f"steps_per_s_b{b}_samples": steps[(name, b)] for b in BATCHES}} for name in engines]
    webkit, chromium = rows
    ratios = {"cold_ready": webkit["cold_ready_ms"] / chromium["cold_ready_ms"],
              **{f"steps_per_s_b{b}": webkit[f"steps_per_s_b{b}"] / chromium[f"steps_per_s_b{b}"] for b in BATCHES}}
    return {"page_url": page_url, "rows": rows, "ratios": ratios, "caveat": CAVEAT}


def main(argv):
    from tools.paths import SITE

    missing = launch.webkitgtk_missing()
    if missing:
        sys.exit(f"bench/webkit.py: {missing}")
    result = measure(argv[0] if argv else (SITE / "index.html").as_uri())
    for row in result["rows"]:
        print(f"{row['engine']} {row['version']}: cold ready {row['cold_ready_ms']:.0f} ms "
              f"{row['cold_ready_samples']}, steps/s b25 {row['steps_per_s_b25']:.0f}, "
              f"b256 {row['steps_per_s_b256']:.0f}, kernels {row['kernels']}")
    print("WebKit / Chromium:", {k: round(v, 2) for k, v in result["ratios"].items()})
    print("Caveat:", result["caveat"])


if __name__ == "__main__":
    main(sys.argv[1:])
