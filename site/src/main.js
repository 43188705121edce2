// Entry point of the page bundle (esbuild IIFE → site/dist/app.js). It only wires: it creates the page's parts in
// dependency order (each from the parts above it), connects the few that call each other both ways by their
// listener methods, attaches to the Python runtime booting in its worker (started by dist/boot.js, see
// boot-entry.js), and exposes window.playground, the testing contract of docs/ARCHITECTURE.md.
// The widgets are in ui/, the page's behaviour (view state, status, runs, probe, ...) in page/.
//
// It starts in parts, one main-thread task each (issue 22: no task over 50 ms while booting, the editor takes
// keystrokes first): the editor comes first, then, once it is painted, the other panels a few at a time. The
// modules whose own start is costly (CodeMirror, its Python parser, uPlot) are imported with import(): esbuild keeps
// them in app.js and starts each at its first import, in the task that needs it.
import "uplot/dist/uPlot.min.css";
import { createOutput } from "./ui/output.js";
import { createReadouts } from "./ui/readouts.js";
import { createRunner } from "./ui/runner.js";
import { clearStoredState, createAutosave, runSettings } from "./ui/state.js";
import { createSwatches } from "./ui/swatches.js";
import { presetScript } from "./ui/presets.js";
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
import { createNeurons } from "./page/neurons.js";
import { createProbe } from "./page/probe.js";
import { createRunControl } from "./page/run-control.js";
import { createRunHooks } from "./page/run-hooks.js";
import { createSavedFile } from "./page/saved-file.js";
import { wireRuntimeEvents } from "./page/runtime-events.js";
import { createContract } from "./page/contract.js";
import { afterPaint, nextTask, URGENT } from "./ui/next-task.js";
import { markPageMade } from "./runtime/page-made.js";
import { createData } from "./page/data.js";
import { createImageViews } from "./page/image-views.js";
import { createEyeDropper } from "./page/eyedropper.js";
import { createModel } from "./page/model.js";
import { createInterrupted } from "./page/interrupted.js";

const $ = (id) => document.getElementById(id);

/** Waits (by default for a new task) for the next part of the start-up, then names it in the browser's performance
 * timeline ("start: NAME", a user-timing mark: DevTools and tools/trace_boot show where each part's task begins). */
async function part(name, wait = () => nextTask()) {
  await wait();
  performance.mark(`start: ${name}`);
}
const urgently = () => nextTask(URGENT); // the editor's parts: ahead of the runtime bundles' evaluations

// app.js ran (the single file's guard, single-file/compose.js, looks for it): the page's parts follow in later tasks
self.colornetAppStarted = true;

