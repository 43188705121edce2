// Your own data, read in the tab: a dropped, opened or pasted file becomes either text (a palette or colour pairs,
// parsed by colornet.datasets in the worker) or the pixels of an image, decoded by the browser and downscaled.
// Nothing here touches the network; every refusal is one plain sentence naming the file and what is allowed.
import { formatCount } from "../locale.js";

export const MAX_TEXT_BYTES = 5_000_000;         // same cap as colornet.datasets.MAX_TEXT_BYTES
export const MAX_IMAGE_BYTES = 40_000_000;       // a compressed image larger than this is refused before decoding
export const MAX_IMAGE_PIXELS = 50_000_000;      // width × height as the file's header states it (e.g. 7,071²)
export const IMAGE_SIDE = 256;                   // the long side the image is decoded to, for training and views

export class DataError extends Error {}

const TEXT_TYPES = /\.(txt|csv|json|gpl|hex|tsv)$/i;

/** The image format its first bytes prove, or null: the name and MIME type are not trusted. */
export function sniffImage(bytes) {
  const b = bytes;
  if (b.length >= 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return "png";
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 30 && String.fromCharCode(...b.slice(0, 4)) === "RIFF" &&
      String.fromCharCode(...b.slice(8, 12)) === "WEBP") return "webp";
  return null;
}

/** Width and height as the header states them (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/VP8X), or null. */
export function imageSize(bytes, format) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === "png") return { width: view.getUint32(16), height: view.getUint32(20) };
  if (format === "webp") {
    const chunk = String.fromCharCode(...bytes.slice(12, 16));
    if (chunk === "VP8X") {
      const u24 = (o) => bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16);
      return { width: u24(24) + 1, height: u24(27) + 1 };
    }
    if (chunk === "VP8L") {
      const bits = view.getUint32(21, true);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === "VP8 ") return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
    return null;
  }
  if (format === "jpeg") {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1];
      const length = view.getUint16(i + 2);
      const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
      if (isFrame) return { width: view.getUint16(i + 7), height: view.getUint16(i + 5) };
      i += 2 + length;
    }
  }
  return null;
}

function plural(n, word) {
  return `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
}

/** The long side scaled to IMAGE_SIDE at most, keeping the aspect ratio. */
export function fitSize(width, height, side = IMAGE_SIDE) {
  const scale = Math.min(1, side / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function decodeImage(name, bytes, format) {
  const size = imageSize(bytes, format);
  if (!size || !size.width || !size.height) {
    throw new DataError(`${name}: the ${format.toUpperCase()} header is broken; the file cannot be read as an image`);
  }
  if (size.width * size.height > MAX_IMAGE_PIXELS) {
    throw new DataError(`${name}: ${formatCount(size.width)} × ${formatCount(size.height)} pixels; ` +
      `images up to ${formatCount(MAX_IMAGE_PIXELS)} pixels are accepted`);
  }
  const fit = fitSize(size.width, size.height);
  let bitmap;
  try {
    // Decoding happens off the main thread; the resize keeps the bitmap small whatever the photo's size.
    bitmap = await createImageBitmap(new Blob([bytes], { type: `image/${format}` }), {
      resizeWidth: fit.width, resizeHeight: fit.height, resizeQuality: "medium" });
  } catch (error) {
    throw new DataError(`${name}: the browser could not decode this ${format.toUpperCase()} image (${error.message})`);
  }
  const canvas = typeof OffscreenCanvas === "function" ? new OffscreenCanvas(fit.width, fit.height)
    : Object.assign(document.createElement("canvas"), fit);
  const context = canvas.getContext("2d", { willReadFrequently: true });
  context.drawImage(bitmap, 0, 0, fit.width, fit.height);
  bitmap.close?.();
  const rgba = context.getImageData(0, 0, fit.width, fit.height).data;
  return { kind: "image", name, width: fit.width, height: fit.height, original: size, rgba: new Uint8Array(rgba.buffer) };
}

/**
 * Reads what the user gave: a File (dropped or opened), or pasted text.
 * Resolves to {kind: "text", name, text} or {kind: "image", name, width, height, original, rgba}; rejects with a
 * DataError whose message is one sentence for the page.
 */
export async function readData(source, name = "pasted text") {
  if (typeof source === "string") {
    if (source.length > MAX_TEXT_BYTES) {
      throw new DataError(`${name}: ${plural(source.length, "character")}; at most ${plural(MAX_TEXT_BYTES, "character")} are accepted`);
    }
    return { kind: "text", name, text: source };
  }
  const file = source;
  name = file.name || name;
  if (file.size === 0) throw new DataError(`${name}: the file is empty; give a palette, colour pairs or an image`);
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  const format = sniffImage(head);
  if (format) {
    if (file.size > MAX_IMAGE_BYTES) {
      throw new DataError(`${name}: ${plural(file.size, "byte")}; images up to ${plural(MAX_IMAGE_BYTES, "byte")} are accepted`);
    }
    return decodeImage(name, new Uint8Array(await file.arrayBuffer()), format);
  }
  if (/^image\//.test(file.type) || /\.(png|jpe?g|webp)$/i.test(name)) {
    throw new DataError(`${name}: it is named as an image, but its bytes are not PNG, JPEG or WebP`);
  }
  if (file.size > MAX_TEXT_BYTES) {
    throw new DataError(`${name}: ${plural(file.size, "byte")}; palettes and pair files up to ${plural(MAX_TEXT_BYTES, "byte")} are accepted`);
  }
  if (!TEXT_TYPES.test(name) && file.type && !/^(text\/|application\/json)/.test(file.type)) {
    throw new DataError(`${name}: a ${file.type} file; give a palette or pairs (.txt, .csv, .json, .gpl) or an image (PNG, JPEG, WebP)`);
  }
  return { kind: "text", name, text: await file.text() };
}

/** Base64 of bytes, for `playground.loadData(name, base64)` of images (tests and the console). */
export function bytesFromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The base64 text of bytes (the kept image's pixels, site/src/data/kept.js), in chunks the call stack takes. */
export function base64FromBytes(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
