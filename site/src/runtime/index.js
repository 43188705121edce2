// startRuntime(): loads the verified runtime bundles and boots Pyodide + NumPy + colornet in a Web Worker.
// See docs/ARCHITECTURE.md ("Runtime host API") for the contract the page builds on.
//
// The boot starts as soon as this module is evaluated (before the page builds its UI), and is pipelined: each
// file goes to the worker the moment its bundle script has run, and the worker verifies it and starts on it, so
// the wasm compiles and Python starts while NumPy's bundle is still loading. startRuntime() attaches to that boot and replays the progress seen so far.
import manifest from "../../dist/runtime-manifest.json";
import { bundleTimings, loadBundles } from "./bundles.js";
import { BootError } from "./errors.js";
import { decodedStream, scriptUrl, shippedBytesOf } from "./transfer.js";
import { startVerifier } from "./verifier.js";
import { WorkerHost } from "./worker-host.js";

export { BootError } from "./errors.js";

/** A boot that makes no progress for this long is declared failed (Pyodide never settles on some failures). */
export const BOOT_STALL_TIMEOUT_MS = 20000;
export const STAGES = ["runtime", "numpy", "colornet"];

const T0 = performance.now();
const status = (self.colornetBoot = { status: "loading", progress: null, info: null, error: null });
const progressLog = [];
const progressListeners = new Set();
let verifiedFiles = null; // Map name → file, once every bundle is verified (kept for restart)

function progress(p) {
  status.progress = p;
  progressLog.push(p);
  for (const listener of progressListeners) listener(p);
}

function stageTotal(stage) {
  return manifest.files.filter((f) => manifest.bundles[f.bundle].stage === stage).reduce((sum, f) => sum + f.size, 0);
}

/** Starts a worker and its verifier and boots it; files arrive through sendFile (now or later), and
 * doneSending() ends the verifier once they are all verified. `booted` resolves with the info. */
function bootWorker(stallTimeoutMs) {
  const host = new WorkerHost();
  const verifier = startVerifier();
  const expected = manifest.files.map((f) => ({ name: f.name, stage: manifest.bundles[f.bundle].stage, size: f.size }));
  const payload = {
    expected,
    lockFile: "pyodide-lock.json",
    colornetWheel: manifest.files.find((f) => f.name.startsWith("colornet-")).name,
    // In the single file every bundle is parsed by the main thread with the document: the worker's decoding and
    // compiling as files arrive would take CPU from that parse, so it waits for the last file (worker/boot.js).
    prepareEarly: !self.colornetSingleFile,
    files: verifier.port, // the verified files, from the verifier (runtime/verifier.js)
  };
  // Pyodide never settles on some failures: fail when the boot makes no progress for stallTimeoutMs.
  let timer;
  let stalled;
  const timeout = new Promise((_, reject) => (stalled = reject));
  const watchdog = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stalled(new BootError(host.stage || "runtime", host.file || "pyodide.asm.wasm",
      `no progress for ${stallTimeoutMs / 1000} s (the worker hangs; see the browser console)`)), stallTimeoutMs);
  };
  watchdog();
  host.on("boot", (p) => {
    host.stage = p.stage;
    host.file = p.file;
    watchdog();
    progress({ ...p, total: stageTotal(p.stage) });
  });
  const crashed = new Promise((_, reject) =>
    host.on("crash", (e) => reject(new BootError(host.stage || "runtime", e.file || "worker", e.message))));
  let unsendable;
  const sendFailed = new Promise((_, reject) => (unsendable = reject));
  const booted = Promise.race([host.call("boot", payload, [verifier.port]), timeout, crashed, sendFailed])
    .finally(() => clearTimeout(timer));
  const sent = new Map(); // name → verified file, for the worker's "script-url" requests
  const fail = (file, name) => (err) =>
    new BootError(file.stage, name, `could not hand the file to the worker: ${err.message}`, { cause: err });
  /** Hands a file to the verifier (transfer.js says how), which passes it on to the worker: resolves with the
   * verifier's timings, or rejects with a BootError naming the file (and then the boot fails too). */
  const sendFile = (name, file) => {
    watchdog();
    sent.set(name, file);
    const verified = verifier.verify(name, file).catch((err) => {
      throw err instanceof BootError ? err : fail(file, name)(err);
    });
    verified.catch(unsendable);
    return verified;
  };
  // The worker could not import a script from a blob: URL of its own (WebKit from file://): it asks for ours.
  host.on("script-url", ({ name }) => {
    const file = sent.get(name);
    scriptUrl(file).then((url) => host.post("script-url", { name, url }), (err) => unsendable(fail(file, name)(err)));
  });
  return { host, booted, sendFile, doneSending: () => verifier.close() };
}

