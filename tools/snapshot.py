"""The memory snapshot of Pyodide with NumPy and colornet imported (site/src/snapshot/): made under Node from the
runtime files the page ships, gzipped, with its metadata, then verified by restoring it in a fresh Node process and
running every colornet check inside it. `make_snapshot(runtime_dir, out_dir)` is the build step's body (stdlib only).
Usage: python3 tools/snapshot.py [RUNTIME_DIR [OUT_DIR]]"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.buildsteps import BuildError, log, run  # noqa: E402
from tools.paths import BUILD, OPTIMISED_DIR, ROOT  # noqa: E402

SNAPSHOT_DIR = BUILD / "snapshot"
SNAPSHOT_FILE = "pyodide-snapshot.bin.gz"
META_FILE = "pyodide-snapshot.json"
MAKER = ROOT / "tools" / "make_snapshot.mjs"
RUN_CHECKS = ROOT / "tests" / "pyodide" / "run_checks.mjs"
CHECKS = ROOT / "tests" / "pyodide" / "colornet_checks.py"


def node() -> str:
    found = shutil.which("node")
    if not found:
        raise BuildError("node not found: the snapshot is made under Node.js 20 (`apt-get install nodejs`)")
    return found


def make_snapshot(runtime_dir: Path = OPTIMISED_DIR, out_dir: Path = SNAPSHOT_DIR) -> dict:
    """Makes out_dir/pyodide-snapshot.bin.gz and .json from runtime_dir, verifies it, returns the maker's summary."""
    proc = run([node(), MAKER, runtime_dir, out_dir], capture_output=True, text=True)
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    log(f"snapshot: {summary['bytes']} bytes, {summary['gzipBytes']} gzipped, {summary['handles']} side modules")
    summary["checks"] = verify_snapshot(runtime_dir, Path(out_dir) / SNAPSHOT_FILE)
    return summary


def verify_snapshot(runtime_dir: Path, snapshot: Path) -> int:
    """Restores `snapshot` in a fresh Node process and runs every colornet check in it; returns how many passed."""
    proc = run([node(), RUN_CHECKS, "--snapshot", snapshot, runtime_dir, CHECKS], capture_output=True, text=True)
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    meta = next((line for line in lines if line.get("meta")), {})
    checks = [line for line in lines if not line.get("meta")]
    failed = [c["name"] for c in checks if not c["ok"]]
    if meta.get("start") != "snapshot" or not checks or failed:
        details = "\n".join(c["error"] for c in checks if not c["ok"])[-3000:]
        raise BuildError(f"the snapshot {snapshot} failed its checks (start {meta.get('start')!r}, "
                         f"{len(checks)} checks, failed: {', '.join(failed) or 'none'})\n{details}")
    log(f"snapshot: {len(checks)} colornet checks pass in a restored interpreter")
    return len(checks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("runtime_dir", nargs="?", type=Path, default=OPTIMISED_DIR)
    parser.add_argument("out_dir", nargs="?", type=Path, default=SNAPSHOT_DIR)
    args = parser.parse_args()
    print(json.dumps(make_snapshot(args.runtime_dir, args.out_dir)))


if __name__ == "__main__":
    main()
