"""Summaries, targets and the two outputs of the bench: docs/benchmarks.json and docs/BENCHMARKS.md.

Every figure is summarised as median with min-max over its repetitions; every ratio is the ratio of two medians
taken in the same run of bench/run.py (bench/targets.py names the ratios and the targets). A run that measures only
one half (`--only page` / `--only throughput`) keeps the other half of the previous output, labelled with the run it
came from (`write`).
"""
import json
import os
import platform
import statistics
from pathlib import Path

from .side_by_side import recipe_markdown, webkit_markdown
from .targets import check_targets, figures_for_targets


def summary(values):
    """{"median", "min", "max", "n", "values"} of a list of numbers (None values are left out of the stats)."""
    numbers = [v for v in values if v is not None]
    if not numbers:
        return {"median": None, "min": None, "max": None, "n": 0, "values": list(values)}
    return {"median": statistics.median(numbers), "min": min(numbers), "max": max(numbers), "n": len(numbers),
            "values": list(values)}


def machine():
    """CPU model, cores, OS and load: what a reader needs to judge the figures."""
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "?"
    os_name = platform.platform()
    try:
        fields = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line)
        os_name = f"{fields.get('PRETTY_NAME', '?').strip(chr(34))}, Linux {platform.release()}"
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "os": os_name, "python": platform.python_version()}


# The halves of a result: a run that did not measure one keeps it from the previous output.
SECTIONS = {
    "throughput": ("throughput", "ratios", "paired_ratios", "tfjs", "page_versions"),
    "page": ("page",),
    "profile": ("profile",),
    "recipe": ("recipe",),
    "webkit": ("webkit",),
}


def _fmt(value, digits=0):
    if value is None:
        return "—"
    if digits == 0:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def _spread(s, digits=0, scale=1.0):
    if not s or s.get("median") is None:
        return "—", "—"
    return (_fmt(s["median"] * scale, digits),
            f"{_fmt(s['min'] * scale, digits)}–{_fmt(s['max'] * scale, digits)}")


READING = ["", "## Reading these numbers", "",
           "- **Native vs browser.** Native NumPy does the matrix products with OpenBLAS (SIMD). Pyodide's NumPy "
           "0.27.7 build has no BLAS: `@` runs NumPy's plain C loop compiled to scalar wasm, about 0.4 ns per "
           "multiply-add against ~0.03 ns natively. With `--profile`, the *products* row shows their share of a "
           "browser step and the *ceiling* the best browser/native ratio reachable if everything else in the step "
           "were free; fewer NumPy calls only act on the rest.",
           "- **TF.js.** The same network, data and optimizer with TF.js's core API and `optimizer.minimize` "
           "(bench/tfjs/bench.js), the fastest idiomatic path. The wasm backend runs with SIMD and without threads: "
           "threads need cross-origin isolation, which a file:// page (like the product page) cannot have.",
           "- **colornet in the page** runs as the editor's code through Run (bench/inpage/workloads.py, loaded whole), "
           "in the page's own worker; its time is taken inside Python, so no messaging is counted.",
           "- **Firefox against Chromium.** The same page and code in both. *NumPy-only* rows take the kernel seam "
           "out: their Firefox / Chromium ratio is NumPy's loops and the interpreter alone, the kernels' rows add the "
           "seam's calls (Python → JS → wasm through Pyodide's bridge). With `--profile`, the *Firefox against "
           "Chromium* tables split a step into the products and the rest, and one product into its pieces (the "
           "interpreter, a NumPy call, the bridge with 1 and 10 arguments, a bare call of the kernel's export, the "
           "seam).",
           "- **Long tasks** come from Chromium's `longtask` PerformanceObserver (Firefox has none). The idle "
           "control counts them while the page does nothing after its first run: long tasks there come from the "
           "machine.",
           "- **Cold and the anchor.** Boot times differ twofold between machines of this kind, so the cold start "
           "is also given as a ratio to the stock Pyodide 0.27.7 loader (bench/stock/index.html: npm's "
           "`pyodide.js`, `loadPyodide()` + `loadPackage(\"numpy\")` with Pyodide's own NumPy wheel) measured in "
           "the same run, a fresh Chromium each, over loopback http.",
           "- **Time to quality** runs the page's default script unchanged, its progress callback wrapped to score "
           "the held-out ΔE00 (2,000 colours) every 100 steps; scoring time is excluded, and the browser figure "
           "starts when Run is pressed. Native runs the same script text.",
           "- **Noise.** On a shared machine, compare ratios, not absolute times; the paired ratios and the load "
           "average show how much the machine moved during the run."]


