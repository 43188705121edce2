// Entry point of the page bundle (esbuild IIFE → site/dist/app.js): builds the UI modules, attaches to the Python
// runtime booting in its worker (started by dist/boot.js, see boot-entry.js), and wires buttons, editor and worker
// events together. Also exposes window.playground, the testing contract of docs/ARCHITECTURE.md.
import "uplot/dist/uPlot.min.css";
import { createChart } from "./ui/chart.js";
import { createEditor } from "./ui/editor.js";
import { createOutput } from "./ui/output.js";
import { createReadouts } from "./ui/readouts.js";
import { presetScript } from "./ui/presets.js";
import { createRunner } from "./ui/runner.js";
import { clearStoredState, createAutosave, loadInitialState, normalise } from "./ui/state.js";
import { createSwatches } from "./ui/swatches.js";
import { createBootView, kernelsLabel } from "./ui/boot.js";
import { createControls } from "./ui/controls.js";
import { createTheme } from "./ui/theme.js";
import { createHelp } from "./ui/help.js";
import { createAnnouncer } from "./ui/announce.js";
import { handOffFocus } from "./ui/focus-handoff.js";
import { createHexField } from "./ui/probe-hex.js";
import { openRunStore } from "./ui/run-store.js";
import { createRuns } from "./ui/runs.js";
import { readSavedFile } from "./ui/save-html.js";
import { createColourMap } from "./ui/colour-map.js";
import { createNetworkView } from "./ui/network-view.js";
import { createDoctor } from "./ui/doctor.js";
import { createPauseControls } from "./ui/pause.js";
import { createSharedView } from "./ui/shared-view.js";

const $ = (id) => document.getElementById(id);

// ---- state ------------------------------------------------------------------------------------------------------
// A file written by Save as HTML carries its own state (code, seed, probe, model, runs): it wins, like a link.
const savedFile = readSavedFile();
const initial = savedFile && !savedFile.error ? { state: normalise(savedFile), source: "file" } : loadInitialState();
const state = initial.state;
if (state.code == null) state.code = presetScript(state.preset);
const view = { status: "loading", step: 0, epoch: 0, cost: null, runs: 0, lastResult: null };

// ---- UI modules -------------------------------------------------------------------------------------------------
const output = createOutput($("output"));
const save = createAutosave({
  shared: initial.source === "link" || initial.source === "file", // a saved file must not overwrite your own code
  onError(err) {
    view.autosaveError = `${err.name}: ${err.message}`;
    output.append(`Autosave failed: this browser refused to store your code (${view.autosaveError}). ` +
      "Your edits are NOT saved here; keep a copy (Share, or copy the code) before you close the page.\n", "error");
  },
});
// the theme first: the chart and the editor are created in it (issue 13: light, dark, following the system)
const theme = createTheme($("theme"), { onChange: (t) => (editor.setDark(t === "dark"), chart.restyle()) });
const chart = createChart($("chart"));
const swatches = createSwatches({
  input: $("swatch-input"),
  target: $("swatch-target"),
  predicted: $("swatch-predicted"),
  deltaE: $("delta-e"),
  grid: $("material"),
});
const editor = createEditor($("editor"), {
  doc: state.code,
  dark: theme.current() === "dark",
  hintId: "editor-hint",
  onRun: () => run(),
  onChange(code) {
    state.code = code;
    save(state);
  },
});
const runs = createRuns(
  { list: $("runs-list"), where: $("runs-where"), message: $("runs-message"), clear: $("clear-data") },
  {
    openStore: () => openRunStore(),
    chart,
    setCode: (code) => editor.setCode(code),
    info: (text) => output.info(text),
    confirm: (text) => window.confirm(text),
    clearLocalData: () => clearStoredState(),
  },
);
// inside the network (issue 10): colour-space map, network view, training doctor, pause / step / resume
const colourMap = createColourMap(
  { predicted: $("colour-map"), error: $("error-map"), saturation: $("saturation"),
    saturationValue: $("saturation-value"), legend: $("map-legend"), readout: $("map-readout") },
  { onProbe: (hex) => setProbe(hex), onSaturation: () => refreshViews({ duringTraining: true }) },
);
const networkView = createNetworkView({ root: $("network-view"), legend: $("network-legend") });
const doctor = createDoctor({ list: $("doctor-list"), summary: $("doctor-summary") }, {
  editor,
  getSeed: () => state.seed,
  setSeed(seed) {
    $("seed").value = String(seed);
    $("seed").dispatchEvent(new Event("change")); // the Seed box's own handler checks and saves it
  },
  say: (text) => output.info(text),
});
const pauseControls = createPauseControls({ pause: $("pause"), resume: $("resume"), step: $("step-once") },
  () => runtime, () => view.status);
