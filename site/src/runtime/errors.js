// BootError: a boot failure that names the stage ("runtime" | "numpy" | "colornet") and the file involved,
// so the page can say exactly what broke instead of hanging or showing a bare "failed". The one class for both
// sides: the page's bundle loader throws it, the worker's boot (worker/boot.js) throws it, and errorFromWorker
// rebuilds it from what the worker posted.

export class BootError extends Error {
  constructor(stage, file, detail, options) {
    super(`Boot failed at stage "${stage}" (file ${file}): ${detail}`, options);
    this.name = "BootError";
    this.stage = stage;
    this.file = file;
    this.detail = detail;
  }
}

/** Rebuilds a BootError (or a plain Error) from the {name, message, stage, file, detail} a worker sent. */
export function errorFromWorker(data) {
  if (data && data.stage) {
    const err = new BootError(data.stage, data.file, data.detail);
    if (data.stack) err.stack = data.stack;
    return err;
  }
  const err = new Error((data && data.message) || String(data));
  if (data && data.name) err.name = data.name;
  if (data && data.stack) err.stack = data.stack;
  return err;
}
