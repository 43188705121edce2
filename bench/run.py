"""The benchmark harness: `python3 build.py bench [--quick] [--reps N] [--no-firefox] ...`.

Measures, in one run on this machine, and writes docs/benchmarks.json and docs/BENCHMARKS.md:
1. training throughput of the same net, data and optimizer: colornet in the playground page (Chromium, Firefox),
   colornet on native CPython, TF.js 4.22 cpu and wasm backends in Chromium (bench/tfjs/, served on 127.0.0.1);
2. cold start, a fresh browser profile per sample: page open → ready and → first cost point, the longest
   main-thread task while booting, and the stock Pyodide loader (`loadPyodide()` + `loadPackage("numpy")`) in
   the same browser as the anchor (ours ÷ stock); warm reloads separately, labelled warm;
3. the first run on a fresh page: its main-thread long tasks (worst of the samples), with an idle control;
4. time to quality: Run → held-out mean ΔE00 ≤ 1.0 with the page's default script, browser vs native;
5. weight: bytes the page loads.
Then the targets (bench/targets.py) with PASS / MISS. Run it as `python3 build.py bench` (builds nothing; installs
TF.js into bench/node_modules; runs `python -m bench.run` from the repository root with pylib/ on PYTHONPATH).
6. the default preset's recipe against the one before issue 23, natively (bench/recipe.py);
7. with `--webkit`: WebKitGTK against Chromium, cold ready and steps/s at batch 25 and 256 (bench/webkit.py).
`--only page` / `--only throughput` / `--only profile` / `--only recipe` / `--only webkit` keep the other parts of the previous output.
"""
import argparse
import datetime
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

import numpy as np

from tools import loopback_server
from tools import browsers as tools_browsers
from tools.browsers import BrowserMissing
from tools.paths import BENCH_NODE_MODULES, ROOT

from . import BLAS_THREADS, browsers, cold_ready, image_views, page, recipe, report, throughput, webkit
from .log import describe, log
from .profile import measure_profile
from .report import summary
from .targets import BATCHES, ratios

PAGE = ROOT / "site" / "index.html"
SINGLE_FILE = ROOT / "site" / "colornet-playground.html"  # the whole page in one file (issue 11)