/** The first boot: bundles load and the worker boots at the same time. */
function firstBoot(stallTimeoutMs) {
  let worker;
  try {
    worker = bootWorker(stallTimeoutMs);
  } catch (err) { // e.g. a Content-Security-Policy without worker-src blob:
    return Promise.reject(new BootError("runtime", "worker", `could not start the Web Worker: ${err.message}`));
  }
  const bundles = loadBundles(manifest, {
    verify: worker.sendFile,
    onBundle: (p) => progress({ ...p, stage: "bundles" }),
  }).then((files) => {
    verifiedFiles = files;
    return Math.round(performance.now() - T0);
  });
  bundles.then(worker.doneSending, worker.doneSending);
  const done = Promise.all([bundles, worker.booted]).then(([bundlesMs, info]) => ({ host: worker.host, info, bundlesMs }));
  done.catch(() => worker.host.terminate("the boot failed"));
  return done;
}

const early = firstBoot(BOOT_STALL_TIMEOUT_MS);
early.catch(() => {}); // reported by startRuntime

/**
 * Calls listener(progress) with every progress event seen so far, then with each new one (late subscribers, such
 * as the page's boot view when dist/boot.js started the boot, miss nothing). Returns the unsubscribe function.
 */
export function subscribeProgress(listener) {
  progressLog.forEach(listener);
  progressListeners.add(listener);
  return () => progressListeners.delete(listener);
}

/**
 * Boots the runtime (or attaches to the boot already under way). onProgress({stage, loaded, total, file}):
 * "bundles" while dist/runtime-*.js load, then "runtime" → "numpy" → "colornet" (bytes of that stage), "ready".
 * Resolves with {info, call, post, on, restart}; rejects with a BootError naming the stage and the file.
 */
export async function startRuntime({ onProgress = () => {} } = {}) {
  const unsubscribe = subscribeProgress(onProgress);
  try {
    const runtime = createRuntime(await early);
    Object.assign(status, { status: "ready", info: runtime.info });
    self.colornetRuntime = runtime; // for tests and the browser console
    progress({ stage: "ready", loaded: 1, total: 1, file: "" });
    return runtime;
  } catch (err) {
    Object.assign(status, { status: "error", error: err.message, stage: err.stage, file: err.file });
    throw err;
  } finally {
    unsubscribe();
  }
}

/** The worker's marks (its own clock: `at`'s, `wasm[].at`) moved onto the page's (ms since navigation). */
function onPageClock(timings) {
  if (typeof timings.workerOrigin !== "number") return;
  const shift = timings.workerOrigin - performance.timeOrigin;
  const move = (ms) => Math.round(ms + shift);
  for (const key of Object.keys(timings.at || {})) timings.at[key] = move(timings.at[key]);
  for (const w of timings.wasm || []) w.at = move(w.at);
  delete timings.workerOrigin;
}

function createRuntime({ host: firstHost, info: bootInfo, bundlesMs }) {
  let host = firstHost;
  const listeners = [];
  const info = {
    ...bootInfo,
    bootMs: Math.round(performance.now() - T0),
    pageToReadyMs: Math.round(performance.now()), // since navigation start: "page open → ready"
    bytesLoaded: Object.values(manifest.bundles).reduce((sum, b) => sum + b.bytes, 0),
  };
  info.timings = { startAt: Math.round(T0), bundles: bundlesMs, ...bootInfo.timings, perBundle: bundleTimings };
  onPageClock(info.timings);
  const runtime = {
    info,
    manifest,
    call: (type, payload) => host.call(type, payload),
    post: (type, payload) => host.post(type, payload),
    on(event, handler) {
      const entry = [event, handler];
      listeners.push(entry);
      let off = host.on(event, handler);
      entry.rebind = () => (off = host.on(event, handler));
      return () => {
        off();
        listeners.splice(listeners.indexOf(entry), 1);
      };
    },
    /** The bytes of a verified runtime file, gunzipped (e.g. the colornet wheel, for Download for Python). */
    async fileBytes(name) {
      const file = verifiedFiles && verifiedFiles.get(name);
      if (!file) throw new Error(`no runtime file named ${JSON.stringify(name)}; known: ${[...verifiedFiles.keys()].join(", ")}`);
      return new Uint8Array(await new Response(decodedStream(file)).arrayBuffer());
    },
    /** A runtime file's bytes exactly as shipped and verified (compressed or not, as the manifest says). */
    async shippedBytes(name) {
      const file = verifiedFiles && verifiedFiles.get(name);
      if (!file) throw new Error(`no runtime file named ${JSON.stringify(name)}`);
      return shippedBytesOf(file);
    },
    /** Terminates the worker and boots a fresh one from the already verified bytes. */
    async restart() {
      const t = performance.now();
      host.terminate("the runtime was restarted");
      const worker = bootWorker(BOOT_STALL_TIMEOUT_MS);
      host = worker.host;
      for (const entry of listeners) entry.rebind();
      const sends = [...verifiedFiles].map(([name, file]) => worker.sendFile(name, file));
      Promise.allSettled(sends).then(worker.doneSending);
      Object.assign(info, await worker.booted);
      info.restartMs = Math.round(performance.now() - t);
      return info;
    },
  };
  // The worker's post-boot warm-up (site/py/warm_up.py): {ms, at} once done, for every worker.
  runtime.on("warmed-up", (d) => (info.warmUp = { ...d, at: Math.round(performance.now()) }));
  return runtime;
}
