"""Running a checks module (plain `check_*` functions) inside Pyodide under Node with run_checks.mjs, for the pytest
wrappers in this folder: which checks a module defines, and each one's result."""
import ast
import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def check_names(checks: Path) -> list[str]:
    """The check_* functions (async ones too) of a checks module, read without importing it (it needs colornet)."""
    if not checks.exists():
        return []
    tree = ast.parse(checks.read_text())
    return sorted(n.name for n in tree.body
                  if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name.startswith("check_"))


def run_checks(runtime: Path, checks: Path, *options, timeout=600) -> dict:
    """Run every check of `checks` in one Pyodide session on the files in `runtime` (booting takes seconds);
    returns {name: {"ok", "error", ...}} plus "meta" (platform, versions, kernels). `options` go to run_checks.mjs."""
    node = shutil.which("node")
    if not node:
        pytest.fail("node not found: install Node.js 20 (`apt-get install nodejs`)")
    proc = subprocess.run([node, HERE / "run_checks.mjs", *options, runtime, checks], capture_output=True, text=True,
                          timeout=timeout)
    if proc.returncode != 0:
        readable = "\n".join(line for line in proc.stderr.splitlines() if len(line) < 400 and "    at " not in line)
        pytest.fail(f"Pyodide under Node failed (exit {proc.returncode}):\n{readable[-4000:]}")
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    results = {r["name"]: r for r in lines if not r.get("meta")}
    results["meta"] = next(r for r in lines if r.get("meta"))
    return results


def assert_check_passed(results: dict, name: str) -> None:
    result = results.get(name)
    assert result is not None, f"{name} did not run"
    if not result["ok"]:
        pytest.fail(f"{name} failed inside Pyodide:\n{result['error']}", pytrace=False)
