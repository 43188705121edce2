// The WebAssembly SIMD kernels for colornet's Dense products (site/kernels/dense.c, compiled by build.py into
// colornet_kernels.wasm): instantiated on Pyodide's own WebAssembly.Memory and installed as colornet's active
// kernel (pylib/colornet/kernels.py). Anything that goes wrong leaves NumPy active and says why; it never
// fails the boot. Used by boot.js in the page's worker and by tests/pyodide under Node.

export const KERNELS_FILE = "colornet_kernels.wasm";
export const KERNELS_NAME = "wasm-simd";

// The smallest module that uses a 128-bit SIMD instruction (i8x16.splat of 0, as wasm-feature-detect checks).
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

export function simdSupported() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** Pyodide's memory when `imports` (the 2nd argument of a WebAssembly.instantiate* call) carries it, else null. */
export function importedMemory(imports) {
  const memory = imports && imports.env && imports.env.memory;
  return memory instanceof WebAssembly.Memory ? memory : null;
}

/**
 * installKernels(pyodide, {bytes, memory}) → {active, reason, ms} (synchronous)
 * bytes: the module (ArrayBuffer or typed array) or null; memory: Pyodide's WebAssembly.Memory or null.
 * active is "wasm-simd" when the kernels now compute colornet's products, else "numpy" with the reason.
 */
export function installKernels(pyodide, { bytes, memory }) {
  const t = performance.now();
  const result = (active, reason = "") => ({ active, reason, ms: Math.round(performance.now() - t) });
  if (!simdSupported()) return result("numpy", "this browser has no WebAssembly SIMD");
  if (!memory) return result("numpy", "Pyodide's WebAssembly.Memory was not seen at boot");
  if (!bytes) return result("numpy", `${KERNELS_FILE} is missing`);
  let instance;
  try {
    // Synchronously (allowed in a worker, and the module is 10 KB): under Node the async WebAssembly.instantiate
    // resolved 0.3-0.6 s later, behind the runtime's other tasks; compiling and instantiating takes a few ms.
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  } catch (err) {
    return result("numpy", `${KERNELS_FILE} did not instantiate: ${err.message}`);
  }
  let kernels;
  try {
    kernels = pyodide.pyimport("colornet.kernels");
    const wasm = kernels.WasmKernels(instance.exports, KERNELS_NAME);
    const failure = wasm.self_test(); // a wrong memory or a broken module gives wrong numbers: NumPy stays
    if (failure) {
      wasm.destroy();
      return result("numpy", failure);
    }
    kernels.register(wasm);
    kernels.use(KERNELS_NAME);
    wasm.destroy();
    return result(KERNELS_NAME);
  } catch (err) {
    try {
      kernels?.use("numpy");
    } catch {}
    return result("numpy", `installing the kernels failed: ${String(err.message).trim().split("\n").pop()}`);
  } finally {
    kernels?.destroy();
  }
}
