// How a runtime file travels from the page to the worker, in a form every engine's worker can read from file://
// as well as http://: the windows-1252 text its bundle script carried (runtime/bundles.js). Posting a string is
// one copy, and no per-byte work on the page's main thread: the worker turns it into bytes and checks its sha256
// (worker/verify.js). Blobs would not do: WebKit gives each file:// document an opaque origin, and its worker can
// then read no Blob at all (NotReadableError, even one the worker made itself) nor importScripts() a blob: URL
// the worker made; it can import a blob: URL the page made (measured in WebKitGTK 2.50). Chromium is the other way
// round for scripts: from file:// it refuses a page-made blob: URL in the worker ("Not allowed to load local
// resource") and imports the worker's own. So the worker imports a script from a blob: URL of its own, and only
// when that fails asks the page for one ("script-url" event → "script-url" message), which is made here once per
// file and kept for restarts.
import { stringToBytes } from "./cp1252.js";

/** The runtime files the worker runs with importScripts(), in that order. */
export const WORKER_SCRIPTS = ["pyodide.asm.js", "pyodide.js"];

/** A file's shipped bytes, made on the page from its text (verified by the worker: a string cannot change). For
 * what the page itself needs (Save as HTML, Download for Python, WebKit's script URLs), never for the boot. */
export function shippedBytesOf(file) {
  return stringToBytes(file.text);
}

/** A file's bytes as a stream, gunzipped when it was shipped gzipped. The page decodes only the files the build
 * ships gzipped or as they are (tools/bundles.py page_decodes: WORKER_SCRIPTS and the colornet wheel); the worker
 * decodes the rest (worker/decode.js). */
export function decodedStream(file) {
  const raw = new Blob([shippedBytesOf(file)]).stream();
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

/** The "file" request for the worker (worker/verify.js reads it): the file's text and what to check it against. */
export function fileMessage(name, file) {
  return { name, stage: file.stage, source: file.source, text: file.text, sha256: file.sha256, codec: file.codec,
    xor: file.xor };
}
