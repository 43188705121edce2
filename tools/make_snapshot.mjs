// Makes the Pyodide memory snapshot (NumPy and colornet imported) under Node from a runtime directory — the very
// files the page ships (build/runtime-optimised) — with site/src/snapshot/make.js, and writes OUT_DIR/
// pyodide-snapshot.bin.gz plus its metadata OUT_DIR/pyodide-snapshot.json. Prints one JSON summary line.
// Usage: node tools/make_snapshot.mjs RUNTIME_DIR OUT_DIR
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { makeSnapshot } from "../site/src/snapshot/make.js";
import { snapshotMetaPath } from "../site/src/snapshot/layout.js";

const [runtimeDir, outDir] = process.argv.slice(2);
if (!runtimeDir || !outDir) {
  console.error("usage: node tools/make_snapshot.mjs RUNTIME_DIR OUT_DIR");
  process.exit(2);
}
const lock = JSON.parse(readFileSync(path.join(runtimeDir, "pyodide-lock.json"), "utf8"));
const wheelNames = ["numpy", "colornet"].map((name) => {
  const entry = lock.packages[name];
  if (!entry) throw new Error(`${runtimeDir}/pyodide-lock.json has no package "${name}"`);
  return entry.file_name;
});
const wheels = wheelNames.map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(runtimeDir, name))) }));
const { loadPyodide } = createRequire(import.meta.url)(path.resolve(runtimeDir, "pyodide.js"));
const t0 = performance.now();
const { bytes, meta } = await makeSnapshot({ loadPyodide, indexURL: path.resolve(runtimeDir) + "/", wheels,
  loadOptions: { stdout: (s) => process.stderr.write(s + "\n"), stderr: (s) => process.stderr.write(s + "\n") } });
const seconds = (performance.now() - t0) / 1000;
const gzipped = gzipSync(bytes, { level: 9 });
mkdirSync(outDir, { recursive: true });
const snapshotPath = path.join(outDir, "pyodide-snapshot.bin.gz");
writeFileSync(snapshotPath, gzipped);
const full = { ...meta, gzipBytes: gzipped.length, sha256: createHash("sha256").update(bytes).digest("hex") };
writeFileSync(snapshotMetaPath(snapshotPath), JSON.stringify(full, null, 1) + "\n");
console.log(JSON.stringify({ snapshot: snapshotPath, meta: snapshotMetaPath(snapshotPath), bytes: bytes.length,
  gzipBytes: gzipped.length, handles: meta.handles.length, seconds: Math.round(seconds * 10) / 10 }));
