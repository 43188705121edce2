"""npm and esbuild for build.py (stdlib only): `npm ci` only when node_modules differs from the lockfile, and one
esbuild invocation for the page's scripts."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tools.buildsteps import BuildError, log, run
from tools.paths import NODE_MODULES, ROOT

ESBUILD = NODE_MODULES / ".bin" / "esbuild"


def installed_matches_lock(folder: Path) -> bool:
    """True when folder/node_modules holds exactly the versions folder/package-lock.json pins (npm's own hidden
    lockfile)."""
    hidden = folder / "node_modules" / ".package-lock.json"
    if not hidden.exists():
        return False
    wanted = json.loads((folder / "package-lock.json").read_text())["packages"]
    have = json.loads(hidden.read_text())["packages"]
    return all(have.get(k, {}).get("version") == v.get("version")
               for k, v in wanted.items() if k and not v.get("optional"))


def npm_ci_in(folder: Path) -> None:
    """`npm ci` in `folder`, unless its node_modules already matches its package-lock.json."""
    if installed_matches_lock(folder):
        log(f"{folder.relative_to(ROOT) / 'node_modules'} already matches its package-lock.json")
        return
    if not shutil.which("npm"):
        raise BuildError("npm not found: install Node.js 20 (`apt-get install nodejs npm`) and rerun.")
    run(["npm", "ci", "--no-audit", "--no-fund"], cwd=folder)


def esbuild(entry: Path, outfile: Path, *loaders: str, sourcemap: bool = False) -> None:
    """One esbuild run: `entry` bundled into a minified classic IIFE script (an inline source map when asked and
    COLORNET_SOURCEMAP is set)."""
    run([ESBUILD, entry, "--bundle", "--format=iife", "--target=es2022", *(f"--loader:{x}=text" for x in loaders),
         "--minify", f"--outfile={outfile}", "--log-level=warning",
         *(["--sourcemap=inline"] if sourcemap and os.environ.get("COLORNET_SOURCEMAP") else [])])
