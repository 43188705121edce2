// restoreSnapshot: boots Pyodide from a memory snapshot that make.js took after `import numpy` (and colornet),
// re-linking NumPy's extension modules (side modules) at their recorded memory and table bases before Pyodide
// copies the heap back (the way Cloudflare's workerd does, but through Emscripten's own dlopenInternal, which
// reuses a handle's recorded bases). Then it re-creates the wheels' files in MEMFS (the heap holds the imported
// modules, not the files) and reseeds the random generators from the caller's entropy.
// Environment-neutral (Worker or Node): the caller passes loadPyodide, the indexURL, the bytes and the wheels.
// Every reason the snapshot cannot be used is a SnapshotError, so the caller can boot the normal way instead.
import { SNAPSHOT_FORMAT, readHandle, sitePackages } from "./layout.js";
import { withCreateModuleHook } from "./create-hook.js";
import { libraryBytes, putLibraryBytes } from "./library-bytes.js";
import { compileLibraries, withPrecompiled } from "./precompiled.js";
import { lapTimer } from "../runtime/laps.js";
import { ZipError, unpackStoredZip } from "./stored-zip.js";

export const REASONS = Object.freeze(["build mismatch", "table-base drift", "corrupt snapshot", "missing file",
  "relink failed", "restore failed", "unsupported"]);

export class SnapshotError extends Error {
  constructor(reason, detail, options) {
    super(`snapshot not usable (${reason}): ${detail}`, options);
    this.name = "SnapshotError";
    this.reason = reason;
    this.detail = detail;
  }
}

const MAGIC_OFFSET = 0; // Pyodide's snapshot header: u32 magic, u32 heap offset, u32 JSON length, u32 0, build id
const HEAP_OFFSET = 1;

/**
 * restoreSnapshot({loadPyodide, indexURL, snapshotBytes, meta, wheels, entropy, loadOptions, timings}) → pyodide
 * wheels: [{name, bytes}] (Uint8Array) for every name in meta.wheels; MEMFS keeps views into these bytes.
 * entropy: at least 32 random bytes (Uint8Array). timings (optional): an object that gets the milliseconds of
 * each step (runtime, compileWait, heapCopy, relink, loadPyodide, files, reseed).
 * Throws a SnapshotError naming the reason when the snapshot does not fit this runtime or the restore fails.
 */
export async function restoreSnapshot({ loadPyodide, indexURL, snapshotBytes, meta, wheels, entropy,
  loadOptions = {}, timings = {} }) {
  const lap = lapTimer(timings);
  const bytes = checkBytes(snapshotBytes, meta);
  const wheelBytes = new Map((wheels || []).map((w) => [w.name, w.bytes]));
  const missing = meta.wheels.filter((name) => !wheelBytes.has(name));
  if (missing.length) throw new SnapshotError("missing file", `no bytes for ${missing.join(", ")}`);
  if (!(entropy instanceof Uint8Array) || entropy.length < 32) {
    throw new SnapshotError("unsupported", `entropy must be a Uint8Array of at least 32 bytes, got ${entropy}`);
  }
  const libraries = readLibraries(meta, wheelBytes);
  // Compiled on the engine's background threads while the runtime starts; relink takes them (precompiled.js).
  const compiling = compileLibraries(libraries);
  try {
    const pyodide = await withCreateModuleHook({ afterCreate: async (module) => {
      lap("runtime");
      const compiled = await compiling;
      lap("compileWait");
      withPrecompiled(compiled, (use) => relink(module, bytes, meta, libraries, lap, use));
      lap("relink");
    } }, () => loadPyodide({ ...loadOptions, indexURL, _loadSnapshot: bytes }));
    putLibraryBytes(pyodide._module.HEAPU8, libraries); // Pyodide's heap copy zeroed them again
    lap("loadPyodide");
    recreateFiles(pyodide, meta, wheelBytes);
    lap("files");
    reseed(pyodide, entropy);
    lap("reseed");
    return pyodide;
  } catch (err) {
    throw asSnapshotError(err);
  }
}

/** The side modules' bytes that make.js left out of the snapshot, from the wheels (library-bytes.js). */
function readLibraries(meta, wheelBytes) {
  const wheels = meta.wheels.map((name) => ({ name, bytes: wheelBytes.get(name) }));
  try {
    return libraryBytes(meta.handles, wheels, meta.sitePackages, (handle, length) => {
      throw new SnapshotError("build mismatch",
        `${handle.bytesFrom.entry} in ${handle.bytesFrom.wheel} has ${length} bytes, the snapshot's has ${handle.fileDataSize}`);
    });
  } catch (err) {
    if (err instanceof ZipError) throw new SnapshotError("missing file", err.message, { cause: err });
    throw err;
  }
}

/** Pyodide's own snapshot errors (its header's magic and build id) and anything else, as a SnapshotError. */
function asSnapshotError(err) {
  if (err instanceof SnapshotError) return err;
  const message = String((err && err.message) || err);
  if (/build id mismatch/i.test(message)) return new SnapshotError("build mismatch", message, { cause: err });
  if (/invalid magic number/i.test(message)) return new SnapshotError("corrupt snapshot", message, { cause: err });
  return new SnapshotError("restore failed", message.trim().split("\n").pop(), { cause: err });
}

/**
 * Writes the wheels' files back into site-packages: the heap holds the imported modules, but MEMFS (JS objects)
 * is not in the snapshot, and Python reads files later (lazy imports, tracebacks, package metadata). The side
 * modules already linked are left out: dlopen finds them loaded, by name, in the restored heap.
 */
