// The view state: what the page shows about Python and the latest run, in one object that the page's modules
// read and write (the run hooks, the progress handler, the status pill, the probe, ...). Its state() is the core
// of the testing contract, window.playground.state() (docs/ARCHITECTURE.md, "Testing contract").

/**
 * A probe row, as the worker sends it: hex colours "#rrggbb" and ΔE00; predicted and deltaE are null before there is
 * a model.
 * @typedef {{input: string, target: string|null, predicted: string|null, deltaE: number|null}} ProbeRow
 */

/**
 * @typedef {object} ViewState
 * @property {"loading"|"ready"|"training"|"paused"|"stopped"|"error"} status  the status pill's state
 * @property {number} step            the latest reported step of the current run (0 when a run starts)
 * @property {number} epoch           its epoch
 * @property {number|null} cost       its cost (null before the first report)
 * @property {number} runs            runs started since the page opened
 * @property {object|null} lastResult the latest run's result, as the worker sent it
 * @property {number|null} errorLine  the code line the latest run's error points at
 * @property {boolean} hasModel       Python holds a model (trained, imported or restored)
 * @property {boolean} restarting     a worker restart is under way
 * @property {number} progressEvents  progress events received
 * @property {ProbeRow|null} probe    the latest probe row received (null: none yet)
 */

/**
 * A fresh view state (loading, nothing run), with state(): its part of the testing contract. probeInput() is the
 * page's probe colour, shown as the probe's input until the worker has sent a row for it.
 * @param {() => string} probeInput
 * @returns {ViewState & {state: () => object}}
 */
export function createViewState(probeInput) {
  const view = {
    status: "loading",
    step: 0,
    epoch: 0,
    cost: null,
    runs: 0,
    lastResult: null,
    errorLine: null,
    hasModel: false,
    restarting: false,
    progressEvents: 0,
    probe: null,
  };
  view.state = () => ({
    status: view.status,
    step: view.step,
    cost: view.cost,
    probe: { ...(view.probe || { input: probeInput(), target: null, predicted: null, deltaE: null }) },
    epoch: view.epoch,
    errorLine: view.errorLine,
    runs: view.runs,
    lastResult: view.lastResult,
    progressEvents: view.progressEvents,
    hasModel: !!view.hasModel,
    paused: view.status === "paused",
  });
  return view;
}
