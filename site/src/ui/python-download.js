// "Download for Python": a .zip with the colornet wheel the page runs (taken from the verified runtime bundle),
// run.py (the editor's code inside a small CPython shim), model.json and a README. The zip is written by Python in
// the worker (site/py/runs.py, stdlib zipfile); this module only gathers the inputs and offers the download.
import { downloadBlob } from "./files.js";

/** The colornet wheel's file name in the runtime manifest. */
export function colornetWheelName(runtime) {
  const entry = runtime.manifest.files.find((f) => f.name.startsWith("colornet-") && f.name.endsWith(".whl"));
  if (!entry) throw new Error("the runtime manifest lists no colornet wheel; rebuild with `python3 build.py`");
  return entry.name;
}

/** The .zip (Uint8Array) for the given code and settings ({seed, probe}), with the worker's current model. */
export async function pythonZip(runtime, code, settings) {
  const wheelName = colornetWheelName(runtime);
  const wheel = await runtime.fileBytes(wheelName);
  return runtime.call("pythonZip", { code, settings, wheelName, wheel });
}

/**
 * createPythonDownload({button}, {runtime: () => runtime|null, getCode, settings, info, onError}) wires the button;
 * returns {download()} (also used by window.playground.downloadPython), resolving with the file name.
 */
export function createPythonDownload({ button }, deps) {
  async function download() {
    const runtime = deps.runtime();
    if (!runtime) throw new Error("Python is still loading; Download for Python works once it is ready.");
    const settings = deps.settings();
    const zip = await pythonZip(runtime, deps.getCode(), settings);
    const name = `colornet-run-seed${settings.seed}.zip`;
    downloadBlob(name, new Blob([zip], { type: "application/zip" }));
    deps.info(`Saved ${name}: unzip it, then \`pip install colornet-*.whl\` and \`python run.py\`.`);
    return name;
  }
  button.addEventListener("click", () => download().catch((err) => deps.onError(err)));
  return { download };
}
