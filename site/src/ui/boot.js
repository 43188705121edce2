// The boot progress bar: named stages (runtime, NumPy, colornet) with byte counts, hidden once Python is ready.

const STAGE_NAMES = { bundles: "runtime files", runtime: "Python runtime", numpy: "NumPy", colornet: "colornet", ready: "ready" };

function mb(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** createBootView({section, bar, label}) → {update(progress), done(), fail(err)} */
export function createBootView({ section, bar, label }) {
  return {
    /** progress: {stage, loaded, total, file} from startRuntime's onProgress. */
    update({ stage, loaded, total, file }) {
      const name = STAGE_NAMES[stage] || stage;
      if (stage === "ready") {
        bar.max = 1;
        bar.value = 1;
        label.textContent = "Python is ready";
      } else if (total > 0) {
        bar.max = total;
        bar.value = Math.min(loaded || 0, total);
        label.textContent = `Loading ${name}: ${mb(loaded || 0)} of ${mb(total)}${file ? ` (${file})` : ""}`;
      } else {
        bar.removeAttribute("value"); // indeterminate while a stage has no byte count
        label.textContent = `Loading ${name}…`;
      }
    },
    done() {
      section.hidden = true;
    },
    fail(err) {
      section.classList.add("boot-failed");
      label.textContent = err.message;
    },
  };
}

/** The boot line's words for which code computes colornet's matrix products (runtime.info.kernels). */
export function kernelsLabel(kernels) {
  if (!kernels) return "matmul: NumPy";
  if (kernels.active === "wasm-simd") return "matmul: WebAssembly SIMD";
  return `matmul: NumPy (SIMD kernels off: ${kernels.reason || "unknown reason"})`;
}
