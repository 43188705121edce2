// Worker-side request handlers of the playground: run the editor's code, stop, predict, export, import.
// The runtime's worker imports this module, calls init(pyodide, ctx) once Python is ready, and routes requests
// by type to `handlers`. The Python side is site/py/playground.py; values cross as JSON text so no PyProxy leaks.
import playgroundPy from "../../py/playground.py";

let glue = null; // the imported Python module `playground`

const GLUE_DIR = "/playground";

export async function init(pyodide, ctx) {
  pyodide.FS.mkdirTree(GLUE_DIR);
  pyodide.FS.writeFile(`${GLUE_DIR}/playground.py`, playgroundPy);
  pyodide.runPython(`import sys\nif "${GLUE_DIR}" not in sys.path: sys.path.insert(0, "${GLUE_DIR}")`);
  glue = pyodide.pyimport("playground");
  // the user code's print() goes through the worker's one output batcher (worker/output.js)
  glue.setup((event, json) => ctx.emit(event, JSON.parse(json)), ctx.output);
}

// A Python exception reaches JS as a PythonError whose message is the whole traceback; keep its last line
// ("ValueError: ...") so the page shows a clear one-line message.
function pythonMessage(err) {
  const lines = String(err && err.message || err).trim().split("\n");
  return lines[lines.length - 1];
}

async function guarded(fn) {
  try {
    return await fn();
  } catch (err) {
    if (err && err.type) throw new Error(pythonMessage(err));
    throw err;
  }
}

function ready() {
  if (!glue) throw new Error("The playground glue is not loaded yet (Python is still booting).");
  return glue;
}

export const handlers = {
  // Run the editor's code; resolves when it finishes, fails or is stopped. Errors in the user's code are a
  // normal result ({ok: false, traceback, line}), not a rejected request.
  async run({ code, settings }) {
    const g = ready();
    if (settings) await guarded(() => g.settings(JSON.stringify(settings)));
    return JSON.parse(await g.run(code));
  },
  // Ask a running training loop to stop at its next report (the callback returns True).
  async stop() {
    ready().request_stop();
    return true;
  },
  async settings(settings) {
    return guarded(() => ready().settings(JSON.stringify(settings)) && true);
  },
  // Predictions for the probe colour and the 17 Material colours under the current model.
  async predict(settings) {
    return guarded(() => JSON.parse(ready().predict(JSON.stringify(settings || {}))));
  },
  async exportModel() {
    return guarded(() => ready().export_model());
  },
  async importModel({ text }) {
    return guarded(() => JSON.parse(ready().import_model(text)));
  },
};