def markdown(result):
    """docs/BENCHMARKS.md from the result dict that run.py also writes as JSON."""
    m, b = result["machine"], result["browsers"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `python3 build.py bench` (bench/run.py); the raw figures are in "
        "[benchmarks.json](benchmarks.json). Every figure is the median of its repetitions with min–max; every "
        "ratio divides two medians measured in the same run, contestants interleaved round by round.",
        "",
        f"- Date: {result['date']}",
        f"- Machine: {m['cpu']}, {m['cores']} cores; {m['os']}; load average {result['load_before']} before, "
        f"{result['load_after']} after",
        f"- Browsers: Chromium {b.get('chromium', '—')}, Firefox {b.get('firefox', '—')} (headless)",
        f"- Native: CPython {m['python']}, NumPy {result['native']['numpy']}, BLAS threads "
        f"{result['native']['blas_threads']}; page: {result['page_versions'] or '—'}",
        f"- TF.js: {result['tfjs'].get('version', '—')}; wasm backend SIMD {result['tfjs'].get('simd', '—')}, "
        f"threads {result['tfjs'].get('threads', '—')}",
        f"- Command: `{result['command']}`",
        "",
    ]
    if result.get("note"):
        lines += [f"> {result['note']}", ""]

    lines += ["## Targets", "", "| figure | target | measured | verdict |", "|---|---|---|---|"]
    for row in result["targets"]:
        value = row["value"]
        shown = "—" if value is None else (f"{value:.3g} {row['unit']}" if row["unit"] in ("s", "MB", "ms")
                                            else f"{value:.3g}×" if row["unit"] == "×" else f"{value:g}")
        lines.append(f"| {row['figure']} | {row['target']} | {shown} | {row['verdict']} |")

    t = result["throughput"]
    if t["results"]:
        lines += throughput_markdown(t, result["ratios"], result.get("paired_ratios", {}))
        lines += kept_note(result, "throughput")
    if result.get("page"):
        lines += page_markdown(result["page"]) + kept_note(result, "page")
    if result.get("profile"):
        lines += profile_markdown(result["profile"]) + kept_note(result, "profile")
    if result.get("recipe"):
        lines += recipe_markdown(result["recipe"]) + kept_note(result, "recipe")
    if result.get("webkit"):
        lines += webkit_markdown(result["webkit"]) + kept_note(result, "webkit")
    lines += READING
    if result.get("errors") or result.get("skipped"):
        lines += ["", "## Not measured in this run", ""]
        lines += [f"- skipped: {e}" for e in result.get("skipped", [])] + [f"- error: {e}" for e in result["errors"]]
    return "\n".join(lines) + "\n"


def throughput_markdown(t, ratio_table, paired_table):
    lines = ["", "## Training throughput", "",
              "3→64→32→16→3 (ReLU hidden, linear output, He init), 10,000 random colours and their complements, "
              f"MSE, plain SGD lr 0.042. Warm-up {t['warmup_s']} s, then a timed window of {t['window_s']} s per "
              f"repetition, {t['reps']} repetitions. colornet trains through its own loop (`cn.train`, a report "
              "every 100 steps); in the page the loop runs as the editor's code through Run, timed inside Python.",
              "", "| contestant | batch | steps/s median | min–max | samples/s median |", "|---|---|---|---|---|"]
    for label, by_batch in t["results"].items():
        for batch, s in by_batch.items():
            median, spread = _spread(s["steps_per_s"])
            lines.append(f"| {label} | {batch} | {median} | {spread} | {_spread(s['samples_per_s'])[0]} |")
    lines += ["", "| ratio | batch 25 | batch 256 | paired: batch 25 | paired: batch 256 |",
              "|---|---|---|---|---|"]
    for name, by_batch in ratio_table.items():
        paired = paired_table.get(name, {})
        lines.append(f"| {name} | {_fmt(by_batch.get('25'), 2)}× | {_fmt(by_batch.get('256'), 2)}× | "
                     f"{_fmt(paired.get('25'), 2)}× | {_fmt(paired.get('256'), 2)}× |")
    lines += ["", "Ratio: median ÷ median (what the targets use). Paired: the median over rounds of the ratio "
                  "within a round, where both were measured back to back; steadier when the machine is busy."]
    return lines


