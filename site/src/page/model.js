// "The model": the network the swatches, Export, Save as HTML and Download for Python use. It is the last network
// that was trained (it reported progress) or imported (Import model, or a Save-as-HTML file); a run that trains
// nothing leaves it as it was. The glue keeps it (site/py/context.py) and names it in run results, progress events
// and import answers; this module shows that name in one line under the swatches and gives state().model.
import { formatCount } from "../locale.js";

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
  function set(info) {
    model = info ? { source: info.source, step: info.step ?? null, runId: info.runId ?? null } : null;
    if (line) line.textContent = describeModel(model);
  }
  set(null);
  return {
    set,
    /** A progress event of run `runId`: its network is the model now, at `step`. */
    trained(runId, step) {
      if (runId == null) return;
      if (!model || model.source !== "trained" || model.runId !== runId || model.step !== step) {
        set({ source: "trained", step, runId });
      }
    },
    current: () => model,
    /** Its part of the testing contract: state().model, null or {source, step, runId}. */
    state: () => ({ model: model ? { ...model } : null }),
  };
}
