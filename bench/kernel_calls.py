"""What one product call costs at batch 25, piece by piece: the JS bridge, the kernel's Python wrapper, the module.

Run inside Pyodide under Node with the page's runtime and the SIMD kernels installed as the worker installs them
(after `python3 build.py`):

    node tests/pyodide/run_checks.mjs --kernels build/runtime-optimised bench/kernel_calls.py

and natively for NumPy's own figures (`PYTHONPATH=pylib .venv/bin/python bench/kernel_calls.py`). Each figure is the best of 7 passes of
5,000 calls, in µs. Node runs the same V8 as Chromium; docs/PERFORMANCE.md ("Batch 25") reads these numbers.
"""
import time

import numpy as np

import colornet as cn
from colornet import kernels

PASSES, CALLS = 7, 5000


def per_call_us(fn, calls=CALLS):
    best = float("inf")
    for _ in range(PASSES):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter() - start) / calls * 1e6)
    return round(best, 2)


def operands():
    """A middle layer's forward product at batch 25 (the [x, 1] @ [W; b] of Dense 64->32)."""
    rng = np.random.default_rng(0)
    return rng.random((25, 65)), rng.random((65, 32)), np.empty((25, 32))


def step_us(batch=25, steps=2000):
    """One SGD step of the bench's network (bench/workloads.py) through colornet's own loop."""
    x = cn.random_colours(10_000, 0)
    y = cn.complement(x)
    net = cn.Network.from_sizes([3, 64, 32, 16, 3], hidden="relu", output="linear", seed=0)
    optimizer = cn.SGD(net.parameters(), lr=0.042)

    def run(n):
        start = time.perf_counter()
        cn.train(net, x, y, loss=cn.MeanSquaredError(), optimizer=optimizer, batch_size=batch, steps=n,
                 report_every=100, seed=0)
        return (time.perf_counter() - start) / n * 1e6

    run(steps // 4)
    return round(min(run(steps) for _ in range(3)), 1)


def figures():
    a, b, out = operands()
    active = kernels.active()
    rows = {"kernels": active.name,
            "np.matmul(a, b, out=) 25x65 @ 65x32": per_call_us(lambda: np.matmul(a, b, out=out))}
    if active.name == "wasm-simd":
        fn = active._fns[np.dtype(np.float64)][0]
        addresses = [kernels._address(array) for array in (a, b, out)]
        rows["bare call of an export from Python, 10 int arguments, no work"] = per_call_us(
            lambda: fn(0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        rows["the export on cached addresses, 25x65 @ 65x32"] = per_call_us(
            lambda: fn(25, 32, 65, addresses[0], 65, addresses[1], 32, addresses[2], 32, 0))
        rows["kernels.matmul(a, b) (the seam, as Dense.forward calls it)"] = per_call_us(lambda: active.matmul(a, b))
        rows["kernels.matmul(a, b, out)"] = per_call_us(lambda: active.matmul(a, b, out))
    rows["whole SGD step, batch 25 (11 products)"] = step_us()
    return rows


def check_kernel_calls():
    for name, value in figures().items():
        print(f"{name}: {value}")


if __name__ == "__main__":
    check_kernel_calls()
