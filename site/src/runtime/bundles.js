// Loads the runtime bundles (site/dist/runtime-*.js) with <script> tags — the one way a file:// page can read
// local files in every browser — and hands each carried file, as the text its script holds, to be verified.
//
// A bundle script calls self.colornetRuntimeBundle(name, {fileName: text, ...}), one windows-1252 character per
// shipped byte. The page does no per-byte work on them: the worker turns each text into bytes and checks its
// sha256 (worker/verify.js) against the build's manifest, embedded in boot.js, so a missing, truncated, corrupt or
// swapped bundle is caught (here or there) and reported by stage and file name.
import { BootError } from "./errors.js";
import { afterPageMade } from "./page-made.js";

let bundleCharset = "windows-1252";
/** Per bundle (the boot timings' perBundle): `at` loading started; ms to load its script (`script`), to post its
 * files to the worker (`post`), from loading until the worker verified them all (`verified`); and the worker's ms
 * turning their text into bytes (`toBytes`) and hashing them (`hash`). */
export const bundleTimings = {};
const received = new Map(); // bundle name → {fileName: text, one character per byte}
const waiting = new Map(); // bundle name → resolve()

self.colornetRuntimeBundle = (name, files) => {
  received.set(name, files);
  const resolve = waiting.get(name);
  if (resolve) resolve();
};

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
    script.charset = bundleCharset; // one character per byte: see runtime/cp1252.js
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
 * Loads every bundle in parallel and hands each carried file to verify(name, file) as soon as its script has run
 * (the worker turns its text into bytes and checks its sha256, off this thread: worker/verify.js). A bundle counts
 * once all its files are verified: onBundle({stage, file, loaded, total}) (shipped bytes). Resolves with Map
 * fileName → {text, source, stage, codec, xor, sha256, bytes, size}; the page keeps the text (runtime/transfer.js
 * makes bytes from it when the page itself needs them: restart, Save as HTML, Download for Python).
 */
export async function loadBundles(manifest, { verify, onBundle = () => {} }) {
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
      const tPost = performance.now();
      const entries = manifest.files.filter((f) => f.bundle === bundleName);
      const lost = entries.find((entry) => typeof carried[entry.name] !== "string");
      if (lost) throw new BootError(info.stage, lost.name, `not found in ${info.file}; rebuild with \`python3 build.py\``);
      const checks = entries.map((entry) => {
        const file = { text: carried[entry.name], source: info.file, stage: info.stage, codec: entry.codec,
          xor: entry.xor, sha256: entry.sha256, bytes: entry.bytes, size: entry.size };
        files.set(entry.name, file);
        return verify(entry.name, file);
      });
      received.delete(bundleName); // the page keeps each file's text in `files`, nothing else of the script
      const posted = performance.now();
      const verified = await Promise.all(checks);
      const sum = (key) => verified.reduce((ms, t) => ms + ((t && t[key]) || 0), 0);
      bundleTimings[bundleName] = { at: Math.round(tLoad), script: Math.round(tPost - tLoad),
        post: Math.round(posted - tPost), verified: Math.round(performance.now() - tLoad), toBytes: sum("toBytes"),
        hash: sum("hash") };
      loaded += info.bytes;
      onBundle({ stage: info.stage, file: info.file, loaded, total });
    }),
  );
  return files;
}
