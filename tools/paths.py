"""Where the build puts things: one list of paths for build.py, the tests and the bench (stdlib only)."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
DIST = SITE / "dist"                             # generated page files: boot.js, app.js, runtime-*.js, manifest
PYLIB = ROOT / "pylib"                           # the colornet package
BUILD = ROOT / "build"                           # intermediate build outputs
STAMPS = BUILD / "stamps"                        # one input hash per build step
RUNTIME_DIR = BUILD / "runtime"                  # what the page loads, as upstream ships it (+ colornet)
OPTIMISED_DIR = BUILD / "runtime-optimised"      # the same files as the page ships them (before bundling)
KERNELS_SRC = SITE / "kernels"                   # C source of the WebAssembly SIMD kernels (colornet's Dense products)
KERNELS_WASM = BUILD / "kernels" / "colornet_kernels.wasm"  # compiled; shipped in the colornet bundle
VENV = ROOT / ".venv"
VENV_PY = VENV / "bin" / "python"
NODE_MODULES = ROOT / "node_modules"
BENCH_NODE_MODULES = ROOT / "bench" / "node_modules"  # TF.js, installed only by `build.py bench`
# Per-user download cache, shared by every clone on the machine.
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "colornet-playground"


def pyodide_wheels(version: str) -> Path:
    """Where the build keeps Pyodide's own wheels (NumPy, micropip, packaging) for `version`, each verified
    against that release's pyodide-lock.json."""
    return CACHE / f"pyodide-{version}-wheels"
