"""Measures page open → ready in headless Chromium (median of N) and the bytes the page loads.

Usage: .venv/bin/python tests/e2e/boot_timing.py [--runs 5] [--http]
Prints one JSON line; bench/ can import measure_boot(). Not a test: timings belong in benchmarks.
"""
import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from conftest import SITE, make_chrome, serve_directory, wait_for_boot  # noqa: E402


def page_bytes(driver):
    """Bytes of every resource the page loaded (the document plus its scripts/styles), from Resource Timing."""
    return driver.execute_script("""
        const sizes = performance.getEntriesByType('resource').map(e => [e.name, e.decodedBodySize || 0]);
        return sizes;""")


def measure_boot(url, runs=5):
    driver = make_chrome()
    try:
        samples, breakdown = [], []
        for _ in range(runs):
            driver.get("about:blank")
            driver.get(url)
            state = wait_for_boot(driver, 60)
            if state["status"] != "ready":
                raise RuntimeError(state["error"])
            samples.append(state["info"]["pageToReadyMs"])
            breakdown.append(state["info"].get("timings"))
        return {"url": url, "runs": runs, "page_to_ready_ms": samples,
                "median_ms": statistics.median(samples), "bytes_loaded": state["info"]["bytesLoaded"],
                "last_breakdown": breakdown[-1]}
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--http", action="store_true")
    args = parser.parse_args()
    if args.http:
        with serve_directory(SITE) as base:
            print(json.dumps(measure_boot(base + "index.html", args.runs)))
    else:
        print(json.dumps(measure_boot((SITE / "index.html").as_uri(), args.runs)))


if __name__ == "__main__":
    main()
