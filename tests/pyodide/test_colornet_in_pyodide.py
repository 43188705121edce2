"""Runs every check_*() in tests/pyodide/colornet_checks.py inside Pyodide under Node — the same runtime files,
NumPy wheel and colornet wheel the page loads (build/runtime-optimised) — one pytest test per check."""
import ast
import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RUNTIME = ROOT / "build" / "runtime-optimised"
CHECKS = HERE / "colornet_checks.py"


def check_names():
    """The check_* functions, read without importing (the module needs colornet, which may not be installed)."""
    if not CHECKS.exists():
        return []
    tree = ast.parse(CHECKS.read_text())
    return sorted(n.name for n in tree.body
                  if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name.startswith("check_"))


@pytest.fixture(scope="session")
def pyodide_results():
    """Runs all checks in one Pyodide session (booting takes seconds); returns {name: result} plus "meta"."""
    if not (RUNTIME / "pyodide-lock.json").exists():
        pytest.fail("build/runtime-optimised is missing: run `python3 build.py` first")
    node = shutil.which("node")
    if not node:
        pytest.fail("node not found: install Node.js 20 (`apt-get install nodejs`)")
    proc = subprocess.run([node, HERE / "run_checks.mjs", RUNTIME, CHECKS], capture_output=True, text=True,
                          timeout=600)
    if proc.returncode != 0:
        readable = "\n".join(line for line in proc.stderr.splitlines() if len(line) < 400 and "    at " not in line)
        pytest.fail(f"Pyodide under Node failed (exit {proc.returncode}):\n{readable[-4000:]}")
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    results = {r["name"]: r for r in lines if not r.get("meta")}
    results["meta"] = next(r for r in lines if r.get("meta"))
    return results


def test_checks_module_exists():
    assert CHECKS.exists(), f"{CHECKS.relative_to(ROOT)} is missing: the colornet Pyodide checks have not landed"
    assert check_names(), f"{CHECKS.relative_to(ROOT)} defines no check_*() functions"


def test_runs_on_pyodide_with_the_pages_numpy(pyodide_results):
    meta = pyodide_results["meta"]
    lock = json.loads((RUNTIME / "pyodide-lock.json").read_text())
    assert meta["platform"] == "emscripten"
    assert meta["numpy"] == lock["packages"]["numpy"]["version"]
    assert meta["colornet"] == lock["packages"]["colornet"]["version"]


@pytest.mark.parametrize("name", check_names())
def test_check(name, pyodide_results):
    result = pyodide_results.get(name)
    assert result is not None, f"{name} did not run"
    if not result["ok"]:
        pytest.fail(f"{name} failed inside Pyodide:\n{result['error']}", pytrace=False)
