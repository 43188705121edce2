// makeSnapshot: boots Pyodide in snapshot-making mode, unpacks the given wheels into site-packages, imports the
// given modules, and returns Pyodide's memory snapshot plus the metadata restore.js needs to re-link NumPy's
// extension modules (side modules) at the memory and table bases they had (the way Cloudflare's workerd does).
// Environment-neutral: the caller passes loadPyodide, the indexURL and the wheels' bytes.
import { DSO, SNAPSHOT_FORMAT, readHandle, sitePackages } from "./layout.js";
import { withCreateModuleHook } from "./create-hook.js";
import { glueDigest, importGlue } from "./glue.js";
import { dropLibraryBytes } from "./library-bytes.js";
import { unpackStoredZip } from "./stored-zip.js";

// Function-table slots left empty after the runtime's own, before Python starts: a browser's fresh runtime can take
// more than Node's (Chromium and Firefox support WebAssembly GC, so Pyodide adds its count-args helper there, one
// slot; Node 20 does not), and the side modules' recorded table bases must lie above all of them.
export const TABLE_PADDING = 16;

// numpy.random: the first Run draws initial weights with it, and importing it links eight more side modules.
export const DEFAULT_IMPORTS = Object.freeze(["numpy", "numpy.random", "colornet"]);

/**
 * makeSnapshot({loadPyodide, indexURL, wheels, imports, glue, loadOptions}) → {bytes, meta, pyodide}
 * wheels: [{name, bytes}] (stored zips) unpacked into site-packages before the imports, exactly as restore
 * re-creates them. imports: modules imported before the snapshot (NumPy's side modules are linked then).
 * glue (optional): {dir, files: {name.py: text}}, the page's Python glue, imported too (glue.js); meta.glue
 * records its directory, modules and digest.
 * The side modules' copies in the heap are zeroed where the wheels hold the same bytes (library-bytes.js).
 */
export async function makeSnapshot({ loadPyodide, indexURL, wheels, imports = DEFAULT_IMPORTS, glue = null,
  loadOptions = {} }) {
  let freshTableLength;
  const padTable = (module) => {
    freshTableLength = module.wasmTable.length;
    module.wasmTable.grow(TABLE_PADDING);
  };
  const pyodide = await withCreateModuleHook({
    beforeCreate: (settings) => (settings.preRun = [...(settings.preRun || []), padTable]),
  }, () => loadPyodide({ ...loadOptions, indexURL, _makeSnapshot: true }));
  const module = pyodide._module;
  const site = sitePackages(pyodide);
  for (const { name, bytes } of wheels) unpackStoredZip(pyodide.FS, bytes, site, { zipName: name });
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  // ctypes (NumPy imports it) can take function-table slots for libffi closures: importing it before the table is
  // measured keeps any such slot below the recorded length, so only the side modules' slots come after it.
  pyodide.runPython("import ctypes");
  const tableLength = module.wasmTable.length;
  const freeTableIndexes = [...module.freeTableIndexes];
  pyodide.runPython(imports.map((name) => `import ${name}`).join("\n"));
  // Before the handles are read: a library the glue's imports link must be re-linked like NumPy's.
  const glueMeta = glue && { dir: glue.dir, modules: importGlue(pyodide, glue.dir, glue.files),
    sha256: await glueDigest(glue.dir, glue.files) };
  const handles = Object.keys(module.LDSO.loadedLibsByHandle)
    .map(Number)
    .filter((handle) => handle !== 0)
    .map((handle) => readHandle(module.HEAPU32, module.UTF8ToString, handle))
    .sort((a, b) => a.tableAddr - b.tableAddr);
  const bytes = pyodide.makeMemorySnapshot();
  const heapStart = new Uint32Array(bytes.buffer, bytes.byteOffset, 4)[1]; // Pyodide's header: heap offset
  const libraryBytesDropped = dropLibraryBytes(bytes, heapStart, handles, wheels, site);
  const meta = {
    format: SNAPSHOT_FORMAT,
    pyodide: pyodide.version,
    buildId: pyodide._api.config.BUILD_ID,
    bytes: bytes.length,
    freshTableLength,
    tablePadding: TABLE_PADDING,
    tableLength,
    freeTableIndexes,
    tableLengthAfter: module.wasmTable.length,
    handles,
    libraryBytesDropped,
    sitePackages: site,
    wheels: wheels.map((w) => w.name),
    imports: [...imports],
    glue: glueMeta,
    dsoOffsets: DSO,
  };
  return { bytes, meta, pyodide };
}
