"""`pip install ./pylib` works on every supported CPython found here (≥ 3.11): build with setuptools (from PyPI, as
pip does) and install into a fresh venv, then import it and run its command line from outside the repo."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.pythons import find_python

PYLIB = Path(__file__).resolve().parents[2] / "pylib"
SUPPORTED = ("3.11", "3.12")


def interpreters():
    """The running interpreter, plus one CPython per other supported version found on this machine."""
    found = {f"{sys.version_info.major}.{sys.version_info.minor}": sys.executable}
    for version in SUPPORTED:
        found.setdefault(version, find_python(tuple(int(part) for part in version.split("."))))
    return [pytest.param(path, id=version) if path else
            pytest.param(None, id=version, marks=pytest.mark.skip(f"no CPython {version} on this machine"))
            for version, path in sorted(found.items())]


def run(*cmd, **kwargs):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=True, timeout=600, **kwargs)


@pytest.mark.slow
@pytest.mark.parametrize("interpreter", interpreters())
def test_pip_install_pylib_into_a_fresh_venv(interpreter, tmp_path):
    env_dir = tmp_path / "venv"
    # --system-site-packages lets the venv reuse an installed NumPy; pip fetches one from PyPI if there is none.
    run(interpreter, "-m", "venv", "--system-site-packages", env_dir)
    python = env_dir / "bin" / "python"
    build = tmp_path / "src"
    run("cp", "-r", PYLIB, build)  # keep build/ and egg-info out of the repo
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", build)
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYENV_VERSION")}
    out = run(python, "-c", "import colornet, sys; print(colornet.__file__, sys.version_info[:2] >= (3, 11)); "
              "print(colornet.to_hex(colornet.complement(colornet.from_hex('#dea5ff'))))",
              cwd=tmp_path, env=clean_env).stdout.split()
    location, supported, complement = out
    assert str(env_dir) in location and supported == "True" and complement == "#c6ffa5"
    cli = run(env_dir / "bin" / "colornet", "complement", "#ff0000", env=clean_env)
    assert cli.stdout == "#00ffff\n"
