// Boots Pyodide inside the worker from the bundled files: from the build's memory snapshot when it has one and it
// fits (snapshot-start.js), else the full way: runtime → numpy (lockfile) → colornet (micropip).
// Each stage reports progress, and every failure becomes a BootError (runtime/errors.js, the class the page uses
// too) naming the stage and the file.
import { BootError } from "../runtime/errors.js";
import { lapTimer } from "../runtime/laps.js";
import { WORKER_SCRIPTS } from "../runtime/transfer.js";
import { KERNELS_FILE, importedMemory, installKernels } from "./kernels.js";
import { decodeTimings } from "./decode.js";
import { forgetPrepared, prepare, usePrecompiled } from "./prepare.js";
import { INDEX_URL, fileResponse, installOfflineFetch } from "./offline-fetch.js";
import { SnapshotError } from "../snapshot/restore.js";
import { SNAPSHOT_FILE, startFromSnapshot } from "./snapshot-start.js";

let ownUrlsRefused = false; // this engine refuses the worker's own blob: URLs (WebKit from file://)

/**
 * Runs a runtime script from a blob: URL of the worker's own; where the engine refuses that with a NetworkError
 * (WebKit from file://), from one the page made (runtime/transfer.js says why both are needed).
 */
async function importScriptFile(name, { store, scriptUrls, emit }) {
  if (!ownUrlsRefused) {
    const blob = await (await fileResponse(name, await store.get(name))).blob();
    const url = URL.createObjectURL(new Blob([blob], { type: "text/javascript" }));
    try {
      importScripts(url);
      return;
    } catch (err) {
      if (err.name !== "NetworkError") throw err;
      ownUrlsRefused = true;
    } finally {
      URL.revokeObjectURL(url);
    }
  }
  emit("script-url", { name });
  importScripts((await scriptUrls.get(name)).url);
}

/**
 * Pyodide never settles when the wasm fails to instantiate (it only logs). Wrap WebAssembly's instantiate
 * functions so the first failure while booting the runtime rejects the boot at once. onImports(imports) sees
 * each instantiate call's imports (Pyodide's WebAssembly.Memory is their env.memory, which the kernels share).
 * onCompiled() follows each success: a compiled module is progress (NumPy's ~40 extension modules compile for
 * many seconds without a file fetched, over 20 s in WebKit on a loaded machine; the page's watchdog counts this).
 */
function watchWasm(onFailure, marks, onImports, onCompiled) {
  for (const fn of ["instantiateStreaming", "instantiate", "compileStreaming", "compile"]) {
    const original = WebAssembly[fn];
    if (typeof original !== "function") continue;
    WebAssembly[fn] = function (...args) {
      if (fn.startsWith("instantiate")) onImports(args[1]);
      const t = performance.now();
      return original.apply(this, args).then((r) => {
        marks.push([fn, Math.round(t), Math.round(performance.now() - t)]);
        onCompiled();
        return r;
      }, (err) => {
        onFailure(err);
        throw err;
      });
    };
  }
}

/**
 * boot({expected, lockFile, colornetWheel, prepareEarly}, {emit, output, store, scriptUrls}) → {pyodide, info}
 * expected: [{name, stage, size}] — every file the build shipped; the files themselves arrive in `store`, and
 * page-made script URLs, when asked for, in `scriptUrls`.
 * emit("boot", {stage, file, loaded, total}) reports progress.
 */
