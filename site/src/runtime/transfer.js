// How a verified runtime file travels from the page to the worker, in a form every engine's worker can read from
// file:// as well as http://. WebKit gives each file:// document an opaque origin, and its worker can then read
// no Blob at all (NotReadableError, even one the worker made itself) nor importScripts() a blob: URL the worker
// made; it can read a transferred ArrayBuffer and import a blob: URL the page made (measured in WebKitGTK 2.50).
// Chromium is the other way round for scripts: from file:// it refuses a page-made blob: URL in the worker ("Not
// allowed to load local resource") and imports the worker's own. So every file goes as its bytes (transferred, not
// copied); the worker imports a script from a blob: URL of its own, and only when that fails asks the page for one
// ("script-url" event → "script-url" message), which is made here once per file and kept for restarts.

/** The runtime files the worker runs with importScripts(), in that order. */
export const WORKER_SCRIPTS = ["pyodide.asm.js", "pyodide.js"];

/** A verified file's bytes as a stream, gunzipped when it was shipped gzipped. The page decodes only the files
 * the build ships gzipped or as they are (tools/bundles.py page_decodes: WORKER_SCRIPTS and the colornet wheel);
 * the worker decodes the rest (worker/decode.js). */
export function decodedStream(file) {
  const raw = file.blob.stream();
  if (file.codec === "gzip") return raw.pipeThrough(new DecompressionStream("gzip"));
  if (file.codec) throw new TypeError(`the page cannot decode "${file.codec}" (only gzip; the worker decodes the rest)`);
  return raw;
}

/** A page-made blob: URL of the script's gunzipped text (made once per file; every worker boot may import it). */
export function scriptUrl(file) {
  file.scriptUrl ||= new Response(decodedStream(file), { headers: { "Content-Type": "text/javascript" } })
    .blob()
    .then((blob) => URL.createObjectURL(blob));
  return file.scriptUrl;
}

/**
 * The "file" message for the worker and its transfer list. `bytes` are the file's shipped bytes when the caller
 * has them and no longer needs them (they are transferred); otherwise they are read from the file's Blob.
 */
export async function fileMessage(name, file, bytes = null) {
  bytes ||= new Uint8Array(await file.blob.arrayBuffer());
  return [{ name, stage: file.stage, codec: file.codec, xor: file.xor, bytes }, [bytes.buffer]];
}