PAGE_ROWS = [
    ("ready_s", "page open → ready, cold: a fresh browser profile each, file:// (s)", 2),
    ("ready_http_s", "the same over http://127.0.0.1 (s)", 2),
    ("ready_single_s", "the same for the single file site/colornet-playground.html, alone in a folder, file:// (s)", 2),
    ("stock_ready_s", "stock Pyodide loader, `loadPyodide()` + `loadPackage(\"numpy\")`, cold, http://127.0.0.1 (s)", 2),
    ("ready_firefox_s", "page open → ready, cold, Firefox, file:// (s)", 2),
    ("stock_ready_firefox_s", "stock Pyodide loader, cold, Firefox, http://127.0.0.1 (s)", 2),
    ("editor_ms", "page open → the editor takes keystrokes, cold, file:// (ms)", 0),
    ("first_cost_s", "page open → first cost point, cold, Run pressed at ready (s)", 2),
    ("longest_boot_task_ms", "longest main-thread task while booting, cold, file:// (ms)", 0),
    ("longest_boot_task_http_ms", "the same over http://127.0.0.1 (ms)", 0),
    ("stock_longest_boot_task_ms", "the same for the stock loader (it runs Python on the main thread) (ms)", 0),
    ("first_run_s", "the default script's first run on a fresh page, Run to its end (s)", 2),
    ("first_run_long_tasks", "main-thread tasks > 50 ms during that first run", 0),
    ("first_run_longest_task_ms", "longest main-thread task during that first run (ms)", 0),
    ("first_run_draw_ms", "longest main-thread drawing of one views update in that first run (map, network view, "
                          "neuron tiles and lines, doctor; the page's own clock) (ms)", 1),
    ("first_run_graph_redraws", "neuron graph redraws in that first run", 0),
    ("idle_long_tasks", "control: tasks > 50 ms in 2 s of the same page idle after its first run", 0),
    ("ready_warm_s", "page open → ready, warm: reloads in one browser (s)", 2),
    ("first_cost_warm_s", "page open → first cost point, warm (s)", 2),
    ("quality_browser_s", "Run → held-out ΔE00 ≤ 1.0, browser, warm (s)", 2),
    ("quality_native_s", "the same default script, native CPython (s)", 2),
    ("quality_step", "step at which ΔE00 ≤ 1.0 was first seen (checked every 100 steps)", 0),
    ("run_start_delay_s", "Run pressed → the script starts in the worker, warm (s)", 3),
    ("views_cost_pct", "training throughput taken by the live map, network view, neuron graph and doctor: the "
                       "default script set to `views_steps` steps (benchmarks.json), pressed once the page's warm-up "
                       "is over, the views switched off and on every 1.2 s of training (bench/inpage/"
                       "views_toggle.py), 1 − on/off steps/s within each run (%)", 1),
    ("views_image_cost_pct", "the same with an image loaded (docs/screenshot.png: its four image views too) (%)", 1),
    ("views_on_steps_per_s", "whole runs side by side (the same script and length, on / off order alternating "
                             "pair by pair): steps/s with the views on", 0),
    ("views_off_steps_per_s", "the same with them off (`playground.live_views = False`), steps/s", 0),
    ("views_runs_cost_pct", "their cost: 1 − on/off within each pair of whole runs (%)", 1),
    ("views_load", "1-minute load average after each of those runs", 1),
    ("views_events", "`insight` events (views updates) per run with them on", 0),
    ("views_graph_tiles", "neuron graph tiles drawn at each of those updates", 0),
    ("views_worker_ms", "worker time per update, all of it (median of the runs' medians) (ms)", 1),
    ("views_worker_pass_ms", "of which the one forward pass the views share (site/py/layer_pass.py) (ms)", 1),
    ("views_worker_map_ms", "worker time per update: the colour map (ms)", 1),
    ("views_worker_network_ms", "worker time per update: the network view (ms)", 1),
    ("views_worker_neurons_ms", "worker time per update: the neuron graph (ms)", 1),
    ("views_draw_ms", "longest main-thread drawing of one update in those runs (ms)", 1),
]


