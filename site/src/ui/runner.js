// Run / Stop against the runtime, with the watchdog for code that never yields.
//
// Stop first asks politely: the worker sets a flag that the progress callback returns, so a reporting training
// loop ends at its next report and keeps its model. If the run has not ended STOP_GRACE_MS later (e.g.
// `while True: pass`, which never lets the worker read messages), the worker is terminated and a fresh one
// booted with runtime.restart(); the page (code, chart, output) is untouched.

export const STOP_GRACE_MS = 1000;
const CUT_OFF = Symbol("run cut off by a worker restart");

/**
 * createRunner(runtime, hooks) → {run(code, settings), stop(), busy()}
 * hooks: onStart(), onFinish(result), onError(err), onRestarting(), onRestarted(ms), onStopRequested()
 */
export function createRunner(runtime, hooks) {
  let active = null; // {promise, stopTimer, restarting}

  async function restartWorker() {
    const run = active;
    run.restarting = true;
    hooks.onRestarting();
    const t0 = performance.now();
    try {
      await runtime.restart();
      hooks.onRestarted(performance.now() - t0);
    } catch (err) {
      hooks.onError(err);
    } finally {
      if (active === run) active = null;
      run.cutOff(); // the old worker's call may never settle: end the run here
    }
  }

  return {
    busy: () => active !== null,

    /** Runs the code; resolves with the worker's result, or null when the run was cut off by a restart. */
    async run(code, settings) {
      if (active) throw new Error("A run is already in progress; press Stop first.");
      const run = { restarting: false, stopTimer: null, cutOff: null };
      const cutOff = new Promise((resolve) => (run.cutOff = () => resolve(CUT_OFF)));
      active = run;
      hooks.onStart();
      try {
        const result = await Promise.race([runtime.call("run", { code, settings }), cutOff]);
        if (run.restarting) return null;
        hooks.onFinish(result);
        return result;
      } catch (err) {
        if (run.restarting) return null; // the old worker's pending call dies with it: not an error
        hooks.onError(err);
        return null;
      } finally {
        clearTimeout(run.stopTimer);
        if (active === run && !run.restarting) active = null;
      }
    },

    /** Asks the run to stop; restarts the worker if it does not within STOP_GRACE_MS. */
    stop() {
      const run = active;
      if (!run || run.restarting || run.stopTimer) return;
      hooks.onStopRequested();
      runtime.post("stop", {});
      run.stopTimer = setTimeout(() => {
        if (active === run && !run.restarting) restartWorker();
      }, STOP_GRACE_MS);
    },
  };
}
