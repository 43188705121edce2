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

  let graphUpdate = null; // the latest update whose neuron graph and doctor are still to be drawn
  let graphDoctor = null; // its doctor findings (an update without findings keeps the last ones)
  let graphFinal = null; // the run whose final update that is: insightFinal holds once all of it is drawn

  /** Draws `part` and counts its main-thread time towards the longest one. */
  function timed(part) {
    const t0 = performance.now();
    part();
    mainMs = Math.max(mainMs || 0, performance.now() - t0);
  }

  // One update is two tasks: the map and the network view now, the neuron graph (tiles and lines) and the doctor in
  // the next task. On 2 cores the training and the wasm compiler share the CPU with the page, and one task drawing
  // everything could take over 50 ms of wall time in a first Run (tests/e2e/test_playground_jank.py).
  function drawGraph() {
    const d = graphUpdate;
    const findings = graphDoctor;
    const final = graphFinal;
    graphUpdate = graphDoctor = graphFinal = null;
    timed(() => {
      neurons.show(d);
      if (findings) doctor.show(findings);
    });
    if (final !== null) finalRun = final;
  }

  function show(d) {
    events += 1;
    workerMs = d.ms;
    timed(() => {
      colourMap.show(d);
      networkView.show(d);
    });
    if (!graphUpdate) setTimeout(drawGraph, 0);
    graphUpdate = d;
    graphDoctor = d.doctor || graphDoctor;
    if (d.final) graphFinal = view.runs;
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