function recreateFiles(pyodide, meta, wheelBytes) {
  const skip = new Set(meta.handles.map((h) => h.name));
  const site = sitePackages(pyodide);
  try {
    for (const name of meta.wheels) unpackStoredZip(pyodide.FS, wheelBytes.get(name), site, { zipName: name, skip });
  } catch (err) {
    if (err instanceof ZipError) throw new SnapshotError("missing file", err.message, { cause: err });
    throw err;
  }
  // Only the directory finders' listings: importlib.invalidate_caches() would also re-read the stdlib zip's
  // directory (zipimporter) and import importlib.metadata, over a second on a busy machine, for nothing.
  pyodide.runPython(`
import sys, importlib.machinery
for finder in list(sys.path_importer_cache.values()):
    if isinstance(finder, importlib.machinery.FileFinder):
        finder.invalidate_caches()`);
}

/** The snapshot's bytes as a Uint8Array, checked against meta (format, length, Pyodide's header). */
function checkBytes(snapshotBytes, meta) {
  if (!meta || meta.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotError("build mismatch", `snapshot format ${meta && meta.format}, this page reads ${SNAPSHOT_FORMAT}`);
  }
  const bytes = snapshotBytes instanceof Uint8Array ? snapshotBytes : new Uint8Array(snapshotBytes);
  if (bytes.length !== meta.bytes || bytes.length % 4 !== 0 || bytes.byteOffset % 4 !== 0) {
    throw new SnapshotError("corrupt snapshot", `${bytes.length} bytes, the build recorded ${meta.bytes}`);
  }
  const header = new Uint32Array(bytes.buffer, bytes.byteOffset, 4);
  if (header[HEAP_OFFSET] >= bytes.length || header[HEAP_OFFSET] % 16 !== 0) {
    throw new SnapshotError("corrupt snapshot", `heap offset ${header[HEAP_OFFSET]} in a ${bytes.length}-byte snapshot`);
  }
  return bytes;
}

/**
 * Re-links the recorded side modules into a fresh runtime (Module), in their recorded order, at their recorded
 * bases. The heap is copied first (the handles, their recorded bases and the libraries' bytes live in it); each
 * library's data segments and constructors then overwrite parts of it, which Pyodide's own copy undoes afterwards.
 */
function relink(module, bytes, meta, libraries, lap = () => {}, use = () => {}) {
  const buildId = module.API.config.BUILD_ID;
  if (buildId !== meta.buildId) {
    throw new SnapshotError("build mismatch", `the snapshot is for build ${meta.buildId}, this runtime is ${buildId}`);
  }
  const table = module.wasmTable;
  const room = meta.freshTableLength + meta.tablePadding;
  if (table.length > room) {
    throw new SnapshotError("table-base drift", `the fresh runtime's function table has ${table.length} slots, ` +
      `more than the ${room} the snapshot left free (${meta.freshTableLength} when it was made + ${meta.tablePadding})`);
  }
  const heapStart = new Uint32Array(bytes.buffer, bytes.byteOffset, 4)[HEAP_OFFSET];
  if (module.HEAP8.length < bytes.length - heapStart) {
    throw new SnapshotError("corrupt snapshot", `heap of ${bytes.length - heapStart} bytes in a ${module.HEAP8.length}-byte memory`);
  }
  module.HEAP8.set(new Int8Array(bytes.buffer, bytes.byteOffset + heapStart, bytes.length - heapStart));
  putLibraryBytes(module.HEAPU8, libraries);
  lap("heapCopy");
  table.grow(meta.tableLength - table.length);
  module.freeTableIndexes.splice(0, module.freeTableIndexes.length, ...meta.freeTableIndexes);
  for (const recorded of meta.handles) {
    const found = readHandle(module.HEAPU32, module.UTF8ToString, recorded.handle);
    for (const field of ["name", "memAddr", "memSize", "tableAddr", "tableSize"]) {
      if (found[field] !== recorded[field]) {
        throw new SnapshotError("corrupt snapshot",
          `handle ${recorded.handle} (${recorded.name}): ${field} is ${found[field]} in the heap, ${recorded[field]} in meta`);
      }
    }
    if (table.length !== recorded.tableAddr) {
      throw new SnapshotError("table-base drift",
        `${recorded.name}: the table has ${table.length} slots, its recorded table base is ${recorded.tableAddr}`);
    }
    use(recorded.handle); // its compiled module, if there is one, stands in for compiling it here
    module.dlopenInternal(recorded.handle, { loadAsync: false });
    if (!module.LDSO.loadedLibsByHandle[recorded.handle]) {
      throw new SnapshotError("relink failed", `${recorded.name} (handle ${recorded.handle}) did not load`);
    }
  }
  if (table.length !== meta.tableLengthAfter) {
    throw new SnapshotError("table-base drift",
      `after re-linking the table has ${table.length} slots, ${meta.tableLengthAfter} recorded`);
  }
}

/**
 * Reseeds `random` and NumPy's global generator (if imported) from entropy, so restores do not share a stream:
 * the first half seeds `random`, the second half NumPy (two independent streams, though both are Mersenne Twisters).
 */
function reseed(pyodide, entropy) {
  const half = entropy.length >> 1;
  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const words = Array.from(new Uint32Array(entropy.slice(half, half + ((entropy.length - half) & ~3)).buffer));
  pyodide.runPython(`
def _reseed(python_seed, numpy_words):
    import sys
    if "random" in sys.modules:
        sys.modules["random"].seed(python_seed)
    if "numpy.random" in sys.modules:
        sys.modules["numpy.random"].seed(numpy_words)
_reseed(bytes.fromhex(${JSON.stringify(hex(entropy.subarray(0, half)))}), ${JSON.stringify(words)})
del _reseed
`);
}
