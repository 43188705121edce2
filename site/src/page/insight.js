// Inside the network (issue 10): the worker's `insight` events go to the colour map, the network view, the neuron
// graph (page/neurons.js) and the doctor; refresh() asks for new views (a new probe or saturation). Keeps the event
// counts and timings that the testing contract reports.

/**
 * createInsight({colourMap, networkView, neurons, doctor}, {view, python, settings, output})
 * → {show(event), refresh({duringTraining}), state()}
 */
export function createInsight({ colourMap, networkView, neurons, doctor }, { view, python, settings, output }) {
  let events = 0;
  let workerMs = null; // the worker's time for the latest update
  let mainMs = null; // the longest main-thread time of one update
  let finalRun = null; // the run whose end the views show

  function show(d) {
    const t0 = performance.now();
    events += 1;
    workerMs = d.ms;
    if (d.final) finalRun = view.runs;
    colourMap.show(d);
    networkView.show(d);
    neurons.show(d);
    if (d.doctor) doctor.show(d.doctor);
    mainMs = Math.max(mainMs || 0, performance.now() - t0);
  }

  /** Recompute the map and the network view for the current probe and saturation (a new probe waits for the next
   * update while training; a new saturation is sent at once). */
  async function refresh({ duringTraining = false } = {}) {
    const runtime = python.runtime();
    if (!runtime || view.status === "loading" || (view.status === "training" && !duringTraining)) return;
    try {
      await runtime.call("views", { ...settings(), saturation: colourMap.saturation() });
    } catch (err) {
      output.info(`Could not update the map: ${err.message}`);
    }
  }

  return {
    show,
    refresh,
    /** Inside the network's part of the testing contract. */
    state: () => ({
      map: colourMap.state(),
      network: { ...networkView.state(), ...neurons.state() },
      doctor: doctor.state(),
      insightEvents: events,
      insightMs: workerMs ?? null,
      insightMainMs: mainMs,
      insightFinal: view.runs > 0 && finalRun === view.runs,
    }),
  };
}
