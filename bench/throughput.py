"""Training-throughput contestants: colornet natively, colornet in a browser page, TF.js in Chromium.

Each contestant has a `label` and `measure(batch_size, warmup_s, window_s) -> {"steps", "seconds", ...}`: a fresh
model trained for a warm-up, then for a timed window. bench/run.py interleaves the contestants round by round, so
a burst of load from elsewhere on the machine hits them all alike.
"""
import json
import uuid
from pathlib import Path

from . import workloads

WORKLOADS_SOURCE = Path(workloads.__file__).read_text()


def variant_label(browser_name, kernels=None, dtype="float64"):
    """`colornet, Chromium`, `colornet NumPy-only, Chromium`, `colornet float32, native CPython`, ..."""
    parts = [p for p in ("NumPy-only" if kernels == "numpy" else "", "" if dtype == "float64" else dtype) if p]
    return f"colornet{' ' + ' '.join(parts) if parts else ''}, {browser_name}"


class Native:
    """colornet on this process's CPython and NumPy."""

    def __init__(self, dtype="float64"):
        self.dtype = dtype
        self.label = variant_label("native CPython", dtype=dtype)

    def measure(self, batch_size, warmup_s, window_s):
        return workloads.throughput(batch_size, warmup_s, window_s, dtype=self.dtype)


class ColornetPage:
    """colornet inside the real playground page: the workload runs as the editor's code, through Run.

    The code is bench/workloads.py itself plus one call; its timing is taken in Python inside the worker and
    printed as a BENCH-RESULT line, which comes back through the page's output panel.
    """

    def __init__(self, browser, page_url, kernels=None, dtype="float64", opened=False):
        """kernels: None runs with the kernels the page booted with (WebAssembly SIMD where supported), "numpy"
        with NumPy's matmul (cn.kernels.use("numpy")); opened: the page is already open in `browser`."""
        self.browser, self.kernels, self.dtype = browser, kernels, dtype
        self.label = variant_label(browser.name, kernels, dtype)
        if not opened:
            browser.open(page_url)
        self.info = wait_until_ready(browser)
        self.boot_kernels = browser.call("return window.colornetBoot.info.kernels || null;")

    def variant(self, kernels=None, dtype="float64"):
        """The same page, measured with other kernels or another dtype."""
        return ColornetPage(self.browser, None, kernels, dtype, opened=True)

    def measure(self, batch_size, warmup_s, window_s):
        booted = (self.boot_kernels or {}).get("active", "numpy")
        prelude = f"cn.kernels.use({(self.kernels or booted)!r})"
        return run_in_page(self.browser, f"dict(throughput({batch_size}, {warmup_s}, {window_s}, "
                                         f"dtype={self.dtype!r}), kernels=cn.kernels.active().name)", prelude)


class TfjsPage:
    """TensorFlow.js 4.22 (one backend per page) on bench/tfjs/, same network, data and optimizer."""

    def __init__(self, browser, base_url, backend, seed=0):
        self.browser = browser
        self.backend = backend
        self.label = f"TF.js {backend}, {browser.name}"
        browser.open(f"{base_url}/bench/tfjs/index.html?backend={backend}")
        self.info = browser.call("return await window.tfjsBench.init();")
        x, y = workloads.dataset(seed)
        self.data = {"x": x.ravel().tolist(), "y": y.ravel().tolist()}
        self.seed = seed

    def measure(self, batch_size, warmup_s, window_s):
        key = str(batch_size)
        self.browser.call("return window.tfjsBench.setup(arguments[0]);", {
            "key": key, **self.data, "batchSize": batch_size, "lr": workloads.LR, "sizes": workloads.SIZES,
            "seed": self.seed})
        run = "return await window.tfjsBench.run(arguments[0]);"
        self.browser.call(run, {"key": key, "ms": warmup_s * 1000})
        result = self.browser.call(run, {"key": key, "ms": window_s * 1000})
        return {**result, "steps_per_s": result["steps"] / result["seconds"],
                "samples_per_s": result["steps"] * batch_size / result["seconds"]}


def wait_until_ready(browser, timeout_s=60):
    """Waits for the playground's status `ready`; returns the versions line the page shows."""
    return browser.call("""
        const deadline = performance.now() + arguments[0] * 1000;
        for (;;) {
          const s = window.playground && window.playground.state().status;
          if (s === "ready") return document.getElementById("versions").textContent;
          if (s === "error") throw new Error("the page failed to boot: " +
                                             document.querySelector('[data-testid="status"]').textContent);
          if (performance.now() > deadline) throw new Error("the page was not ready after " + arguments[0] + " s");
          await new Promise((resolve) => setTimeout(resolve, 20));
        }""", timeout_s)


def run_in_page(browser, expression, prelude=""):
    """Runs `print_result(tag, <expression>)` after bench/workloads.py (and `prelude`) as the editor's code.

    Returns the printed result, plus `run_pressed_epoch_ms`: the wall-clock time at which Run was pressed.
    """
    tag = uuid.uuid4().hex[:8]
    code = f"{WORKLOADS_SOURCE}\n{prelude}\nprint_result({tag!r}, {expression})\n"
    result, output, clicked_ms = browser.call("""
        window.playground.setCode(arguments[0]);
        const clicked = Date.now();
        const result = await window.playground.run();
        return [result, document.querySelector('[data-testid="output"]').textContent, clicked];""", code)
    marker = f"BENCH-RESULT {tag} "
    for line in output.splitlines():
        if line.startswith(marker):
            return {**json.loads(line[len(marker):]), "run_pressed_epoch_ms": clicked_ms}
    raise RuntimeError(f"the page run gave no result line (run result {result!r}); output:\n{output[-3000:]}")
