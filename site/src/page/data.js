// Your own colours (issue 21): a palette, colour pairs or an image, dropped anywhere on the page, opened with the
// Open data button, pasted, or given to window.playground.loadData. The file is read in the tab (data/intake.js),
// parsed by Python in the worker (site/py/data.py) and kept there until cleared; nothing is uploaded, and it is
// stored in this browser only when the user ticks "Keep my data in this browser" (./data-keep.js).
// A refused file leaves everything as it was: the code, the model, the runs and the previous data. Every error is
// shown in the panel and spoken through the page's announcer.
import { DataError, bytesFromBase64, readData } from "../data/intake.js";
import { formatCount } from "../locale.js";
import { createKeep } from "./data-keep.js";

const IMAGE_NAME = /\.(png|jpe?g|webp)$/i;

const plain = (err) => err.message.replace(/^[\w.]*Error: /, "");

/**
 * createData({open, clear, error, summary, strip, text, useText, keep, privacy, dropTarget},
 *   {python, view, predictions, store, announce})
 * → {load(source, name), loadData(name, textOrBase64), clear(), restore(), restoreKept(), forgotten(), onChange(fn),
 *   state()}; store: a promise of the run store (ui/run-store.js), where the kept data lives.
 */
export function createData(els, { python, view, predictions, store, announce }) {
  let current = null; // {name, kind, count, note, use, strip} as site/py/data.py describes it, or null
  let accepted = null; // what readData gave for it: sent again to a restarted worker
  let busy = false;
  const listeners = [];

  function showError(message) {
    els.error.textContent = message || ""; // textContent: a hostile file name or cell is shown as text
    if (message) announce.error(message);
  }

  const keep = createKeep(els, { store, showError, loaded: () => ({ read: accepted, kind: current && current.kind }) });

  function render() {
    els.clear.disabled = !current;
    els.strip.replaceChildren();
    if (!current) {
      els.summary.textContent = "No data loaded: the code trains on random colours.";
      return;
    }
    const what = { palette: "colours", pairs: "colour pairs", image: "pixels sampled" }[current.kind];
    els.summary.textContent = `${current.name}: ${formatCount(current.count)} ${what}` +
      `${current.note ? ` (${current.note})` : ""}. ${current.use}`;
    for (const colour of current.strip) {
      const li = document.createElement("li");
      li.className = "data-chip";
      li.style.background = colour.input;
      li.title = colour.target ? `${colour.input} → ${colour.target}` : colour.input;
      if (colour.target) {
        const t = document.createElement("span");
        t.className = "data-chip-target";
        t.style.background = colour.target;
        li.append(t);
      }
      els.strip.append(li);
    }
  }

  /** Send what readData gave to the worker; the panel changes only when Python accepted it. */
  async function use(read) {
    const runtime = python.runtime();
    if (!runtime) throw new DataError(`${read.name}: Python is still loading; load the data again in a moment`);
    if (view.status === "training" || view.status === "paused") {
      throw new DataError(`${read.name}: a run is under way (it trains on the data it started with); ` +
        "press Stop or wait for it to end, then load the data again");
    }
    if (read.kind === "image") {
      return runtime.call("loadImage", { name: read.name, width: read.width, height: read.height, rgba: read.rgba });
    }
    return runtime.call("loadData", { name: read.name, text: read.text });
  }

  /** What Python accepted (`result` of loadData / loadImage / clearData) is the data now. */
  function accept(read, result) {
    accepted = read;
    current = result.data;
    showError("");
    render();
    if (result.predictions) predictions.show(result.predictions);
    for (const fn of listeners) fn(current);
  }

  /** Load a File (dropped or opened) or pasted text; resolves to true when loaded, false when refused. */
  async function load(source, name) {
    if (busy) return false;
    busy = true;
    try {
      const read = await readData(source, name);
      accept(read, await use(read));
      await keep.changed();
      return true;
    } catch (err) {
      showError(plain(err));
      return false;
    } finally {
      busy = false;
    }
  }

  async function clear() {
    const runtime = python.runtime();
    if (!runtime || !current) return;
    try {
      accept(null, await runtime.call("clearData", {}));
      await keep.changed();
    } catch (err) {
      showError(err.message);
    }
  }

  /** After a worker restart: the fresh worker gets the loaded colours again (the panel stays as it was). */
  async function restore() {
    if (!accepted) return;
    try {
      await use(accepted);
    } catch (err) {
      current = accepted = null;
      render();
      for (const fn of listeners) fn(current);
      showError(`The data could not be loaded into the restarted Python: ${err.message}`);
    }
  }

  /** Once Python is ready: the data kept in this browser (if the user chose to keep it) is loaded again. */
  async function restoreKept() {
    const kept = await keep.take();
    if (!kept || busy || view.status === "training" || view.status === "paused") return; // (kept for later)
    busy = true;
    try {
      accept(kept.read, await use(kept.read));
      keep.restored();
    } catch (err) {
      await keep.drop(plain(err));
    } finally {
      busy = false;
    }
  }

  /** window.playground.loadData(name, text or, for an image, its bytes as base64). */
  function loadData(name, content) {
    if (IMAGE_NAME.test(name)) {
      let bytes;
      try {
        bytes = bytesFromBase64(content);
      } catch {
        showError(`${name}: not base64; give an image's bytes as a base64 string`);
        return Promise.resolve(false);
      }
      return load(new File([bytes], name), name);
    }
    return load(String(content), name);
  }

  els.open.addEventListener("change", async () => {
    const file = els.open.files[0];
    if (file) await load(file);
    els.open.value = ""; // the same file can be opened again
  });
  els.clear.addEventListener("click", clear);
  els.useText.addEventListener("click", () => load(els.text.value, "pasted text"));
  // Drop a file anywhere on the page (the browser would otherwise open it and leave the playground).
  els.dropTarget.addEventListener("dragover", (e) => {
    if (e.dataTransfer && [...e.dataTransfer.types].includes("Files")) e.preventDefault();
  });
  els.dropTarget.addEventListener("drop", (e) => {
    const file = e.dataTransfer && e.dataTransfer.files[0];
    if (!file) return;
    e.preventDefault();
    e.stopPropagation(); // capture phase: the editor must not also insert the file's text
    load(file);
  }, true);
  render();

  return {
    load,
    loadData,
    clear,
    restore,
    restoreKept,
    /** Clear all my data deleted the store: nothing is kept (the data stays loaded in this tab). */
    forgotten: () => keep.forgotten(),
    onChange: (fn) => listeners.push(fn),
    /**
     * Its part of the testing contract: data is null or {name, kind, count}; dataError the message shown; dataKept
     * true when this browser holds what is loaded now (the box is ticked and the write succeeded).
     */
    state: () => ({
      data: current && { name: current.name, kind: current.kind, count: current.count },
      dataError: els.error.textContent || null,
      dataKept: keep.kept(),
    }),
  };
}
