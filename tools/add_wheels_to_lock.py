"""Add wheels to a Pyodide lockfile: `python tools/add_wheels_to_lock.py IN.json OUT.json WHEEL...`.

Run by build.py with the .venv's Python (pyodide-lock lives there). It does what `pyodide lockfile add-wheels`
should do: that CLI in pyodide-lock 0.1.0a6/a7 (the versions pyodide-build 0.27/0.29 pin) drops the result of
add_wheels_to_spec() and writes its input back unchanged, so the function behind it is called directly.
"""
import sys
from pathlib import Path

from pyodide_lock import PyodideLockSpec
from pyodide_lock.utils import add_wheels_to_spec


def main(argv):
    if len(argv) < 3:
        sys.exit("usage: add_wheels_to_lock.py IN.json OUT.json WHEEL...")
    source, target, *wheels = map(Path, argv)
    spec = add_wheels_to_spec(PyodideLockSpec.from_json(source), wheels, base_path=wheels[0].parent)
    spec.to_json(target)


if __name__ == "__main__":
    main(sys.argv[1:])
