// Entry point of the page bundle (esbuild IIFE → site/dist/app.js).
// Skeleton: boots the runtime and wires the UI modules (filled in below as they land).
import { startRuntime } from "./runtime/index.js";

const statusEl = document.querySelector('[data-testid="status"]');

function setStatus(status, text) {
  statusEl.dataset.status = status;
  statusEl.textContent = text || status;
}

startRuntime({ onProgress: (p) => setStatus("loading", `loading ${p.stage}`) })
  .then(() => setStatus("ready"))
  .catch((err) => setStatus("error", err.message));