def page_markdown(p):
    lines = ["", "## The page (Chromium, and Firefox where a row says so)", "",
             "Cold: each sample starts a new Chromium with a fresh profile (no HTTP or code cache, nothing saved), "
             "interleaved round by round with the stock loader. Warm: reloads in one browser. Worst = max over the "
             "samples.", "", "| figure | median | min–max (worst) | n |", "|---|---|---|---|"]
    for key, label, digits in PAGE_ROWS:
        s = p.get(key)
        if s and s.get("median") is not None:
            median, spread = _spread(s, digits)
            lines.append(f"| {label} | {median} | {spread} | {s['n']} |")
    single = p.get("single_vs_page")
    if single:
        lines += ["", f"The single file: **{p['single_file_bytes']:,} bytes** ({p['single_file_bytes'] / 1e6:.2f} MB; "
                      f"the multi-file page's bundles are in the weight table below); its cold page open → ready ÷ the "
                      f"multi-file page's (file://): {_fmt(single.get('ratio'), 2)}× (ratio of medians), "
                      f"{_fmt(single.get('paired'), 2)}× (median of per-round ratios)."]
    versus = p.get("ready_vs_stock")
    if versus:
        lines += ["", "Cold page open → ready ÷ the stock loader's, measured in the same run:", "",
                  "| our page | ratio of medians | median of per-round ratios |", "|---|---|---|",
                  f"| file:// | {_fmt(versus.get('file'), 2)}× | {_fmt(versus.get('file_paired'), 2)}× |",
                  f"| http://127.0.0.1 | {_fmt(versus.get('http'), 2)}× | {_fmt(versus.get('http_paired'), 2)}× |",
                  *([f"| file://, Firefox (against the stock loader in Firefox) | {_fmt(fx.get('file'), 2)}× | "
                     f"{_fmt(fx.get('file_paired'), 2)}× |"] if (fx := p.get("ready_vs_stock_firefox")) else []),
                  "", "The stock loader does less than our page: it neither verifies the bundles nor installs "
                      "micropip and colornet, nor imports NumPy (ready = `loadPackage` resolved)."]
    timings = [c.get("runtime_timings") for c in p.get("cold_starts", []) if c.get("runtime_timings")]
    stages = [k for k, v in (timings[0].items() if timings else []) if isinstance(v, (int, float))]
    if stages:
        lines += ["", "The runtime's own boot breakdown (`runtime.info.timings`, ms, median of the cold starts):",
                  "", "| " + " | ".join(stages) + " |", "|" + "---|" * len(stages),
                  "| " + " | ".join(_fmt(statistics.median(t[k] for t in timings if k in t)) for k in stages)
                  + " |"]
    w = p.get("weight")
    if w:
        lines += ["", f"Bytes loaded until ready: **{w['total_bytes']:,}** "
                      f"({w['total_bytes'] / 1e6:.2f} MB); requests outside file:/blob:/data: "
                      f"{len(w['network_requests'])}.", "", "| asset | bytes loaded | on disk |", "|---|---|---|"]
        for name, a in w["assets"].items():
            lines.append(f"| {name} | {a['bytes']:,} | {a['disk_bytes']:,} |")
    return lines


PROFILE_SIDES = ("native", "Chromium", "Firefox")


def _share(s):
    """`products / whole step (share %)` of one step_us entry."""
    return f"{s['products']:.0f} / {s['whole step']:.0f} ({100 * s['products'] / s['whole step']:.0f} %)"


