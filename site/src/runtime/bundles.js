// Loads the runtime bundles (site/dist/runtime-*.js) with <script> tags — the one way a file:// page can read
// local files in every browser — and turns each carried file into verified bytes.
//
// A bundle script calls self.colornetRuntimeBundle(name, {fileName: base64, ...}). Each file's sha256 (of the
// shipped, possibly gzipped bytes) comes from the build's manifest, embedded in app.js, so a missing, truncated,
// corrupt or swapped bundle is caught here and reported by stage and file name.
import { BootError } from "./errors.js";
import { sha256Hex } from "./sha256.js";

const received = new Map(); // bundle name → {fileName: base64}
const waiting = new Map(); // bundle name → resolve()

self.colornetRuntimeBundle = (name, files) => {
  received.set(name, files);
  const resolve = waiting.get(name);
  if (resolve) resolve();
};

function base64ToBytes(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Inserts the bundle's <script> tag; resolves with its {fileName: base64} or rejects naming the file. */
function loadScript(bundleName, info) {
  if (received.has(bundleName)) return Promise.resolve(received.get(bundleName));
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
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
  });
}

/**
 * Loads every bundle in parallel. Resolves with Map fileName → {blob, gzip, bytes, size, stage}.
 * onFile({stage, file, loaded, total}) is called as each file is verified (loaded/total in shipped bytes).
 */
export async function loadBundles(manifest, onFile) {
  const total = Object.values(manifest.bundles).reduce((sum, b) => sum + b.bytes, 0);
  let loaded = 0;
  const files = new Map();
  await Promise.all(
    Object.entries(manifest.bundles).map(async ([bundleName, info]) => {
      const carried = await loadScript(bundleName, info);
      for (const entry of manifest.files.filter((f) => f.bundle === bundleName)) {
        if (typeof carried[entry.name] !== "string") {
          throw new BootError(info.stage, entry.name, `not found in ${info.file}; rebuild with \`python3 build.py\``);
        }
        let bytes;
        try {
          bytes = base64ToBytes(carried[entry.name]);
        } catch (err) {
          throw new BootError(info.stage, entry.name, `corrupt data in ${info.file} (${err.message})`, { cause: err });
        }
        const digest = await sha256Hex(bytes);
        if (digest !== entry.sha256) {
          throw new BootError(info.stage, entry.name,
            `sha256 mismatch in ${info.file}: expected ${entry.sha256}, got ${digest}`);
        }
        files.set(entry.name, { blob: new Blob([bytes]), gzip: entry.gzip, bytes: entry.bytes, size: entry.size, stage: info.stage });
      }
      received.delete(bundleName); // the base64 text is no longer needed
      loaded += info.bytes;
      onFile({ stage: info.stage, file: info.file, loaded, total });
    }),
  );
  return files;
}
