// The model's predictions on the page: the probe's swatches and the Material grid, from the worker's `predict`
// answers, run results, imports and restarts; and the one message per reason when the model cannot predict.

/**
 * createPredictions({view, swatches, output, python, settings}) → {show(p), noteError(p), refresh()}
 * p: {probe?, material?, predictError?} (a `predict` answer or a progress event); settings() → {seed, probe}.
 */
export function createPredictions({ view, swatches, output, python, settings }) {
  let predictError = null;

  /** When the model cannot predict (e.g. a custom layer fails), says why: once for each different reason. */
  function noteError(p) {
    if (p.predictError && p.predictError !== predictError) {
      output.append(`The model cannot predict the colours: ${p.predictError}\n`, "error");
    }
    predictError = p.predictError || null;
  }

  function show(p) {
    noteError(p);
    if (p.probe) {
      view.probe = p.probe;
      swatches.showProbe(p.probe);
    }
    if (p.material) swatches.showMaterial(p.material);
  }

  /** Asks Python for the current probe's predictions and shows them (nothing before Python is ready). */
  async function refresh() {
    const runtime = python.runtime();
    if (!runtime) return;
    try {
      show(await runtime.call("predict", settings()));
    } catch (err) {
      output.info(`Could not predict the probe: ${err.message}`);
    }
  }

  return { show, noteError, refresh };
}
