"""Training-throughput contestants: colornet natively, colornet in a browser page, TF.js in Chromium.

Each contestant has a `label` and `measure(batch_size, warmup_s, window_s) -> {"steps", "seconds", ...}`: a fresh
model trained for a warm-up, then for a timed window. bench/run.py interleaves the contestants round by round, so
a burst of load from elsewhere on the machine hits them all alike.
"""
from .editor import run_in_page, wait_until_ready
from .inpage import workloads
from .targets import NATIVE, colornet_label, tfjs_label


class Native:
    """colornet on this process's CPython and NumPy."""

    def __init__(self, dtype="float64"):
        self.dtype = dtype
        self.label = colornet_label(NATIVE, dtype=dtype)

    def measure(self, batch_size, warmup_s, window_s):
        return workloads.throughput(batch_size, warmup_s, window_s, dtype=self.dtype)


class ColornetPage:
    """colornet inside the real playground page: the workload runs as the editor's code, through Run.

    The code loads bench/inpage/ (bench/editor.py) and calls workloads.throughput; its timing is taken in Python
    inside the worker and printed as a result line, which comes back through the page's output panel.
    """

    def __init__(self, browser, page_url, kernels=None, dtype="float64", opened=False):
        """kernels: None runs with the kernels the page booted with (WebAssembly SIMD where supported), "numpy"
        with NumPy's matmul (cn.kernels.use("numpy")); opened: the page is already open in `browser`."""
        self.browser, self.kernels, self.dtype = browser, kernels, dtype
        self.label = colornet_label(browser.name, kernels, dtype)
        if not opened:
            browser.open(page_url)
        self.info = wait_until_ready(browser)
        self.boot_kernels = browser.call("return window.colornetBoot.info.kernels || null;")

    def variant(self, kernels=None, dtype="float64"):
        """The same page, measured with other kernels or another dtype."""
        return ColornetPage(self.browser, None, kernels, dtype, opened=True)

    def measure(self, batch_size, warmup_s, window_s):
        booted = (self.boot_kernels or {}).get("active", "numpy")
        setup = (f"import colornet as cn\nfrom bench.inpage.workloads import throughput\n"
                 f"cn.kernels.use({(self.kernels or booted)!r})")
        return run_in_page(self.browser, f"dict(throughput({batch_size}, {warmup_s}, {window_s}, "
                                         f"dtype={self.dtype!r}), kernels=cn.kernels.active().name)", setup)


class TfjsPage:
    """TensorFlow.js 4.22 (one backend per page) on bench/tfjs/, same network, data and optimizer."""

    def __init__(self, browser, base_url, backend, seed=0):
        self.browser = browser
        self.backend = backend
        self.label = tfjs_label(backend, browser.name)
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

