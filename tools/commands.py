"""build.py's commands other than `build` (stdlib only): `test` (pytest, by layer) and `serve`."""
from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

from tools import browsers, loopback_server
from tools.buildsteps import BuildError, apt_install
from tools.paths import DIST, ROOT, SITE, VENV

TEST_LAYERS = ("unit", "pyodide", "e2e")


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


def ensure_chromium() -> None:
    """The e2e layer needs Debian's Chromium and chromedriver: installed with apt-get when running as root."""
    if missing := browsers.chromium_missing():
        apt_install(list(browsers.CHROMIUM_PACKAGES), f"{' and '.join(missing)} missing (the e2e tests need them)")


def ensure_webkit() -> None:
    """The e2e layer's WebKit modules need Debian's WebKitGTK driver and Xvfb: installed with apt-get when running as
    root; otherwise those modules skip, saying what is missing."""
    if (missing := browsers.webkitgtk_missing()) and os.geteuid() == 0:
        apt_install(list(browsers.WEBKIT_PACKAGES), missing)


def test(pytest_args: list[str]) -> int:
    """pytest with the .venv (which the caller has made). The pyodide and e2e layers need the built page, and e2e
    also Chromium; returns pytest's exit code."""
    layers = layers_asked(pytest_args)
    if layers - {"unit"} and not (DIST / "app.js").exists():
        raise BuildError(f"the {' and '.join(sorted(layers - {'unit'}))} tests need the built page: run "
                         "`python3 build.py` first (`python3 build.py test -m unit` needs no build).")
    if "e2e" in layers:
        ensure_chromium()
        ensure_webkit()
    return subprocess.run([VENV / "bin" / "pytest", *pytest_args], cwd=ROOT).returncode


def serve(port: int) -> None:
    """Serve site/ on http://127.0.0.1:`port` until Ctrl-C."""
    with loopback_server.serve(SITE, port=port) as base:
        print(f"serving {SITE} at {base}/ (loopback only; Ctrl-C stops)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
