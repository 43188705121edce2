"""Why colornet trains slower in Firefox than in Chromium with the SIMD kernels (issue 12), product by product: the
page side of bench/firefox_gap.py, which runs these functions in a fresh Chromium and a fresh Firefox.

- `products_us`: µs per call of each of the 11 Dense products of a step of the bench's network (3→64→32→16→3, each
  product on [x, 1] and [W; b] as Dense computes it), by NumPy's matmul and by the wasm kernels through the seam;
- `steps_per_s`: the bench's throughput (bench/inpage/workloads.py) with the kernels for every product, with NumPy
  for every product, and with a prototype that takes, per product shape, whichever of the two was faster in that
  browser's table (`PerShape`; a measurement of what a per-shape choice in the seam could buy, not shipped).
"""
import numpy as np

from colornet import kernels as _kernels

from .timing import best_of, per_call_us
from .workloads import SIZES, throughput


def product_shapes(batch):
    """(label, op, operands, keywords) of the products one Dense step computes, layer by layer (no input gradient
    for the first layer, as colornet's training)."""
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

