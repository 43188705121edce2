"""One pinned file from PyPI, downloaded once into the user cache and checked against its sha256 (stdlib only)."""
from pathlib import Path

from tools.buildsteps import BuildError, run, sha256_file
from tools.paths import CACHE, VENV_PY


def pinned_file(requirement: str, file_name: str, sha256: str, *pip_options: str) -> Path:
    """CACHE/file_name, fetched with `pip download requirement` (the .venv's pip) unless the cached copy already has
    `sha256`; a download with another sha256 is deleted and stops the build."""
    path = CACHE / file_name
    if path.exists() and sha256_file(path) == sha256:
        return path
    run([VENV_PY, "-m", "pip", "download", "--quiet", "--no-deps", "--disable-pip-version-check",
         "--only-binary=:all:", *pip_options, "-d", CACHE, requirement])
    got = sha256_file(path) if path.exists() else "missing"
    if got != sha256:
        path.unlink(missing_ok=True)
        raise BuildError(f"{file_name} from PyPI ({requirement}) has sha256 {got}, expected {sha256}")
    return path
