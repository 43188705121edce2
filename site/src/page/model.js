// "The model": the network the swatches, Export, Save as HTML and Download for Python use. It is the last network
// that was trained (it reported progress) or imported (Import model, or a Save-as-HTML file); a run that trains
// nothing leaves it as it was. The glue keeps it (site/py/context.py) and names it in run results, progress events
// and import answers; this module shows that name in one line under the swatches and gives state().model.
// While a run trains, its step changes with every progress event (up to 20 a second): the line is written at most
// once every LINE_INTERVAL_MS then (and its last value always), so training does not rewrite it on every event
// (issue 22: that was 61 ms of main-thread time in a 6.6 s run); state().model is exact at every event.
import { formatCount } from "../locale.js";

const LINE_INTERVAL_MS = 1000;

/** The one line that names the model: "Model: run #3 at step 6,225", "Model: imported", ... */
export function describeModel(model) {
  if (!model) return "No model yet: press Run to train one.";
  if (model.source === "imported") return "Model: imported (Import model).";
  if (model.source === "file") return "Model: the one in the opened file.";
  const at = model.step != null ? ` at step ${formatCount(model.step)}` : "";
  if (model.runId == null) return `Model: the run the reload interrupted${at}.`;
  return `Model: run #${model.runId}${at}.`;
}

/**
 * createModel(line) → {set(info), trained(runId, step), state()}; line: the element that names the model.
 * info: null or {source: "trained" | "imported" | "file", step, runId}, as the glue sends it.
 */
export function createModel(line) {
  let model = null;
  let writtenAt = -Infinity; // when the line was last written (performance.now())
  let later = null; // the timer that writes the latest model once LINE_INTERVAL_MS has passed

  /** Writes the line now, if its text changed. */
  function write() {
    clearTimeout(later);
    later = null;
    writtenAt = performance.now();
    const text = describeModel(model);
    if (line && line.textContent !== text) line.textContent = text;
  }

  function set(info) {
    model = info ? { source: info.source, step: info.step ?? null, runId: info.runId ?? null } : null;
    write();
  }
  set(null);
  return {
    set,
    /** A progress event of run `runId`: its network is the model now, at `step` (the line follows within
     * LINE_INTERVAL_MS; a new run's first event shows at once). */
    trained(runId, step) {
      if (runId == null) return;
      if (model && model.source === "trained" && model.runId === runId && model.step === step) return;
      const sameRun = model && model.source === "trained" && model.runId === runId;
      model = { source: "trained", step, runId };
      const wait = LINE_INTERVAL_MS - (performance.now() - writtenAt);
      if (!sameRun || wait <= 0) write();
      else if (!later) later = setTimeout(write, wait);
    },
    current: () => model,
    /** Its part of the testing contract: state().model, null or {source, step, runId}. */
    state: () => ({ model: model ? { ...model } : null }),
  };
}
