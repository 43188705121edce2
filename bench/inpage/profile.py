"""Where the time of a colornet training step goes, and what proposed changes would buy (bench only).

`profile()` runs natively and inside the page (bench/profile.py drives both: `python3 build.py bench --profile`, or
`PYTHONPATH=pylib .venv/bin/python -m bench.profile [--page [--firefox]]`): the same module in all places.
- `step_products_us`: the 11 matrix products of one step against the whole step;
- `op_costs`: microseconds per call of each kind of NumPy call a step makes, at the step's real shapes;
- `matmul_alternatives`: other ways to compute the two products of the middle layer;
- `proposals`: steps/s of colornet's own classes today and with each proposed change applied from outside
  (einsum weight gradient, in-place gradient sums, float32);
- `seam_us`: what one product through the kernel seam is made of (the interpreter, a NumPy call, a bare call of
  the kernel's export across Python -> JS -> wasm, the seam's own Python), to tell browsers apart (issue 12);
- `clock_tick_us`: the smallest step of `time.perf_counter` (browsers coarsen it: every loop timed here runs
  >= 10 ms).
All figures are best-of-N (bench/inpage/timing.py). colornet itself (pylib/) is not changed here; colornet's training
skips the first layer's input gradient (`Network.backward(g, input_grad=False)`), and so does every step here.
"""
import time

import numpy as np

import colornet as cn

from .timing import best_of, measured_tick_us, per_call_us
from .workloads import SIZES


