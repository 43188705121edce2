// A run's progress events (at most every 50 ms): the chart's and the run record's points, the view state's step,
// epoch and cost, and the readouts and swatches (drawn once per frame by ui/readouts.js).

/** createProgress({view, chart, runs, readouts, predictions, model}) → onProgress(event) */
export function createProgress({ view, chart, runs, readouts, predictions, model }) {
  return function onProgress(p) {
    model.trained(p.runId, p.step); // a network that reports progress is the model (page/model.js)
    if (p.points) {
      chart.addPoints(p.points);
      runs.addPoints(p.points);
    }
    view.step = p.step;
    view.epoch = p.epoch;
    view.cost = p.cost;
    view.progressEvents += 1;
    if (p.probe) view.probe = p.probe;
    predictions.noteError(p);
    readouts.show(p);
  };
}
