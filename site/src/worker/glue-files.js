// The Python glue modules (site/py/*.py) written into /playground inside Pyodide, one esbuild text import each.
// To add a module: import its text here and add it to GLUE_FILES (it can `import playground` for the run
// lifecycle: current_run(), current_model(), send(event, data); see docs/ARCHITECTURE.md, "Run lifecycle").
import playgroundPy from "../../py/playground.py";
import runsPy from "../../py/runs.py";
import insightPy from "../../py/insight.py";
import sandboxPy from "../../py/sandbox.py";

export const GLUE_DIR = "/playground";

/** file name → source text; every file is written before `playground` is imported. */
export const GLUE_FILES = {
  "playground.py": playgroundPy,
  "runs.py": runsPy, // run records' final ΔE00, Download for Python
  "insight.py": insightPy, // colour map, network view, doctor, pause/step/resume, playground.target
  "sandbox.py": sandboxPy, // input() and sockets say they are not available (installed by worker/playground.js)
};
