"""The memory snapshot of Pyodide with NumPy, colornet and the page's Python glue imported (site/src/snapshot/):
made under Node from the runtime files the page ships, gzipped, with its metadata, then verified by restoring it in
a fresh Node process and running every colornet check inside it. `make_snapshot(runtime_dir, out_dir)` is the build step's body (stdlib only).
Usage: python3 tools/snapshot.py [RUNTIME_DIR [OUT_DIR]]        makes and verifies the snapshot
       python3 tools/snapshot.py --measure N [RUNTIME_DIR [OUT_DIR]]  then times N fresh Node processes of each
                                   boot (full, snapshot), alternating, and prints the medians as JSON"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
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
TIMING = ROOT / "tools" / "snapshot_timing.mjs"
# The page's Python glue, imported in the snapshot (site/src/snapshot/glue.js): the worker's list and the sources.
GLUE_LIST = ROOT / "site" / "src" / "worker" / "glue-files.js"
GLUE_INPUTS = [GLUE_LIST, *sorted((ROOT / "site" / "py").glob("*.py"))]


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


def measure(runtime_dir: Path, out_dir: Path, samples: int) -> dict:
    """Medians over `samples` fresh Node processes of each boot, alternating full and snapshot (the same process
    kind, the same load), in milliseconds; plus the snapshot's sizes."""
    snapshot = Path(out_dir) / SNAPSHOT_FILE
    runs = {"full": [], "snapshot": []}
    for _ in range(samples):
        for kind in runs:
            args = [node(), TIMING, kind, runtime_dir] + ([snapshot] if kind == "snapshot" else [])
            proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True)
            runs[kind].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    meta = json.loads((Path(out_dir) / META_FILE).read_text())
    median = lambda values: round(statistics.median(values))  # noqa: E731
    full_ms, restore_ms = median([r["ms"] for r in runs["full"]]), median([r["ms"] for r in runs["snapshot"]])
    return {
        "samples": samples,
        "full_boot_ms": full_ms,
        "restore_ms": restore_ms,
        "restore_over_full": round(restore_ms / full_ms, 2),
        "gunzip_ms": median([r["gunzipMs"] for r in runs["snapshot"]]),
        "restore_steps_ms": {step: median([r["timings"][step] for r in runs["snapshot"]])
                             for step in runs["snapshot"][0]["timings"]},
        "snapshot_bytes": meta["bytes"],
        "snapshot_gzip_bytes": meta["gzipBytes"],
        "side_modules": len(meta["handles"]),
        "all_ms": {kind: [round(r["ms"]) for r in rs] for kind, rs in runs.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("runtime_dir", nargs="?", type=Path, default=OPTIMISED_DIR)
    parser.add_argument("out_dir", nargs="?", type=Path, default=SNAPSHOT_DIR)
    parser.add_argument("--measure", type=int, metavar="N", help="then time N samples of each boot")
    args = parser.parse_args()
    print(json.dumps(make_snapshot(args.runtime_dir, args.out_dir)))
    if args.measure:
        print(json.dumps(measure(args.runtime_dir, args.out_dir, args.measure)))


if __name__ == "__main__":
    main()