def without_note(argv):
    """The arguments minus `--note TEXT` (the note is printed on its own)."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--note":
            skip = True
        elif not arg.startswith("--note="):
            out.append(arg)
    return out


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="build.py bench", description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5, help="repetitions of every figure (default 5, at least 3)")
    parser.add_argument("--window", type=float, default=2.0, help="timed window per throughput run, seconds")
    parser.add_argument("--warmup", type=float, default=0.5, help="warm-up before each window, seconds")
    parser.add_argument("--quick", action="store_true", help="3 repetitions, 1 s windows: a smoke run")
    parser.add_argument("--no-firefox", action="store_true", help="skip colornet in Firefox (throughput and profile)")
    parser.add_argument("--webkit", action="store_true",
                        help="also measure WebKitGTK against Chromium in the same run (bench/webkit.py, ~5 min)")
    parser.add_argument("--only", choices=("throughput", "page", "profile", "recipe", "webkit"),
                        help="measure one part only (`profile`: the --profile tables alone)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile a training step natively, in Chromium and in Firefox (bench/profile.py, "
                             "~1 min each)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="where to write the two outputs")
    parser.add_argument("--note", default="", help="a line to print at the top of BENCHMARKS.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.reps, args.window, args.warmup = 3, 1.0, 0.3
    if args.only == "profile":
        args.profile = True
    if args.only == "webkit":
        args.webkit = True
    if args.reps < 3:
        parser.error(f"--reps must be at least 3 (medians of fewer say little), got {args.reps}")
    if args.window <= 0 or args.warmup < 0:
        parser.error(f"--window must be > 0 and --warmup >= 0, got {args.window} and {args.warmup}")
    return args


def start_contestants(base_url, page_url, use_firefox, errors, skipped, versions, opened):
    """Opens every contestant's browser page (fails loudly for Chromium, notes and skips a missing Firefox).

    Every browser started is appended to `opened` at once, so the caller can close them all whatever fails.
    """
    contestants = [throughput.Native(), throughput.Native("float32")]
    chromium = browsers.Chromium()
    opened.append(chromium)
    versions["chromium"] = chromium.version
    colornet_chromium = throughput.ColornetPage(chromium, page_url)
    versions["kernels"] = colornet_chromium.boot_kernels
    # the page's kernels (WebAssembly SIMD) side by side with NumPy's matmul in the same page, and float32
    contestants += [colornet_chromium, colornet_chromium.variant(kernels="numpy"),
                    colornet_chromium.variant(dtype="float32")]
    if use_firefox and browsers.FIREFOX is None:
        skipped.append("colornet in Firefox: firefox-esr is not installed (apt-get install firefox-esr)")
        log(skipped[-1])
    elif use_firefox:
        try:
            firefox = browsers.Firefox()
            opened.append(firefox)
            versions["firefox"] = firefox.version
            colornet_firefox = throughput.ColornetPage(firefox, page_url)
            # NumPy-only beside the kernels in Firefox too: the Firefox / Chromium ratio with and without the kernel
            # seam tells the seam's calls from NumPy's loops and the interpreter (issue 12)
            contestants += [colornet_firefox, colornet_firefox.variant(kernels="numpy")]
        except Exception as error:  # Firefox is optional: record why it is missing
            errors.append(f"colornet in Firefox: {describe(error)}")
            log(errors[-1])
    for backend in ("cpu", "wasm"):
        browser = browsers.Chromium()
        opened.append(browser)
        contestants.append(throughput.TfjsPage(browser, base_url, backend))
    return contestants, colornet_chromium.info


def measure_throughput(args, errors, skipped, versions):
    """Every contestant at every batch size, round by round; returns the raw runs and the TF.js details."""
    runs, opened = {}, []
    with loopback_server.serve(ROOT) as base_url:
        try:
            contestants, page_versions = start_contestants(base_url, PAGE.as_uri(), not args.no_firefox,
                                                           errors, skipped, versions, opened)
            for rep in range(args.reps):
                for batch in map(int, BATCHES):
                    for contestant in contestants:
                        result = contestant.measure(batch, args.warmup, args.window)
                        runs.setdefault(contestant.label, {}).setdefault(str(batch), []).append(result)
                        log(f"round {rep + 1}/{args.reps}  batch {batch:>3}  {contestant.label:<28} "
                            f"{result['steps_per_s']:>9,.0f} steps/s")
            tfjs = next(c.info for c in contestants if getattr(c, "backend", None) == "wasm")
        finally:
            for browser in opened:
                browser.quit()
    return runs, tfjs, page_versions


def throughput_summary(runs, args):
    results = {label: {batch: {"steps_per_s": summary([r["steps_per_s"] for r in rs]),
                               "samples_per_s": summary([r["samples_per_s"] for r in rs]), "runs": rs}
                       for batch, rs in by_batch.items()}
               for label, by_batch in runs.items()}
    return {"reps": args.reps, "window_s": args.window, "warmup_s": args.warmup, "results": results}


def ms(value):
    """A duration for the log: "12.3 ms", or "—" when it was not measured."""
    return "—" if value is None else f"{value:.1f} ms"


def ratio_of_medians(mine, anchor):
    a, b = summary(mine)["median"], summary(anchor)["median"]
    return a / b if a and b else None


def measure_cold(reps, errors):
    """Cold samples, a fresh Chromium each, interleaved round by round: the page from file:// with its first run,
    the page over loopback http (boot only), the single file from a folder of its own (boot only), and the stock
    Pyodide loader over loopback http (the anchor)."""
    cold, cold_http, cold_single, stock = [], [], [], []
    with loopback_server.serve(ROOT / "site") as site_base, page.stock_site() as stock_url, \
            tempfile.TemporaryDirectory(prefix="bench-single-file-") as alone:
        single = Path(shutil.copy(SINGLE_FILE, alone))
        for rep in range(reps):
            cold.append(page.cold_start(PAGE.as_uri()))
            cold_http.append(page.cold_start(site_base + "/index.html", first_run=False))
            cold_single.append(page.cold_start(single.as_uri(), first_run=False))
            stock.append(page.stock_start(stock_url))
            if not (cold[-1].get("run_result") or {}).get("ok"):
                errors.append(f"cold start {rep + 1}: the first run did not finish cleanly: {cold[-1]['run_result']}")
            log(f"cold round {rep + 1}/{reps}: ready {cold[-1]['ready_ms'] / 1000:.2f} s (file), "
                f"{cold_http[-1]['ready_ms'] / 1000:.2f} s (http), {cold_single[-1]['ready_ms'] / 1000:.2f} s (single "
                f"file); stock loader {stock[-1]['ready_ms'] / 1000:.2f} s; "
                f"longest boot task {cold[-1]['longest_boot_task_ms']:.0f} ms; first run "
                f"{cold[-1]['first_run_s']:.2f} s with {cold[-1]['first_run_long_tasks']} task(s) > 50 ms, longest "
                f"drawing {ms(cold[-1]['first_run_draw_ms'])} ({cold[-1]['first_run_views']['graphRedraws']} "
                "graph redraws)")
    ready = [c["ready_ms"] / 1000 for c in cold]
    ready_http = [c["ready_ms"] / 1000 for c in cold_http]
    stock_ready = [s["ready_ms"] / 1000 for s in stock]
    ready_single = [c["ready_ms"] / 1000 for c in cold_single]
    return {
        "cold_starts": cold, "cold_starts_http": cold_http, "cold_starts_single": cold_single, "stock_starts": stock,
        "ready_s": summary(ready),
        "ready_http_s": summary(ready_http),
        "ready_single_s": summary(ready_single),
        "single_file_bytes": SINGLE_FILE.stat().st_size,
        "single_vs_page": {"ratio": ratio_of_medians(ready_single, ready),
                           "paired": summary([a / b for a, b in zip(ready_single, ready)])["median"]},
        "stock_ready_s": summary(stock_ready),
        "ready_vs_stock": {
            "file": ratio_of_medians(ready, stock_ready), "http": ratio_of_medians(ready_http, stock_ready),
            "file_paired": summary([a / b for a, b in zip(ready, stock_ready)])["median"],
            "http_paired": summary([a / b for a, b in zip(ready_http, stock_ready)])["median"]},
        "first_cost_s": summary([c["first_cost_ms"] / 1000 for c in cold]),
        "editor_ms": summary([c["editor_ms"] for c in cold]),
        "longest_boot_task_ms": summary([c["longest_boot_task_ms"] for c in cold]),
        "longest_boot_task_http_ms": summary([c["longest_boot_task_ms"] for c in cold_http]),
        "stock_longest_boot_task_ms": summary([s["longest_boot_task_ms"] for s in stock]),
        "first_run_s": summary([c["first_run_s"] for c in cold]),
        "first_run_long_tasks": summary([c["first_run_long_tasks"] for c in cold]),
        "first_run_longest_task_ms": summary([c["first_run_longest_task_ms"] for c in cold]),
        "idle_long_tasks": summary([c["idle_long_tasks"] for c in cold]),
        "first_run_draw_ms": summary([c["first_run_draw_ms"] for c in cold]),
        "first_run_graph_redraws": summary([c["first_run_views"]["graphRedraws"] for c in cold]),
    }


def measure_page(args, errors, versions):
    """Cold starts against the stock loader, the first run on a fresh page, then in one (warm) browser: warm
    reloads, the page's weight and time to quality (browser and native)."""
    url = PAGE.as_uri()
    log("cold starts (a fresh browser each)")
    out = measure_cold(max(args.reps, 5), errors)
    log(f"cold: ready {out['ready_s']['median']:.2f} s (median), ÷ stock loader {out['ready_vs_stock']['file']:.2f}; "
        f"worst boot task {out['longest_boot_task_ms']['max']:.0f} ms; worst first run "
        f"{out['first_run_long_tasks']['max']} task(s) > 50 ms")
    if not args.no_firefox and browsers.FIREFOX:
        out.update(part("cold starts in Firefox", lambda: cold_ready.firefox_figures(PAGE.as_uri(), max(args.reps, 5)), errors) or {})
    chromium = browsers.Chromium(performance_log=True)
    versions.setdefault("chromium", chromium.version)
    try:
        page.install_observer(chromium)
        log("warm starts (reloads in one browser)")
        warm = page.warm_starts(chromium, url, max(args.reps, 5))
        out["warm_starts"] = warm
        out["ready_warm_s"] = summary([c["ready_ms"] / 1000 for c in warm])
        out["first_cost_warm_s"] = summary([c["first_cost_ms"] / 1000 for c in warm])

        out["weight"] = page.weight(chromium, url)
        log(f"weight {out['weight']['total_bytes']:,} bytes")

        script = page.default_script(chromium, url)
        out["default_script"] = script
        quality_browser, quality_native = [], []
        for rep in range(args.reps):
            quality_browser.append(page.time_to_quality_in_page(chromium, url, script))
            quality_native.append(page.time_to_quality_native(script))
            log(f"round {rep + 1}/{args.reps}: ΔE ≤ 1 after {quality_browser[-1].get('seconds_from_run')} s "
                f"(browser), {quality_native[-1].get('seconds_from_run')} s (native)")
        out["quality_browser_s"] = summary([q.get("seconds_from_run") for q in quality_browser])
        out["quality_native_s"] = summary([q.get("seconds_from_run") for q in quality_native])
        out["quality_step"] = summary([q.get("step") for q in quality_browser])
        out["run_start_delay_s"] = summary([q["start_delay_s"] for q in quality_browser])
        out["quality_runs"] = {"browser": quality_browser, "native": quality_native}
        log(f"live views on / off: {page.VIEWS_STEPS:,}-step runs toggling them, without and with an image loaded")
        toggled, image_runs = image_views.measure(chromium, url, script, max(args.reps, 3))
        out["views_steps"] = page.VIEWS_STEPS
        out["views_cost_pct"] = summary([100 * r["cost"] for r in toggled])
        out["views_image_cost_pct"] = summary([100 * r["cost"] for r in image_runs])
        out["views_toggled_runs"], out["views_image_runs"] = toggled, image_runs
        log("live views on / off: whole runs side by side")
        views = page.views_cost(chromium, url, script, max(args.reps, 3))
        out["views_on_steps_per_s"] = summary([v["on"] for v in views])
        out["views_off_steps_per_s"] = summary([v["off"] for v in views])
        out["views_runs_cost_pct"] = summary([100 * v["cost"] for v in views])
        out["views_load"] = summary([v["load"] for v in views + toggled + image_runs])
        out["views_events"] = summary([v["on_events"] for v in views])
        out["views_graph_tiles"] = summary([v["on_tiles"] for v in views])
        out["views_draw_ms"] = summary([v["on_draw_ms"] for v in views])
        out["views_worker_ms"] = summary([statistics.median(v["on_update_ms"]) if v["on_update_ms"] else None
                                          for v in views])
        for _, name in page.UPDATE_PARTS:
            out[f"views_worker_{name}_ms"] = summary([v["on_part_ms"][name] for v in views])
        out["views_runs"] = views
        log(f"views: cost {out['views_cost_pct']['median']:.1f} % ({out['views_cost_pct']['min']:.1f} to "
            f"{out['views_cost_pct']['max']:.1f}) toggled within runs, {out['views_image_cost_pct']['median']:.1f} % "
            f"with an image; whole runs: {out['views_on_steps_per_s']['median']:.0f} steps/s on, "
            f"{out['views_off_steps_per_s']['median']:.0f} off, cost {out['views_runs_cost_pct']['median']:.1f} %; "
            "worker " + ", ".join(f"{part} {ms(out[f'views_worker_{part}_ms']['median'])}"
                                  for _, part in page.UPDATE_PARTS)
            + f" per update; longest drawing {ms(out['views_draw_ms']['max'])}; load {out['views_load']['min']:.1f}"
            f"-{out['views_load']['max']:.1f}")
        for q in quality_browser + quality_native:
            if not q.get("reached"):
                errors.append(f"a time-to-quality run never reached ΔE00 ≤ 1.0 (last {q.get('last_delta_e_mean')} "
                              f"at step {q.get('last_step')})")
    finally:
        chromium.quit()
    return out


