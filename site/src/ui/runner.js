// The run lifecycle on the page: Run, Stop, forced restarts, crash recovery and model snapshots
// (docs/ARCHITECTURE.md, "Run lifecycle").
//
// - Every run has an id. Stop posts {runId}; the worker answers at once with a "stopping" event when it can read
//   messages (a training loop yields at least every 50 ms), and the run then ends at its next yield, model kept.
// - If the worker does not answer within the grace period, its code never yields (`while True: pass`, a
//   synchronous cn.train): the worker is terminated and a fresh one booted. The grace period adapts to the run
//   (a few times its step time, at least STOP_GRACE_MS).
// - The worker sends a snapshot of the model (colornet JSON) about once a second while training and at the end of
//   each run; after any restart (forced stop, Restart Python, a crashed worker or a fatal Python error) the latest
//   snapshot is imported into the fresh worker, so the model comes back.
// - A fatal Pyodide error (`os._exit`, a stack overflow) or a worker error restarts the worker automatically.

export const STOP_GRACE_MS = 1000; // the shortest wait for the worker to acknowledge Stop
export const STOP_GRACE_MAX_MS = 10000;
export const STOP_END_MS = 5000; // after acknowledging Stop, the run must end within this
const CUT_OFF = Symbol("run cut off by a worker restart");

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The message for a restart: what happened, in one or two sentences. */
export function restartReason(reason, detail) {
  switch (reason) {
    case "unresponsive":
      return `Python did not answer Stop within ${seconds(detail.graceMs)}: the code never yields to the event ` +
        "loop (a loop like `while True: pass`, or the synchronous cn.train instead of `await cn.train_async`). " +
        "Restarting Python.";
    case "stuck":
      return `Python acknowledged Stop but the run did not end within ${seconds(STOP_END_MS)}. Restarting Python.`;
    case "fatal":
      return `${detail.exited ? "Python exited" : "Python hit a fatal error"} (${detail.message}). ` +
        "Its interpreter cannot be used any more: restarting Python.";
    case "crash":
      return `The Python worker failed (${detail.message}). Restarting Python.`;
    default:
      return "Restarting Python (Restart Python was pressed).";
  }
}

/**
 * createRunner(runtime, hooks) → {run(code, settings), stop(), restart(), busy(), activeRunId(), snapshot()}
 * hooks: onStart(), onFinish(result), onError(err), onStopRequested(), onRestarting(message),
 *        onRestarted({ms, reason, message, restored, predictions}) — restored: {step, model} | null.
 */
