"""Finding a CPython interpreter of a given version on this machine (stdlib only): the one search that build.py
(Python 3.12 for .venv) and the tests (a CPython per supported version, one with NumPy) share."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


def is_python(exe, version: tuple[int, int], imports: tuple[str, ...] = ()) -> bool:
    """True when `exe` runs, is CPython `version` (major, minor) and can import every module in `imports`."""
    check = f"import sys, {', '.join(imports)}" if imports else "import sys"
    try:
        out = subprocess.run([str(exe), "-c", f"{check}; print(*sys.version_info[:2])"], capture_output=True,
                             text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and out.stdout.split() == [str(v) for v in version]


def candidates(version: tuple[int, int]) -> list[str]:
    """Where a CPython `version` may be, most specific first: pyenv's versions (their binaries, not the shims,
    so they run without PYENV_VERSION), then PATH and the usual system paths."""
    name = f"python{version[0]}.{version[1]}"
    pyenv_root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    found = [str(v / "bin" / name) for v in sorted((pyenv_root / "versions").glob(f"{version[0]}.{version[1]}.*"),
                                                   reverse=True)]
    found += [p for p in (shutil.which(name), f"/usr/bin/{name}", f"/usr/local/bin/{name}") if p]
    return list(dict.fromkeys(found))


def find_python(version: tuple[int, int], imports: tuple[str, ...] = ()) -> str | None:
    """The first CPython `version` found here that can import `imports`, or None."""
    return next((exe for exe in candidates(version) if is_python(exe, version, imports)), None)
