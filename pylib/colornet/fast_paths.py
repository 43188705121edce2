"""The two operations written differently inside Pyodide, where NumPy has no BLAS and no SIMD loops.

Each is the plain NumPy expression natively and another formulation of the same maths inside
Pyodide (``PYODIDE``), because there that one is measurably faster. Figures: Pyodide 0.27.7 under
Node vs CPython, reproduced with ``node tests/pyodide/run_checks.mjs build/runtime-optimised
bench/fast_paths.py`` and ``python bench/fast_paths.py`` (after ``python3 build.py``).
"""
import sys

import numpy as np

PYODIDE = sys.platform == "emscripten"

# matmul without BLAS is a plain loop whose innermost loop runs over the summed axis; for a.T @ b that is
# the batch axis, strided in both operands. Copying both first pays above this many rows.
# Measured, time with copies / without, Pyodide: 0.92 at 64 rows, 0.48 at 256 rows (natively BLAS needs no help).
CONTIGUOUS_BATCH_ROWS = 64 if PYODIDE else None


def matmul_tn(a, b):
    """``a.T @ b``: summed over the rows, e.g. the Dense weight gradient ``x.T @ grad_y``."""
    if CONTIGUOUS_BATCH_ROWS is not None and len(a) > CONTIGUOUS_BATCH_ROWS:
        return np.ascontiguousarray(a.T) @ np.ascontiguousarray(b.T).T
    return a.T @ b


def relu_backward(y, grad_y):
    """``grad_y`` where the ReLU output ``y`` is positive, else 0.

    Measured, time of ``where`` / mask at 256x64: Pyodide 0.32 (the mask's bool->float cast is slow
    without SIMD), native about 5 (so natively the mask is used).
    """
    if PYODIDE:
        return np.where(y, grad_y, 0.0)
    return grad_y * (y > 0)
