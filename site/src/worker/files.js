// The worker's store of runtime files: each one is added once the verifier (runtime/verifier.js, verify.js) has
// checked it and passed its bytes on, and whoever needs a file (the fetch shim, the script loader) waits for it.

export function createFileStore() {
  const files = new Map(); // name → a verified file {name, bytes, codec, stage, xor} (verify.js), or {url}
  const waiters = new Map(); // name → [resolve]
  let watcher = null;
  return {
    add(name, file) {
      files.set(name, file);
      if (watcher) watcher(name, file);
      for (const resolve of waiters.get(name) || []) resolve(file);
      waiters.delete(name);
    },
    /** Calls onFile(name, file) for every file already here and each one that arrives (null: stop). */
    watch(onFile) {
      watcher = onFile;
      if (onFile) for (const [name, file] of files) onFile(name, file);
    },
    /** Resolves with the file once it has arrived. */
    get(name) {
      if (files.has(name)) return Promise.resolve(files.get(name));
      return new Promise((resolve) => waiters.set(name, [...(waiters.get(name) || []), resolve]));
    },
  };
}
