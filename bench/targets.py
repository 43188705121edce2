"""The bench's names and goals as data, shared by bench/run.py (which measures) and bench/report.py (which writes):
the contestants' labels, the ratios taken between them, and the targets of issues 5, 8, 10, 12, 19 and 23.

A ratio divides two contestants' steps/s measured in the same run (`ratios`); a target names where its figure is
found in a result (`figures_for_targets`) and is met when value <op> target (`check_targets`).
"""
import statistics
from typing import NamedTuple

BATCHES = ("25", "256")  # the batch sizes of every throughput figure (as the result's keys)
NATIVE = "native CPython"


def colornet_label(where, kernels=None, dtype="float64"):
    """`colornet, Chromium`, `colornet NumPy-only, Chromium`, `colornet float32, native CPython`, ..."""
    parts = [p for p in ("NumPy-only" if kernels == "numpy" else "", "" if dtype == "float64" else dtype) if p]
    return f"colornet{' ' + ' '.join(parts) if parts else ''}, {where}"


def tfjs_label(backend, browser="Chromium"):
    return f"TF.js {backend}, {browser}"


CHROMIUM_VS_NATIVE = "colornet in Chromium / native colornet"
CHROMIUM_VS_TFJS_WASM = "colornet in Chromium / TF.js wasm (Chromium)"
FIREFOX_VS_CHROMIUM = "colornet in Firefox / colornet in Chromium"
FLOAT32_VS_NATIVE = "colornet float32 in Chromium / native colornet"

# (ratio name, numerator, denominator): contestants' labels. Ratios whose contestants did not run are left out.
RATIOS = [
    *[(f"colornet in {browser} / {name}", colornet_label(browser), other)
      for browser in ("Chromium", "Firefox")
      for name, other in (("native colornet", colornet_label(NATIVE)),
                          ("TF.js wasm (Chromium)", tfjs_label("wasm")),
                          ("TF.js cpu (Chromium)", tfjs_label("cpu")))],
    # issue 12: the SIMD kernels against NumPy's matmul in the same page, float32, Firefox against Chromium
    ("colornet NumPy-only in Chromium / native colornet", colornet_label("Chromium", "numpy"), colornet_label(NATIVE)),
    ("colornet in Chromium / colornet NumPy-only in Chromium", colornet_label("Chromium"),
     colornet_label("Chromium", "numpy")),
    (FLOAT32_VS_NATIVE, colornet_label("Chromium", dtype="float32"), colornet_label(NATIVE)),
    ("colornet float32 in Chromium / native colornet float32", colornet_label("Chromium", dtype="float32"),
     colornet_label(NATIVE, dtype="float32")),
    (FIREFOX_VS_CHROMIUM, colornet_label("Firefox"), colornet_label("Chromium")),
    ("colornet NumPy-only in Firefox / colornet NumPy-only in Chromium", colornet_label("Firefox", "numpy"),
     colornet_label("Chromium", "numpy")),
    ("colornet in Firefox / colornet NumPy-only in Firefox", colornet_label("Firefox"),
     colornet_label("Firefox", "numpy")),
]


def ratios(results, paired=False):
    """{ratio name: {batch: value}} of every RATIOS entry whose two contestants are in `results`: the median of
    one's steps/s ÷ the median of the other's. With `paired`, instead the median over rounds of the ratio within
    each round (both measured back to back, so a burst of load from elsewhere hits both alike): steadier on a busy
    machine."""
    def ratio(mine, other):
        if not mine or not other:
            return None
        if paired:
            return statistics.median(a["steps_per_s"] / b["steps_per_s"] for a, b in zip(mine["runs"], other["runs"]))
        a, b = mine["steps_per_s"]["median"], other["steps_per_s"]["median"]
        return a / b if a and b else None

    return {name: {batch: ratio(results[mine].get(batch), results[other].get(batch)) for batch in BATCHES}
            for name, mine, other in RATIOS if mine in results and other in results}


class Target(NamedTuple):
    """A goal: `figure` (its label) <op> `target` `unit`. `source` says where the value is in a result:
    ("ratio", ratio name, batch), ("page", summary key, "median" | "max"), ("weight_mb",) or ("kernels_boot_ms",)."""
    key: str
    figure: str
    op: str
    target: float
    unit: str
    source: tuple