async function main() {
  performance.mark("start: page state"); // in app.js's own evaluation
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

  // the theme first: the editor and the chart are created in it (issue 13: light, dark, following the system)
  const theme = createTheme($("theme"));

  // ---- the editor first (issue 22): CodeMirror's modules in two tasks, the editor in a third ---------------------
  await part("CodeMirror's view", urgently);
  await import("@codemirror/view"); // CodeMirror's state and view modules: about half of its modules' start
  await part("CodeMirror", urgently);
  const [{ createEditor }, { createEditorLink, createParams }] =
    await Promise.all([import("./ui/editor.js"), import("./page/params.js")]);
  await part("editor", urgently);
  const editorLink = createEditorLink(); // the params strip's view of the editor (issue 20)
  const editor = createEditor($("editor"), {
    doc: state.code,
    dark: theme.current() === "dark",
    hintId: "editor-hint",
    onChange(code) {
      state.code = code;
      save(state);
      editorLink.changed();
    },
  });
  editorLink.attach(editor);
  theme.onChange((t) => editor.setDark(t === "dark"));
  // the editor takes keystrokes now; Python's highlighting and indentation come once it is painted
  await part("Python's parser", afterPaint);
  const pythonLanguage = (await import("@codemirror/lang-python")).python;
  await part("the code parsed as Python");
  editor.setLanguage(pythonLanguage());
  await part("the editor's extras");
  const { editorExtras } = await import("./ui/editor-extras.js");
  editor.addExtras(editorExtras()); // bracket closing, autocompletion, search: the rest of CodeMirror's basicSetup

  // ---- the other widgets, a few per task --------------------------------------------------------------------------
  await part("uPlot");
  const { createChart } = await import("./ui/chart.js"); // uPlot's start, and the page's first Intl formatter
  await part("chart");
  const chart = createChart($("chart"));
  theme.onChange(() => chart.restyle());
  const swatches = createSwatches({
    input: $("swatch-input"),
    target: $("swatch-target"),
    predicted: $("swatch-predicted"),
    deltaE: $("delta-e"),
    grid: $("material"),
  });
  const readouts = createReadouts(
    { step: $("step"), epoch: $("epoch"), cost: $("cost"), speed: $("speed"), elapsed: $("elapsed") },
    swatches,
  );
  await part("panels");
  const runStore = openRunStore(); // one store: the runs, and the data the user chose to keep (issue 21)
  const runs = createRuns(
    { list: $("runs-list"), where: $("runs-where"), message: $("runs-message"), clear: $("clear-data") },
    {
      openStore: () => runStore,
      chart,
      setCode: (code) => editor.setCode(code),
      info: (text) => output.info(text),
      confirm: (text) => window.confirm(text),
      clearLocalData() {
        editor.setCode(presetScript(state.preset)); // the editor back to the preset, and nothing autosaved after
        save.cancel();
        clearStoredState();
        data.forgotten(); // the kept data went with the store: its box is unticked
      },
    },
  );
  // inside the network (issue 10): colour-space map, network view, training doctor, pause / step / resume
  const colourMap = createColourMap({ predicted: $("colour-map"), error: $("error-map"), saturation: $("saturation"),
    saturationValue: $("saturation-value"), legend: $("map-legend"), readout: $("map-readout"),
    caption: $("colour-map-caption"), unitInfo: $("map-unit") });
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

  // ---- the page's behaviour ---------------------------------------------------------------------------------------
  await part("behaviour");
  const status = createStatus(
    { pill: $("status"), run: $("run"), stop: $("stop"), restart: $("restart"), exportButton: $("export"),
      importInput: $("import"),
      downloadPython: $("download-python"), saveHtml: $("save-html") },
    { view, pauseControls, python },
  );
  const predictions = createPredictions({ view, swatches, output, python, settings });
  const neurons = createNeurons({ root: $("neuron-graph"), message: $("neuron-graph-message") }, { colourMap });
  const model = createModel($("model-line"));
  const insight = createInsight({ colourMap, networkView, neurons, doctor }, { view, python, settings, output });
  const probe = createProbe({ picker: $("probe"), text: $("probe-hex"), error: $("probe-hex-error") },
    { state, save, predictions, insight });
  colourMap.onProbe((hex) => probe.set(hex));
  colourMap.onSaturation(() => insight.refresh({ duringTraining: true }));
  sayWhereFrom(start, output);
  const sharedView = createSharedView({ banner: $("shared-view"), text: $("shared-view-text"), keep: $("keep-shared") },
    { save, state, output, source: start.source });
  const controls = createControls(
    { preset: $("preset"), reset: $("reset"), seed: $("seed"), share: $("share"), exportButton: $("export"),
      importInput: $("import"), downloadPython: $("download-python"), saveHtml: $("save-html") },
    {
      state, save, editor, output, records: () => runs.records(), liveRun: () => params.liveRun(),
      runtime: python.runtime,
      onImported(p) {
        view.hasModel = true;
        model.set(p.model);
        predictions.show(p);
        status.set(view.status === "training" ? "training" : "ready");
      },
    },
  );
  const runControl = createRunControl({ run: $("run"), stop: $("stop"), restart: $("restart") },
    { python, view, state, save, editor, controls, output });
  const params = createParams($("params"), editorLink,
    { python, view, runControl, chart, runs, output, state, save, start, sharedView });
  const savedFile = createSavedFile(start.savedFile, { runs, chart, controls, output });
  await part("data, runs and the contract");
  // your own colours (issue 21): the data panel, the image views, the EyeDropper
  const data = createData({ open: $("data-open"), clear: $("data-clear"), error: $("data-error"),
    summary: $("data-summary"), strip: $("data-strip"), text: $("data-text"), useText: $("data-use-text"),
    keep: $("data-keep"), privacy: $("data-privacy"), dropTarget: document },
  { python, view, predictions, store: runStore, announce });
  const imageViews = createImageViews({ root: $("image-views"), original: $("image-original"),
    network: $("image-network"), target: $("image-target"), error: $("image-error"), readout: $("image-readout"),
    save: $("image-save") });
  data.onChange(imageViews.onData);
  createEyeDropper($("eyedropper"), probe);
  const interrupted = createInterrupted({ runs, controls, output });
  const runHooks = createRunHooks(
    { view, state, status, editor, output, doctor, chart, runs, readouts, announce, predictions, data, model,
      chartHint: $("chart-hint") },
  );
  const onProgress = createProgress({ view, chart, runs, readouts, predictions, model });

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
      loadData: data.loadData,
      clearColours: data.clear,
    },
    [view, chart, runHooks, savedFile, theme, announce, insight, save, params, data, imageViews, model, python],
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
    params.attach(runtime);
    runtime.on("insight", imageViews.show);
    python.attach(runtime, createRunner(runtime, { ...runHooks,
      onStart(runId) {
        runHooks.onStart(runId);
        params.runStarted(runId, { code: state.code, seed: state.seed }); // (runControl saved the editor's code)
      } }));
    interrupted.watch(runtime);
    await data.restoreKept(); // before "ready": the first Run already sees the kept data
    status.set("ready");
    announce.ready();
    if (start.source !== "file") await interrupted.restore();
    await predictions.refresh();
    if (start.source === "file") await savedFile.open();
  }

  markPageMade(); // the runtime's bundle scripts come after the page's parts (runtime/page-made.js)
  startPython();
}

main();
