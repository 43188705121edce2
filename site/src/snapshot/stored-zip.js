// Reads a zip whose entries are stored (not compressed), as build.py repacks every wheel the page ships
// (tools/zips.py): the entries are views into the zip's bytes, so unpacking costs one copy per file.

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

export class ZipError extends Error {
  constructor(message) {
    super(message);
    this.name = "ZipError";
  }
}

/** [{name, data}] for each file entry (directories left out) of the stored zip `bytes` (a Uint8Array). */
export function storedEntries(bytes, zipName = "zip") {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY) end--;
  if (end < 0) throw new ZipError(`${zipName}: no end-of-central-directory record (not a zip, or truncated)`);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_FILE_HEADER) {
      throw new ZipError(`${zipName}: central directory entry ${i} is damaged`);
    }
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue;
    if (method !== 0) throw new ZipError(`${zipName}: ${name} is compressed (method ${method}); only stored entries are read`);
    if (view.getUint32(local, true) !== LOCAL_FILE_HEADER) throw new ZipError(`${zipName}: ${name} has no local header`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + size > bytes.length) throw new ZipError(`${zipName}: ${name} runs past the end of the zip`);
    entries.push({ name, data: bytes.subarray(start, start + size) });
  }
  return entries;
}

/**
 * Writes the stored zip's files under `dir` in Emscripten's FS, leaving out the absolute paths in `skip`. MEMFS
 * keeps each file as a view into `bytes` (canOwn: no copy), so the caller must not change `bytes` afterwards.
 */
export function unpackStoredZip(FS, bytes, dir, { zipName, skip = new Set() } = {}) {
  const made = new Set();
  let written = 0;
  for (const { name, data } of storedEntries(bytes, zipName)) {
    const path = `${dir}/${name}`;
    if (skip.has(path)) continue;
    const parent = path.slice(0, path.lastIndexOf("/"));
    if (!made.has(parent)) {
      FS.mkdirTree(parent);
      made.add(parent);
    }
    FS.writeFile(path, data, { canOwn: true });
    written++;
  }
  return written;
}
