// The probe colour: the colour picker, its hex text field (ui/probe-hex.js), the map's cells and
// window.playground.setProbe() all set it through set(hex). One prediction request is in flight at a time; the
// newest colour wins.
import { isHex } from "../ui/hex.js";
import { createHexField } from "../ui/probe-hex.js";

/**
 * createProbe({picker, text, error}, {state, save, predictions, insight}) → {set(hex) → a promise settled once the
 * prediction is shown}. picker: the <input type=color>; text / error: the hex field and its error line.
 */
export function createProbe(els, { state, save, predictions, insight }) {
  els.picker.value = state.probe;
  const hexField = createHexField(els.text, els.picker, els.error);
  let busy = false;
  let queued = false;

  async function changed() {
    if (busy) {
      queued = true; // one request in flight at a time; the newest colour wins
      return;
    }
    busy = true;
    await predictions.refresh();
    await insight.refresh(); // the network view shows the probe's activations
    busy = false;
    if (queued) {
      queued = false;
      changed();
    }
  }

  function set(hex) {
    if (!isHex(hex)) {
      return Promise.reject(new Error(`setProbe expects a colour like '#dea5ff', got ${JSON.stringify(hex)}`));
    }
    state.probe = hex.toLowerCase();
    els.picker.value = state.probe;
    hexField.show(state.probe);
    save(state);
    return changed();
  }

  els.picker.addEventListener("input", (e) => set(e.target.value));
  return { set };
}