def part(name, measure, errors):
    """measure(), or None with its error recorded under `name`: a failing part leaves the others measured (a missing
    Chromium ends the bench)."""
    try:
        return measure()
    except BrowserMissing:
        raise
    except Exception as error:
        errors.append(f"{name}: {describe(error)}")
        log(errors[-1])
        traceback.print_exc()
        return None


def main(argv):
    """Runs the bench; exits with a message naming what to install when Chromium or chromedriver is missing."""
    try:
        return measure_all(argv)
    except BrowserMissing as error:
        sys.exit(f"bench: {error}")


def measure_all(argv):
    args = parse_args(argv)
    if not (ROOT / "site" / "dist" / "app.js").exists():
        sys.exit("bench: site/dist/app.js is missing; run `python3 build.py` first.")
    tfjs = BENCH_NODE_MODULES / "@tensorflow" / "tfjs-backend-wasm" / "dist" / "tfjs-backend-wasm-simd.wasm"
    if args.only in (None, "throughput") and not tfjs.exists():
        sys.exit("bench: TF.js is missing from bench/node_modules/; run the bench as `python3 build.py bench`, "
                 "which installs it from bench/package-lock.json.")
    errors, skipped, versions = [], [], {}
    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    started = time.perf_counter()
    result = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": shlex.join(["python3", "build.py", "bench", *without_note(argv)]),
        "note": args.note,
        "machine": report.machine(),
        "native": {"numpy": np.__version__, "blas_threads": BLAS_THREADS},
        "browsers": versions,
        "page_versions": None,
        "tfjs": {},
        "throughput": None,
        "ratios": {},
        "page": {},
        "errors": errors,
        "skipped": skipped,
        "measured": [part for part, wanted in (("throughput", args.only in (None, "throughput")),
                                               ("page", args.only in (None, "page")), ("profile", args.profile),
                                               ("recipe", args.only in (None, "recipe")), ("webkit", args.webkit))
                     if wanted],
    }
    if args.only in (None, "throughput"):
        runs, tfjs, page_versions = measure_throughput(args, errors, skipped, versions)
        result["tfjs"] = {"version": tfjs.get("tfjs"), "simd": tfjs.get("simd"), "threads": tfjs.get("threads")}
        result["page_versions"] = page_versions
        result["throughput"] = throughput_summary(runs, args)
        result["ratios"] = ratios(result["throughput"]["results"])
        result["paired_ratios"] = ratios(result["throughput"]["results"], paired=True)
    if args.only in (None, "page"):
        result["page"] = part("page figures", lambda: measure_page(args, errors, versions), errors) or {}
    if args.profile:
        profile = part("profile", lambda: measure_profile(not args.no_firefox, errors, skipped), errors)
        if profile is not None:
            result["profile"] = profile
    if args.only in (None, "recipe"):
        measured = part("recipe", lambda: recipe.measure(range(3), args.reps if args.only else 3), errors)
        if measured is not None:
            result["recipe"] = measured
    if args.webkit:
        missing = tools_browsers.webkitgtk_missing()
        if missing:
            skipped.append(f"WebKit: {missing}")
        else:
            measured = part("webkit", lambda: webkit.measure(PAGE.as_uri(), cold_reps=args.reps), errors)
            if measured is not None:
                result["webkit"] = measured
    result["load_before"] = load_before
    result["load_after"] = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    result["seconds"] = round(time.perf_counter() - started, 1)
    if result["throughput"] is None:
        result["throughput"] = {"reps": 0, "window_s": args.window, "warmup_s": args.warmup, "results": {}}
    result = report.write(result, args.docs)  # keeps what this run did not measure from the previous output
    log(f"done in {result['seconds']} s; wrote {args.docs / 'BENCHMARKS.md'} and {args.docs / 'benchmarks.json'}")
    for row in result["targets"]:
        value = "—" if row["value"] is None else f"{row['value']:.3g}"
        log(f"{row['verdict']:<4}  {row['figure']}: {value} (target {row['target']})")
    for line in errors:
        log(f"ERROR {line}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
