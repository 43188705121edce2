// Runs tests/pyodide/colornet_checks.py inside Pyodide under Node, with the page's own runtime files
// (build/runtime-optimised: the same pyodide.asm.wasm, stdlib, lockfile and wheels that site/dist carries).
// NumPy comes from the lockfile, colornet is installed by micropip from the built wheel, as in the page.
// Usage: node run_checks.mjs RUNTIME_DIR CHECKS_PY [check_name ...]  → prints one JSON line per check.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [runtimeDir, checksPath, ...only] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { loadPyodide } = require(path.resolve(runtimeDir, "pyodide.js"));

const indexURL = path.resolve(runtimeDir) + "/";
const t0 = performance.now();
const pyodide = await loadPyodide({ indexURL, lockFileURL: indexURL + "pyodide-lock.json", stdout: (s) => process.stderr.write(s + "\n"), stderr: (s) => process.stderr.write(s + "\n") });
const failures = [];
await pyodide.loadPackage(["numpy", "micropip"], { messageCallback: () => {}, errorCallback: (m) => failures.push(m) });
if (failures.length) throw new Error(`loadPackage failed: ${failures.join("; ")}`);
const wheel = readdirSync(runtimeDir).find((f) => f.startsWith("colornet-") && f.endsWith(".whl"));
pyodide.FS.writeFile(`/tmp/${wheel}`, readFileSync(path.join(runtimeDir, wheel)));
await pyodide.pyimport("micropip").install(`emfs:/tmp/${wheel}`);
pyodide.FS.mkdirTree("/checks");
pyodide.FS.writeFile("/checks/colornet_checks.py", readFileSync(checksPath));
const bootMs = Math.round(performance.now() - t0);

const results = await pyodide.runPythonAsync(`
import sys, json, time, traceback, inspect
sys.path.insert(0, "/checks")
import numpy, colornet, colornet_checks
only = ${JSON.stringify(only)}
names = [n for n in dir(colornet_checks) if n.startswith("check_") and callable(getattr(colornet_checks, n))]
out = [{"meta": True, "python": sys.version.split()[0], "numpy": numpy.__version__,
        "colornet": colornet.__version__, "platform": sys.platform, "boot_ms": ${bootMs}}]
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
