// The Python glue modules (site/py/*.py) written into /playground inside Pyodide, one esbuild text import each.
// To add a module: import its text here and add it to GLUE_FILES. The map of the modules and their one-way imports
// is docs/ARCHITECTURE.md, "The Python glue"; only playground.py is called from JS (site/src/worker/playground.js).
import capturePy from "../../py/capture.py";
import colourGridPy from "../../py/colour_grid.py";
import colourMapPy from "../../py/colour_map.py";
import contextPy from "../../py/context.py";
import dataPy from "../../py/data.py";
import doctorPy from "../../py/doctor.py";
import guardPy from "../../py/guard.py";
import jsonablePy from "../../py/jsonable.py";
import layerPassPy from "../../py/layer_pass.py";
import liveRunPy from "../../py/live_run.py";
import networkViewPy from "../../py/network_view.py";
import neuronsPy from "../../py/neurons.py";
import pagePy from "../../py/page.py";
import pausePy from "../../py/pause.py";
import playgroundPy from "../../py/playground.py";
import playgroundApiPy from "../../py/playground_api.py";
import predictionsPy from "../../py/predictions.py";
import runCodePy from "../../py/run_code.py";
import runsPy from "../../py/runs.py";
import sandboxPy from "../../py/sandbox.py";
import sessionPy from "../../py/session.py";
import snapshotsPy from "../../py/snapshots.py";
import targetPy from "../../py/target.py";
import tasksPy from "../../py/tasks.py";
import tracebacksPy from "../../py/tracebacks.py";
import viewsPy from "../../py/views.py";
import warmUpPy from "../../py/warm_up.py";

export const GLUE_DIR = "/playground";

/** file name → source text; every file is written before `playground` is imported. */
export const GLUE_FILES = {
  "playground.py": playgroundPy, // the entry points (the only module JS calls)
  "session.py": sessionPy, // what outlives runs: context, views, the run under way, early Stop/Pause
  "run_code.py": runCodePy, // runs the editor's code: namespace, output, errors, result
  "live_run.py": liveRunPy, // one run's report loop: progress, snapshots, views, stop, pause
  "pause.py": pausePy, // Pause/Step/Resume held at a report
  "snapshots.py": snapshotsPy, // the model sent to the page for restarts
  "context.py": contextPy, // settings, model and target that reports, views and predictions read
  "playground_api.py": playgroundApiPy, // the `playground` object the user's code sees
  "predictions.py": predictionsPy, // swatches and Material grid
  "target.py": targetPy, // playground.target, checked
  "warm_up.py": warmUpPy, // the silent post-boot run of the default script
  "capture.py": capturePy, // the user's print()
  "guard.py": guardPy, // puts back what a run replaced in the modules
  "tracebacks.py": tracebacksPy, // errors in the editor's lines
  "tasks.py": tasksPy, // stop check and cancelling a run's tasks
  "page.py": pagePy, // the channel to the page
  "jsonable.py": jsonablePy, // NaN/inf → None for JSON
  "views.py": viewsPy, // colour map + network view + doctor, paced, as one `insight` event
  "colour_grid.py": colourGridPy, // the map's grid, the fixed sample, colour scales
  "colour_map.py": colourMapPy,
  "layer_pass.py": layerPassPy, // each update's one forward pass, read by the network view and the neuron graph
  "network_view.py": networkViewPy,
  "neurons.py": neuronsPy, // the neuron graph: every unit over the map's slice
  "doctor.py": doctorPy,
  "data.py": dataPy, // your own colours: loaded palette, pairs or image, and the image views
  "runs.py": runsPy, // run records' final ΔE00, Download for Python
  "sandbox.py": sandboxPy, // input() and sockets say they are not available (installed by worker/playground.js)
};
