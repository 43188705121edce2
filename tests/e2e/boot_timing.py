"""Measures page open → ready in headless Chromium (median of N) and the bytes the page loads.

Usage: .venv/bin/python tests/e2e/boot_timing.py [--runs 5] [--http]
Prints one JSON line; bench/ can import measure_boot(). Not a test: timings belong in benchmarks.
page_bytes counts every file the browser requested (from its performance log; file:// only) at its size on disk.
"""
import argparse
import json
import statistics
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).resolve().parents[2])]  # conftest, tools/
from conftest import SITE, make_chrome, serve_directory, wait_for_boot  # noqa: E402


def files_loaded(driver):
    """{file URL: bytes on disk} for every file:// request in Chromium's performance log (drains the log)."""
    files = {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if url.startswith("file://"):
                files[url] = Path(unquote(urlparse(url).path)).stat().st_size
    return files


def measure_boot(url, runs=5):
    driver = make_chrome()
    try:
        samples, breakdown = [], []
        files = {}
        for _ in range(runs):
            driver.get("about:blank")
            driver.get_log("performance")
            driver.get(url)
            state = wait_for_boot(driver, 60)
            if state["status"] != "ready":
                raise RuntimeError(state["error"])
            samples.append(state["info"]["pageToReadyMs"])
            files = files_loaded(driver)
            breakdown.append(state["info"].get("timings"))
        return {"url": url, "runs": runs, "page_to_ready_ms": samples,
                "median_ms": statistics.median(samples), "bundle_bytes": state["info"]["bytesLoaded"],
                "page_bytes": sum(files.values()) if files else None, "files": files,
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
