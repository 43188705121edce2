"""`pip install ./pylib` works: build (setuptools from PyPI, as pip does) and install into a fresh venv."""
import os
import subprocess
import sys
import venv
from pathlib import Path

import numpy
import pytest

PYLIB = Path(__file__).resolve().parents[2] / "pylib"


@pytest.mark.slow
def test_pip_install_pylib_into_a_fresh_venv(tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # Let the new venv see the running interpreter's NumPy (a .pth line), so pip need not download it.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "host_numpy.pth").write_text(str(Path(numpy.__file__).parent.parent) + "\n")
    build = tmp_path / "src"
    subprocess.run(["cp", "-r", str(PYLIB), str(build)], check=True)  # keep build/ and egg-info out of the repo
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(build)],
                   check=True, timeout=300)
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # import the installed copy only
    out = subprocess.run([str(python), "-c", "import colornet, sys; print(colornet.__file__); "
                          "print(colornet.to_hex(colornet.complement(colornet.from_hex('#dea5ff'))))"],
                         capture_output=True, text=True, check=True, cwd=tmp_path, env=clean_env)
    location, complement = out.stdout.split()
    assert str(env_dir) in location and complement == "#c6ffa5"
    cli = subprocess.run([str(env_dir / "bin" / "colornet"), "complement", "#ff0000"], capture_output=True,
                         text=True, check=True, env=clean_env)
    assert cli.stdout == "#00ffff\n"
