// The params strip on the page (issue 20): the code's `# @param` lines as controls beside the editor
// (params/strip.js), Run on change, and live params moved mid-run. See docs/ARCHITECTURE.md "Params (issue 20)".
// - The editor link: the strip's editor interface over ui/editor.js; a control's write is one CodeMirror change
//   with userEvent "input.type.params", history isolated at a gesture's start, so one drag is one Ctrl+Z.
// - Run on change: a moved control (not typing) stops the run under way and starts a new one; the previous run's
//   curve stays on the chart (ui/chart.js keeps it as the grey previous run).
// - Live params: moving one while a run trains or is paused posts `live` to the worker instead of restarting; the
//   glue applies it at the next report and answers `live-applied {runId, step, name, value}`, which is marked on
//   the chart, kept in the run's record and in state().liveChanges.
// - Replay: a share link or a saved file may carry a run's live changes (params/live-link.js). They are marked on
//   the chart and listed in the shared-view banner; while the editor holds the code they were recorded with,
//   state.live holds them, so Run sends them (ui/state.js runSettings) and the glue sets them at their steps.
import { isolateHistory } from "@codemirror/commands";
import { createParamsStrip } from "../params/strip.js";
import { decodeLiveChanges } from "../params/live-link.js";

const STOP_WAIT_MS = 15000; // longest wait for a stopped run to end before Run on change gives up (the runner
// restarts an unresponsive worker well before this)
const STOP_POLL_MS = 10;

/** The strip's editor interface over ui/editor.js; changed() must be called from the editor's onChange. */
export function createEditorLink() {
  const listeners = new Set();
  let editor = null;
  return {
    attach(e) {
      editor = e;
    },
    changed() {
      for (const callback of listeners) callback();
    },
    getText: () => editor.getCode(),
    applyChange(change, { startsGesture }) {
      editor.view.dispatch({ changes: change, userEvent: "input.type.params",
        annotations: startsGesture ? isolateHistory.of("before") : [] });
    },
    onChange(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
  };
}

/**
 * createParams(container, link, {python, view, runControl, chart, runs, output, state, save, start, sharedView})
 * → {runStarted(runId), liveRun(), state(), strip}. state() gives the contract's params, liveChanges and
 * liveReplay. `start` (page/start-state.js) may carry a shared run's live changes: `live` (a link's text) or
 * `savedFile.live` (a saved file's).
 */
export function createParams(container, link, deps) {
  const { python, view, runControl, chart, runs, output } = deps;
  let live = { runId: null, code: null, seed: null, changes: [] }; // the latest run and its applied live changes
  let restarting = false;

  const running = () => view.status === "training" || view.status === "paused";

  function onParamChange({ name, value, live: isLive }) {
    const runner = python.runner();
    const runId = runner ? runner.activeRunId() : null;
    if (!isLive || runId == null || !running()) return;
    python.runtime().post("live", { runId, name, value });
  }

  async function rerun() {
    if (restarting) return; // the run about to start takes the code as it is by then
    const runner = python.runner();
    if (!runner) return void runControl.run(); // says Python is still loading
    restarting = true;
    try {
      if (runner.busy()) {
        runControl.stop();
        const until = performance.now() + STOP_WAIT_MS;
        while (runner.busy() && performance.now() < until) {
          await new Promise((resolve) => setTimeout(resolve, STOP_POLL_MS));
        }
      }
    } finally {
      restarting = false;
    }
    if (!runner.busy()) runControl.run();
  }

  function onRunRequest({ liveOnly }) {
    if (liveOnly && running()) return; // the values went to the run itself (onParamChange)
    rerun();
  }

  const strip = createParamsStrip(container, link, { onRunRequest, onParamChange });

  function onApplied({ runId, step, name, value }) {
    if (runId !== live.runId) return;
    const change = { step, name, value };
    live.changes.push(change);
    chart.markLive(change);
    runs.addLiveChange(change);
  }

  const replay = openReplay(deps);
  if (replay) {
    link.onChange(() => { // the replay holds while the editor has the code it was recorded with (undo brings it back)
      const live = link.getText() === replay.code ? replay.changes : null;
      if ((deps.state.live || null) === live) return;
      deps.state.live = live;
      deps.save(deps.state); // (the address of a shared view follows: ui/state.js toHash)
      deps.sharedView.showLiveChanges(replay.changes, { replayed: live !== null });
    });
  }

  return {
    strip,
    /** The runner's onStart: a new run (its code and seed as it starts) has no live changes yet. */
    runStarted(runId, { code, seed }) {
      live = { runId, code, seed, changes: [] };
    },
    /** Listens for the worker's live events (once Python is up). */
    attach(runtime) {
      runtime.on("live-applied", onApplied);
      runtime.on("live-refused", (d) => output.info(d.message));
    },
    /** {code, seed, liveChanges} of the latest run when live params moved during it, else null. */
    liveRun: () => (live.changes.length
      ? { code: live.code, seed: live.seed, liveChanges: live.changes.map((c) => ({ ...c })) } : null),
    /** The contract: params as the code says now, and the latest run's live changes [{step, name, value}]. */
    state: () => ({ params: strip.state(), liveChanges: live.changes.map((c) => ({ ...c })),
      liveReplay: deps.state.live ? deps.state.live.map((c) => ({ ...c })) : null }),
  };
}

/** The shared run's live changes the page opened with, checked against its code: shown (chart marks, banner) and
 * put in state.live for Run to replay. Returns {code, changes}, or null (none, or refused with a message). */
function openReplay({ start, state, chart, output, sharedView }) {
  const text = start.source === "link" ? start.live : start.source === "file" ? start.savedFile.live : undefined;
  if (text == null) return null;
  const what = start.source === "link" ? "link" : "saved file";
  const read = decodeLiveChanges(text, state.code);
  if (read.error) {
    output.info(`The ${what}'s live changes are not loaded (${read.error}). Its code is: Run runs it without them.`);
    return null;
  }
  if (!read.changes.length) return null;
  state.live = read.changes;
  // a link has no curve: the marks show where Run will set them (a saved file's chart shows its latest run's own)
  if (start.source === "link") for (const change of read.changes) chart.markLive(change);
  sharedView.showLiveChanges(read.changes, { replayed: true });
  return { code: state.code, changes: read.changes };
}