export function createRunner(runtime, hooks) {
  let active = null; // {id, restarting, cutOff, stopTimer, endTimer, graceMs, stepMs, lastProgress}
  let nextRunId = 1;
  let latest = null; // {text, step, runId}: the newest model snapshot from the worker
  let snapshotError = null;
  let restarting = null;

  runtime.on("snapshot", (s) => {
    latest = s;
    snapshotError = null;
  });
  runtime.on("snapshot-error", (e) => (snapshotError = e.error));
  runtime.on("progress", (p) => {
    const run = active;
    if (!run || p.elapsed == null) return;
    if (run.lastProgress && p.step > run.lastProgress.step) {
      const ms = ((p.elapsed - run.lastProgress.elapsed) * 1000) / (p.step - run.lastProgress.step);
      run.stepMs = Math.max(run.stepMs, ms);
    }
    run.lastProgress = { step: p.step, elapsed: p.elapsed };
  });
  runtime.on("stopping", ({ runId }) => {
    const run = active;
    if (!run || run.id !== runId || run.restarting) return;
    clearTimeout(run.stopTimer); // the worker reads messages: no forced restart for this stop
    run.acknowledged = true;
    run.endTimer = setTimeout(() => {
      if (active === run && !run.restarting) restartWorker("stuck", {});
    }, STOP_END_MS);
  });
  runtime.on("fatal", (e) => restartWorker("fatal", e));
  runtime.on("crash", (e) => restartWorker("crash", e));

  /** Imports the latest snapshot into the (fresh) worker; {restored, predictions, note}. */
  async function restoreModel() {
    if (!latest) {
      return { restored: null, note: snapshotError ? `The model could not be kept: ${snapshotError}.`
        : "There was no trained model to keep." };
    }
    try {
      const source = latest.source === "file" ? "file" : latest.source === "import" ? "imported" : "trained";
      const info = { source, step: latest.step ?? null, runId: latest.runId ?? null };
      const predictions = await runtime.call("importModel", { text: latest.text, source: "restore", info });
      const at = latest.step != null ? ` of step ${latest.step}` : "";
      return {
        restored: { step: latest.step, model: info },
        predictions,
        note: `The model${at} was restored (the latest snapshot; they are taken about once a second), and the ` +
          "swatches show its predictions.",
      };
    } catch (err) {
      return { restored: null, note: `The model could not be restored: ${err.message}` };
    }
  }

  function restartWorker(reason, detail) {
    if (restarting) return restarting;
    const run = active;
    if (run) {
      run.restarting = true;
      clearTimeout(run.stopTimer);
      clearTimeout(run.endTimer);
    }
    const message = restartReason(reason, detail);
    hooks.onRestarting(message);
    const t0 = performance.now();
    restarting = (async () => {
      try {
        await runtime.restart();
        const ms = performance.now() - t0;
        const { restored, predictions, note } = await restoreModel();
        hooks.onRestarted({ ms, reason, message: `Python restarted in ${seconds(ms)}. ${note}`, restored,
          predictions });
      } catch (err) {
        hooks.onError(err);
      } finally {
        restarting = null;
        if (run) {
          if (active === run) active = null;
          run.cutOff(); // the old worker's call may never settle: end the run here
        }
      }
    })();
    return restarting;
  }

  return {
    busy: () => active !== null || restarting !== null,
    /** The id of the run under way (the worker's runId), or null. */
    activeRunId: () => (active && !active.restarting ? active.id : null),

    /** The newest model snapshot ({text, step, runId}) or null. */
    snapshot: () => latest,

    /** Runs the code; resolves with the worker's result, or null when the run was cut off by a restart. */
    async run(code, settings) {
      if (active || restarting) throw new Error("A run is already in progress; press Stop first.");
      const run = { id: nextRunId++, restarting: false, stopTimer: null, endTimer: null, stepMs: 0 };
      const cutOff = new Promise((resolve) => (run.cutOff = () => resolve(CUT_OFF)));
      active = run;
      hooks.onStart(run.id);
      try {
        const result = await Promise.race([runtime.call("run", { code, settings, runId: run.id }), cutOff]);
        if (run.restarting) return null;
        hooks.onFinish(result);
        return result;
      } catch (err) {
        if (run.restarting) return null; // the old worker's pending call dies with it: not an error
        hooks.onError(err);
        return null;
      } finally {
        clearTimeout(run.stopTimer);
        clearTimeout(run.endTimer);
        if (active === run && !run.restarting) active = null;
      }
    },

    /** Asks the run to stop; restarts the worker if it does not answer within the run's grace period. */
    stop() {
      const run = active;
      if (!run || run.restarting || run.stopTimer || run.acknowledged) return;
      hooks.onStopRequested();
      runtime.post("stop", { runId: run.id });
      run.graceMs = Math.min(STOP_GRACE_MAX_MS, Math.max(STOP_GRACE_MS, 4 * run.stepMs + 500));
      run.stopTimer = setTimeout(() => {
        if (active === run && !run.restarting && !run.acknowledged) {
          restartWorker("unresponsive", { graceMs: run.graceMs });
        }
      }, run.graceMs);
    },

    /** Restart Python: a fresh interpreter with the latest model; a run under way is cut off. */
    restart: () => restartWorker("user", {}),
  };
}
