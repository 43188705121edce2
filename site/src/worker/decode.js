// A runtime file's shipped bytes back to the file, as the manifest's codec says (tools/bundles.py): "zstd" with
// zstddec's WebAssembly decoder (no browser decodes zstd from script), "gzip" with the browser's
// DecompressionStream, none as they are. zstddec loads its decoder from a data:
// URL through fetch; the worker's fetch shim answers data: URLs itself (offline-fetch.js), since the page's CSP
// refuses them to the real fetch.
import { ZSTDDecoder } from "zstddec";

const zstd = new ZSTDDecoder();

/** Per file: ms to decode its zstd data (the boot timings' `decode`). */
export const decodeTimings = {};

/** The bytes of a zstd frame, at the size its header records (the build writes it); failures are Errors. */
async function zstdBytes(file) {
  await zstd.init();
  const t = performance.now();
  const bytes = zstd.decode(file.bytes);
  if (file.name) decodeTimings[file.name] = (decodeTimings[file.name] || 0) + Math.round(performance.now() - t);
  if (bytes.length === 0 && file.bytes.length > 0) throw new Error("its zstd data does not decode");
  return bytes;
}

/** {bytes, codec} → the file's own bytes (a Uint8Array), decoded as the manifest says, without a Response's copy. */
export async function decodedBytes(file) {
  if (file.codec === "zstd") return zstdBytes(file);
  if (!file.codec) return file.bytes;
  return new Uint8Array(await new Response(await decodedBody(file)).arrayBuffer());
}

/**
 * {bytes, codec} (runtime/transfer.js) → the body of a Response of the file's own bytes: the decoded bytes
 * (zstd), or a stream decoded as it is read (gzip, so a wasm compiles while it decodes). zstd is decoded before
 * the Response exists, so its errors keep their message (Chromium reports a failed body stream as "Failed to
 * fetch").
 */
export async function decodedBody(file) {
  if (file.codec === "zstd") return zstdBytes(file);
  const raw = new Response(file.bytes).body;
  if (file.codec === "gzip") return raw.pipeThrough(new DecompressionStream("gzip"));
  if (file.codec) throw new TypeError(`unknown codec "${file.codec}" (the build writes "zstd", "gzip" or none)`);
  return raw;
}
