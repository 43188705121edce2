// makeSnapshot: boots Pyodide in snapshot-making mode, unpacks the given wheels into site-packages, imports the
// given modules, and returns Pyodide's memory snapshot plus the metadata restore.js needs to re-link NumPy's
// extension modules (side modules) at the memory and table bases they had (the way Cloudflare's workerd does).
// Environment-neutral: the caller passes loadPyodide, the indexURL and the wheels' bytes.
import { DSO, SNAPSHOT_FORMAT, readHandle, unpackWheelsPython } from "./layout.js";

/**
 * makeSnapshot({loadPyodide, indexURL, wheels, imports, loadOptions}) → {bytes, meta}
 * wheels: [{name, bytes}] unpacked (Python's zipfile) into site-packages before the imports, exactly as restore
 * re-creates them. imports: module names imported before the snapshot (NumPy's side modules load then).
 */
export async function makeSnapshot({ loadPyodide, indexURL, wheels, imports = ["numpy", "colornet"], loadOptions = {} }) {
  const pyodide = await loadPyodide({ ...loadOptions, indexURL, _makeSnapshot: true });
  const module = pyodide._module;
  writeWheels(pyodide, wheels);
  pyodide.runPython(unpackWheelsPython(wheels.map((w) => w.name), []));
  // ctypes takes a function-table slot (a libffi closure) when imported; NumPy imports it. Import it before the
  // table is measured, so the slot lies below the recorded length and the side modules' bases come after it.
  pyodide.runPython("import ctypes");
  const tableLength = module.wasmTable.length;
  const freeTableIndexes = [...module.freeTableIndexes];
  pyodide.runPython(imports.map((name) => `import ${name}`).join("\n"));
  const handles = Object.keys(module.LDSO.loadedLibsByHandle)
    .map(Number)
    .filter((handle) => handle !== 0)
    .map((handle) => readHandle(module.HEAPU32, module.UTF8ToString, handle))
    .sort((a, b) => a.tableAddr - b.tableAddr);
  const bytes = pyodide.makeMemorySnapshot();
  const meta = {
    format: SNAPSHOT_FORMAT,
    pyodide: pyodide.version,
    buildId: pyodide._api.config.BUILD_ID,
    bytes: bytes.length,
    tableLength,
    freeTableIndexes,
    tableLengthAfter: module.wasmTable.length,
    handles,
    wheels: wheels.map((w) => w.name),
    imports,
    dsoOffsets: DSO,
  };
  return { bytes, meta, pyodide };
}

function writeWheels(pyodide, wheels) {
  pyodide.FS.mkdirTree("/tmp/snapshot-wheels");
  for (const { name, bytes } of wheels) pyodide.FS.writeFile(`/tmp/snapshot-wheels/${name}`, bytes);
}
export { writeWheels };
