"""Why colornet trains slower in Firefox than in Chromium with the SIMD kernels (issue 12), product by product.

`python3 build.py` first, then from the repository root `PYTHONPATH=pylib .venv/bin/python -m bench.firefox_gap
[out.json]` (~3 min): in a fresh Chromium and a fresh Firefox, both open at once, the page runs
bench/inpage/firefox_gap.py as the editor's code and this prints, per browser and batch, µs per call of each of the
11 Dense products by NumPy and by the kernels, then the throughput with the kernels, with NumPy and with the
per-shape prototype (3 rounds, each round Chromium then Firefox).
"""
import json
import os
import statistics
import sys
from pathlib import Path

from tools.paths import SITE

from . import browsers
from .editor import run_in_page, wait_until_ready

SETUP = "from bench.inpage.firefox_gap import products_us, steps_per_s"


def in_page(browser, expression):
    result = run_in_page(browser, expression, SETUP)
    result.pop("run_pressed_epoch_ms", None)
    return result


def measure(pages):
    """{"<browser> <batch>": {"products", "numpy_for", "rounds"}} from each open page, round by round."""
    results = {}
    for batch in (25, 256):
        for browser in pages:
            table = in_page(browser, f"products_us({batch})")
            numpy_for = [label for label, (numpy_us, kernels_us) in table.items() if numpy_us <= kernels_us]
            results[f"{browser.name} {batch}"] = {"products": table, "numpy_for": numpy_for, "rounds": []}
        for _ in range(3):
            for browser in pages:
                side = results[f"{browser.name} {batch}"]
                side["rounds"].append(in_page(browser, f"steps_per_s({batch}, {side['numpy_for']!r})"))
    return results


def print_tables(results):
    for batch in (25, 256):
        chromium, firefox = results[f"Chromium {batch}"], results[f"Firefox {batch}"]
        print(f"\nbatch {batch}, µs per call | Chromium NumPy | Chromium kernels | Firefox NumPy | Firefox kernels")
        for label, (cn_np, cn_k) in chromium["products"].items():
            ff_np, ff_k = firefox["products"][label]
            print(f"  {label:<34} | {cn_np:6.1f} | {cn_k:6.1f} | {ff_np:6.1f} | {ff_k:6.1f}")
        print("  sum of the 11 | " + " | ".join(f"{sum(r[i] for r in side['products'].values()):6.1f}"
                                                 for side in (chromium, firefox) for i in (0, 1)))
        for name in chromium["rounds"][0]:
            c, f = (statistics.median(r[name] for r in side["rounds"]) for side in (chromium, firefox))
            paired = statistics.median(a[name] / b[name] for a, b in zip(firefox["rounds"], chromium["rounds"]))
            print(f"  steps/s, {name:<20} Chromium {c:7,.0f}  Firefox {f:7,.0f}  Firefox / Chromium {f / c:.2f} "
                  f"(paired {paired:.2f})")
        for side, name in ((chromium, "Chromium"), (firefox, "Firefox")):
            print(f"  {name}: the prototype took NumPy for {', '.join(side['numpy_for']) or 'nothing'}")


def main(argv):
    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    pages = []
    try:  # both browsers open at once, measured round by round (a burst of load hits both alike)
        for browser_class in (browsers.Chromium, browsers.Firefox):
            pages.append(browser_class())
            pages[-1].open((SITE / "index.html").as_uri())
            wait_until_ready(pages[-1])
        results = measure(pages)
    finally:
        for browser in pages:
            browser.quit()
    print_tables(results)
    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if argv:  # a path: the raw figures as JSON
        Path(argv[0]).write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
