"""Runs every check_*() in tests/pyodide/colornet_checks.py inside Pyodide under Node — the same runtime files,
NumPy wheel and colornet wheel the page loads (build/runtime-optimised) — one pytest test per check."""
import json
from pathlib import Path

import pytest

from node_checks import assert_check_passed, check_names, run_checks

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RUNTIME = ROOT / "build" / "runtime-optimised"
CHECKS = HERE / "colornet_checks.py"


@pytest.fixture(scope="session")
def pyodide_results():
    """Runs all checks in one Pyodide session; returns {name: result} plus "meta"."""
    if not (RUNTIME / "pyodide-lock.json").exists():
        pytest.fail("build/runtime-optimised is missing: run `python3 build.py` first")
    return run_checks(RUNTIME, CHECKS)


def test_checks_module_exists():
    assert CHECKS.exists(), f"{CHECKS.relative_to(ROOT)} is missing: the colornet Pyodide checks have not landed"
    assert check_names(CHECKS), f"{CHECKS.relative_to(ROOT)} defines no check_*() functions"


def test_runs_on_pyodide_with_the_pages_numpy(pyodide_results):
    meta = pyodide_results["meta"]
    lock = json.loads((RUNTIME / "pyodide-lock.json").read_text())
    assert meta["platform"] == "emscripten"
    assert meta["numpy"] == lock["packages"]["numpy"]["version"]
    assert meta["colornet"] == lock["packages"]["colornet"]["version"]


@pytest.mark.parametrize("name", check_names(CHECKS))
def test_check(name, pyodide_results):
    assert_check_passed(pyodide_results, name)
