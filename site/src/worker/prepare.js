// Work started on a runtime file the moment it arrives verified, while the worker still waits for the others:
// each file is decoded at once (the snapshot, the wheels, the stdlib: boot.js reads them all), and
// pyodide.asm.wasm is also compiled at once (WebAssembly.compile runs on the engine's background threads), so
// the restore finds its bytes decoded and its module compiled instead of doing both after the last bundle.
// A decoded file is handed out once (takeDecoded) and then forgotten, so no second copy stays alive.
import { decodedBytes } from "./decode.js";

/** The runtime's WebAssembly module: compiled as soon as it arrives. */
export const RUNTIME_WASM = "pyodide.asm.wasm";

const decoded = new Map(); // name → Promise<Uint8Array>, until taken
const compiled = new Map(); // name → Promise<WebAssembly.Module>
const byResponse = new WeakMap(); // Response the fetch shim made → Promise<WebAssembly.Module>

/** Starts decoding `file` (and, for the runtime's wasm, compiling it). */
export function prepare(name, file) {
  if (decoded.has(name) || compiled.has(name)) return;
  const bytes = decodedBytes(file);
  bytes.catch(() => {}); // reported where it is used (takeDecoded's caller)
  decoded.set(name, bytes); // the runtime's wasm too: the snapshot is shipped XORed with its data segment
  if (name === RUNTIME_WASM) {
    const module = bytes.then((b) => WebAssembly.compile(b));
    module.catch(() => {}); // reported where it is used: instantiating the runtime
    compiled.set(name, module);
  }
}

/** The file's decoded bytes: the ones prepare() made (handed out once), else decoded now. */
export function takeDecoded(name, file) {
  const early = decoded.get(name);
  decoded.delete(name);
  return early || decodedBytes(file);
}

/** Whether `name` is compiled ahead (its fetch answers with a Response that carries the compiled module). */
export function isCompiledAhead(name) {
  return compiled.has(name);
}

/** A body-less Response standing for the compiled module of `name` (see usePrecompiled). */
export function compiledResponse(name, headers) {
  const response = new Response(new Uint8Array(0), { status: 200, headers });
  byResponse.set(response, compiled.get(name));
  return response;
}

/**
 * Makes WebAssembly.instantiateStreaming take the compiled module when its source is a compiledResponse (Pyodide
 * instantiates its runtime that way); any other source goes to the engine as before.
 */
export function usePrecompiled() {
  const original = WebAssembly.instantiateStreaming;
  if (typeof original !== "function") return;
  WebAssembly.instantiateStreaming = async function (source, imports) {
    const response = await source;
    const module = byResponse.get(response);
    if (!module) return original.call(this, response, imports);
    const ready = await module;
    return { module: ready, instance: await WebAssembly.instantiate(ready, imports) };
  };
}

/** Drops what was prepared and never taken (after the boot: e.g. the full boot's wheels on the snapshot path). */
export function forgetPrepared() {
  decoded.clear();
}
