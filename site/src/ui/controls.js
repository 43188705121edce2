// The toolbar's controls besides Run and Stop: Preset and Reset, Seed, Share, Export model, Import model and
// Download for Python (ui/python-download.js).
// Each reads and writes the page state (ui/state.js) and talks to the runtime through the deps main.js passes.
import { downloadText, readFileText } from "./files.js";
import { presetScript } from "./presets.js";
import { MAX_SEED, parseSeed, runSettings, shareUrl } from "./state.js";
import { createPythonDownload } from "./python-download.js";
import { createSaveHtml } from "./save-html.js";
import { describeLiveChanges } from "../params/live-link.js";

/** Longest share link offered, in characters: browsers refuse or truncate longer addresses (~64 KB). */
export const MAX_LINK_CHARS = 64 * 1024;

/**
 * createControls({preset, reset, seed, share, exportButton, importInput, downloadPython, saveHtml}, deps)
 * → {exportModel(), importModel(text), downloadPython(), saveHtml(), commitSeed() → false when the Seed box holds
 *   no valid seed}; deps.records() → the runs to save; deps.liveRun() → {code, seed, liveChanges} of the latest run
 *   when live params moved during it (Download for Python then saves that run), else null
 * deps: {state, save(state), editor, output, runtime() → the runtime or null, onImported(predictions)}
 */
export function createControls(els, { state, save, editor, output, runtime, onImported, records, liveRun = () => null }) {
  els.preset.value = state.preset;
  els.seed.value = String(state.seed);

  function isEdited() {
    return editor.getCode() !== presetScript(state.preset);
  }

  function loadPreset(name, { ask }) {
    if (ask && isEdited() && !window.confirm("Replace your edited code with the preset's script?")) return false;
    state.preset = name;
    editor.setCode(presetScript(name));
    editor.clearErrorLine();
    save(state);
    return true;
  }

  els.reset.addEventListener("click", () => loadPreset(state.preset, { ask: true }));
  els.preset.addEventListener("change", (e) => {
    if (!loadPreset(e.target.value, { ask: true })) e.target.value = state.preset;
  });

  /** Takes the Seed box's value if it is a whole number 0..MAX_SEED; otherwise says so and puts the last one back. */
  function commitSeed() {
    const box = els.seed;
    const seed = box.validity && box.validity.badInput ? null : parseSeed(box.value);
    if (seed === null) {
      const got = box.validity && box.validity.badInput ? "text that is not a number" : box.value.trim() ? `"${box.value}"` : "an empty box";
      output.info(`Seed must be a whole number from 0 to ${MAX_SEED}, got ${got}; it stays ${state.seed}.`);
      box.value = String(state.seed);
      return false;
    }
    if (seed !== state.seed) {
      state.seed = seed;
      save(state);
    }
    return true;
  }
  els.seed.addEventListener("change", commitSeed);

  els.share.addEventListener("click", async () => {
    state.code = editor.getCode();
    // A run whose live params moved is shared as it ran (like Download for Python): its code at the start, its seed
    // and its changes, which Run replays on the page the link opens.
    const run = liveRun();
    const url = shareUrl(run ? { ...state, code: run.code, seed: run.seed, live: run.liveChanges } : state);
    if (url.length > MAX_LINK_CHARS) {
      output.info(`Not shared: the link would be ${Math.ceil(url.length / 1024)} KB, more than browsers take in an ` +
        `address (about ${MAX_LINK_CHARS / 1024} KB). Shorten the code, or copy it from the editor instead.`);
      return;
    }
    save(state);
    save.flush(); // stored now, so the autosave's own address update cannot replace the link below
    history.replaceState(null, "", url);
    const what = run ? ` It is the latest run as it ran: its code as the run started, seed ${run.seed} and its live ` +
      `changes (${describeLiveChanges(run.liveChanges)}), which Run replays there.` : "";
    try {
      await navigator.clipboard.writeText(url);
      output.info(`Share link copied to the clipboard (also in the address bar). Opening it never runs the code.${what}`);
    } catch {
      output.info(`Share link is in the address bar. Opening it never runs the code.${what}`);
    }
  });

  async function exportModel() {
    return runtime().call("exportModel", {});
  }
  els.exportButton.addEventListener("click", async () => {
    try {
      downloadText("colornet-model.json", await exportModel(), "application/json");
    } catch (err) {
      output.info(`Export failed: ${err.message}`);
    }
  });

  async function importModel(text, source = "import", info = null) {
    const p = await runtime().call("importModel", { text, source, info });
    onImported(p);
    return p;
  }
  els.importInput.addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    if (!runtime()) {
      output.append(`Could not import ${file.name}: Python is still loading; choose the file again in a moment.\n`, "error");
      return;
    }
    try {
      await importModel(await readFileText(file));
      output.info(`Imported ${file.name}: the swatches show its predictions (no training).`);
    } catch (err) {
      output.append(`Could not import ${file.name}: ${err.message}\n`, "error");
    }
  });

  const pythonDownload = createPythonDownload({ button: els.downloadPython }, {
    runtime,
    // A run whose live params moved is saved as it ran: its code at the start and the changes run.py replays.
    getCode: () => liveRun()?.code ?? editor.getCode(),
    settings: () => {
      const run = liveRun();
      return run ? { ...runSettings(state), seed: run.seed, liveChanges: run.liveChanges } : runSettings(state);
    },
    info: (text) => output.info(text),
    onError: (err) => output.append(`Download for Python failed: ${err.message}\n`, "error"),
  });

  const saveHtml = createSaveHtml({ button: els.saveHtml }, {
    runtime,
    exportModel,
    records,
    state: () => ({ ...state, code: editor.getCode() }),
    info: (text) => output.info(text),
    onError: (err) => output.append(`Save as HTML failed: ${err.message}\n`, "error"),
  });

  return { exportModel, importModel, downloadPython: pythonDownload.download, saveHtml: saveHtml.save, commitSeed };
}
