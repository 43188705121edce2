// Runs tests/pyodide/colornet_checks.py inside Pyodide under Node, with the page's own runtime files
// (build/runtime-optimised: the same pyodide.asm.wasm, stdlib, lockfile and wheels that site/dist carries).
// NumPy comes from the lockfile, colornet is installed by micropip from the built wheel, as in the page.
// Usage: node run_checks.mjs [--kernels] [--path DIR] RUNTIME_DIR CHECKS_PY [check_name ...]  → prints one JSON
// line per check. --kernels installs the WebAssembly SIMD kernels (RUNTIME_DIR/colornet_kernels.wasm) the way the
// page's worker does (site/src/worker/kernels.js); --path DIR puts DIR (pure-Python test libraries) on sys.path.
// --snapshot FILE boots by restoring the memory snapshot FILE (tools/snapshot.py; gzipped if it ends in .gz, its
// metadata beside it as snapshot_meta_path says) with site/src/snapshot/restore.js, instead of loadPyodide +
// loadPackage + micropip: the same checks then run against a restored interpreter.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const args = process.argv.slice(2);
const option = (name, hasValue) => {
  const i = args.indexOf(name);
  if (i < 0) return null;
  return args.splice(i, hasValue ? 2 : 1)[hasValue ? 1 : 0];
};
const withKernels = option("--kernels", false) !== null;
const extraPath = option("--path", true);
const snapshotFile = option("--snapshot", true);
const [runtimeDir, checksPath, ...only] = args;
const require = createRequire(import.meta.url);
const kernelsModule = withKernels ? await import("../../site/src/worker/kernels.js") : null;
let memory = null; // Pyodide's WebAssembly.Memory, seen as its env.memory import (as site/src/worker/boot.js does)
for (const fn of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[fn];
  WebAssembly[fn] = function (source, imports, ...rest) {
    memory ||= kernelsModule && kernelsModule.importedMemory(imports);
    return original.call(this, source, imports, ...rest);
  };
}
const { loadPyodide } = require(path.resolve(runtimeDir, "pyodide.js"));

const indexURL = path.resolve(runtimeDir) + "/";
const t0 = performance.now();
const bootFull = async () => {
  const pyodide = await loadPyodide({ indexURL, lockFileURL: indexURL + "pyodide-lock.json", stdout: (s) => process.stderr.write(s + "\n"), stderr: (s) => process.stderr.write(s + "\n") });
  const failures = [];
  await pyodide.loadPackage(["numpy", "micropip"], { messageCallback: () => {}, errorCallback: (m) => failures.push(m) });
  if (failures.length) throw new Error(`loadPackage failed: ${failures.join("; ")}`);
  const wheel = readdirSync(runtimeDir).find((f) => f.startsWith("colornet-") && f.endsWith(".whl"));
  pyodide.FS.writeFile(`/tmp/${wheel}`, readFileSync(path.join(runtimeDir, wheel)));
  await pyodide.pyimport("micropip").install(`emfs:/tmp/${wheel}`);
  return pyodide;
};
const bootFromSnapshot = async () => {
  const { restoreSnapshot } = await import("../../site/src/snapshot/restore.js");
  const { snapshotMetaPath } = await import("../../site/src/snapshot/layout.js");
  const { gunzipSync } = await import("node:zlib");
  const raw = readFileSync(snapshotFile);
  const snapshotBytes = new Uint8Array(snapshotFile.endsWith(".gz") ? gunzipSync(raw) : raw);
  const meta = JSON.parse(readFileSync(snapshotMetaPath(snapshotFile), "utf8"));
  const wheels = meta.wheels.map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(runtimeDir, name))) }));
  return restoreSnapshot({ loadPyodide, indexURL, snapshotBytes, meta, wheels,
    entropy: crypto.getRandomValues(new Uint8Array(32)),
    loadOptions: { stdout: (s) => process.stderr.write(s + "\n"), stderr: (s) => process.stderr.write(s + "\n") } });
};
const pyodide = snapshotFile ? await bootFromSnapshot() : await bootFull();
pyodide.FS.mkdirTree("/checks");
pyodide.FS.writeFile(`/checks/${path.basename(checksPath)}`, readFileSync(checksPath));
if (extraPath) {
  pyodide.FS.mkdirTree("/checks-lib");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.resolve(extraPath) }, "/checks-lib");
  pyodide.runPython("import sys; sys.path.append('/checks-lib')");
}
const bootMs = Math.round(performance.now() - t0);
let kernels = null;
if (kernelsModule) {
  kernels = await kernelsModule.installKernels(pyodide, {
    bytes: readFileSync(path.join(runtimeDir, kernelsModule.KERNELS_FILE)), memory });
}
const checksModule = path.basename(checksPath, ".py");

const results = await pyodide.runPythonAsync(`
import sys, json, time, traceback, inspect
sys.path.insert(0, "/checks")
import importlib, numpy, colornet
colornet_checks = importlib.import_module(${JSON.stringify(checksModule)})
only = ${JSON.stringify(only)}
names = [n for n in dir(colornet_checks) if n.startswith("check_") and callable(getattr(colornet_checks, n))]
out = [{"meta": True, "python": sys.version.split()[0], "numpy": numpy.__version__,
        "colornet": colornet.__version__, "platform": sys.platform, "boot_ms": ${bootMs}, "start": ${JSON.stringify(snapshotFile ? "snapshot" : "full")},
        "kernels": json.loads(${JSON.stringify(JSON.stringify(kernels))})}]
for name in names:
    if only and name not in only:
        continue
    t = time.perf_counter()
    try:
        r = getattr(colornet_checks, name)()
        if inspect.isawaitable(r):
            await r
        out.append({"name": name, "ok": True, "seconds": time.perf_counter() - t})
    except BaseException:
        out.append({"name": name, "ok": False, "error": traceback.format_exc(), "seconds": time.perf_counter() - t})
json.dumps(out)
`);
for (const line of JSON.parse(results)) console.log(JSON.stringify(line));
