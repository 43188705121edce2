// Runs code around Pyodide's module factory: loadPyodide calls globalThis._createPyodideModule(settings), loading
// pyodide.asm.js (which assigns that global) only if it is not there yet. make.js adds a preRun step through
// beforeCreate(settings); restore.js re-links the side modules in afterCreate(Module), once the runtime is up and
// before loadPyodide copies a snapshot's heap in. The global is put back afterwards, so a later boot sees the original.

/** Runs boot() with the module factory wrapped by {beforeCreate(settings), afterCreate(Module)} (both optional;
 * afterCreate may be async: the factory's promise waits for it). */
export async function withCreateModuleHook({ beforeCreate = () => {}, afterCreate = () => {} }, boot) {
  const wrap = (create) => async (settings) => {
    beforeCreate(settings);
    const module = await create(settings);
    await afterCreate(module);
    return module;
  };
  const existing = globalThis._createPyodideModule;
  if (typeof existing === "function") {
    globalThis._createPyodideModule = wrap(existing);
    try {
      return await boot();
    } finally {
      globalThis._createPyodideModule = existing;
    }
  }
  // pyodide.asm.js run as a classic script (a Worker's importScripts) assigns its `var` through this setter and
  // then copies the global to itself (`globalThis._createPyodideModule = _createPyodideModule`), handing the
  // wrapper back: that must not wrap it twice.
  let loaded;
  let wrapped;
  Object.defineProperty(globalThis, "_createPyodideModule", {
    configurable: true,
    get: () => wrapped,
    set: (value) => {
      if (value === wrapped) return;
      loaded = value;
      wrapped = wrap(value);
    },
  });
  try {
    return await boot();
  } finally {
    delete globalThis._createPyodideModule;
    if (loaded) globalThis._createPyodideModule = loaded;
  }
}
