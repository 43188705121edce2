// The page's link to Python: the runtime booted by dist/boot.js (site/src/boot-entry.js) and the runner of the run
// lifecycle (ui/runner.js). Both are null until the boot is done, and stay null if it failed; the page's modules
// read them through this object, created before any of them.
import { kernelsLabel } from "../ui/boot.js";

/** createPython() → {runtime(), runner(), attach(runtime, runner), state()} */
export function createPython() {
  let runtime = null;
  let runner = null;
  return {
    runtime: () => runtime,
    runner: () => runner,
    attach(rt, r) {
      runtime = rt;
      runner = r;
    },
    /** Its part of the testing contract: how Python started (runtime.info.start) and page open → ready (ms). */
    state: () => {
      const info = (runtime && runtime.info) || {};
      return { start: info.start ?? null, startReason: info.startReason ?? null, bootMs: info.pageToReadyMs ?? null };
    },
  };
}

/**
 * The runtime booted by dist/boot.js, with onProgress called for every boot progress event (past ones too).
 * Rejects with the boot's error, or when dist/boot.js did not run.
 */
export async function attachRuntime(onProgress) {
  if (!self.colornetBootPromise) {
    throw new Error("dist/boot.js did not run: index.html must load it before dist/app.js; rebuild with `python3 build.py`");
  }
  const unsubscribe = self.colornetBootProgress(onProgress);
  try {
    return await self.colornetBootPromise;
  } finally {
    unsubscribe();
  }
}

/** How Python started (runtime.info.start): `start: snapshot` or `start: full boot (the reason)`. */
export function startLabel(info) {
  if (info.start === "snapshot") return "start: snapshot";
  return `start: full boot (${info.startReason || "no reason given"})`;
}

/** The boot line: the versions, the matrix-product kernels, how Python started and the boot time (runtime.info). */
export function versionsLine(runtimeInfo) {
  const info = runtimeInfo || {};
  const ready = info.bootMs != null ? (info.bootMs / 1000).toFixed(1) + " s" : "?";
  return `Python ${info.python ?? "?"} · NumPy ${info.numpy ?? "?"} · colornet ${info.colornet ?? "?"} · ` +
    `${kernelsLabel(info.kernels)} · ${startLabel(info)} · ready in ${ready}`;
}