def op_costs(batch, dtype="float64"):
    """µs per call of every kind of NumPy call in a step, at the shapes of the middle layer (64→32)."""
    rng = np.random.default_rng(0)
    x = rng.random((batch, 64)).astype(dtype)
    w = rng.random((64, 32)).astype(dtype)
    b = rng.random(32).astype(dtype)
    y = rng.random((batch, 32)).astype(dtype)
    g = rng.random((batch, 32)).astype(dtype)
    wg, scratch, out = np.zeros_like(w), np.empty_like(w), np.empty((batch, 32), dtype)
    return {
        "x @ W (new array)": per_call_us(lambda: x @ w),
        "np.matmul(x, W, out=)": per_call_us(lambda: np.matmul(x, w, out=out)),
        "x.T @ g": per_call_us(lambda: x.T @ g),
        "y += b": per_call_us(lambda: np.add(out, b, out=out)),
        "np.maximum(y, 0)": per_call_us(lambda: np.maximum(y, 0.0)),
        "g * (y > 0)": per_call_us(lambda: g * (y > 0)),
        "g.sum(axis=0)": per_call_us(lambda: g.sum(axis=0)),
        "W.grad.fill(0)": per_call_us(lambda: wg.fill(0.0)),
        "np.multiply(W.grad, lr, out=)": per_call_us(lambda: np.multiply(wg, 0.042, out=scratch)),
        "W -= scratch": per_call_us(lambda: np.subtract(w, scratch, out=scratch)),
        "x[a:b] (slice)": per_call_us(lambda: x[5:5 + batch // 2]),
    }


def step_products_us(batch, dtype="float64"):
    """µs of the matrix products one colornet step computes (per layer: x @ W forward, the weight gradient
    as colornet computes it, and g @ W.T backward except for the first layer: 11 products), at the real shapes,
    against µs of the whole step."""
    rng = np.random.default_rng(0)
    shapes = list(zip(SIZES[:-1], SIZES[1:]))
    xs = [rng.random((batch, n_in)).astype(dtype) for n_in, _ in shapes]
    ws = [rng.random(shape).astype(dtype) for shape in shapes]
    gs = [rng.random((batch, n_out)).astype(dtype) for _, n_out in shapes]

    products_by = cn.kernels.active()  # colornet's product seam (the page's SIMD kernels when active)
    wgs = [np.zeros_like(w) for w in ws]

    def products():  # as Dense calls them
        for i, (x, w, g, wg) in enumerate(zip(xs, ws, gs, wgs)):
            products_by.matmul(x, w)
            products_by.matmul_tn(x, g, wg, accumulate=True)
            if i > 0:  # no input gradient for the first layer
                products_by.matmul_nt(g, w)

    x = cn.random_colours(10_000, 0).astype(dtype)
    batches = cn.ShuffledBatches(x, cn.complement(x).astype(dtype), batch, 0)
    step = proposal_step(batch, dtype)
    return {"products": per_call_us(products), "whole step": per_call_us(lambda: step(*batches.next_batch()))}


def matmul_alternatives(batch, dtype="float64"):
    """µs per call of ways to compute the two products of the middle layer (64→32): forward x @ W and the
    weight gradient x.T @ g. Pyodide's NumPy has no BLAS, so `@` runs NumPy's plain C loop there."""
    rng = np.random.default_rng(0)
    x, w = rng.random((batch, 64)).astype(dtype), rng.random((64, 32)).astype(dtype)
    g = rng.random((batch, 32)).astype(dtype)
    xt = np.ascontiguousarray(x.T)
    out = np.empty((batch, 32), dtype)
    return {
        "x @ W": per_call_us(lambda: x @ w),
        "np.dot(x, W)": per_call_us(lambda: np.dot(x, w)),
        "np.einsum('ij,jk->ik', x, W)": per_call_us(lambda: np.einsum("ij,jk->ik", x, w)),
        "(x[:, :, None] * W).sum(1)": per_call_us(lambda: (x[:, :, None] * w).sum(1)),
        "x.T @ g (strided)": per_call_us(lambda: x.T @ g),
        "copy x.T, then @ g": per_call_us(lambda: np.ascontiguousarray(x.T) @ g),
        "xT @ g (xT kept contiguous)": per_call_us(lambda: xt @ g),
        "np.dot(x.T, g)": per_call_us(lambda: np.dot(x.T, g)),
        "np.einsum('ij,ik->jk', x, g)": per_call_us(lambda: np.einsum("ij,ik->jk", x, g)),
        "np.matmul(x, W, out=)": per_call_us(lambda: np.matmul(x, w, out=out)),
    }


class ProposedDense(cn.Dense):
    """Dense with the proposed backward passes, switched by class attributes (set by `proposal_step`).

    - `einsum`: the weight gradient with einsum. Without BLAS (Pyodide), `x.T @ g` walks both operands with a
      large stride; einsum's loop does not. (Natively, with BLAS, `@` stays far faster: keep it there.)
    - `in_place`: accumulate into the gradient arrays through local names. `self.weight.grad += a` calls the
      Parameter's `grad` setter afterwards, which (for packed parameters) copies the array onto itself.
    """

    einsum = in_place = False

    def backward(self, grad_y, input_grad=True):
        dw = np.einsum("ij,ik->jk", self._x, grad_y) if self.einsum else cn.fast_paths.matmul_tn(self._x, grad_y)
        if self.in_place:
            weight_grad, bias_grad = self.weight.grad, self.bias.grad
            weight_grad += dw
            bias_grad += grad_y.sum(axis=0)
        else:
            self.weight.grad += dw
            self.bias.grad += grad_y.sum(axis=0)
        return grad_y @ self.weight.value.T if input_grad else None


def proposal_step(batch, dtype="float64", optimizer="sgd", einsum=False, in_place=False):
    """One training step of colornet's own classes with some proposals applied; returns step(xb, yb)."""
    net = cn.Network.from_sizes(SIZES, hidden="relu", output="linear", seed=0, dtype=dtype)
    dense = [layer for layer in net.layers if isinstance(layer, cn.Dense)]
    for layer in dense:
        if einsum or in_place:
            layer.__class__ = type("Dense", (ProposedDense,), {"einsum": einsum, "in_place": in_place})
    params = net.parameters()
    opt = cn.SGD(params, lr=0.042) if optimizer == "sgd" else cn.Adam(params, lr=0.003)
    loss = cn.MeanSquaredError()

    def step(xb, yb):  # as cn.train does it
        pred = net.forward(xb)
        opt.zero_grad()
        net.backward(loss.grad(pred, yb), input_grad=False)
        opt.step()
    step.network = net
    return step


def steps_per_s(step, batches, seconds):
    """Steps per second of `step(xb, yb)` over `seconds`, after a short warm-up."""
    for _ in range(50):
        step(*batches.next_batch())
    start, n = time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        for _ in range(20):
            step(*batches.next_batch())
        n += 20
    return n / (time.perf_counter() - start)


# (name, keyword arguments of proposal_step). "(+ no input grad)": colornet's training already skips it, so these two
# rows measure einsum + in-place; the names stay as earlier outputs have them.
PROPOSALS = [
    ("colornet today", {}),
    ("einsum weight gradient", {"einsum": True}),
    ("in-place gradient sums", {"in_place": True}),
    ("float32", {"dtype": "float32"}),
    ("einsum + in-place (+ no input grad)", {"einsum": True, "in_place": True}),
    ("the above + float32", {"einsum": True, "in_place": True, "dtype": "float32"}),
]


def proposals(batch, optimizer="sgd", seconds=0.3, rounds=5):
    """Best steps/s of colornet's step today and with each proposal, over `rounds` interleaved rounds."""
    x = cn.random_colours(10_000, 0)
    y = cn.complement(x)
    runs = {name: [] for name, _ in PROPOSALS}
    for _ in range(rounds):
        for name, options in PROPOSALS:
            dtype = options.get("dtype", "float64")
            batches = cn.ShuffledBatches(x.astype(dtype), y.astype(dtype), batch, 0)
            runs[name].append(steps_per_s(proposal_step(batch, optimizer=optimizer, **options), batches, seconds))
    return {name: max(r) for name, r in runs.items()}


def _kernel_export(kernels):
    """The float64 `matmul` export of the active wasm kernels (a JS function) as kernels.py holds it, or None."""
    fns = getattr(kernels, "_fns", None)
    try:
        return fns[np.dtype("float64")][0]
    except (TypeError, KeyError, IndexError):
        return None


def seam_costs(batch=25):
    """µs per call of what one Dense product through colornet's kernel seam is made of, at the middle layer's
    shape (batch x 64 @ 64 x 32), beside the interpreter and NumPy, so two browsers can be compared piece by piece:

    - `Python loop, 100 iterations`: CPython's interpreter alone;
    - `np.add(y, b, out=y)`: one NumPy ufunc call (NumPy's own loop + its Python call);
    - `np.matmul(x, W, out=)`: the product by NumPy's plain loop;
    - `JS Math.abs(1)` / `JS Math.max(10 arguments)`: Pyodide's Python -> JS call bridge, one and ten arguments;
    - `export(arguments, no work)`: a bare call of the kernel's wasm export (Python -> JS -> wasm) on arguments
      with all sizes 0; it takes one argument, the address of its arguments (site/kernels/dense.c);
    - `export(product)`: the same export computing the product (bridge + SIMD loop);
    - `kernels.matmul(x, W, out)`: the product as Dense asks for it (the seam's Python + bridge + SIMD loop).
    Only the first three are measured when the active kernels are not a wasm module (natively: NumPy).
    """
    rng = np.random.default_rng(0)
    x, w = rng.random((batch, 64)), rng.random((64, 32))
    y, b = np.empty((batch, 32)), rng.random(32)

    def python_loop():
        s = 0
        for i in range(100):
            s += i
        return s

    out = {
        "Python loop, 100 iterations": per_call_us(python_loop),
        "np.add(y, b, out=y)": per_call_us(lambda: np.add(y, b, out=y)),
        "np.matmul(x, W, out=)": per_call_us(lambda: np.matmul(x, w, out=y)),
    }
    active = cn.kernels.active()
    export = _kernel_export(active)
    if export is None:
        return out
    import js  # inside Pyodide only
    math_abs, math_max = js.Math.abs, js.Math.max
    pointers = [a.__array_interface__["data"][0] for a in (x, w, y)]
    no_work, product = np.zeros(11, np.uint32), np.zeros(11, np.uint32)
    product[:10] = (batch, 32, 64, pointers[0], 64, pointers[1], 32, pointers[2], 32, 0)
    no_work_at, product_at = (a.__array_interface__["data"][0] for a in (no_work, product))
    out.update({
        "JS Math.abs(1)": per_call_us(lambda: math_abs(1)),
        "JS Math.max(10 arguments)": per_call_us(lambda: math_max(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
        "export(arguments, no work)": per_call_us(lambda: export(no_work_at)),
        "export(product)": per_call_us(lambda: export(product_at)),
        "kernels.matmul(x, W, out)": per_call_us(lambda: active.matmul(x, w, y)),
    })
    return out


def profile(batches=(25, 256), seconds=0.3):
    """Variants first (they also warm up the code), then the per-call costs."""
    result = {"proposals_sgd": {str(b): proposals(b, "sgd", seconds) for b in batches},
              "proposals_adam_b25": proposals(25, "adam", seconds)}
    result["step_us"] = {str(b): best_of(lambda: step_products_us(b)) for b in batches}
    kernels = cn.kernels
    if kernels.active().name != "numpy":  # the page's SIMD kernels: NumPy beside them
        active = kernels.active()
        result["kernels"] = active.name
        try:
            kernels.use("numpy")
            result["step_us_numpy"] = {str(b): best_of(lambda: step_products_us(b)) for b in batches}
        finally:
            kernels.use(active)
    result["seam_us"] = {str(b): best_of(lambda: seam_costs(b)) for b in batches}
    result["clock_tick_us"] = measured_tick_us()
    result["ops_us"] = {str(b): best_of(lambda: op_costs(b)) for b in batches}
    result["matmul_us"] = {f"{b} {d}": best_of(lambda: matmul_alternatives(b, d))
                           for b in batches for d in ("float64", "float32")}
    return result

