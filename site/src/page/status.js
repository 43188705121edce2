// The status pill and the buttons that depend on it: one call, set(status, text), keeps the pill, Run, Stop,
// Pause / Resume / Step, Restart Python, Export, Download for Python and Save as HTML in step with view.status.

/** The status pill: one short line (the full text of an error goes to the output). */
export function pillText(text) {
  const line = String(text).trim().split("\n")[0];
  return line.length > 80 ? line.slice(0, 79) + "…" : line;
}

/**
 * createStatus({pill, run, stop, restart, exportButton, importInput, downloadPython, saveHtml},
 *   {view, pauseControls, python})
 * → {set(status, text)}: status ∈ loading | ready | training | paused | stopped | error; text (default: the status)
 * is what the pill says.
 */
export function createStatus(els, { view, pauseControls, python }) {
  return {
    set(status, text) {
      view.status = status;
      els.pill.dataset.status = status;
      els.pill.textContent = pillText(text || status);
      const busy = status === "training" || status === "paused";
      els.run.disabled = status === "loading" || busy;
      els.stop.disabled = !busy;
      pauseControls.update(status);
      els.restart.disabled = !python.runner() || view.restarting;
      els.exportButton.disabled = status === "loading" || busy || !view.hasModel;
      if (els.importInput) els.importInput.disabled = status === "loading" || busy; // refused during a run anyway
      els.downloadPython.disabled = status === "loading" || busy;
      els.saveHtml.disabled = status === "loading" || busy;
    },
  };
}
