"""The bench's modules: importing them changes nothing of the importer's sys.path, their imports form no circle, the
page-side code (bench/inpage/) runs from its own files whole, the way bench/editor.py loads it into the page, and
no bench file is over 400 lines."""
import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from bench import editor
from tests.unit.import_graph import find_circle

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
MODULES = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                 for p in BENCH.rglob("*.py") if "node_modules" not in p.parts)


def python(code, cwd, pythonpath):
    """Runs `code` in a fresh interpreter; returns its stdout (fails the test on a non-zero exit)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, pythonpath))}
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_importing_every_bench_module_leaves_sys_path_unchanged():
    assert "bench.run" in MODULES and "bench.inpage.profile" in MODULES
    code = ("import importlib, json, sys\nbefore = list(sys.path)\n"
            f"for name in {MODULES!r}:\n    importlib.import_module(name)\n"
            "print(json.dumps([before, sys.path]))")
    before, after = json.loads(python(code, ROOT, [ROOT, ROOT / "pylib"]))
    assert after == before


def imports_of(path):
    """The bench modules that the module at `path` imports (anywhere in its source, relative or absolute)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1]) if path.name != "__init__.py" else \
        ".".join(path.relative_to(ROOT).parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {name for name in found if name in MODULES}


def test_the_bench_imports_form_no_circle():
    graph = {name: imports_of(ROOT / Path(*name.split(".")).with_suffix(".py"))
             if (ROOT / Path(*name.split(".")).with_suffix(".py")).exists()
             else imports_of(ROOT / Path(*name.split(".")) / "__init__.py") for name in MODULES}
    assert "bench.inpage.profile" in graph["bench.profile"]  # the graph sees relative imports

    package_of = {name: name.rsplit(".", 1)[0] for name in MODULES}  # a module imports its package first
    assert find_circle({name: imports - {package_of[name]} for name, imports in graph.items()}) is None


def test_the_page_code_loads_the_inpage_files_whole_and_runs_them(tmp_path):
    """The editor's code that bench/editor.py sends, run natively where `bench` is not importable: it writes its
    files under its folder and imports them from there, and the page-side functions find every name they use."""
    folder = tmp_path / "page-fs"
    code = editor.page_code(
        "{'shapes': len(firefox_gap.product_shapes(25)), 'file': firefox_gap.__file__, "
        "'steps': sorted(firefox_gap.steps_per_s(25, warmup=0.01, window=0.05)), "
        "'products': len(firefox_gap.products_us(3, passes=1)), 'tick': timing.measured_tick_us() > 0, "
        "'proposals': len(profile.proposals(3, seconds=0.01, rounds=1)), "
        "'step': sorted(profile.step_products_us(3)), 'seam': len(profile.seam_costs(3))}",
        "from bench.inpage import firefox_gap, profile, timing", tag="t1", folder=str(folder))
    out = python(code, tmp_path, [ROOT / "pylib"])
    result = editor.result_from(out, "t1")
    assert result == {"shapes": 11, "file": str(folder / "bench" / "inpage" / "firefox_gap.py"),
                      "steps": ["NumPy", "kernels", "per-shape prototype"], "products": 11, "tick": True,
                      "proposals": 6, "step": ["products", "whole step"], "seam": 3}
    for path in editor.FILES:  # each file written whole
        assert (folder / path.relative_to(ROOT)).read_text() == path.read_text()


def test_no_bench_file_is_over_400_lines():
    lengths = {str(p.relative_to(ROOT)): len(p.read_text().splitlines())
               for p in BENCH.rglob("*.py") if "node_modules" not in p.parts}
    assert {name: n for name, n in lengths.items() if n > 400} == {}


def test_the_native_time_to_quality_runs_the_pages_default_script():
    """bench/page.py's stand-in `playground` must offer what the page's default script uses (its data and live
    values, issues 20 and 21): run natively, it reaches the quality goal."""
    from bench import page
    result = page.time_to_quality_native((ROOT / "site" / "py" / "presets" / "default.py").read_text())
    assert result["reached"] and result["delta_e_mean"] <= result["goal"]
