// The probe colour as text: a hex field beside the native colour picker, for the keyboard and screen readers
// (a picker's popup is not reachable from every keyboard setup). Enter or leaving the field applies a valid colour
// through the colour input's own "input" event; a wrong one is named, with what is allowed, and nothing changes.

import { parseHex } from "./hex.js";

/** createHexField(text, colour, errorEl) → {show(hex)}: keeps `text` and the <input type=color> `colour` in step. */
export function createHexField(text, colour, errorEl) {
  const setError = (message) => {
    errorEl.textContent = message;
    text.setAttribute("aria-invalid", String(!!message));
  };
  const show = (hex) => {
    text.value = hex;
    setError("");
  };
  text.addEventListener("change", () => {
    const hex = parseHex(text.value.trim());
    if (!hex) {
      setError(`"${text.value}" is not a colour: type 6 hex digits, like #dea5ff.`);
      return;
    }
    show(hex);
    if (colour.value !== hex) {
      colour.value = hex;
      colour.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
  colour.addEventListener("input", () => show(colour.value));
  show(colour.value);
  return { show };
}
