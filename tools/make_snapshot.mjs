// Makes the Pyodide memory snapshot (NumPy, colornet and the page's Python glue imported) under Node from a runtime
// directory — the very files the page ships (build/runtime-optimised) — with site/src/snapshot/make.js; the glue is
// the worker's own list (site/src/worker/glue-files.js, read through esbuild's text loader as the page's build
// does). Writes OUT_DIR/
// pyodide-snapshot.bin.gz plus its metadata OUT_DIR/pyodide-snapshot.json. Prints one JSON summary line.
// Usage: node tools/make_snapshot.mjs RUNTIME_DIR OUT_DIR
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
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
/** The worker's glue list ({dir, files}), bundled by esbuild with .py as text and imported from a data: URL. */
async function glueFiles() {
  const entry = fileURLToPath(new URL("../site/src/worker/glue-files.js", import.meta.url));
  const out = await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "node", write: false,
    loader: { ".py": "text" }, logLevel: "warning" });
  const glue = await import("data:text/javascript;base64," + Buffer.from(out.outputFiles[0].text).toString("base64"));
  return { dir: glue.GLUE_DIR, files: glue.GLUE_FILES };
}
const glue = await glueFiles();
const t0 = performance.now();
const { bytes, meta } = await makeSnapshot({ loadPyodide, indexURL: path.resolve(runtimeDir) + "/", wheels, glue,
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