const boot = createBootView({ section: $("boot"), bar: $("boot-progress"), label: $("boot-label") });
// accessibility and comfort (issue 13): shortcut help, live announcements, keyboard focus, probe as text
createHelp({ button: $("help"), dialog: $("help-dialog"), close: $("help-close") });
const announce = createAnnouncer($("announcer"));
handOffFocus([[$("run"), $("stop")], [$("pause"), $("resume")], [$("step-once")]]);

$("probe").value = state.probe;
const probeHex = createHexField($("probe-hex"), $("probe"), $("probe-hex-error"));
if (savedFile && savedFile.error) output.info(`This .html file's saved playground was not loaded: ${savedFile.error}.`);
if (initial.source === "file") {
  output.info(`Opened a saved playground (saved ${savedFile.savedAt}): its code, seed, probe, ` +
    `${savedFile.model ? "trained model" : "no model"} and ${(savedFile.runs || []).length} runs. Nothing has run: ` +
    "the swatches show the saved model's predictions; press Run to train again.");
}
if (initial.source === "link") {
  output.info("Loaded the code from a shared link. It has not run: read it, then press Run.");
  if (initial.rejected.length) output.info(`Ignored what the link set wrongly: ${initial.rejected.join(", ")}.`);
}
createSharedView({ banner: $("shared-view"), text: $("shared-view-text"), keep: $("keep-shared") },
  { save, state, output, source: initial.source });

// ---- status and readouts ----------------------------------------------------------------------------------------
/** The status pill: one short line (the full text of an error goes to the output). */
function pillText(text) {
  const line = String(text).trim().split("\n")[0];
  return line.length > 80 ? line.slice(0, 79) + "…" : line;
}

function setStatus(status, text) {
  view.status = status;
  const el = $("status");
  el.dataset.status = status;
  el.textContent = pillText(text || status);
  const busy = status === "training" || status === "paused";
  $("run").disabled = status === "loading" || busy;
  $("stop").disabled = !busy;
  pauseControls.update(status);
  $("restart").disabled = !runner || view.restarting;
  $("export").disabled = status === "loading" || busy || !view.hasModel;
  $("download-python").disabled = status === "loading" || busy;
  $("save-html").disabled = status === "loading" || busy;
}

const readouts = createReadouts(
  { step: $("step"), epoch: $("epoch"), cost: $("cost"), speed: $("speed"), elapsed: $("elapsed") },
  swatches,
);

function onProgress(p) {
  if (p.points) {
    chart.addPoints(p.points);
    runs.addPoints(p.points);
  }
  view.step = p.step;
  view.epoch = p.epoch;
  view.cost = p.cost;
  view.progressEvents = (view.progressEvents || 0) + 1;
  if (p.probe) view.probe = p.probe;
  notePredictError(p);
  readouts.show(p);
}

/** When the model cannot predict (e.g. a custom layer fails), says why: once for each different reason. */
function notePredictError(p) {
  if (p.predictError && p.predictError !== view.predictError) {
    output.append(`The model cannot predict the colours: ${p.predictError}\n`, "error");
  }
  view.predictError = p.predictError || null;
}

function showPredictions(p) {
  notePredictError(p);
  if (p.probe) {
    view.probe = p.probe;
    swatches.showProbe(p.probe);
  }
  if (p.material) swatches.showMaterial(p.material);
}

// ---- runtime ----------------------------------------------------------------------------------------------------
let runtime = null;
let runner = null;

function settings() {
  return { seed: state.seed, probe: state.probe };
}

function onInsight(d) {
  const t0 = performance.now();
  view.insightEvents = (view.insightEvents || 0) + 1;
  view.insightMs = d.ms;
  if (d.final) view.insightFinalRun = view.runs; // the views of the latest run's end
  colourMap.show(d);
  networkView.show(d);
  if (d.doctor) doctor.show(d.doctor);
  view.insightMainMs = Math.max(view.insightMainMs || 0, performance.now() - t0);
}

/** Recompute the map and the network view for the current probe and saturation (a new probe waits for the next
 * update while training; a new saturation is sent at once). */
async function refreshViews({ duringTraining = false } = {}) {
  if (!runtime || view.status === "loading" || (view.status === "training" && !duringTraining)) return;
  try {
    await runtime.call("views", { ...settings(), saturation: colourMap.saturation() });
  } catch (err) {
    output.info(`Could not update the map: ${err.message}`);
  }
}

function wireRuntime(rt) {
  rt.on("progress", onProgress);
  rt.on("progress", announce.progress);
  rt.on("insight", onInsight);
  rt.on("paused", () => {
    setStatus("paused");
    announce.say(`Paused at step ${view.step}.`);
  });
  rt.on("resumed", (d) => {
    if (!d.stopped && view.status === "paused") {
      setStatus("training");
      announce.say("Training resumed.");
    }
  });
  rt.on("stdout", (d) => output.append(d.text, "stdout"));
  rt.on("stderr", (d) => output.append(d.text, "stderr"));
}

