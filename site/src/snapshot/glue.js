// The page's Python glue (site/py, written into /playground by worker/playground.js) imported inside the snapshot:
// compiling its ~27 modules from source is most of what the worker did after the restore (130-580 ms in Chromium
// on this machine, 384 ms under Node; 17 ms once compiled). The worker still writes the files before importing
// `playground` (tracebacks and lazy imports read them); the imports then find the modules loaded. The snapshot
// records a digest of the files; a page whose glue differs does not use the snapshot (restore.js's "build mismatch").
import { sha256Hex } from "../runtime/sha256.js";

/** The sha256 (hex) of the glue: its directory and every file's name and text, in name order. */
export async function glueDigest(dir, files) {
  const canonical = JSON.stringify([dir, Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
  return sha256Hex(new TextEncoder().encode(canonical)); // WebCrypto where there is one, else @noble/hashes
}

/** Writes the glue's files into `dir`, puts `dir` first on sys.path and imports every module; returns their names. */
export function importGlue(pyodide, dir, files) {
  pyodide.FS.mkdirTree(dir);
  for (const [name, text] of Object.entries(files)) pyodide.FS.writeFile(`${dir}/${name}`, text);
  const modules = Object.keys(files).map((name) => name.replace(/\.py$/, "")).sort();
  pyodide.runPython(`import sys\nif ${JSON.stringify(dir)} not in sys.path: sys.path.insert(0, ${JSON.stringify(dir)})\n` +
    modules.map((name) => `import ${name}`).join("\n"));
  return modules;
}