def profile_markdown(prof):
    """The optional `--profile` section: where a step's time goes, natively, in Chromium and in Firefox (best of 5)."""
    sides = [side for side in PROFILE_SIDES if side in prof]
    ceiling = "native" in sides and "Chromium" in sides
    lines = ["", "## Where a training step's time goes (`--profile`, best of 5)", "",
             "From bench/inpage/profile.py, the same code natively and as the page's editor code. Times in µs; best "
             "(lowest) of 5 passes, the steadiest figure on a shared machine.", "",
             "| batch | " + " | ".join(f"{side}: products / whole step" for side in sides)
             + (" | ceiling |" if ceiling else " |"),
             "|---|" + "---|" * (len(sides) + ceiling)]
    for batch in prof[sides[0]]["step_us"]:
        cells = [_share(prof[side]["step_us"][batch]) for side in sides]
        if ceiling:
            native_step = prof["native"]["step_us"][batch]["whole step"]
            cells.append(f"{native_step / prof['Chromium']['step_us'][batch]['products']:.2f}×")
        lines.append(f"| {batch} | " + " | ".join(cells) + " |")
    if ceiling:
        lines += ["", "Ceiling: the Chromium/native ratio colornet would reach if everything in Chromium's step except "
                      "the products took no time at all (native whole step ÷ Chromium's products)."]
    numpy_side = [side for side in sides if "step_us_numpy" in prof[side]]
    for side in numpy_side:  # the page's SIMD kernels were active: the same step with NumPy's matmul beside them
        lines += ["", f"{side}, products by `{prof[side].get('kernels')}` against NumPy's matmul in the same page:", "",
                  "| batch | kernels: products / whole step | NumPy: products / whole step |", "|---|---|---|"]
        for batch, s in prof[side]["step_us"].items():
            lines.append(f"| {batch} | {_share(s)} | {_share(prof[side]['step_us_numpy'][batch])} |")
    if "Chromium" in sides and "Firefox" in sides:
        lines += firefox_profile_markdown(prof["Chromium"], prof["Firefox"])
    for title, key in [("NumPy calls of a step (middle layer 64→32)", "ops_us"),
                       ("Ways to compute the products", "matmul_us")]:
        columns = list(prof[sides[0]][key])
        lines += ["", f"{title}, µs per call:", "",
                  "| call | " + " | ".join(f"{side} {c}" for c in columns for side in sides) + " |",
                  "|---|" + "---|" * (len(columns) * len(sides))]
        for op in prof[sides[0]][key][columns[0]]:
            lines.append(f"| `{op}` | " + " | ".join(f"{prof[side][key][c][op]:.1f}"
                                                     for c in columns for side in sides) + " |")
    lines += ["", "colornet's own training step (forward, zero_grad, backward, optimizer step) today and with each "
                  "proposed change applied from outside, steps/s (SGD at batch 25 and 256; Adam, as the default "
                  "preset, at batch 25):", "",
              "| step | " + " | ".join(f"{side} b{b}" for b in ("25", "256") for side in sides)
              + " | " + " | ".join(f"{side} Adam b25" for side in sides) + " |",
              "|---|" + "---|" * (3 * len(sides))]
    for name in prof[sides[0]]["proposals_sgd"]["25"]:
        cells = [f"{prof[side]['proposals_sgd'][b][name]:,.0f}" for b in ("25", "256") for side in sides]
        cells += [f"{prof[side]['proposals_adam_b25'][name]:,.0f}" for side in sides]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def firefox_profile_markdown(chromium, firefox):
    """Where Firefox loses against Chromium: a step split into the products and the rest, with the kernels and with
    NumPy's matmul, then one kernel product split into its pieces (profile.py's `seam_us`)."""
    lines = ["", "Firefox against Chromium, µs of one step (ratio Firefox ÷ Chromium: above 1 = Firefox slower). "
                 "*Products* are the 11 Dense products of a step, *rest* is everything else (NumPy's element-wise "
                 "calls and the interpreter running colornet):", "",
             "| batch | products | rest | whole step |", "|---|---|---|---|"]
    variants = [("step_us", "")] + ([("step_us_numpy", ", NumPy-only")]
                                    if "step_us_numpy" in chromium and "step_us_numpy" in firefox else [])
    for key, label in variants:
        for batch, c in chromium[key].items():
            f = firefox[key][batch]
            cells = []
            for part in ("products", "rest", "whole step"):
                cv = c["whole step"] - c["products"] if part == "rest" else c[part]
                fv = f["whole step"] - f["products"] if part == "rest" else f[part]
                cells.append(f"{cv:.0f} → {fv:.0f} ({fv / cv:.2f}×)" if cv else "—")
            lines.append(f"| {batch}{label} | " + " | ".join(cells) + " |")
    seam_c, seam_f = chromium.get("seam_us") or {}, firefox.get("seam_us") or {}
    batches = [b for b in seam_c if b in seam_f]
    if batches:
        calls = [name for name in seam_c[batches[0]] if all(name in seam_f[b] and name in seam_c[b] for b in batches)]
        lines += ["", "One product of the middle layer (batch × 64 @ 64 × 32) and its pieces, µs per call: the "
                      "interpreter, a NumPy call, Pyodide's Python → JS bridge, a bare call of the kernel's wasm "
                      "export (with no work, then computing the product) and the product through colornet's kernel "
                      "seam:", "",
                  "| call | " + " | ".join(f"Chromium {b} | Firefox {b} | Firefox ÷ Chromium {b}" for b in batches)
                  + " |", "|---|" + "---|" * (3 * len(batches))]
        for name in calls:
            cells = []
            for b in batches:
                cv, fv = seam_c[b][name], seam_f[b][name]
                cells += [f"{cv:.1f}", f"{fv:.1f}", f"{fv / cv:.2f}×" if cv else "—"]
            lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    ticks = [(side, p.get("clock_tick_us")) for side, p in (("Chromium", chromium), ("Firefox", firefox))]
    if all(t is not None for _, t in ticks):
        lines += ["", "The page's clock (`time.perf_counter`) ticks every " + " and ".join(
            f"{t:,.0f} µs in {side}" for side, t in ticks) + "; every loop timed here lasts ≥ 50 ticks and ≥ 10 ms."]
    return lines


