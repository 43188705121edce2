// The side modules' bytes in the snapshot: dlopen keeps a copy of each loaded library at its `struct dso`'s
// file_data, so the heap holds NumPy's .so files (7.4 MB) that the NumPy wheel, shipped beside the snapshot, holds
// too. make.js zeroes that copy when it equals the wheel's file (smaller snapshot, better gzip); restore.js puts
// the wheel's bytes back before re-linking (dlopen reads them there) and after Pyodide's heap copy.
import { storedEntries } from "./stored-zip.js";

/** {site-packages path: {wheel, entry, data}} for every file of the stored-zip wheels ([{name, bytes}]). */
function wheelFiles(wheels, site) {
  const files = new Map();
  for (const { name, bytes } of wheels) {
    for (const { name: entry, data } of storedEntries(bytes, name)) files.set(`${site}/${entry}`, { wheel: name, entry, data });
  }
  return files;
}

/**
 * Zeroes, in the snapshot `bytes` (heap from heapStart), each handle's library copy that equals its wheel file,
 * and records where it comes from as handle.bytesFrom = {wheel, entry}. Returns the number of bytes zeroed.
 */
export function dropLibraryBytes(bytes, heapStart, handles, wheels, site) {
  const files = wheelFiles(wheels, site);
  let dropped = 0;
  for (const handle of handles) {
    const file = files.get(handle.name);
    const start = heapStart + handle.fileData;
    const copy = bytes.subarray(start, start + handle.fileDataSize);
    if (!file || file.data.length !== copy.length || !file.data.every((b, i) => b === copy[i])) continue;
    copy.fill(0);
    handle.bytesFrom = { wheel: file.wheel, entry: file.entry };
    dropped += copy.length;
  }
  return dropped;
}

/**
 * [[handle, data]] for the handles whose library bytes make.js dropped, read from the wheels; a file of another
 * length than recorded means the wheel is not the one the snapshot was made with: onMismatch(handle, length),
 * which must throw.
 */
export function libraryBytes(handles, wheels, site, onMismatch) {
  const files = wheelFiles(wheels, site);
  return handles.filter((h) => h.bytesFrom).map((h) => {
    const file = files.get(`${site}/${h.bytesFrom.entry}`);
    if (!file || file.data.length !== h.fileDataSize) onMismatch(h, file ? file.data.length : 0);
    return [h, file.data];
  });
}

/** Writes each library's bytes back at its handle's file_data in the heap (HEAPU8). */
export function putLibraryBytes(heapU8, libraries) {
  for (const [handle, data] of libraries) heapU8.set(data, handle.fileData);
}
