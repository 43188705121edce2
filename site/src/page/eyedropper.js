// The EyeDropper API (Chromium): where the browser has it, a button picks the probe colour from anywhere on the
// screen; elsewhere the button stays hidden.

/** createEyeDropper(button, probe): probe is page/probe.js's {set(hex)}. */
export function createEyeDropper(button, probe) {
  if (typeof window.EyeDropper !== "function") return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      const { sRGBHex } = await new window.EyeDropper().open();
      await probe.set(sRGBHex);
    } catch {
      // the user pressed Esc: the probe stays as it was
    }
  });
}
