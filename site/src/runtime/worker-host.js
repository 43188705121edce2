// The main-thread side of the worker protocol: one blob-URL Web Worker, id-tagged requests
// ({id, type, payload} → {id, result} | {id, error}), fire-and-forget posts, and events ({event, data}).
import workerSource from "../../dist/worker.txt";
import { errorFromWorker } from "./errors.js";

let workerUrl = null;

function workerBlobUrl() {
  // Chrome refuses new Worker(file://...) from a file:// page; a blob: URL works everywhere.
  workerUrl ||= URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" }));
  return workerUrl;
}

export class WorkerHost {
  /** `name`: the worker's name (devtools); the runtime's, or its verifier's (runtime/index.js). */
  constructor(name = "colornet-runtime") {
    this.worker = new Worker(workerBlobUrl(), { name });
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Map();
    this.worker.onmessage = (e) => this.receive(e.data);
    // An uncaught error in the worker, or a message that cannot be read: "crash" (the runner restarts the worker).
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.dispatch("crash", { message: e.message || "the worker failed", file: e.filename, line: e.lineno });
    };
    this.worker.onmessageerror = () => this.dispatch("crash", { message: "a message from the worker could not be read" });
  }

  receive(msg) {
    if (msg.event !== undefined) return this.dispatch(msg.event, msg.data);
    const call = this.pending.get(msg.id);
    if (!call) return;
    this.pending.delete(msg.id);
    if ("error" in msg) call.reject(errorFromWorker(msg.error));
    else call.resolve(msg.result);
  }

  dispatch(event, data) {
    for (const handler of this.listeners.get(event) || []) {
      try {
        handler(data);
      } catch (err) {
        console.error(`runtime: "${event}" handler failed`, err);
      }
    }
  }

  on(event, handler) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(handler);
    return () => this.listeners.get(event).delete(handler);
  }

  call(type, payload, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, payload }, transfer);
    });
  }

  post(type, payload, transfer = []) {
    this.worker.postMessage({ type, payload }, transfer);
  }

  terminate(reason) {
    this.worker.terminate();
    for (const call of this.pending.values()) call.reject(new Error(reason));
    this.pending.clear();
  }
}
