"""Add unchecked-hash ``__pycache__/*.pyc`` files beside a pure-Python wheel's sources, and list them in RECORD.

Run by build.py with the .venv's Python 3.12, so the bytecode matches Pyodide 0.27's CPython 3.12. The sources stay
in the wheel (tracebacks show their lines); "unchecked-hash" .pyc files are used without comparing them to the
source, which saves the compile at import time (`import colornet`: ~30 ms instead of ~85 ms in Pyodide).
Usage: python3.12 tools/add_wheel_pycs.py WHEEL (rewritten in place).
"""
import base64
import hashlib
import importlib.util
import io
import py_compile
import sys
import tempfile
import zipfile
from pathlib import Path


def record_line(name, data):
    """A RECORD row: path, urlsafe-base64 sha256 without padding, size (PEP 376 / the wheel spec)."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def compile_sources(entries, tmp):
    """(archive path, bytes) of an unchecked-hash .pyc for every .py entry."""
    pycs = []
    for info, data in entries:
        if info.filename.endswith(".py"):
            source = Path(tmp, info.filename)
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_bytes(data)
            cache = Path(importlib.util.cache_from_source(str(source)))
            py_compile.compile(str(source), cfile=str(cache), dfile=info.filename, doraise=True,
                               invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
            pycs.append((cache.relative_to(tmp).as_posix(), cache.read_bytes()))
    return pycs


def add_pycs(wheel):
    with zipfile.ZipFile(wheel) as src, tempfile.TemporaryDirectory() as tmp:
        entries = [(info, src.read(info)) for info in src.infolist()]
        pycs = compile_sources(entries, tmp)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in entries:
            if info.filename.endswith(".dist-info/RECORD"):
                data = data.rstrip(b"\n") + b"\n" + "".join(record_line(n, d) + "\n" for n, d in pycs).encode()
            dst.writestr(info, data)
        for name, data in pycs:
            dst.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    wheel.write_bytes(out.getvalue())
    return len(pycs)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    print(f"{target.name}: {add_pycs(target)} unchecked-hash .pyc added")
