// One timing sample, in this fresh Node process, of the two ways to reach "NumPy, numpy.random and colornet
// imported": `full` boots as the page does (loadPyodide, loadPackage numpy from the lockfile, micropip installs the
// colornet wheel, imports); `snapshot` restores the snapshot with site/src/snapshot/restore.js (its gunzip is timed
// apart: the page decodes its files before booting either way). Prints one JSON line. tools/snapshot.py measure
// runs samples of both, alternating, and takes medians.
// Usage: node tools/snapshot_timing.mjs full|snapshot RUNTIME_DIR [SNAPSHOT_FILE]
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { restoreSnapshot } from "../site/src/snapshot/restore.js";
import { snapshotMetaPath } from "../site/src/snapshot/layout.js";

const [kind, runtimeDir, snapshotFile] = process.argv.slice(2);
const { loadPyodide } = createRequire(import.meta.url)(path.resolve(runtimeDir, "pyodide.js"));
const indexURL = path.resolve(runtimeDir) + "/";
const quiet = { stdout: () => {}, stderr: () => {} };
const IMPORTS = "import numpy, numpy.random, colornet";

async function full() {
  const t0 = performance.now();
  const pyodide = await loadPyodide({ indexURL, lockFileURL: indexURL + "pyodide-lock.json", ...quiet });
  await pyodide.loadPackage(["numpy", "micropip"], { messageCallback: () => {} });
  const wheel = readdirSync(runtimeDir).find((f) => f.startsWith("colornet-") && f.endsWith(".whl"));
  pyodide.FS.writeFile(`/tmp/${wheel}`, readFileSync(path.join(runtimeDir, wheel)));
  await pyodide.pyimport("micropip").install(`emfs:/tmp/${wheel}`);
  pyodide.runPython(IMPORTS);
  return { ms: performance.now() - t0 };
}

async function snapshot() {
  const t0 = performance.now();
  const snapshotBytes = new Uint8Array(gunzipSync(readFileSync(snapshotFile)));
  const gunzipMs = performance.now() - t0;
  const meta = JSON.parse(readFileSync(snapshotMetaPath(snapshotFile), "utf8"));
  const wheels = meta.wheels.map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(runtimeDir, name))) }));
  const timings = {};
  const t1 = performance.now();
  const pyodide = await restoreSnapshot({ loadPyodide, indexURL, snapshotBytes, meta, wheels, timings,
    entropy: crypto.getRandomValues(new Uint8Array(32)), loadOptions: quiet });
  pyodide.runPython(IMPORTS);
  return { ms: performance.now() - t1, gunzipMs, timings };
}

const sample = kind === "full" ? await full() : kind === "snapshot" ? await snapshot() : null;
if (!sample) throw new Error(`kind must be "full" or "snapshot", got ${JSON.stringify(kind)}`);
console.log(JSON.stringify({ kind, ...sample }));
