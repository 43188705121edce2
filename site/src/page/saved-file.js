// Opening a file written by Save as HTML, once Python is ready: its runs go into this browser's history, its latest
// curve onto the chart, its model into Python (so the swatches show its predictions). Nothing runs.
import { checkedChangeList } from "../params/live-link.js";

/** createSavedFile(savedFile, {runs, chart, controls, output}) → {open(), state()}; savedFile: start-state.js's. */
export function createSavedFile(saved, { runs, chart, controls, output }) {
  let openedFile = null;
  return {
    /** Puts the file's runs, curve and model back in place (call when Python is ready). */
    async open() {
      try {
        if (saved.runs && saved.runs.length) {
          await runs.importRuns(saved.runs);
          if (saved.runs[0].curve) chart.addPoints(saved.runs[0].curve);
          const live = checkedChangeList(saved.runs[0].liveChanges || []); // a file is checked like a link
          for (const change of live.changes || []) chart.markLive(change);
          if (live.error) output.info(`The saved file's latest run has unreadable live changes (${live.error}).`);
        }
        if (saved.model) await controls.importModel(saved.model, "file");
        openedFile = { savedAt: saved.savedAt, runs: (saved.runs || []).length, model: !!saved.model };
      } catch (err) {
        output.append(`Could not restore the saved playground: ${err.message}\n`, "error");
      }
    },
    /** The saved file's part of the testing contract: {savedAt, runs, model} once restored, else null. */
    state: () => ({ openedFile }),
  };
}
