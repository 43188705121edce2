"""The machinery of build.py's steps (stdlib only): a step runs only when the hash of its inputs changed or one
of its outputs is missing, and every command it runs is echoed and fails loudly."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path

from tools.paths import ROOT, STAMPS


class BuildError(SystemExit):
    """A step failed: the message says which step and what to do."""

    def __init__(self, message: str):
        super().__init__(f"build.py: error: {message}")


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


def apt_install(packages: list[str], why: str) -> None:
    """Install Debian packages with apt-get when running as root; otherwise stop with the command to run."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise BuildError(f"{why}: run `sudo apt-get install {' '.join(packages)}`, then rerun.")
    log(f"installing {' '.join(packages)} with apt-get ({why})")
    run(["apt-get", "update"])
    run(["apt-get", "install", "-y", "--no-install-recommends", *packages],
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


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


def step(name: str, inputs, outputs):
    """Decorator of a build step `fn(options)`: it runs only when the hash of its inputs changed or one of its
    outputs is missing (each a list of paths and values, or a function of the options returning one)."""

    def wrap(fn):
        def runner(options):
            stamp = STAMPS / f"{name}.sha256"
            key = hash_inputs(*(inputs(options) if callable(inputs) else inputs))
            made = outputs(options) if callable(outputs) else outputs
            if stamp.exists() and stamp.read_text() == key and all(p.exists() for p in made):
                log(f"[{name}] up to date")
                return
            log(f"[{name}] ...")
            started = time.monotonic()
            fn(options)
            STAMPS.mkdir(parents=True, exist_ok=True)
            stamp.write_text(key)
            log(f"[{name}] done in {time.monotonic() - started:.1f} s")

        runner.__name__ = fn.__name__
        runner.__doc__ = fn.__doc__
        runner.step_name = name
        return runner

    return wrap