TARGETS = [  # issues 5 and 8
    Target("chromium_vs_native_b25", "colornet in Chromium vs native colornet, batch 25", ">=", 0.5, "×",
           ("ratio", CHROMIUM_VS_NATIVE, "25")),
    Target("chromium_vs_native_b256", "colornet in Chromium vs native colornet, batch 256", ">=", 0.3, "×",
           ("ratio", CHROMIUM_VS_NATIVE, "256")),
    Target("chromium_vs_tfjs_wasm_b25", "colornet in Chromium vs TF.js wasm, batch 25", ">=", 3.0, "×",
           ("ratio", CHROMIUM_VS_TFJS_WASM, "25")),
    Target("chromium_vs_tfjs_wasm_b256", "colornet in Chromium vs TF.js wasm, batch 256", ">=", 1.5, "×",
           ("ratio", CHROMIUM_VS_TFJS_WASM, "256")),
    Target("ready_s", "page open → ready, cold: a fresh browser profile each (median)", "<=", 1.5, "s",
           ("page", "ready_s", "median")),
    Target("first_cost_s", "page open → first cost point, cold (median)", "<=", 2.0, "s",
           ("page", "first_cost_s", "median")),
    Target("quality_browser_s", "Run → ΔE00 ≤ 1.0 in the browser (median)", "<=", 5.0, "s",
           ("page", "quality_browser_s", "median")),
    Target("longest_boot_task_ms", "longest main-thread task while booting, cold (worst)", "<=", 50, "ms",
           ("page", "longest_boot_task_ms", "max")),
    Target("long_tasks_first_run", "main-thread tasks > 50 ms in the first run on a fresh page (worst)", "<=", 0, "",
           ("page", "first_run_long_tasks", "max")),
    Target("bytes_loaded_mb", "bytes loaded (MB = 10⁶ bytes)", "<=", 12.0, "MB", ("weight_mb",)),
    Target("views_cost_pct", "training throughput taken by the live map, network view, neuron graph (tiles and "
           "lines) and doctor, toggled within runs (median of runs)", "<=", 10.0, "%", ("page", "views_cost_pct", "median")),
    # issue 21: the same with an image loaded (its four views updated with the others)
    Target("views_image_cost_pct", "the same with an image loaded (median of runs)", "<=", 10.0, "%",
           ("page", "views_image_cost_pct", "median")),
    # issue 19: drawing the views (the map, the network view, the neuron graph's tiles and lines) on the main thread
    Target("first_run_draw_ms", "longest main-thread drawing of one views update in the first run on a fresh page "
           "(worst)", "<=", 50, "ms", ("page", "first_run_draw_ms", "max")),
    # issue 12: the WebAssembly SIMD kernels (the page's default; NumPy-only rows beside them in the tables)
    Target("simd_chromium_vs_native_b25", "SIMD kernels: colornet in Chromium vs native colornet, batch 25", ">=",
           0.6, "×", ("ratio", CHROMIUM_VS_NATIVE, "25")),
    Target("simd_chromium_vs_native_b256", "SIMD kernels: colornet in Chromium vs native colornet, batch 256", ">=",
           0.3, "×", ("ratio", CHROMIUM_VS_NATIVE, "256")),
    Target("simd_firefox_vs_chromium_b25", "SIMD kernels: Firefox vs Chromium, batch 25 (within 20 %)", ">=", 0.8,
           "×", ("ratio", FIREFOX_VS_CHROMIUM, "25")),
    Target("simd_firefox_vs_chromium_b256", "SIMD kernels: Firefox vs Chromium, batch 256 (within 20 %)", ">=", 0.8,
           "×", ("ratio", FIREFOX_VS_CHROMIUM, "256")),
    Target("simd_chromium_vs_tfjs_wasm_b25", "SIMD kernels: colornet in Chromium vs TF.js wasm, batch 25", ">=", 5.0,
           "×", ("ratio", CHROMIUM_VS_TFJS_WASM, "25")),
    Target("simd_chromium_vs_tfjs_wasm_b256", "SIMD kernels: colornet in Chromium vs TF.js wasm, batch 256", ">=",
           2.0, "×", ("ratio", CHROMIUM_VS_TFJS_WASM, "256")),
    Target("simd_float32_vs_native_b256", "SIMD kernels: colornet float32 in Chromium vs native colornet, batch 256",
           ">=", 0.45, "×", ("ratio", FLOAT32_VS_NATIVE, "256")),
    Target("kernels_boot_ms", "SIMD kernels: boot time spent on them (instantiate, install, self-test)", "<=", 30,
           "ms", ("kernels_boot_ms",)),
    # issue 23: the default preset's recipe trains no longer than the one before it (native, side by side)
    Target("recipe_time_ratio", "default preset: training time today / before issue 23 (native, paired)", "<=", 1.0,
           "×", ("recipe", "ratio_new_to_old")),
    # issue 22: the memory snapshot (cold = a fresh Chromium profile per sample, the stock loader in the same run)
    Target("ready_vs_stock_chromium", "page open → ready ÷ the stock loader, cold, Chromium (ratio of medians)", "<=",
           0.4, "×", ("page", "ready_vs_stock", "file")),
    Target("ready_vs_stock_firefox", "page open → ready ÷ the stock loader, cold, Firefox (ratio of medians)", "<=",
           0.5, "×", ("page", "ready_vs_stock_firefox", "file")),
    Target("longest_boot_task_http_ms", "longest main-thread task while booting, cold, over http (worst)", "<=", 50,
           "ms", ("page", "longest_boot_task_http_ms", "max")),
    Target("editor_ms", "page open → the editor takes keystrokes, cold, before Python is ready (worst)", "<=", 300,
           "ms", ("page", "editor_ms", "max")),
    Target("bytes_loaded_snapshot_mb", "bytes loaded with the snapshot (MB = 10⁶ bytes)", "<=", 14.0, "MB",
           ("weight_mb",)),
    Target("single_file_mb", "the single .html file (MB = 10⁶ bytes)", "<=", 16.0, "MB", ("single_file_mb",)),
    Target("single_vs_page", "the single file's cold ready ÷ the page's (ratio of medians)", "<=", 1.1, "×",
           ("page", "single_vs_page", "ratio")),
]


