// Starts Python from the build's memory snapshot (NumPy and colornet already imported; site/src/snapshot/): the
// snapshot, its meta and the wheels it names come from the worker's file store, the random seeds from the
// browser's entropy. Anything that keeps the snapshot from being used is a SnapshotError naming the reason, and
// boot.js then boots the full way.
import { SnapshotError, restoreSnapshot } from "../snapshot/restore.js";
import { fileResponse } from "./offline-fetch.js";

/** The runtime files of a build that made a snapshot (tools/snapshot.py, shipped by tools/bundles.py). */
export const SNAPSHOT_FILE = "pyodide-snapshot.bin";
export const SNAPSHOT_META = "pyodide-snapshot.json";

/** A shipped file's bytes, decoded; any failure is a SnapshotError with `reason`. */
async function fileBytes(store, known, name, reason) {
  if (!known(name)) throw new SnapshotError("missing file", `${name} is not in this build's runtime bundles`);
  try {
    return new Uint8Array(await (await fileResponse(name, await store.get(name))).arrayBuffer());
  } catch (err) {
    throw new SnapshotError(reason, `${name} could not be read: ${err.message}`, { cause: err });
  }
}

/** The snapshot's meta (JSON), or a SnapshotError. */
function parseMeta(bytes) {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new SnapshotError("corrupt snapshot", `${SNAPSHOT_META} is not JSON: ${err.message}`, { cause: err });
  }
}

/**
 * startFromSnapshot({loadPyodide, indexURL, store, known, onFile, loadOptions, timings}) → pyodide
 * known(name): whether the build shipped that file; onFile(name): progress (the file being read).
 * The wheels' bytes stay with the interpreter (MEMFS keeps views into them): they are never transferred away.
 */
export async function startFromSnapshot({ loadPyodide, indexURL, store, known, onFile, loadOptions, timings }) {
  if (!self.crypto || typeof self.crypto.getRandomValues !== "function") {
    throw new SnapshotError("unsupported", "this browser has no crypto.getRandomValues to seed the random generators");
  }
  onFile(SNAPSHOT_FILE);
  const [snapshotBytes, metaBytes] = await Promise.all([
    fileBytes(store, known, SNAPSHOT_FILE, "corrupt snapshot"),
    fileBytes(store, known, SNAPSHOT_META, "corrupt snapshot"),
  ]);
  const meta = parseMeta(metaBytes);
  if (!Array.isArray(meta.wheels)) throw new SnapshotError("corrupt snapshot", `${SNAPSHOT_META} names no wheels`);
  const wheels = await Promise.all(meta.wheels.map(async (name) =>
    ({ name, bytes: await fileBytes(store, known, name, "missing file") })));
  const entropy = self.crypto.getRandomValues(new Uint8Array(32));
  return restoreSnapshot({ loadPyodide, indexURL, snapshotBytes, meta, wheels, entropy, loadOptions, timings });
}
