// What make.js and restore.js share: the snapshot format's version, the byte offsets of Emscripten's `struct dso`
// fields (Emscripten 3.1.58 as built into Pyodide 0.27.7: struct_info_generated.json), and where wheels unpack.

export const SNAPSHOT_FORMAT = 1;

// struct dso: flags 4, mem_allocated 8 (a byte), mem_addr 12, mem_size 16, table_addr 20, table_size 24,
// file_data 28, file_data_size 32, name 36 (a char array).
export const DSO = { flags: 4, memAllocated: 8, memAddr: 12, memSize: 16, tableAddr: 20, tableSize: 24,
  fileData: 28, fileDataSize: 32, name: 36 };

/** The recorded fields of one loaded library's `struct dso` at `handle` (a heap address). */
export function readHandle(heapU32, utf8ToString, handle) {
  const u32 = (offset) => heapU32[(handle + offset) >>> 2];
  return {
    handle,
    name: utf8ToString(handle + DSO.name),
    memAllocated: (u32(DSO.memAllocated) & 0xff) === 1,
    memAddr: u32(DSO.memAddr),
    memSize: u32(DSO.memSize),
    tableAddr: u32(DSO.tableAddr),
    tableSize: u32(DSO.tableSize),
    fileData: u32(DSO.fileData),
    fileDataSize: u32(DSO.fileDataSize),
  };
}

/** Where Python's site-packages is in this runtime (Pyodide sets it before Python starts). */
export function sitePackages(pyodide) {
  return pyodide._api.sitePackages;
}

/** The metadata file that goes with a snapshot file: NAME.bin or NAME.bin.gz → NAME.json. */
export function snapshotMetaPath(snapshotPath) {
  return snapshotPath.replace(/\.bin(\.gz)?$/, "") + ".json";
}