def figure(result, source):
    """The value at `source` (see Target) in `result`, or None when it was not measured."""
    kind, *where = source
    page = result.get("page") or {}
    if kind == "ratio":
        name, batch = where
        return (result.get("ratios") or {}).get(name, {}).get(batch)
    if kind == "page":
        key, which = where
        return page[key][which] if page.get(key) else None
    if kind == "single_file_mb":
        return page["single_file_bytes"] / 1e6 if page.get("single_file_bytes") else None
    if kind == "weight_mb":
        return page["weight"]["total_bytes"] / 1e6 if page.get("weight") else None
    if kind == "recipe":
        return (result.get("recipe") or {}).get(where[0])
    if kind == "kernels_boot_ms":
        return ((result.get("browsers") or {}).get("kernels") or {}).get("ms")
    raise ValueError(f"unknown target source {source!r}: expected ratio, page, weight_mb, single_file_mb, recipe or "
                     "kernels_boot_ms")


def figures_for_targets(result):
    """{target key: the value of its figure in `result` (None when it was not measured)}."""
    return {t.key: figure(result, t.source) for t in TARGETS}


def check_targets(figures):
    """Each target with its measured value and PASS / MISS (or n/a when the figure could not be measured)."""
    rows = []
    for t in TARGETS:
        value = figures.get(t.key)
        if value is None:
            verdict = "n/a"
        else:
            verdict = "PASS" if (value >= t.target if t.op == ">=" else value <= t.target) else "MISS"
        unit = "" if t.unit in ("", "×") else " "
        rows.append({"key": t.key, "figure": t.figure, "target": f"{'≥' if t.op == '>=' else '≤'} {t.target:g}{unit}"
                     f"{t.unit}", "value": value, "unit": t.unit, "verdict": verdict})
    return rows
