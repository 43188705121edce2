// startRuntime(): loads the verified runtime bundles and boots Pyodide + NumPy + colornet in a Web Worker.
// See docs/ARCHITECTURE.md ("Runtime host API") for the contract the page builds on.
import manifest from "../../dist/runtime-manifest.json";
import { loadBundles } from "./bundles.js";
import { BootError } from "./errors.js";
import { WorkerHost } from "./worker-host.js";

export { BootError } from "./errors.js";

/** Longest a boot may take before it is declared failed (Pyodide never settles on some failures). */
export const BOOT_TIMEOUT_MS = 25000;

const STAGES = ["runtime", "numpy", "colornet"];
let filesPromise = null; // the verified files, kept for restart()

function stageBytes(stage) {
  return manifest.files.filter((f) => f.bundle && manifest.bundles[f.bundle].stage === stage)
    .reduce((sum, f) => sum + f.bytes, 0);
}

/**
 * Boots the runtime. onProgress({stage, loaded, total, file}) reports bundle loading (stage "bundles"),
 * then each boot stage ("runtime" → "numpy" → "colornet" → "ready"); loaded/total are bytes of that stage.
 * Resolves with {info, call, post, on, restart}; rejects with a BootError naming the stage and the file.
 */
export async function startRuntime({ onProgress = () => {}, bootTimeoutMs = BOOT_TIMEOUT_MS } = {}) {
  const status = publishStatus();
  try {
    const runtime = await start(onProgress, bootTimeoutMs, status);
    Object.assign(status, { status: "ready", info: runtime.info });
    self.colornetRuntime = runtime; // for tests and the browser console
    return runtime;
  } catch (err) {
    Object.assign(status, { status: "error", error: err.message, stage: err.stage, file: err.file });
    throw err;
  }
}

/** window.colornetBoot: the boot's status for tests and the console ({status, progress, info, error}). */
function publishStatus() {
  self.colornetBoot = { status: "loading", progress: null, info: null, error: null };
  return self.colornetBoot;
}

async function start(userProgress, bootTimeoutMs, status) {
  const onProgress = (p) => {
    status.progress = p;
    userProgress(p);
  };
  const t0 = performance.now();
  let bundlesMs = 0;
  filesPromise ||= loadBundles(manifest, (p) => onProgress({ ...p, stage: "bundles" }));
  let files;
  try {
    files = await filesPromise;
    bundlesMs = Math.round(performance.now() - t0);
  } catch (err) {
    filesPromise = null;
    throw err;
  }
  const listeners = [];
  let host = null;

  async function boot() {
    host?.terminate("the runtime was restarted");
    host = new WorkerHost();
    for (const [event, handler] of listeners) host.on(event, handler);
    host.on("boot", (p) => onProgress({ ...p, total: stageBytes(p.stage) || p.total }));
    const payload = {
      files: Object.fromEntries([...files].map(([name, f]) => [name, { blob: f.blob, gzip: f.gzip, stage: f.stage }])),
      lockFile: "pyodide-lock.json",
      colornetWheel: manifest.files.find((f) => f.name.startsWith("colornet-")).name,
    };
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => {
        const stage = host.stage || "runtime";
        reject(new BootError(stage, host.file || "pyodide.asm.wasm",
          `no progress for ${bootTimeoutMs / 1000} s (the worker hangs; see the browser console)`));
      }, bootTimeoutMs);
    });
    host.on("boot", (p) => { host.stage = p.stage; host.file = p.file; });
    const workerCrash = new Promise((_, reject) =>
      host.on("error", (e) => reject(new BootError(host.stage || "runtime", e.file || "worker", e.message))));
    try {
      return await Promise.race([host.call("boot", payload), timeout, workerCrash]);
    } catch (err) {
      host.terminate(err.message);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  const info = { ...(await boot()) };
  info.bootMs = Math.round(performance.now() - t0);
  info.timings = { startAt: Math.round(t0), bundles: bundlesMs, ...info.timings };
  info.pageToReadyMs = Math.round(performance.now()); // since navigation start: "page open → ready"
  info.bytesLoaded = Object.values(manifest.bundles).reduce((sum, b) => sum + b.bytes, 0);
  onProgress({ stage: "ready", loaded: 1, total: 1, file: "" });
  const runtime = {
    info,
    manifest,
    call: (type, payload) => host.call(type, payload),
    post: (type, payload) => host.post(type, payload),
    on(event, handler) {
      listeners.push([event, handler]);
      const off = host.on(event, handler);
      return () => {
        off();
        listeners.splice(listeners.findIndex((l) => l[1] === handler), 1);
      };
    },
    /** Terminates the worker and boots a fresh one from the already verified bytes. */
    async restart() {
      const t = performance.now();
      Object.assign(info, await boot());
      info.restartMs = Math.round(performance.now() - t);
      return info;
    },
  };
  return runtime;
}

export { STAGES };
