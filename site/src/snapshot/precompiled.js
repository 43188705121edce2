// NumPy's side modules compiled ahead: Emscripten's dlopen compiles each library synchronously
// (`new WebAssembly.Module(bytes)`, on the thread that restores), 12 modules and 7.4 MB here. restore.js starts
// WebAssembly.compile of each one (the engine's background threads) as soon as it has the wheels, and lets dlopen
// take the compiled module: while it re-links one library, WebAssembly.Module hands back that library's module for
// bytes of its length. Anything else (another library, no compiled module) is compiled as before.

/** [[handle, data]] (library-bytes.js) → Promise of Map handle address → WebAssembly.Module (those that compiled). */
export async function compileLibraries(libraries) {
  const settled = await Promise.allSettled(libraries.map(([, data]) => WebAssembly.compile(data)));
  const compiled = new Map();
  settled.forEach((result, i) => {
    const [handle, data] = libraries[i];
    if (result.status === "fulfilled") compiled.set(handle.handle, { module: result.value, length: data.length });
  });
  return compiled;
}

/**
 * Runs relink(use) with WebAssembly.Module answering from `compiled`: use(handle) names the library dlopen is about
 * to load. WebAssembly.Module is put back afterwards, whatever happens.
 */
export function withPrecompiled(compiled, relink) {
  const Original = WebAssembly.Module;
  let current = null;
  function Module(bytes) {
    if (current && bytes && bytes.length === current.length) {
      const { module } = current;
      current = null; // one module per library
      return module;
    }
    return new Original(bytes);
  }
  Object.setPrototypeOf(Module, Original); // Module.customSections, .exports, .imports
  Module.prototype = Original.prototype; // `x instanceof WebAssembly.Module` as before
  WebAssembly.Module = Module;
  try {
    return relink((handle) => (current = compiled.get(handle) || null));
  } finally {
    WebAssembly.Module = Original;
  }
}
