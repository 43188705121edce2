// What the page does at each point of the run lifecycle (ui/runner.js calls these hooks): clear and start the
// panels at a run's start, show its result, error or stop at its end, and say what a worker restart did. Keeps the
// Stop latency and the latest restart for the testing contract.

function runStatus(result) {
  return !result.ok ? "failed" : result.stopped ? "stopped" : "ok";
}

/**
 * createRunHooks({view, state, status, editor, output, doctor, chart, runs, readouts, announce, predictions, data, model, chartHint?})
 * → the hooks of createRunner (onStart, onStopRequested, onFinish, onError, onRestarting, onRestarted) and state().
 */
export function createRunHooks(
  { view, state, status, editor, output, doctor, chart, runs, readouts, announce, predictions, data, model, chartHint },
) {
  let stopRequestedAt = null;
  let stopLatencyMs = null;
  let restartMs = null;
  let lastRestart = null;

  function showFailure(result) {
    output.append(result.traceback || result.error, "error");
    if (result.line) {
      view.errorLine = result.line;
      editor.markErrorLine(result.line);
    }
    // the pill names the error and its first line, so the user sees why without scrolling to the traceback
    const message = String(result.error || "").split("\n")[0].replace(`${result.name}: `, "");
    status.set("error", `error: ${result.name || "Error"}${result.line ? ` on line ${result.line}` : ""}` +
      (message && message !== result.name ? `: ${message}` : ""));
  }

  /** What the run put back or cancelled when it ended (the glue's `restored` and `cancelledTasks`). */
  function sayCleanUp(result) {
    if (result.restored && result.restored.length) {
      output.info(`Put back what this run replaced: ${result.restored.join(", ")} (every run starts clean).`);
    }
    if (result.cancelledTasks) {
      output.info(`Cancelled ${result.cancelledTasks} background task${result.cancelledTasks > 1 ? "s" : ""} ` +
        "this run started (asyncio tasks end with their run).");
    }
  }

  return {
    onStart() {
      if (chartHint) chartHint.hidden = true; // the empty chart's "Press Run" line, until the first run
      view.runs += 1;
      view.errorLine = null;
      stopRequestedAt = null;
      editor.clearErrorLine();
      output.clear();
      doctor.clear();
      chart.startRun();
      runs.startRun({ code: state.code, preset: state.preset, seed: state.seed });
      readouts.reset();
      Object.assign(view, { step: 0, epoch: 0, cost: null });
      status.set("training");
      announce.runStarted();
    },
    onStopRequested() {
      stopRequestedAt = performance.now();
      status.set("training", "stopping…");
    },
    onFinish(result) {
      readouts.flush();
      announce.runEnded(result);
      view.lastResult = result;
      view.hasModel = result.hasModel;
      if ("model" in result) model.set(result.model);
      if (result.predictions) predictions.show(result.predictions); // a run without reports
      if (result.step != null) {
        view.step = result.step;
        view.cost = result.cost;
      }
      if (stopRequestedAt != null) stopLatencyMs = performance.now() - stopRequestedAt;
      runs.finishRun({
        status: runStatus(result),
        steps: result.step, finalCost: result.cost, deltaE: result.deltaE, deltaEMaterial: result.deltaEMaterial,
        target: result.target, error: result.ok ? null : result.error,
      });
      sayCleanUp(result);
      if (result.untrainedNetwork) {
        output.info("This run left an untrained network behind; the model is still the one named under the swatches.");
      }
      if (!result.ok) {
        showFailure(result);
      } else if (result.stopped) {
        output.info(`Stopped at step ${result.step}. The model trained so far is kept.`);
        status.set("stopped");
      } else {
        status.set("ready");
      }
    },
    onError(err) {
      runs.finishRun({ status: "failed", error: err.message });
      output.append(`${err.message}\n`, "error");
      announce.error(err.message);
      status.set("error", `error: ${err.message}`);
    },
    onRestarting(message) {
      view.restarting = true;
      runs.finishRun({ status: "stopped", error: message });
      status.set("loading", "restarting Python…");
      output.info(`${message} Your code, the chart and this output are kept.`);
      announce.say(`Restarting Python. ${message}`);
    },
    onRestarted({ ms, reason, message, restored, predictions: restoredPredictions }) {
      view.restarting = false;
      restartMs = ms;
      view.hasModel = !!restored;
      model.set(restored ? restored.model : null);
      lastRestart = { reason, restoredStep: restored ? restored.step : null };
      announce.say(message);
      output.info(message);
      status.set(reason === "user" ? "ready" : "stopped");
      if (restoredPredictions) predictions.show(restoredPredictions);
      else predictions.refresh();
      if (data) data.restore(); // the loaded colours go to the fresh worker too (page/data.js)
    },
    /** The run lifecycle's part of the testing contract: Stop's latency, the latest restart's time and outcome. */
    state: () => ({ stopLatencyMs, restartMs, lastRestart }),
  };
}