async function refreshPredictions() {
  if (!runtime) return;
  try {
    showPredictions(await runtime.call("predict", settings()));
  } catch (err) {
    output.info(`Could not predict the probe: ${err.message}`);
  }
}

/** The runtime booted by dist/boot.js, with onProgress called for every boot progress event (past ones too). */
async function attachRuntime(onProgress) {
  if (!self.colornetBootPromise) {
    throw new Error("dist/boot.js did not run: index.html must load it before dist/app.js; rebuild with `python3 build.py`");
  }
  const unsubscribe = self.colornetBootProgress(onProgress);
  try {
    return await self.colornetBootPromise;
  } finally {
    unsubscribe();
  }
}

async function main() {
  setStatus("loading", "loading Python…");
  try {
    runtime = await attachRuntime(boot.update);
  } catch (err) {
    boot.fail(err);
    setStatus("error", `could not start Python: ${err.message}`);
    output.append(`${err.message}\n`, "error");
    announce.error(`could not start Python: ${err.message}`);
    return;
  }
  boot.done();
  const i = runtime.info || {};
  $("versions").textContent =
    `Python ${i.python ?? "?"} · NumPy ${i.numpy ?? "?"} · colornet ${i.colornet ?? "?"} · ${kernelsLabel(i.kernels)} · ready in ${
      i.bootMs != null ? (i.bootMs / 1000).toFixed(1) + " s" : "?"
    }`;
  wireRuntime(runtime);
  runner = createRunner(runtime, runHooks);
  window.playground.restartPython = () => runner.restart();
  setStatus("ready");
  announce.ready();
  await refreshPredictions();
  if (initial.source === "file") await openSavedFile(savedFile);
}

/** What a Save as HTML file carries goes back in place: its runs, its latest curve, its model's predictions. */
async function openSavedFile(saved) {
  try {
    if (saved.runs && saved.runs.length) {
      await runs.importRuns(saved.runs);
      if (saved.runs[0].curve) chart.addPoints(saved.runs[0].curve);
    }
    if (saved.model) await controls.importModel(saved.model);
    view.openedFile = { savedAt: saved.savedAt, runs: (saved.runs || []).length, model: !!saved.model };
  } catch (err) {
    output.append(`Could not restore the saved playground: ${err.message}\n`, "error");
  }
}

// ---- run / stop -------------------------------------------------------------------------------------------------
let stopRequestedAt = null;

const runHooks = {
  onStart() {
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
    setStatus("training");
    announce.runStarted();
  },
  onStopRequested() {
    stopRequestedAt = performance.now();
    setStatus("training", "stopping…");
  },
  onFinish(result) {
    readouts.flush();
    announce.runEnded(result);
    view.lastResult = result;
    view.hasModel = result.hasModel;
    if (result.predictions) showPredictions(result.predictions); // a run without reports
    if (result.step != null) {
      view.step = result.step;
      view.cost = result.cost;
    }
    if (stopRequestedAt != null) view.stopLatencyMs = performance.now() - stopRequestedAt;
    runs.finishRun({
      status: !result.ok ? "failed" : result.stopped ? "stopped" : "ok",
      steps: result.step, finalCost: result.cost, deltaE: result.deltaE, deltaEMaterial: result.deltaEMaterial,
      target: result.target, error: result.ok ? null : result.error,
    });
    if (result.restored && result.restored.length) {
      output.info(`Put back what this run replaced: ${result.restored.join(", ")} (every run starts clean).`);
    }
    if (result.cancelledTasks) {
      output.info(`Cancelled ${result.cancelledTasks} background task${result.cancelledTasks > 1 ? "s" : ""} ` +
        "this run started (asyncio tasks end with their run).");
    }
    if (!result.ok) {
      output.append(result.traceback || result.error, "error");
      if (result.line) {
        view.errorLine = result.line;
        editor.markErrorLine(result.line);
      }
      setStatus("error", `error: ${result.name || "Error"}${result.line ? ` on line ${result.line}` : ""}`);
    } else if (result.stopped) {
      output.info(`Stopped at step ${result.step}. The model trained so far is kept.`);
      setStatus("stopped");
    } else {
      setStatus("ready");
    }
  },
  onError(err) {
    runs.finishRun({ status: "failed", error: err.message });
    output.append(`${err.message}\n`, "error");
    announce.error(err.message);
    setStatus("error", `error: ${err.message}`);
  },
  onRestarting(message) {
    view.restarting = true;
    runs.finishRun({ status: "stopped", error: message });
    setStatus("loading", "restarting Python…");
    output.info(`${message} Your code, the chart and this output are kept.`);
    announce.say(`Restarting Python. ${message}`);
  },
  onRestarted({ ms, reason, message, restored, predictions }) {
    view.restarting = false;
    view.restartMs = ms;
    view.hasModel = !!restored;
    view.lastRestart = { reason, restoredStep: restored ? restored.step : null };
    announce.say(message);
    output.info(message);
    setStatus(reason === "user" ? "ready" : "stopped");
    if (predictions) showPredictions(predictions);
    else refreshPredictions();
  },
};

