// The toolbar's controls besides Run and Stop: Preset and Reset, Seed, Share, Export model, Import model and
// Download for Python (ui/python-download.js).
// Each reads and writes the page state (ui/state.js) and talks to the runtime through the deps main.js passes.
import { downloadText, readFileText } from "./files.js";
import { presetScript } from "./presets.js";
import { shareUrl } from "./state.js";
import { createPythonDownload } from "./python-download.js";
import { createSaveHtml } from "./save-html.js";

/**
 * createControls({preset, reset, seed, share, exportButton, importInput, downloadPython, saveHtml}, deps)
 * → {exportModel(), importModel(text), downloadPython(), saveHtml()}; deps.records() → the runs to save
 * deps: {state, save(state), editor, output, runtime() → the runtime or null, onImported(predictions)}
 */
export function createControls(els, { state, save, editor, output, runtime, onImported, records }) {
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

  els.seed.addEventListener("change", (e) => {
    const seed = Number(e.target.value);
    if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
      output.info(`Seed must be a whole number from 0 to 4294967295, got "${e.target.value}".`);
      e.target.value = String(state.seed);
      return;
    }
    state.seed = seed;
    save(state);
  });

  els.share.addEventListener("click", async () => {
    state.code = editor.getCode();
    const url = shareUrl(state);
    history.replaceState(null, "", url);
    save(state);
    try {
      await navigator.clipboard.writeText(url);
      output.info("Share link copied to the clipboard (also in the address bar). Opening it never runs the code.");
    } catch {
      output.info("Share link is in the address bar. Opening it never runs the code.");
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

  async function importModel(text) {
    const p = await runtime().call("importModel", { text });
    onImported(p);
    return p;
  }
  els.importInput.addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file || !runtime()) return;
    try {
      await importModel(await readFileText(file));
      output.info(`Imported ${file.name}: the swatches show its predictions (no training).`);
    } catch (err) {
      output.append(`Could not import ${file.name}: ${err.message}\n`, "error");
    }
  });

  const pythonDownload = createPythonDownload({ button: els.downloadPython }, {
    runtime,
    getCode: () => editor.getCode(),
    settings: () => ({ seed: state.seed, probe: state.probe }),
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

  return { exportModel, importModel, downloadPython: pythonDownload.download, saveHtml: saveHtml.save };
}
