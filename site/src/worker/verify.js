// A runtime file as the page hands it over (runtime/transfer.js fileMessage): the windows-1252 text its bundle
// script carried. Here, off the page's main thread, it becomes the shipped bytes again and its sha256 is checked
// against the build's manifest, so a corrupt or swapped bundle is still caught and named by stage and file.
import { BootError } from "../runtime/errors.js";
import { stringToBytes } from "../runtime/cp1252.js";
import { sha256Hex } from "../runtime/sha256.js";

/**
 * {name, stage, source, text, sha256, codec, xor} → {file: {name, stage, codec, xor, bytes}, timings: {toBytes,
 * hash}} (ms). `source` names the bundle for messages (dist/runtime-wasm.js, or the single file's bundle).
 * Throws a BootError naming the stage and the file when the text is not windows-1252 or its sha256 differs.
 */
export async function verifiedFile({ name, stage, source, text, sha256, codec, xor }) {
  const t0 = performance.now();
  let bytes;
  try {
    bytes = stringToBytes(text);
  } catch (err) {
    throw new BootError(stage, name, `corrupt data in ${source} (${err.message})`, { cause: err });
  }
  const t1 = performance.now();
  const digest = await sha256Hex(bytes);
  if (digest !== sha256) throw new BootError(stage, name, `sha256 mismatch in ${source}: expected ${sha256}, got ${digest}`);
  return { file: { name, stage, codec, xor, bytes },
    timings: { toBytes: Math.round(t1 - t0), hash: Math.round(performance.now() - t1) } };
}
