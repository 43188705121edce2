// Entry point of the page bundle (esbuild IIFE → site/dist/app.js). It only wires: it creates the page's parts in
// dependency order (each from the parts above it), connects the few that call each other both ways by their
// listener methods, attaches to the Python runtime booting in its worker (started by dist/boot.js, see
// boot-entry.js), and exposes window.playground, the testing contract of docs/ARCHITECTURE.md.
// The widgets are in ui/, the page's behaviour (view state, status, runs, probe, ...) in page/.
import "uplot/dist/uPlot.min.css";
import { createChart } from "./ui/chart.js";
import { createEditor } from "./ui/editor.js";
import { createOutput } from "./ui/output.js";
import { createReadouts } from "./ui/readouts.js";
import { createRunner } from "./ui/runner.js";
import { clearStoredState, createAutosave, runSettings } from "./ui/state.js";
import { createSwatches } from "./ui/swatches.js";
import { createBootView } from "./ui/boot.js";
import { createControls } from "./ui/controls.js";
import { createTheme } from "./ui/theme.js";
import { createHelp } from "./ui/help.js";
import { createAnnouncer } from "./ui/announce.js";
import { handOffFocus } from "./ui/focus-handoff.js";
import { openRunStore } from "./ui/run-store.js";
import { createRuns } from "./ui/runs.js";
import { createColourMap } from "./ui/colour-map.js";
import { createNetworkView } from "./ui/network-view.js";
import { createDoctor } from "./ui/doctor.js";
import { createPauseControls } from "./ui/pause.js";
import { createSharedView } from "./ui/shared-view.js";
import { sayWhereFrom, startState } from "./page/start-state.js";
import { createViewState } from "./page/view-state.js";
import { attachRuntime, createPython, versionsLine } from "./page/python.js";
import { createStatus } from "./page/status.js";
import { createPredictions } from "./page/predictions.js";
import { createProgress } from "./page/progress.js";
import { createInsight } from "./page/insight.js";
import { createProbe } from "./page/probe.js";
import { createRunControl } from "./page/run-control.js";
import { createRunHooks } from "./page/run-hooks.js";
import { createSavedFile } from "./page/saved-file.js";
import { wireRuntimeEvents } from "./page/runtime-events.js";
import { createContract } from "./page/contract.js";

const $ = (id) => document.getElementById(id);

// ---- state: where the page starts, the autosave, the view state, the link to Python ------------------------------
const start = startState();
const state = start.state;
const settings = () => runSettings(state);
const output = createOutput($("output"));
const save = createAutosave({
  shared: start.source === "link" || start.source === "file", // a saved file must not overwrite your own code
  onError(refusal) {
    output.append(`Autosave failed: this browser refused to store your code (${refusal}). ` +
      "Your edits are NOT saved here; keep a copy (Share, or copy the code) before you close the page.\n", "error");
  },
});
const view = createViewState(() => state.probe);
const python = createPython();

// ---- widgets ----------------------------------------------------------------------------------------------------
// the theme first: the chart and the editor are created in it (issue 13: light, dark, following the system)
const theme = createTheme($("theme"));
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
  onChange(code) {
    state.code = code;
    save(state);
  },
});
theme.onChange((t) => (editor.setDark(t === "dark"), chart.restyle()));
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
const colourMap = createColourMap({ predicted: $("colour-map"), error: $("error-map"), saturation: $("saturation"),
  saturationValue: $("saturation-value"), legend: $("map-legend"), readout: $("map-readout") });
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
  python.runtime, () => view.status);
const boot = createBootView({ section: $("boot"), bar: $("boot-progress"), label: $("boot-label") });
// accessibility and comfort (issue 13): shortcut help, live announcements, keyboard focus, probe as text
createHelp({ button: $("help"), dialog: $("help-dialog"), close: $("help-close") });
const announce = createAnnouncer($("announcer"));
handOffFocus([[$("run"), $("stop")], [$("pause"), $("resume")], [$("step-once")]]);
const readouts = createReadouts(
  { step: $("step"), epoch: $("epoch"), cost: $("cost"), speed: $("speed"), elapsed: $("elapsed") },
  swatches,
);

// ---- the page's behaviour ---------------------------------------------------------------------------------------
const status = createStatus(
  { pill: $("status"), run: $("run"), stop: $("stop"), restart: $("restart"), exportButton: $("export"),
    downloadPython: $("download-python"), saveHtml: $("save-html") },
  { view, pauseControls, python },
);
const predictions = createPredictions({ view, swatches, output, python, settings });
const insight = createInsight({ colourMap, networkView, doctor }, { view, python, settings, output });
const probe = createProbe({ picker: $("probe"), text: $("probe-hex"), error: $("probe-hex-error") },
  { state, save, predictions, insight });
colourMap.onProbe((hex) => probe.set(hex));
colourMap.onSaturation(() => insight.refresh({ duringTraining: true }));
sayWhereFrom(start, output);
createSharedView({ banner: $("shared-view"), text: $("shared-view-text"), keep: $("keep-shared") },
  { save, state, output, source: start.source });
const controls = createControls(
  { preset: $("preset"), reset: $("reset"), seed: $("seed"), share: $("share"), exportButton: $("export"),
    importInput: $("import"), downloadPython: $("download-python"), saveHtml: $("save-html") },
  {
    state, save, editor, output, records: () => runs.records(),
    runtime: python.runtime,
    onImported(p) {
      view.hasModel = true;
      predictions.show(p);
      status.set(view.status === "training" ? "training" : "ready");
    },
  },
);
const runControl = createRunControl({ run: $("run"), stop: $("stop"), restart: $("restart") },
  { python, view, state, save, editor, controls, output });
const savedFile = createSavedFile(start.savedFile, { runs, chart, controls, output });
const runHooks = createRunHooks(
  { view, state, status, editor, output, doctor, chart, runs, readouts, announce, predictions },
);
const onProgress = createProgress({ view, chart, runs, readouts, predictions });

// ---- testing contract (docs/ARCHITECTURE.md) --------------------------------------------------------------------
window.playground = createContract(
  {
    setCode: (code) => editor.setCode(code),
    getCode: () => editor.getCode(),
    run: runControl.run,
    stop: runControl.stop,
    restartPython: runControl.restart,
    setProbe: probe.set,
    pause: () => pauseControls.pause(),
    resume: () => pauseControls.resume(),
    step: () => pauseControls.step(),
    exportModel: controls.exportModel,
    importModel: controls.importModel,
    downloadPython: controls.downloadPython,
    saveHtml: controls.saveHtml,
    runs: () => runs.runs(),
    overlay: (ids) => runs.overlay(ids),
    clearData: () => runs.clearData(),
  },
  [view, chart, runHooks, savedFile, theme, announce, insight, save, python],
);

// ---- Python -----------------------------------------------------------------------------------------------------
async function startPython() {
  status.set("loading", "loading Python…");
  let runtime;
  try {
    runtime = await attachRuntime(boot.update);
  } catch (err) {
    boot.fail(err);
    status.set("error", `could not start Python: ${err.message}`);
    output.append(`${err.message}\n`, "error");
    announce.error(`could not start Python: ${err.message}`);
    return;
  }
  boot.done();
  $("versions").textContent = versionsLine(runtime.info);
  wireRuntimeEvents(runtime, { onProgress, announce, insight, view, status, output });
  python.attach(runtime, createRunner(runtime, runHooks));
  status.set("ready");
  announce.ready();
  await predictions.refresh();
  if (start.source === "file") await savedFile.open();
}

startPython();
