"""Why colornet trains slower in Firefox than in Chromium with the SIMD kernels (issue 12), product by product.

`python3 build.py` first, then `.venv/bin/python bench/firefox_gap.py [out.json]` (~3 min): in a fresh Chromium, then a
fresh Firefox, the page runs this module's code (after bench/workloads.py and bench/profile.py, whose timing it uses) as
the editor's code and prints, per browser and batch:
- `products`: µs per call of each of the 11 Dense products of a step of the bench's network (3→64→32→16→3, each
  product on [x, 1] and [W; b] as Dense computes it), by NumPy's matmul and by the wasm kernels through the seam;
- `steps_per_s`: the bench's throughput (bench/workloads.py) with the kernels for every product, with NumPy for every
  product, and with a prototype that takes, per product shape, whichever of the two was faster in that browser's
  table (`PerShape`; a measurement of what a per-shape choice in the seam could buy, not shipped); both browsers
  open at once, 3 rounds, each round Chromium then Firefox.
"""
try:
    from colornet import kernels as _kernels
except ImportError:  # natively, from a checkout
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "pylib"))
    from colornet import kernels as _kernels


def product_shapes(batch):
    """(label, op, operands, keywords) of the products one Dense step computes, layer by layer (no input gradient
    for the first layer, as colornet's training)."""
    import numpy as np
    rng = np.random.default_rng(0)
    products = []
    for i, (n_in, n_out) in enumerate(zip(SIZES[:-1], SIZES[1:])):
        x, w = rng.random((batch, n_in + 1)), rng.random((n_in + 1, n_out))
        g, y = rng.random((batch, n_out)), np.empty((batch, n_out))
        wg, gx = np.zeros((n_in + 1, n_out)), np.empty((batch, n_in + 1))
        layer = f"{n_in}→{n_out}"
        products += [(f"{layer} x @ W ({batch}×{n_in + 1} @ {n_in + 1}×{n_out})", "matmul", (x, w, y), {}),
                     (f"{layer} x.T @ g, accumulate", "matmul_tn", (x, g, wg), {"accumulate": True})]
        if i > 0:
            products.append((f"{layer} g @ W.T", "matmul_nt", (g, w, gx), {}))
    return products


def products_us(batch, passes=3):
    """{label: [NumPy µs, kernels µs]} per product of a step (best of `passes`)."""
    numpy_kernels, wasm = _kernels.NumpyKernels(), _kernels.active()
    return {label: [best_of(lambda: {"t": per_call_us(lambda: getattr(k, op)(*args, **kw))}, passes)["t"]
                    for k in (numpy_kernels, wasm)]
            for label, op, args, kw in product_shapes(batch)}


class PerShape:
    """A prototype kernel object: each product by the wasm kernels or NumPy, whichever `faster` says for its
    (op, shape of a, shape of b); unknown shapes go to the wasm kernels."""

    name, description = "per-shape", "per-shape choice of wasm kernels or NumPy (prototype)"

    def __init__(self, wasm, faster):
        self.wasm, self.numpy, self.faster = wasm, _kernels.NumpyKernels(), faster

    def _pick(self, op, a, b):
        return getattr(self.wasm if self.faster.get((op, a.shape, b.shape), True) else self.numpy, op)

    def matmul(self, a, b, out=None, accumulate=False):
        return self._pick("matmul", a, b)(a, b, out, accumulate)

    def matmul_tn(self, a, b, out=None, accumulate=False):
        return self._pick("matmul_tn", a, b)(a, b, out, accumulate)

    def matmul_nt(self, a, b, out=None, accumulate=False):
        return self._pick("matmul_nt", a, b)(a, b, out, accumulate)


def steps_per_s(batch, numpy_for=(), warmup=0.3, window=1.0):
    """One round of the bench's throughput with the kernels, with NumPy, and with the per-shape prototype taking
    NumPy for the products labelled in `numpy_for` (labels of `product_shapes`) and the kernels for the others."""
    wasm = _kernels.active()
    faster = {(op, args[0].shape, args[1].shape): label not in numpy_for
              for label, op, args, _ in product_shapes(batch)}
    steps = {}
    try:
        for name, kernels in (("kernels", wasm), ("NumPy", "numpy"), ("per-shape prototype", PerShape(wasm, faster))):
            _kernels.use(kernels)
            steps[name] = throughput(batch, warmup, window)["steps_per_s"]
    finally:
        _kernels.use(wasm)
    return steps


if __name__ == "__main__":
    import json
    import os
    import statistics
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from bench import browsers, profile, throughput

    source = "\n".join([throughput.WORKLOADS_SOURCE, profile.page_source(), profile.page_source(__file__)])
    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    pages, results = [], {}
    try:  # both browsers open at once, measured round by round (a burst of load hits both alike)
        for browser_class in (browsers.Chromium, browsers.Firefox):
            pages.append(browser_class())
            pages[-1].open((root / "site" / "index.html").as_uri())
            throughput.wait_until_ready(pages[-1])

        def in_page(browser, expression):
            result = throughput.run_in_page(browser, expression, prelude=source)
            result.pop("run_pressed_epoch_ms", None)
            return result

        for batch in (25, 256):
            for browser in pages:
                table = in_page(browser, f"products_us({batch})")
                numpy_for = [label for label, (numpy_us, kernels_us) in table.items() if numpy_us <= kernels_us]
                results[f"{browser.name} {batch}"] = {"products": table, "numpy_for": numpy_for, "rounds": []}
            for _ in range(3):
                for browser in pages:
                    side = results[f"{browser.name} {batch}"]
                    side["rounds"].append(in_page(browser, f"steps_per_s({batch}, {side['numpy_for']!r})"))
    finally:
        for browser in pages:
            browser.quit()
    for batch in (25, 256):
        chromium, firefox = results[f"Chromium {batch}"], results[f"Firefox {batch}"]
        print(f"\nbatch {batch}, µs per call | Chromium NumPy | Chromium kernels | Firefox NumPy | Firefox kernels")
        for label, (cn_np, cn_k) in chromium["products"].items():
            ff_np, ff_k = firefox["products"][label]
            print(f"  {label:<34} | {cn_np:6.1f} | {cn_k:6.1f} | {ff_np:6.1f} | {ff_k:6.1f}")
        print("  sum of the 11 | " + " | ".join(f"{sum(r[i] for r in side['products'].values()):6.1f}"
                                                 for side in (chromium, firefox) for i in (0, 1)))
        for name in chromium["rounds"][0]:
            c, f = (statistics.median(r[name] for r in side["rounds"]) for side in (chromium, firefox))
            paired = statistics.median(a[name] / b[name] for a, b in zip(firefox["rounds"], chromium["rounds"]))
            print(f"  steps/s, {name:<20} Chromium {c:7,.0f}  Firefox {f:7,.0f}  Firefox / Chromium {f / c:.2f} "
                  f"(paired {paired:.2f})")
        for side, name in ((chromium, "Chromium"), (firefox, "Firefox")):
            print(f"  {name}: the prototype took NumPy for {', '.join(side['numpy_for']) or 'nothing'}")
    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if len(sys.argv) > 1:  # a path: the raw figures as JSON
        Path(sys.argv[1]).write_text(json.dumps(results, indent=1) + "\n")
