// Worker-side request handlers of the playground: run the editor's code, stop, predict, export, import.
// The runtime's worker imports this module, calls init(pyodide, ctx) once Python is ready, and routes requests
// by type to `handlers`. The Python side is site/py/playground.py, the glue's one entry module (the other glue
// modules of glue-files.js are its helpers); values cross as JSON text so no PyProxy leaks.
import { GLUE_DIR, GLUE_FILES } from "./glue-files.js";
import { OFFLINE_MESSAGE } from "./offline-fetch.js";
import DEFAULT_SCRIPT from "../../py/presets/default.py";

/** Deepest JSON nesting a model file may have (a colornet model needs 4); deeper is refused before Python parses
 * it (Python's parser recurses, and a very deep file overflows the wasm stack: a fatal error). */
export const MAX_MODEL_DEPTH = 32;

/** Steps of the post-boot warm-up training (the default script, see site/py/warm_up.py): about 0.4 s on an idle
 * 2-core machine; fewer left most of the first Run's optimising compilation in place (traced). */
export const WARM_UP_STEPS = 2000;

const ENTRY_POINTS = ["run", "request_stop", "settings", "predict", "export_model", "import_model", "python_zip",
  "warm_up", "request_pause", "request_resume", "refresh_views", "live", "load_data", "load_image", "clear_data"];

// The glue's entry points, taken once at init: user code that replaces `playground.run` in the module cannot
// reach these references.
let glue = null;

export async function init(pyodide, ctx) {
  pyodide.FS.mkdirTree(GLUE_DIR);
  for (const [name, source] of Object.entries(GLUE_FILES)) pyodide.FS.writeFile(`${GLUE_DIR}/${name}`, source);
  pyodide.runPython(`import sys\nif "${GLUE_DIR}" not in sys.path: sys.path.insert(0, "${GLUE_DIR}")`);
  const sandbox = pyodide.pyimport("sandbox"); // before the first run: the run guard keeps what it installs
  sandbox.install(OFFLINE_MESSAGE);
  sandbox.destroy();
  const module = pyodide.pyimport("playground");
  glue = {};
  for (const name of ENTRY_POINTS) glue[name] = module[name].copy();
  const info = JSON.parse(module.setup(
    (event, json) => ctx.emit(event, JSON.parse(json)),
    (event, meta, text) => ctx.emit(event, { ...JSON.parse(meta), text }),
    emitInsight(ctx),
    ctx.output, // the user code's print() goes through the worker's one output batcher (worker/output.js)
  ));
  module.destroy();
  // After the boot reply has gone out: the page is ready; a Run that comes meanwhile stops the warm-up first.
  setTimeout(() => {
    glue.warm_up(DEFAULT_SCRIPT, WARM_UP_STEPS).then(
      (json) => ctx.emit("warmed-up", JSON.parse(json)),
      (err) => ctx.emit("warmed-up", { error: pythonMessage(err) }),
    );
  }, 0);
  return info;
}

// The `insight` event (site/py/views.py): JSON plus RGBA images as bytes, copied out of Python's memory once
// and transferred (not copied again) to the page, which puts them on canvases with putImageData.
function emitInsight(ctx) {
  return (json, images) => {
    const buffers = images.toJs();
    images.destroy();
    const data = JSON.parse(json);
    data.images = buffers;
    ctx.emit("insight", data, buffers.map((b) => b.buffer));
  };
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

/** Depth of the deepest array/object in a parsed JSON value (iterative: no recursion limit to hit). */
export function jsonDepth(value) {
  let deepest = 0;
  const stack = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop();
    if (v === null || typeof v !== "object") continue;
    deepest = Math.max(deepest, depth);
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

function checkModelText(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`The file is not JSON (${err.message}); a colornet model file is expected.`);
  }
  const depth = jsonDepth(data);
  if (depth > MAX_MODEL_DEPTH) {
    throw new Error(`The file nests JSON ${depth} levels deep; a colornet model has at most 4 ` +
      `(refused above ${MAX_MODEL_DEPTH}), so this is not a colornet model file.`);
  }
}

export const handlers = {
  // Run the editor's code; resolves when it finishes, fails or is stopped. Errors in the user's code are a
  // normal result ({ok: false, traceback, line}), not a rejected request.
  async run({ code, settings, runId = 0 }) {
    const g = ready();
    return JSON.parse(await guarded(() => g.run(code, runId, JSON.stringify(settings || {}))));
  },
  // Stop run `runId`: its training loop ends at its next yield (or report). Answered at once with a "stopping"
  // event, so the page knows the worker is responsive (no forced restart needed).
  async stop({ runId = 0 } = {}, ctx) {
    const known = ready().request_stop(runId) === "true";
    ctx.emit("stopping", { runId, known });
    return known;
  },
  // Pause at the next report (keeps the optimizer state), resume, or advance one report interval (step: true).
  async pause() {
    ready().request_pause();
    return true;
  },
  // A live control moved (issue 20): queued for run `runId`, applied at its next report (or on resume).
  async live({ runId, name, value }) {
    return ready().live(JSON.stringify({ runId, name, value })) === "true";
  },
  async resume({ step = false } = {}) {
    ready().request_resume(JSON.stringify({ step }));
    return true;
  },
  // Recompute the map, network view and doctor now (probe or saturation changed, paused, or after a run).
  async views(settings) {
    return guarded(() => ready().refresh_views(JSON.stringify(settings || {})) && true);
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
  async importModel({ text, source = "import", info = null }) {
    checkModelText(text);
    return guarded(() => JSON.parse(ready().import_model(text, source, JSON.stringify(info))));
  },
  // Your own colours (site/py/data.py): text of a palette or pairs file, or an image's RGBA bytes; {data, predictions}.
  async loadData({ name, text }) {
    return guarded(() => JSON.parse(ready().load_data(name, text)));
  },
  async loadImage({ name, width, height, rgba }) {
    return guarded(() => JSON.parse(ready().load_image(name, width, height, rgba)));
  },
  async clearData() {
    return guarded(() => JSON.parse(ready().clear_data()));
  },
  // Download for Python: the .zip (wheel, run.py, model.json, README) as bytes; see site/py/runs.py.
  async pythonZip({ code, settings, wheelName, wheel }) {
    return guarded(() => {
      const zip = ready().python_zip(code, JSON.stringify(settings), wheelName, wheel);
      try {
        return zip.toJs();
      } finally {
        zip.destroy();
      }
    });
  },
};
