// Loads the runtime bundles (site/dist/runtime-*.js) with <script> tags — the one way a file:// page can read
// local files in every browser — and turns each carried file into verified bytes.
//
// A bundle script calls self.colornetRuntimeBundle(name, {fileName: bytes, ...}). Each file's sha256 (of the
// shipped, possibly compressed bytes) comes from the build's manifest, embedded in boot.js, so a missing, truncated,
// corrupt or swapped bundle is caught here and reported by stage and file name.
import { BootError } from "./errors.js";
import { CP1252_80_9F } from "./cp1252.js";
import { sha256Hex } from "./sha256.js";
import { afterPageMade } from "./page-made.js";

let bundleCharset = "windows-1252";
/** Per bundle: when loading started, ms to load the script, ms to decode + verify (for the boot timings). */
export const bundleTimings = {};
const received = new Map(); // bundle name → {fileName: one character per byte}
const waiting = new Map(); // bundle name → resolve()

self.colornetRuntimeBundle = (name, files) => {
  received.set(name, files);
  const resolve = waiting.get(name);
  if (resolve) resolve();
};

// The bundles carry bytes as one character per byte in a script decoded as windows-1252 (see tools/bundles.py,
// js_byte_string). WHATWG's windows-1252 maps 0x80–0x9F to these code points; every other byte to itself.
const CODE_TO_BYTE = new Int16Array(0x2123).fill(-1);
for (let b = 0; b < 256; b++) CODE_TO_BYTE[b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80] : b] = b;

/** The bytes a windows-1252-decoded string stands for; throws on a character no byte decodes to. */
export function stringToBytes(text) {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const b = code < 0x2123 ? CODE_TO_BYTE[code] : -1;
    if (b < 0) throw new Error(`character U+${code.toString(16)} at offset ${i} is not a windows-1252 byte: the bundle was decoded with another charset (a web server must not send charset=utf-8 for dist/runtime-*.js)`);
    bytes[i] = b;
  }
  return bytes;
}

/** The single .html file (site/colornet-playground.html) carries the bundles as inline scripts after the page:
 * wait for each to register; one that has not when the document is parsed was cut off or altered. */
function awaitInlineBundle(bundleName, info) {
  return new Promise((resolve, reject) => {
    waiting.set(bundleName, () => resolve(received.get(bundleName)));
    const check = () => {
      if (!received.has(bundleName)) {
        reject(new BootError(info.stage, info.file, "the bundle is truncated or corrupt: it did not register its files"));
      }
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check, { once: true });
    else check();
  });
}

/** Inserts the bundle's <script> tag, once the page has made itself (page-made.js): resolves with its
 * {fileName: text} or rejects naming the file. */
function loadScript(bundleName, info) {
  if (received.has(bundleName)) return Promise.resolve(received.get(bundleName));
  if (self.colornetSingleFile) return awaitInlineBundle(bundleName, info);
  return afterPageMade().then(() => new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.charset = bundleCharset; // one character per byte: see stringToBytes
    script.src = info.file;
    script.async = true;
    waiting.set(bundleName, () => resolve(received.get(bundleName)));
    script.onload = () => {
      // onload also fires when the script was truncated (a SyntaxError) and never called us.
      if (!received.has(bundleName)) {
        reject(new BootError(info.stage, info.file, "the bundle is truncated or corrupt: it loaded but did not register its files"));
      }
    };
    script.onerror = () =>
      reject(new BootError(info.stage, info.file, "the bundle is missing or unreadable; rebuild with `python3 build.py`"));
    document.head.appendChild(script);
  }));
}

/**
 * Loads every bundle in parallel and verifies each file. Calls onFile(name, file, bytes) as soon as a file is
 * verified (so the worker can start on the runtime while NumPy's bundle is still loading; `bytes`, the shipped
 * bytes, are the callee's: file.blob holds a copy) and onBundle({stage, file,
 * loaded, total}) per bundle (shipped bytes). Resolves with Map fileName → {blob, codec, bytes, size, stage}.
 */
export async function loadBundles(manifest, { onFile = () => {}, onBundle = () => {} } = {}) {
  bundleCharset = manifest.encoding;
  const total = Object.values(manifest.bundles).reduce((sum, b) => sum + b.bytes, 0);
  let loaded = 0;
  const files = new Map();
  // Smallest bundles first in document order: the core scripts are needed first and are tiny.
  const single = self.colornetSingleFile; // in the single .html file, errors name that file and the bundle
  const bundles = Object.fromEntries(Object.entries(manifest.bundles).map(([name, b]) =>
    [name, single ? { ...b, file: `${single.file} (its runtime-${name} bundle)` } : b]));
  const order = Object.entries(bundles).sort((a, b) => a[1].bytes - b[1].bytes);
  await Promise.all(
    order.map(async ([bundleName, info]) => {
      const tLoad = performance.now();
      const carried = await loadScript(bundleName, info);
      const tDecode = performance.now();
      let hashMs = 0;
      for (const entry of manifest.files.filter((f) => f.bundle === bundleName)) {
        if (typeof carried[entry.name] !== "string") {
          throw new BootError(info.stage, entry.name, `not found in ${info.file}; rebuild with \`python3 build.py\``);
        }
        let bytes;
        try {
          bytes = stringToBytes(carried[entry.name]);
        } catch (err) {
          throw new BootError(info.stage, entry.name, `corrupt data in ${info.file} (${err.message})`, { cause: err });
        }
        const tHash = performance.now();
        const digest = await sha256Hex(bytes);
        hashMs += performance.now() - tHash;
        if (digest !== entry.sha256) {
          throw new BootError(info.stage, entry.name,
            `sha256 mismatch in ${info.file}: expected ${entry.sha256}, got ${digest}`);
        }
        const file = { blob: new Blob([bytes]), codec: entry.codec, bytes: entry.bytes, size: entry.size, stage: info.stage,
          xor: entry.xor };
        files.set(entry.name, file);
        onFile(entry.name, file, bytes);
      }
      received.delete(bundleName); // the decoded text is no longer needed
      bundleTimings[bundleName] = { at: Math.round(tLoad), script: Math.round(tDecode - tLoad),
        decodeAndHash: Math.round(performance.now() - tDecode), hash: Math.round(hashMs) };
      loaded += info.bytes;
      onBundle({ stage: info.stage, file: info.file, loaded, total });
    }),
  );
  return files;
}