def kept_note(result, section):
    """A line under a section this run did not measure, saying which run its figures come from."""
    kept = (result.get("kept") or {}).get(section)
    if not kept:
        return []
    return ["", f"*These figures are kept from the run of {kept['date']} (`{kept['command']}`); this run "
                f"(`{result['command']}`) did not measure them.*"]


def merge_previous(result, previous):
    """`result` with every section it did not measure (not in result["measured"]) taken from `previous`, the
    last output, and recorded under result["kept"] with the date and command of the run that measured it."""
    result = {**result, "kept": {}}
    measured = result.get("measured", list(SECTIONS))
    for section, keys in SECTIONS.items():
        if section in measured or not previous or not previous.get(SECTIONS[section][0]):
            continue
        if section == "throughput" and not previous["throughput"].get("results"):
            continue
        for key in keys:
            result[key] = previous.get(key)
        result["kept"][section] = (previous.get("kept") or {}).get(section) or {
            "date": previous["date"], "command": previous["command"]}
    if result["kept"]:  # the browsers of the kept figures (e.g. Firefox) stay named
        result["browsers"] = {**(previous.get("browsers") or {}), **(result.get("browsers") or {})}
    return result


def write(result, docs):
    """Write docs/benchmarks.json and docs/BENCHMARKS.md, keeping what this run did not measure from the previous
    benchmarks.json, and judging the targets on the merged figures; returns the merged result."""
    docs = Path(docs)
    docs.mkdir(parents=True, exist_ok=True)
    previous_path = docs / "benchmarks.json"
    previous = json.loads(previous_path.read_text()) if previous_path.exists() else None
    result = merge_previous(result, previous)
    result["targets"] = check_targets(figures_for_targets(result))
    previous_path.write_text(json.dumps(result, indent=1) + "\n")
    (docs / "BENCHMARKS.md").write_text(markdown(result))
    return result
