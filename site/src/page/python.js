// The page's link to Python: the runtime booted by dist/boot.js (site/src/boot-entry.js) and the runner of the run
// lifecycle (ui/runner.js). Both are null until the boot is done, and stay null if it failed; the page's modules
// read them through this object, created before any of them.
import { kernelsLabel } from "../ui/boot.js";

/** createPython() → {runtime(), runner(), attach(runtime, runner)} */
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

/** The boot line: the versions, the matrix-product kernels and the boot time (runtime.info). */
export function versionsLine(runtimeInfo) {
  const info = runtimeInfo || {};
  const ready = info.bootMs != null ? (info.bootMs / 1000).toFixed(1) + " s" : "?";
  return `Python ${info.python ?? "?"} · NumPy ${info.numpy ?? "?"} · colornet ${info.colornet ?? "?"} · ` +
    `${kernelsLabel(info.kernels)} · ready in ${ready}`;
}