export async function boot({ expected, lockFile, colornetWheel, prepareEarly = true }, { emit, output, store, scriptUrls }) {
  let stage = "runtime";
  let booted = false; // then nothing more is prepared
  const marks = [["boot", Math.round(performance.now())]];
  let file = "pyodide.asm.js";
  const timings = {};
  const lap = lapTimer(timings);
  const sizes = new Map(expected.map((f) => [f.name, f]));
  const seen = new Set();
  let lastProgress = null;
  const report = (name) => {
    marks.push(["fetch " + name, Math.round(performance.now())]);
    file = name;
    seen.add(name);
    const inStage = expected.filter((f) => f.stage === stage);
    const loaded = inStage.filter((f) => seen.has(f.name)).reduce((sum, f) => sum + f.size, 0);
    lastProgress = { stage, file, loaded, total: inStage.reduce((sum, f) => sum + f.size, 0) };
    emit("boot", lastProgress);
  };
  installOfflineFetch(store, (name) => sizes.has(name), report);

  let memory = null;
  usePrecompiled(); // before watchWasm, which then sees the runtime's instantiation as before
  let failBoot;
  const failed = new Promise((_, reject) => (failBoot = reject));
  failed.catch(() => {}); // a wasm failure after the boot is the caller's to handle, not a boot failure
  watchWasm((err) => {
    const wasmFile = stage === "runtime" ? "pyodide.asm.wasm" : file;
    failBoot(new BootError(stage, wasmFile, `WebAssembly instantiation failed: ${err.message}`));
  }, marks, (imports) => (memory ||= importedMemory(imports)), () => lastProgress && emit("boot", lastProgress));
  const guarded = (promise) => Promise.race([promise, failed]);

  // Stage 1: the runtime (pyodide.asm.js defines _createPyodideModule, which pyodide.js then uses).
  report(WORKER_SCRIPTS[0]);
  for (const name of WORKER_SCRIPTS) {
    try {
      await importScriptFile(name, { store, scriptUrls, emit });
    } catch (err) {
      throw new BootError("runtime", name, `could not run the script: ${err.message}`);
    }
  }
  lap("scripts");
  // From now on each file is decoded (and the runtime's wasm compiled) as it arrives, not when Pyodide asks: not
  // before, where those decodes would hold up the scripts (their gzip stream waits for the worker's thread); and
  // without prepareEarly (the single file) once every file is here.
  if (prepareEarly) store.watch(prepare);
  else Promise.all(expected.map((f) => store.get(f.name))).then(() => booted || store.watch(prepare));
  const loadOptions = { lockFileURL: INDEX_URL + lockFile, stdout: output.stdout, stderr: output.stderr,
    checkAPIVersion: true };
  let pyodide = null;
  let start = { start: "full", startReason: "no snapshot in this build" };
  if (sizes.has(SNAPSHOT_FILE)) {
    const restoreTimings = {};
    try {
      pyodide = await guarded(startFromSnapshot({ loadPyodide: self.loadPyodide, indexURL: INDEX_URL, store,
        known: (name) => sizes.has(name), onFile: report, loadOptions, timings: restoreTimings }));
      start = { start: "snapshot" };
      timings.restoreSteps = restoreTimings;
      lap("restore");
    } catch (err) {
      if (err instanceof BootError) throw err;
      if (!(err instanceof SnapshotError)) throw new BootError("runtime", file, err.message);
      start = { start: "full", startReason: err.reason, startDetail: err.detail };
      lap("snapshotTried");
    }
  }
  if (pyodide) {
    pyodide.setStdout({ batched: output.stdout });
    pyodide.setStderr({ batched: output.stderr });
  } else {
    pyodide = await bootFull({ lockFile, colornetWheel, loadOptions, store, output, guarded, report, lap,
      setStage: (name) => (stage = name), file: () => file });
  }
  // The SIMD kernels for colornet's products; on any failure NumPy stays active and info.kernels says why.
  const kernelsFile = sizes.has(KERNELS_FILE) ? await store.get(KERNELS_FILE) : null;
  const kernels = await installKernels(pyodide, {
    bytes: kernelsFile && await fileResponse(KERNELS_FILE, kernelsFile).then((r) => r.arrayBuffer()).catch(() => null),
    memory,
  });
  lap("kernels");
  booted = true;
  store.watch(null);
  forgetPrepared();
  timings.decode = decodeTimings;
  timings.wasm = marks.filter((m) => m.length === 3).map(([fn, at, ms]) => ({ fn, at, ms }));
  timings.at = { boot: marks[0][1], booted: Math.round(performance.now()) }; // moved onto the page's clock there
  const versions = pyodide.runPython(
    "import sys, numpy, colornet; f'{sys.version.split()[0]} {numpy.__version__} {colornet.__version__}'",
  ).split(" ");
  return {
    pyodide,
    info: { python: versions[0], numpy: versions[1], colornet: versions[2], pyodide: pyodide.version, kernels,
      ...start, timings, marks },
  };
}

/**
 * The full boot, without a snapshot: loadPyodide, then NumPy from the trimmed lockfile and colornet installed by
 * micropip from the bundled wheel. Returns the pyodide with NumPy and colornet imported.
 */
async function bootFull({ lockFile, colornetWheel, loadOptions, store, output, guarded, report, lap, setStage, file }) {
  let pyodide;
  try {
    pyodide = await guarded(self.loadPyodide({ ...loadOptions, indexURL: INDEX_URL }));
  } catch (err) {
    if (err instanceof BootError) throw err;
    throw new BootError("runtime", file(), err.message);
  }
  lap("loadPyodide");
  pyodide.setStdout({ batched: output.stdout });
  pyodide.setStderr({ batched: output.stderr });

  // Stage 2: NumPy from the trimmed lockfile, and Stage 3: colornet installed by micropip from the bundled wheel.
  // They overlap: micropip (small) loads first, then NumPy loads while micropip imports and installs colornet
  // (micropip waits for NumPy, colornet's dependency, through the same lockfile). loadPackage resolves even when
  // a package failed, so each one is imported afterwards to be sure.
  setStage("numpy");
  const lock = await (await fileResponse(lockFile, await store.get(lockFile))).json();
  const packageErrors = [];
  const loadFromLock = (names) => guarded(pyodide.loadPackage(names, {
    messageCallback: () => {},
    errorCallback: (message) => packageErrors.push(message),
  }));
  const importOrFail = (name) => {
    try {
      pyodide.pyimport(name).destroy?.();
    } catch (err) {
      const detail = packageErrors.join("; ") || String(err.message).trim().split("\n").pop();
      throw new BootError("numpy", lock.packages[name].file_name, `the package failed to load: ${detail}`);
    }
  };
  await loadFromLock(["micropip"]);
  const numpyLoaded = loadFromLock(["numpy"]); // starts with async work: reading and checking the wheel
  const colornetInstalled = pyodide // `import micropip` runs meanwhile
    .runPythonAsync(`import micropip\nawait micropip.install(${JSON.stringify(INDEX_URL + colornetWheel)})`)
    .then(() => null, (err) => err);
  await numpyLoaded;
  importOrFail("micropip");
  importOrFail("numpy");
  lap("numpy");

  setStage("colornet");
  report(colornetWheel);
  const installError = await guarded(colornetInstalled);
  try {
    if (installError) throw installError;
    pyodide.pyimport("colornet").destroy?.();
  } catch (err) {
    if (err instanceof BootError) throw err;
    throw new BootError("colornet", colornetWheel, String(err.message).trim().split("\n").pop());
  }
  lap("colornet");
  return pyodide;
}
