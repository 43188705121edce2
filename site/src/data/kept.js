// The data kept in this browser when the user ticks "Keep my data in this browser" (issue 21, off by default): what
// the page used, as one JSON-able value in the run store (site/src/ui/run-store.js, keep/kept/forget), read back on
// reload. A palette or pairs file is kept as its text; an image as the downscaled RGBA pixels the page decoded (at
// most IMAGE_SIDE on the long side), base64. {version: 1, data: null} means "keep", with nothing loaded.
import { DataError, IMAGE_SIDE, MAX_TEXT_BYTES, base64FromBytes, bytesFromBase64 } from "./intake.js";

export const KEPT_VERSION = 1;
const KINDS = ["palette", "pairs", "image"];

/** The value to keep for what readData gave (`read`) and Python accepted as `kind`; null data: nothing loaded. */
export function keptValue(read, kind) {
  if (!read) return { version: KEPT_VERSION, data: null };
  if (read.kind === "image") {
    const { name, width, height } = read;
    return { version: KEPT_VERSION, data: { kind, name, width, height, rgba: base64FromBytes(read.rgba) } };
  }
  return { version: KEPT_VERSION, data: { kind, name: read.name, text: read.text } };
}

const isSide = (n) => Number.isInteger(n) && n >= 1 && n <= IMAGE_SIDE;

/**
 * A kept value read back → {kind, read} (read as readData gives it) or null when no data is kept; a damaged value
 * throws a DataError saying what is wrong with it.
 */
export function readKept(value) {
  const bad = (what) => new DataError(`the kept record is damaged: ${what}`);
  if (!value || typeof value !== "object" || value.version !== KEPT_VERSION) {
    throw bad(`version ${JSON.stringify(value && value.version)}, expected ${KEPT_VERSION}`);
  }
  const d = value.data;
  if (d === null) return null;
  if (!d || typeof d !== "object" || !KINDS.includes(d.kind) || typeof d.name !== "string") {
    throw bad("no kind or name");
  }
  if (d.kind !== "image") {
    if (typeof d.text !== "string" || d.text.length > MAX_TEXT_BYTES) throw bad("no text");
    return { kind: d.kind, read: { kind: "text", name: d.name, text: d.text } };
  }
  if (!isSide(d.width) || !isSide(d.height) || typeof d.rgba !== "string") throw bad("no image size or pixels");
  let rgba;
  try {
    rgba = bytesFromBase64(d.rgba);
  } catch {
    throw bad("the pixels are not base64");
  }
  if (rgba.length !== d.width * d.height * 4) {
    throw bad(`${rgba.length} bytes of pixels for a ${d.width} × ${d.height} image`);
  }
  return { kind: "image", read: { kind: "image", name: d.name, width: d.width, height: d.height, rgba } };
}
