// Worker entry: boots Pyodide on the "boot" request and routes every other request by type — built-ins here,
// the playground's in ./playground.js. Messages are dispatched as they arrive (handlers are async), so "stop"
// reaches the playground while a training loop awaits.
import { boot } from "./boot.js";
import { createFileStore } from "./files.js";
import { createOutput } from "./output.js";
import * as playground from "./playground.js";
import { verifiedFile } from "./verify.js";

const emit = (event, data, transfer) => self.postMessage({ event, data }, transfer || []);
const output = createOutput(emit);
const ctx = { pyodide: null, emit, output };
const store = createFileStore();
const scriptUrls = createFileStore(); // name → {url}: page-made blob: URLs of scripts, when asked for (boot.js)
let readyResolve, readyReject;
const ready = new Promise((resolve, reject) => ((readyResolve = resolve), (readyReject = reject)));
ready.catch(() => {});

/**
 * Pyodide calls API.on_fatal when its interpreter dies (a fatal error such as a wasm stack overflow, or an exit:
 * `os._exit(1)`); every later call would fail. Tell the page at once ("fatal"), which restarts the worker.
 */
function watchFatal(pyodide) {
  let reported = false;
  const report = (err, exited) => {
    if (reported) return;
    reported = true;
    output.flush();
    const text = String((err && (err.message || err.name)) || err || "unknown error").trim().split("\n").pop();
    emit("fatal", { exited, message: exited ? `exit status ${err && err.status != null ? err.status : "?"}` : text });
  };
  if (pyodide._api) {
    pyodide._api.on_fatal = (err) => report(err, !!err && (err.name === "Exit" || err.status !== undefined));
  }
  // A worker that closes itself never answers again: say so before it goes.
  const close = self.close.bind(self);
  self.close = () => {
    report({ message: "the worker closed itself" }, false);
    close();
  };
}

/** The messages that serve the boot itself: handled at once, the others wait for the boot to finish. */
const BOOT_MESSAGES = ["boot", "file", "connect", "script-url"];
let verifiedTo = null; // in a verifier (runtime/index.js): the port to the boot worker its verified files go to

const builtins = {
  /** In a verifier (runtime/verifier.js): a runtime file's text from the page (runtime/transfer.js fileMessage),
   * turned into its bytes and verified (verify.js), then transferred to the boot worker, whose boot waits for the
   * ones it needs. Answers {toBytes, hash} (ms). */
  async file(message) {
    const { file, timings } = await verifiedFile(message);
    verifiedTo.postMessage(file, [file.bytes.buffer]);
    return timings;
  },
  /** Makes this worker a verifier: the files it verifies go to the boot worker through `port`. */
  async connect({ port }) {
    verifiedTo = port;
  },
  /** A page-made blob: URL of a runtime script ({name, url}), sent when the worker asked for it. */
  async "script-url"({ name, url }) {
    scriptUrls.add(name, { url });
  },
  async boot(payload) {
    payload.files.onmessage = (e) => store.add(e.data.name, e.data); // verified files, from the verifier
    try {
      const { pyodide, info } = await boot(payload, { emit, output, store, scriptUrls });
      ctx.pyodide = pyodide;
      watchFatal(pyodide);
      const t = performance.now();
      if (typeof playground.init === "function") await playground.init(pyodide, ctx);
      info.timings.glue = Math.round(performance.now() - t);
      info.timings.at.glued = Math.round(performance.now());
      info.timings.workerOrigin = performance.timeOrigin; // the page puts worker marks on its own clock
      readyResolve();
      return info;
    } catch (err) {
      readyReject(err);
      throw err;
    }
  },
  /** Runs Python code and returns its result converted to JS (PyProxies are converted, then destroyed). */
  async eval({ code }) {
    const result = await ctx.pyodide.runPythonAsync(code);
    if (result && typeof result.toJs === "function") {
      const js = result.toJs({ dict_converter: Object.fromEntries });
      result.destroy();
      return js;
    }
    return result;
  },
};

function serialiseError(err) {
  return {
    name: (err && err.name) || "Error",
    message: String((err && err.message) || err),
    stack: err && err.stack,
    stage: err && err.stage,
    file: err && err.file,
    detail: err && err.detail,
  };
}

async function dispatch({ id, type, payload }) {
  try {
    const handler = builtins[type] || (playground.handlers || {})[type];
    if (!handler) {
      const known = [...Object.keys(builtins), ...Object.keys(playground.handlers || {})].join(", ");
      throw new Error(`unknown request type "${type}" (known: ${known})`);
    }
    if (!BOOT_MESSAGES.includes(type)) await ready;
    const result = await handler(payload, ctx);
    output.flush();
    if (id !== undefined) self.postMessage({ id, result });
  } catch (err) {
    output.flush();
    if (id !== undefined) self.postMessage({ id, error: serialiseError(err) });
    else emit("error", serialiseError(err));
  }
}

self.onmessage = (e) => dispatch(e.data);
