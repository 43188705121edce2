"""The runtime directories the page's bundles are made from (stdlib only): build/runtime (Pyodide's files as
upstream ships them, plus colornet and its kernels) and build/runtime-optimised (py-compiled, trimmed, repacked)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from tools import zips
from tools.buildsteps import BuildError, log, run, sha256_file
from tools.paths import BUILD, KERNELS_WASM, OPTIMISED_DIR, ROOT, RUNTIME_DIR, VENV, VENV_PY
from tools.pins import PY_COMPILE_SKIP, STDLIB_DROP, WHEEL_DROP
from tools.pyodide_dist import check_sha256, core_dir, page_packages, upstream_lock, wheels_dir

TOOLS = ROOT / "tools"
COLORNET_WHEELS = BUILD / "colornet-wheel"
CORE_FILES = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")


def colornet_wheel() -> Path:
    wheels = sorted(COLORNET_WHEELS.glob("colornet-*-py3-none-any.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one colornet wheel in {COLORNET_WHEELS}, found {wheels}")
    return wheels[0]


def assemble(dist: Path | None) -> None:
    """Collect what the page loads into build/runtime: core files, wheels (each checked against the lockfile),
    colornet's wheel and kernels, and a trimmed lockfile that lists colornet."""
    core, lock = core_dir(dist), upstream_lock(dist)
    shutil.rmtree(RUNTIME_DIR, ignore_errors=True)
    RUNTIME_DIR.mkdir(parents=True)
    for name in CORE_FILES:
        shutil.copy2(core / name, RUNTIME_DIR / name)
    keep = page_packages(lock)
    for n in keep:
        wheel = wheels_dir() / lock["packages"][n]["file_name"]
        check_sha256(wheel, lock["packages"][n]["sha256"], "pyodide-lock.json")
        shutil.copy2(wheel, RUNTIME_DIR)
    trimmed = BUILD / "pyodide-lock.trimmed.json"
    trimmed.write_text(json.dumps({**lock, "packages": {n: lock["packages"][n] for n in keep}}, indent=1))
    wheel = shutil.copy2(colornet_wheel(), RUNTIME_DIR)
    shutil.copy2(KERNELS_WASM, RUNTIME_DIR)  # shipped beside the wheels, not listed in the lockfile
    run([VENV_PY, TOOLS / "add_wheels_to_lock.py", trimmed, RUNTIME_DIR / "pyodide-lock.json", wheel])
    added = json.loads((RUNTIME_DIR / "pyodide-lock.json").read_text())["packages"]
    log(f"[runtime] lockfile packages: {', '.join(sorted(added))}")


def optimise(py_compile: bool, repack: bool, trim: bool) -> None:
    """py-compile the wheels and the stdlib, drop unused stdlib modules and wheel files, repack zips as stored
    entries, and write the lockfile's sha256 for the changed wheels."""
    shutil.rmtree(OPTIMISED_DIR, ignore_errors=True)
    shutil.copytree(RUNTIME_DIR, OPTIMISED_DIR)
    if py_compile:
        skip = [p.name for p in OPTIMISED_DIR.iterdir() if p.name.startswith(PY_COMPILE_SKIP)]
        run([VENV / "bin" / "pyodide", "py-compile", "--silent", *(a for n in skip for a in ("--exclude", n)),
             OPTIMISED_DIR])
        for name in skip:  # unchecked-hash __pycache__/*.pyc beside the sources (run with Python 3.12)
            run([VENV_PY, TOOLS / "add_wheel_pycs.py", OPTIMISED_DIR / name])
    lock_path = OPTIMISED_DIR / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    if repack:
        zips.repack_stored(OPTIMISED_DIR / "python_stdlib.zip", drop=STDLIB_DROP if trim else ())
        for name, package in lock["packages"].items():
            drop_globs = WHEEL_DROP.get(name, ()) if trim else ()
            zips.repack_stored(OPTIMISED_DIR / package["file_name"], drop_globs=drop_globs)
    for package in lock["packages"].values():  # every wheel may have changed above
        package["sha256"] = sha256_file(OPTIMISED_DIR / package["file_name"])
    lock_path.write_text(json.dumps(lock, separators=(",", ":")))
    sizes = {p.name: p.stat().st_size for p in sorted(OPTIMISED_DIR.iterdir())}
    log(f"[optimise] {json.dumps(sizes)}")
