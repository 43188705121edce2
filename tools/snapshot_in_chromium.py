"""Probe: restores the memory snapshot (build/snapshot, tools/snapshot.py) inside a Web Worker in headless
Chromium over http://127.0.0.1, with site/src/snapshot/restore.js as the page would call it, and prints what the
worker reports (restore time and steps, a NumPy + colornet result, the two generators' first draws).
Usage: .venv/bin/python tools/snapshot_in_chromium.py [--firefox]   (--firefox: in headless Firefox ESR instead)"""
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.browsers import firefox, start_chromium  # noqa: E402
from tools.loopback_server import serve  # noqa: E402
from tools.paths import BUILD, ROOT  # noqa: E402

PROBE_DIR = BUILD / "snapshot-probe"
WORKER = """
importScripts("/build/runtime-optimised/pyodide.js");
(async () => {
  const { restoreSnapshot } = await import("/site/src/snapshot/restore.js");
  const fetched = await fetch("/build/snapshot/pyodide-snapshot.bin.gz");
  const gunzipped = fetched.body.pipeThrough(new DecompressionStream("gzip"));
  const snapshotBytes = new Uint8Array(await new Response(gunzipped).arrayBuffer());
  const meta = await (await fetch("/build/snapshot/pyodide-snapshot.json")).json();
  const wheels = await Promise.all(meta.wheels.map(async (name) => ({ name,
    bytes: new Uint8Array(await (await fetch("/build/runtime-optimised/" + name)).arrayBuffer()) })));
  const timings = {};
  const t0 = performance.now();
  const pyodide = await restoreSnapshot({ loadPyodide, indexURL: location.origin + "/build/runtime-optimised/",
    snapshotBytes, meta, wheels, timings, entropy: crypto.getRandomValues(new Uint8Array(32)) });
  const ms = Math.round(performance.now() - t0);
  const result = pyodide.runPython(`
import json, random, sys, numpy as np, colornet as cn
net = cn.Network.from_preset("default") if hasattr(cn.Network, "from_preset") else None
a = np.arange(12.0).reshape(3, 4)
json.dumps({"matmul": float((a @ a.T).sum()), "inv": np.linalg.inv(np.eye(2) * 4).tolist(),
            "random": random.random(), "numpy_random": float(np.random.random()),
            "colours": cn.random_colours(3, 1).round(3).tolist(), "emscripten_info": str(sys._emscripten_info)})
`);
  postMessage({ ms, timings, result: JSON.parse(result) });
})().catch((err) => postMessage({ error: String((err && err.stack) || err), reason: err && err.reason }));
"""
PAGE = """<!doctype html><meta charset="utf-8"><title>snapshot probe</title>
<script>
window.probe = null;
new Worker("worker.js").onmessage = (e) => { window.probe = e.data; };
</script>"""


def main():
    PROBE_DIR.mkdir(parents=True, exist_ok=True)
    (PROBE_DIR / "worker.js").write_text(WORKER)
    (PROBE_DIR / "index.html").write_text(PAGE)
    with serve(ROOT) as base:
        url = f"{base}/build/snapshot-probe/index.html"
        if "--firefox" in sys.argv:
            with firefox() as client:
                client.navigate(url)
                return wait_for_probe(lambda: client.execute_script("return window.probe", new_sandbox=False, sandbox=None))
        driver = start_chromium()
        try:
            driver.get(url)
            return wait_for_probe(lambda: driver.execute_script("return window.probe"))
        finally:
            driver.quit()


def wait_for_probe(read, seconds=240):
    """Prints the worker's report once the page has it; the exit status says whether it restored."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        probe = read()
        if probe:
            print(json.dumps(probe, indent=1))
            return 0 if "error" not in probe else 1
        time.sleep(0.5)
    print(f"no answer from the worker in {seconds} s")
    return 1

if __name__ == "__main__":
    sys.exit(main())
