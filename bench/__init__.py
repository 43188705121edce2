"""The colornet benchmark (`python3 build.py bench`, which runs `python -m bench.run`; see bench/run.py).

bench/inpage/ is the code that runs both natively and inside the page's Pyodide; the other modules drive the
browsers and write docs/BENCHMARKS.md. Native NumPy runs on one BLAS thread, as Pyodide runs on one wasm thread:
set here, before any bench module loads NumPy. (On a shared 2-core machine a multi-threaded OpenBLAS was measured
25x slower at batch 256: 162 vs 4,263 steps/s.)
"""
import os

BLAS_THREADS = "1"
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = BLAS_THREADS
