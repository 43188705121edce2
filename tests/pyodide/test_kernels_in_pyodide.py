"""Runs every check_*() in tests/pyodide/kernel_checks.py inside Pyodide under Node, with the WebAssembly SIMD kernels
(colornet_kernels.wasm, the file the page ships) installed by the page's own worker code (site/src/worker/kernels.js)
on Pyodide's memory; one pytest test per check.

The checks use hypothesis. The .venv's hypothesis has a compiled part (x86-64) that Pyodide cannot import, so the
last pure-Python release is fetched from PyPI once (pinned by sha256, kept in the build cache) and put on
Pyodide's sys.path together with the .venv's pure-Python sortedcontainers. hypothesis imports unittest, which the
page's trimmed stdlib leaves out, so these checks run on build/runtime: the same Pyodide, NumPy, colornet wheel and
kernels, with the whole stdlib. They run again in an interpreter restored from the build's memory snapshot (what the
page starts from), on the page's own files (build/runtime-optimised), with unittest put on sys.path from the whole
stdlib.
"""
import shutil
import zipfile
from pathlib import Path

import pytest

from node_checks import assert_check_passed, check_names, run_checks
from tools.paths import KERNELS_WASM
from tools.snapshot import SNAPSHOT_FILE
from tools.pypi import pinned_file

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RUNTIME = ROOT / "build" / "runtime"
PAGE_RUNTIME = ROOT / "build" / "runtime-optimised"  # the files the page ships, from which the snapshot was made
SNAPSHOT = ROOT / "build" / "snapshot" / SNAPSHOT_FILE
CHECKS = HERE / "kernel_checks.py"

HYPOTHESIS = "hypothesis==6.155.7"  # the last release on PyPI without a compiled part
HYPOTHESIS_WHEEL = "hypothesis-6.155.7-py3-none-any.whl"
HYPOTHESIS_SHA256 = "9f634bdb1f9e9b8ab6ba09431cf2deedb750c96978125a6fb3c5a0f6c6db4131"


def pure_python_test_libs(dest: Path) -> Path:
    wheel = pinned_file(HYPOTHESIS, HYPOTHESIS_WHEEL, HYPOTHESIS_SHA256, "--platform", "any", "--implementation", "py")
    with zipfile.ZipFile(wheel) as z:
        z.extractall(dest, [n for n in z.namelist() if not n.startswith("hypothesis-")])
    import sortedcontainers  # pure Python, in the .venv as hypothesis's dependency
    shutil.copytree(Path(sortedcontainers.__file__).parent, dest / "sortedcontainers")
    return dest


def whole_stdlib_unittest(dest: Path) -> Path:
    """unittest (which hypothesis imports) from the whole stdlib, for an interpreter on the page's trimmed one."""
    with zipfile.ZipFile(RUNTIME / "python_stdlib.zip") as z:
        z.extractall(dest, [n for n in z.namelist() if n.startswith("unittest/")])
    return dest


@pytest.fixture(scope="module")
def kernel_results(tmp_path_factory):
    wasm = RUNTIME / KERNELS_WASM.name
    if not wasm.exists():
        pytest.fail(f"{wasm.relative_to(ROOT)} is missing: run `python3 build.py` first")
    libs = pure_python_test_libs(tmp_path_factory.mktemp("pyodide-libs"))
    return run_checks(RUNTIME, CHECKS, "--kernels", "--path", libs, timeout=900)


def test_the_kernels_were_installed_like_in_the_page(kernel_results):
    meta = kernel_results["meta"]
    assert meta["platform"] == "emscripten"
    assert meta["kernels"]["active"] == "wasm-simd", meta["kernels"]


@pytest.fixture(scope="module")
def restored_kernel_results(tmp_path_factory):
    if not SNAPSHOT.exists():
        pytest.fail(f"{SNAPSHOT.relative_to(ROOT)} is missing: run `python3 build.py` first")
    libs = whole_stdlib_unittest(pure_python_test_libs(tmp_path_factory.mktemp("pyodide-libs")))
    return run_checks(PAGE_RUNTIME, CHECKS, "--kernels", "--path", libs, "--snapshot", SNAPSHOT, timeout=900)


def test_the_kernels_were_installed_in_a_restored_interpreter(restored_kernel_results):
    meta = restored_kernel_results["meta"]
    assert meta["start"] == "snapshot", meta
    assert meta["kernels"]["active"] == "wasm-simd", meta["kernels"]


@pytest.mark.parametrize("name", check_names(CHECKS))
def test_kernel_check(name, kernel_results):
    assert_check_passed(kernel_results, name)


@pytest.mark.parametrize("name", check_names(CHECKS))
def test_kernel_check_in_a_restored_interpreter(name, restored_kernel_results):
    assert_check_passed(restored_kernel_results, name)
