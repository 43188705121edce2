"""The measurements behind colornet/fast_paths.py: each Pyodide-specific formulation against the plain one.

Natively: `python bench/fast_paths.py`. Inside Pyodide under Node, with the page's runtime (after
`python3 build.py`): `node tests/pyodide/run_checks.mjs build/runtime-optimised bench/fast_paths.py`
(the figures go to stderr). Each line: microseconds per call, best of 5, and the ratio formulation / plain
(below 1 = the formulation is faster).
"""
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # natively: one BLAS thread, like Pyodide (before NumPy loads)
import numpy as np  # noqa: E402


def best_us(fn, repeats=5, seconds=0.02):
    """Best mean microseconds per call of fn() over `repeats` loops of about `seconds` each."""
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            fn()
        if time.perf_counter() - start >= seconds:
            break
        n *= 2
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, (time.perf_counter() - start) / n)
    return best * 1e6


def measure():
    rng = np.random.default_rng(0)
    lines = [f"{sys.platform}, NumPy {np.__version__}"]
    for rows in (25, 64, 256):  # the Dense weight gradient x.T @ grad_y of the 64->32 layer
        x, g = rng.random((rows, 65)), rng.random((rows, 32))
        plain = best_us(lambda: x.T @ g)
        copies = best_us(lambda: np.ascontiguousarray(x.T) @ np.ascontiguousarray(g.T).T)
        lines.append(f"x.T @ g, {rows} rows: plain {plain:.1f} us, contiguous copies {copies:.1f} us, "
                     f"ratio {copies / plain:.2f}")
    for rows in (25, 256):  # the ReLU backward of a 64-wide layer
        y, g = np.maximum(rng.normal(size=(rows, 64)), 0.0), rng.random((rows, 64))
        mask = best_us(lambda: g * (y > 0))
        where = best_us(lambda: np.where(y, g, 0.0))
        lines.append(f"ReLU backward, {rows}x64: mask {mask:.1f} us, where {where:.1f} us, ratio {where / mask:.2f}")
    return lines


def check_fast_paths():
    """(run_checks.mjs calls every check_*; this one prints the figures)"""
    print("\n".join(measure()))


if __name__ == "__main__":
    check_fast_paths()
