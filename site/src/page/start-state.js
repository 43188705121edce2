// Where the page starts from: a file written by Save as HTML carries its own state (code, seed, probe, model, runs)
// and wins, like a share link; otherwise the user's autosave or the defaults, with a shared link's fields on top
// (ui/state.js). The code is the preset's script when there is none.
import { presetScript } from "../ui/presets.js";
import { loadInitialState, normalise } from "../ui/state.js";
import { readSavedFile } from "../ui/save-html.js";
import { countOf } from "../locale.js";

/**
 * → {state, source: "file" | "link" | "autosave" | "defaults", rejected: ["key=value", ...], savedFile}
 * savedFile: what this .html file carries (ui/save-html.js readSavedFile: null, {error}, or the saved playground).
 */
export function startState() {
  const savedFile = readSavedFile();
  const start = savedFile && !savedFile.error
    ? { state: normalise(savedFile), source: "file", rejected: [] }
    : loadInitialState();
  if (start.state.code == null) start.state.code = presetScript(start.state.preset);
  return { ...start, savedFile };
}

/** Tells the user, in the output, where the page's code came from when it is not their own. */
export function sayWhereFrom({ source, rejected, savedFile, unreadableLink }, output) {
  if (unreadableLink) {
    output.info(`The link in the address could not be read (${rejected.join(", ")}): this is your own code.`);
  }
  if (savedFile && savedFile.error) output.info(`This .html file's saved playground was not loaded: ${savedFile.error}.`);
  if (source === "file") {
    output.info(`Opened a saved playground (saved ${savedFile.savedAt}): its code, seed, probe, ` +
      `${savedFile.model ? "trained model" : "no model"} and ${countOf((savedFile.runs || []).length, "run")}. Nothing has run: ` +
      "the swatches show the saved model's predictions; press Run to train again.");
  }
  if (source === "link") {
    output.info("Loaded the code from a shared link. It has not run: read it, then press Run.");
    if (rejected.length) output.info(`Ignored what the link set wrongly: ${rejected.join(", ")}.`);
  }
}