function run() {
  if (!runner) {
    output.info(view.status === "error" ? "Python could not start, so the code cannot run (see above)."
      : "Python is still loading; press Run again in a moment.");
    return Promise.resolve(null);
  }
  if (runner.busy() || !controls.commitSeed()) return Promise.resolve(null);
  state.code = editor.getCode();
  save(state);
  return runner.run(state.code, settings());
}

function stop() {
  if (runner) runner.stop();
}

// ---- controls ---------------------------------------------------------------------------------------------------
const controls = createControls(
  { preset: $("preset"), reset: $("reset"), seed: $("seed"), share: $("share"), exportButton: $("export"),
    importInput: $("import"), downloadPython: $("download-python"), saveHtml: $("save-html") },
  {
    state, save, editor, output, records: () => runs.records(),
    runtime: () => runtime,
    onImported(p) {
      view.hasModel = true;
      showPredictions(p);
      setStatus(view.status === "training" ? "training" : "ready");
    },
  },
);

$("run").addEventListener("click", () => run());
// Ctrl/Cmd+Enter runs from anywhere on the page (the editor handles it itself and marks the event handled).
document.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
    e.preventDefault();
    run();
  }
});
$("stop").addEventListener("click", stop);
$("restart").addEventListener("click", () => runner && runner.restart());

let probeBusy = false;
let probeQueued = false;
async function probeChanged() {
  if (probeBusy) {
    probeQueued = true; // one request in flight at a time; the newest colour wins
    return;
  }
  probeBusy = true;
  await refreshPredictions();
  await refreshViews(); // the network view shows the probe's activations
  probeBusy = false;
  if (probeQueued) {
    probeQueued = false;
    probeChanged();
  }
}
function setProbe(hex) {
  if (typeof hex !== "string" || !/^#[0-9a-f]{6}$/i.test(hex)) {
    return Promise.reject(new Error(`setProbe expects a colour like '#dea5ff', got ${JSON.stringify(hex)}`));
  }
  state.probe = hex.toLowerCase();
  $("probe").value = state.probe;
  probeHex.show(state.probe);
  save(state);
  return probeChanged();
}
$("probe").addEventListener("input", (e) => setProbe(e.target.value));

// ---- testing contract (docs/ARCHITECTURE.md) --------------------------------------------------------------------
window.playground = {
  setCode: (code) => editor.setCode(code),
  getCode: () => editor.getCode(),
  run,
  stop,
  setProbe,
  pause: () => pauseControls.pause(),
  resume: () => pauseControls.resume(),
  step: () => pauseControls.step(),
  state: () => ({
    status: view.status,
    step: view.step,
    cost: view.cost,
    probe: { ...(view.probe || { input: state.probe, target: null, predicted: null, deltaE: null }) },
    // extras for tests and curious users
    epoch: view.epoch,
    errorLine: view.errorLine ?? null,
    runs: view.runs,
    lastResult: view.lastResult,
    chartUpdates: chart.updates(),
    chartPoints: chart.points(),
    chartPreviousPoints: chart.previousPoints(),
    progressEvents: view.progressEvents || 0,
    stopLatencyMs: view.stopLatencyMs ?? null,
    restartMs: view.restartMs ?? null,
    hasModel: !!view.hasModel,
    openedFile: view.openedFile ?? null,
    lastRestart: view.lastRestart ?? null,
    theme: document.documentElement.dataset.theme,
    announcements: announce.log(),
    paused: view.status === "paused",
    map: colourMap.state(),
    network: networkView.state(),
    doctor: doctor.state(),
    insightEvents: view.insightEvents || 0,
    insightMs: view.insightMs ?? null,
    insightMainMs: view.insightMainMs ?? null,
    insightFinal: view.runs > 0 && view.insightFinalRun === view.runs,
    autosaveError: view.autosaveError ?? null,
  }),
  exportModel: controls.exportModel,
  importModel: controls.importModel,
  downloadPython: controls.downloadPython,
  saveHtml: controls.saveHtml,
  runs: () => runs.runs(),
  overlay: (ids) => runs.overlay(ids),
  clearData: () => runs.clearData(),
};

main();
