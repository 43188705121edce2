// Save as HTML: the whole playground as one .html file (site/src/single-file/compose.js) with the current code,
// seed, probe, trained weights and run history embedded (each run with its live changes); and, when such a file is
// opened, reading that state back. A shared run's live changes that Run would replay now (state.live) are kept as
// `live` (params/live-link.js text), so the file's Run replays them too.
// Opening a saved file shows the saved model's predictions at once and never runs code.
import { composeSingleFile, IDS } from "../single-file/compose.js";
import { downloadBlob } from "./files.js";
import { countOf } from "../locale.js";
import { encodeLiveChanges } from "../params/live-link.js";

export const SAVED_VERSION = 1;
export const SAVED_FILE_NAME = "colornet-playground-saved.html";

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} is missing; rebuild with \`python3 build.py\``));
    document.head.append(script);
  });
}

/** The page's own texts (index.html, CSS, boot.js, app.js): from this document when it is the single file, else
 * from dist/single-parts.js (a file:// page cannot read its other files, but it can load a script). */
export async function pageParts() {
  const el = (id) => document.getElementById(id);
  if (self.colornetSingleFile && el(IDS.app) && el(IDS.indexHtml)) {
    return { indexHtml: JSON.parse(el(IDS.indexHtml).textContent), css: el(IDS.css).textContent,
      boot: el(IDS.boot).text, app: el(IDS.app).text };
  }
  if (!self.colornetSingleParts) await loadScript("dist/single-parts.js");
  return self.colornetSingleParts;
}

/** The state a saved file carries, or null; {error} when its saved state cannot be read. */
export function readSavedFile(doc = document) {
  const el = doc.getElementById(IDS.saved);
  if (!el) return null;
  try {
    const saved = JSON.parse(el.textContent);
    if (saved.version !== SAVED_VERSION) throw new Error(`version ${saved.version}, this page reads ${SAVED_VERSION}`);
    return saved;
  } catch (err) {
    return { error: `the saved state in this file cannot be read (${err.message})` };
  }
}

/**
 * createSaveHtml({button}, {runtime, state, exportModel, records, info, onError}) → {save()}.
 * save() composes the file and offers it as a download; resolves with {name, bytes}.
 */
export function createSaveHtml({ button }, deps) {
  async function save() {
    const runtime = deps.runtime();
    if (!runtime) throw new Error("Python is still loading; Save as HTML works once it is ready.");
    let model = null;
    try {
      model = await deps.exportModel();
    } catch {
      model = null; // nothing trained yet: the file carries code and history only
    }
    const records = deps.records();
    const { code, preset, seed, probe, live } = deps.state();
    const saved = { version: SAVED_VERSION, savedAt: new Date().toISOString(), code, preset, seed, probe, model,
      runs: records, live: live && live.length ? encodeLiveChanges(live) : null };
    const html = await composeSingleFile({ ...(await pageParts()), manifest: runtime.manifest,
      shipped: (name) => runtime.shippedBytes(name), saved });
    downloadBlob(SAVED_FILE_NAME, new Blob([html], { type: "text/html" }));
    deps.info(`Saved ${SAVED_FILE_NAME} (${(html.length / 1e6).toFixed(1)} MB): this code, seed ${seed}, probe ` +
      `${probe}, ${model ? "the trained model" : "no model (nothing trained yet)"} and ${countOf(records.length, "run")}. ` +
      "Opening it shows the predictions at once and runs nothing.");
    return { name: SAVED_FILE_NAME, bytes: html.length };
  }
  button.addEventListener("click", () => save().catch((err) => deps.onError(err)));
  return { save };
}
