// Restores a memory snapshot (tools/snapshot.py) under Node in the ways tests/pyodide/test_snapshot.py checks, in one
// process, and prints one JSON line per case: three restores (entropy A, B, A again) with the first random draws of
// `random` and NumPy's global generator, then one forced failure per reason with the SnapshotError it gave, then
// the caller's fallback: a normal boot in the same process after those failures. First, the module-factory hook
// with a stand-in factory loaded the way a Worker loads pyodide.asm.js.
// Usage: node snapshot_cases.mjs RUNTIME_DIR SNAPSHOT_FILE
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import vm from "node:vm";
import { withCreateModuleHook } from "../../site/src/snapshot/create-hook.js";
import { SnapshotError, restoreSnapshot } from "../../site/src/snapshot/restore.js";
import { snapshotMetaPath } from "../../site/src/snapshot/layout.js";

const [runtimeDir, snapshotFile] = process.argv.slice(2);
const { loadPyodide } = createRequire(import.meta.url)(path.resolve(runtimeDir, "pyodide.js"));
const indexURL = path.resolve(runtimeDir) + "/";
const snapshotBytes = new Uint8Array(gunzipSync(readFileSync(snapshotFile)));
const meta = JSON.parse(readFileSync(snapshotMetaPath(snapshotFile), "utf8"));
const wheels = meta.wheels.map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(runtimeDir, name))) }));
const quiet = { stdout: () => {}, stderr: () => {} };
const restore = (changes = {}) => restoreSnapshot({ loadPyodide, indexURL, snapshotBytes, meta, wheels,
  entropy: new Uint8Array(32).fill(1), loadOptions: quiet, ...changes });
const print = (line) => console.log(JSON.stringify(line));

// A Worker runs pyodide.asm.js as a classic script: its top-level `var _createPyodideModule` is assigned through the
// hook's setter, then copied to itself. The hook must still wrap the factory once (and put the global back).
let created = 0;
const factory = await withCreateModuleHook({ afterCreate: () => created++ }, async () => {
  vm.runInThisContext("var _createPyodideModule = async (settings) => ({ settings });\n" +
    "globalThis._createPyodideModule = _createPyodideModule;");
  await globalThis._createPyodideModule({});
  return globalThis._createPyodideModule;
});
print({ case: "factory loaded as a classic script", afterCreateCalls: created,
  globalPutBack: globalThis._createPyodideModule !== factory && typeof globalThis._createPyodideModule === "function" });
delete globalThis._createPyodideModule; // the stand-in factory must not be found by the restores below

for (const [label, fill] of [["A", 1], ["B", 2], ["A", 1]]) {
  const pyodide = await restore({ entropy: new Uint8Array(32).fill(fill) });
  const draws = JSON.parse(pyodide.runPython(
    "import json, random, numpy as np; json.dumps([random.random(), float(np.random.random())])"));
  print({ case: "restore", entropy: label, random: draws[0], numpy: draws[1] });
}

const truncated = snapshotBytes.subarray(0, snapshotBytes.length - 4096);
const badMagic = snapshotBytes.slice();
badMagic[0] ^= 0xff;
const failures = {
  "wrong build id": { meta: { ...meta, buildId: "0".repeat(64) } },
  "drifted table length": { meta: { ...meta, tableLength: meta.tableLength + 1 } },
  "a runtime with more table slots than the snapshot left free":
    { meta: { ...meta, freshTableLength: meta.freshTableLength - meta.tablePadding - 1 } },
  "truncated bytes": { snapshotBytes: truncated },
  "damaged header": { snapshotBytes: badMagic },
  "missing wheel": { wheels: wheels.slice(1) },
  "a library that is not the wheel's": { meta: { ...meta, handles: meta.handles.map((h, i) => (i ? h : { ...h, fileDataSize: h.fileDataSize + 1 })) } },
};
for (const [name, changes] of Object.entries(failures)) {
  try {
    await restore(changes);
    print({ case: name, error: null });
  } catch (err) {
    print({ case: name, error: err.name, snapshotError: err instanceof SnapshotError, reason: err.reason,
      message: err.message });
  }
}

const pyodide = await loadPyodide({ indexURL, ...quiet });
await pyodide.loadPackage(["numpy"], { messageCallback: () => {} });
print({ case: "full boot after the failures", sum: pyodide.runPython("import numpy as np; int(np.arange(5).sum())") });

