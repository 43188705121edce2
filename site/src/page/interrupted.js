// A run that a reload (or a crashed tab) interrupts is not lost: each snapshot of the running run is stored as that
// run, "interrupted" at the snapshot's step with its model (ui/runs.js checkpoint; a finished run replaces it), and
// when the page opens again with such a run as the newest record, its model is put back into Python. So a reload
// loses at most the time since the last snapshot (about a second).
import { formatCount } from "../locale.js";

/** createInterrupted({runs, controls, output}) → {watch(runtime), restore()} */
export function createInterrupted({ runs, controls, output }) {
  return {
    /** Store each snapshot of a running run (runId set: not an imported model's). */
    watch(runtime) {
      runtime.on("snapshot", (s) => {
        if (s.runId != null && s.text) runs.checkpoint({ step: s.step, model: s.text });
      });
    },
    /** Once Python is ready: the newest run, if a reload interrupted it, gives its model back. */
    async restore() {
      await runs.ready;
      const newest = runs.records()[0];
      if (!newest || newest.status !== "interrupted" || !newest.model) return false;
      const step = newest.steps;
      try {
        await controls.importModel(newest.model, "reload", { source: "trained", step, runId: null });
        output.info(`The page was reloaded during a run: it is in Runs as interrupted at step ${formatCount(step)}, ` +
          "and its model (that step's snapshot) is back; the swatches show it.");
        return true;
      } catch (err) {
        output.info(`The run the reload interrupted is in Runs, but its model could not be restored: ${err.message}`);
        return false;
      }
    },
  };
}
