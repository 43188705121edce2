// Starts Python from the build's memory snapshot (NumPy and colornet already imported; site/src/snapshot/): the
// snapshot, its meta and the wheels it names come from the worker's file store, the random seeds from the
// browser's entropy. Anything that keeps the snapshot from being used is a SnapshotError naming the reason, and
// boot.js then boots the full way.
import { SnapshotError, restoreSnapshot } from "../snapshot/restore.js";
import { glueDigest } from "../snapshot/glue.js";
import { lapTimer } from "../runtime/laps.js";
import { GLUE_DIR, GLUE_FILES } from "./glue-files.js";
import { takeDecoded } from "./prepare.js";

/** The runtime files of a build that made a snapshot (tools/snapshot.py, shipped by tools/bundles.py). */
export const SNAPSHOT_FILE = "pyodide-snapshot.bin";
export const SNAPSHOT_META = "pyodide-snapshot.json";

/** A shipped file's bytes, decoded; any failure is a SnapshotError with `reason`. */
async function fileBytes(store, known, name, reason) {
  if (!known(name)) throw new SnapshotError("missing file", `${name} is not in this build's runtime bundles`);
  try {
    return await takeDecoded(name, await store.get(name));
  } catch (err) {
    throw new SnapshotError(reason, `${name} could not be read: ${err.message}`, { cause: err });
  }
}

/**
 * The shipped snapshot is XORed with pyodide.asm.wasm's data segment where the heap holds it (tools/bundles.py
 * xor_plan: {file, from, length, at}); XORing again gives the heap back, in place.
 */
function undoXor(snapshot, { from, length, at }, wasm) {
  if (!(at >= 0 && from >= 0 && at + length <= snapshot.length && from + length <= wasm.length)) {
    throw new SnapshotError("corrupt snapshot", `its XOR region (${length} bytes at ${at}, from ${from} of the ` +
      `wasm) lies outside the ${snapshot.length}-byte snapshot or the ${wasm.length}-byte wasm`);
  }
  const segment = wasm.slice(from, from + length); // a copy, aligned: XORed a word at a time below
  const region = snapshot.subarray(at, at + length);
  let done = 0;
  if ((snapshot.byteOffset + at) % 4 === 0) {
    const words = length >> 2;
    const a = new Uint32Array(region.buffer, region.byteOffset, words);
    const b = new Uint32Array(segment.buffer, 0, words);
    for (let i = 0; i < words; i++) a[i] ^= b[i];
    done = words << 2;
  }
  for (let i = done; i < length; i++) region[i] ^= segment[i];
}

/** The snapshot's meta (JSON), or a SnapshotError. */
function parseMeta(bytes) {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new SnapshotError("corrupt snapshot", `${SNAPSHOT_META} is not JSON: ${err.message}`, { cause: err });
  }
}

/** The snapshot imported the page's Python glue (snapshot/glue.js): it must be this page's, byte for byte. */
async function checkGlue(meta) {
  if (!meta.glue) return; // a snapshot without the glue: the worker imports it after the restore
  const digest = await glueDigest(GLUE_DIR, GLUE_FILES);
  if (meta.glue.sha256 !== digest) {
    throw new SnapshotError("build mismatch", `the snapshot holds another version of the page's Python glue ` +
      `(sha256 ${meta.glue.sha256}, this page's ${digest})`);
  }
}

/**
 * startFromSnapshot({loadPyodide, indexURL, store, known, onFile, loadOptions, timings}) → pyodide
 * known(name): whether the build shipped that file; onFile(name): progress (the file being read).
 * The wheels' bytes stay with the interpreter (MEMFS keeps views into them): they are never transferred away.
 */
export async function startFromSnapshot({ loadPyodide, indexURL, store, known, onFile, loadOptions, timings = {} }) {
  if (!self.crypto || typeof self.crypto.getRandomValues !== "function") {
    throw new SnapshotError("unsupported", "this browser has no crypto.getRandomValues to seed the random generators");
  }
  onFile(SNAPSHOT_FILE);
  const lap = lapTimer(timings);
  if (known(SNAPSHOT_FILE)) await store.get(SNAPSHOT_FILE);
  lap("waitSnapshot"); // until the page has sent the snapshot's bundle
  const [snapshotBytes, metaBytes] = await Promise.all([
    fileBytes(store, known, SNAPSHOT_FILE, "corrupt snapshot"),
    fileBytes(store, known, SNAPSHOT_META, "corrupt snapshot"),
  ]);
  lap("decodeSnapshot");
  const { xor } = await store.get(SNAPSHOT_FILE);
  if (xor) undoXor(snapshotBytes, xor, await fileBytes(store, known, xor.file, "missing file"));
  lap("undoXor");
  const meta = parseMeta(metaBytes);
  if (!Array.isArray(meta.wheels)) throw new SnapshotError("corrupt snapshot", `${SNAPSHOT_META} names no wheels`);
  await checkGlue(meta);
  const wheels = await Promise.all(meta.wheels.map(async (name) =>
    ({ name, bytes: await fileBytes(store, known, name, "missing file") })));
  lap("wheels");
  const entropy = self.crypto.getRandomValues(new Uint8Array(32));
  return restoreSnapshot({ loadPyodide, indexURL, snapshotBytes, meta, wheels, entropy, loadOptions, timings });
}
