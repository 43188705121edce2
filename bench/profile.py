"""Where the time of a colornet training step goes, and what fewer NumPy calls would buy (bench only).

Run natively (`python bench/profile.py`) or inside the page (`python bench/profile.py --page`): the same source
runs in both places, as the editor's code in the page. Two parts:
1. `op_costs`: microseconds per call of each kind of NumPy call a step makes, at the step's real shapes.
2. `variants`: steps/s of colornet's own loop and of stand-alone steps that do the same maths with
   - `replica`: colornet's operations one for one (per-parameter zero_grad and update, += accumulation);
   - `flat`: all parameters (and gradients) as views of one flat buffer: one fill and one update per step;
   - `flat+out`: also writes every result into a preallocated buffer (`out=`), no zero_grad at all, and skips
     the input gradient of the first layer, which nothing uses;
   - the same with float32.
These are measurements for proposals; colornet itself (pylib/) is not changed here.
"""
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # natively: one BLAS thread, like Pyodide (before NumPy loads)
import numpy as np  # noqa: E402

try:
    import colornet as cn
except ImportError:  # run as a script from a checkout: take colornet from pylib/
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "pylib"))
    import colornet as cn

SIZES = [3, 64, 32, 16, 3]


def per_call_us(fn, seconds=0.04):
    """Mean microseconds of fn() over a loop of about `seconds` (minus the cost of an empty call)."""
    def loop(f, n):
        start = time.perf_counter()
        for _ in range(n):
            f()
        return time.perf_counter() - start

    n = 64
    while loop(fn, n) < seconds / 4:
        n *= 4
    empty = loop(lambda: None, n)
    return max(loop(fn, n) - empty, 0.0) / n * 1e6


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
    """µs of the 12 matrix products one colornet step computes (per layer: x @ W forward, x.T @ g and
    g @ W.T backward), at the real shapes, against µs of the whole colornet step."""
    rng = np.random.default_rng(0)
    shapes = list(zip(SIZES[:-1], SIZES[1:]))
    xs = [rng.random((batch, n_in)).astype(dtype) for n_in, _ in shapes]
    ws = [rng.random(shape).astype(dtype) for shape in shapes]
    gs = [rng.random((batch, n_out)).astype(dtype) for _, n_out in shapes]

    def products():
        for x, w, g in zip(xs, ws, gs):
            x @ w
            x.T @ g
            g @ w.T

    x = cn.random_colours(10_000, 0).astype(dtype)
    batches = cn.ShuffledBatches(x, cn.complement(x).astype(dtype), batch, 0)
    step = colornet_step(batch, dtype, "sgd")
    return {"12 products": per_call_us(products), "whole step": per_call_us(lambda: step(*batches.next_batch()))}


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


class FlatMLP:
    """The colornet net (ReLU hidden, linear output, He init, MSE, SGD or Adam) as one explicit step function.

    `flat`: parameters and gradients are views of one buffer each. `out`: every result goes into a buffer
    allocated once, gradients are written (not accumulated), the first layer's input gradient is skipped.
    """

    def __init__(self, batch, dtype="float64", flat=True, out=True, optimizer="sgd", lr=0.042, seed=0):
        rng = np.random.default_rng(seed)
        shapes = [(n_in, n_out) for n_in, n_out in zip(SIZES[:-1], SIZES[1:])]
        sizes = [n_in * n_out + n_out for n_in, n_out in shapes]
        self.value = np.empty(sum(sizes), dtype)
        self.grad = np.zeros(sum(sizes), dtype)
        self.layers, at = [], 0
        for (n_in, n_out), size in zip(shapes, sizes):
            def views(buf, at=at, n_in=n_in, n_out=n_out):
                return buf[at:at + n_in * n_out].reshape(n_in, n_out), buf[at + n_in * n_out:at + size]
            (w, b), (wg, bg) = views(self.value), views(self.grad)
            if not flat:  # separate arrays, as colornet's Parameters are today
                w, b, wg, bg = w.copy(), b.copy(), wg.copy(), bg.copy()
            w[...] = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
            b[...] = 0.0
            self.layers.append({"w": w, "b": b, "wg": wg, "bg": bg, "h": np.empty((batch, n_out), dtype),
                                "gx": np.empty((batch, n_in), dtype)})
            at += size
        self.params = [(layer[k], layer[k + "g"]) for layer in self.layers for k in ("w", "b")]
        self.flat, self.out, self.optimizer, self.lr, self.t = flat, out, optimizer, lr, 0
        self.dloss = np.empty((batch, SIZES[-1]), dtype)
        self.m, self.v, self.tmp = (np.zeros_like(self.value) for _ in range(3))
        if not flat:
            self.moments = [(np.zeros_like(p), np.zeros_like(p), np.empty_like(p)) for p, _ in self.params]
        self.scratch = [np.empty_like(p) for p, _ in self.params]

    def step(self, xb, yb):
        last = len(self.layers) - 1
        h = xb
        for i, layer in enumerate(self.layers):  # forward
            layer["x"] = h
            if self.out:
                h = np.matmul(h, layer["w"], out=layer["h"])
                h += layer["b"]
                if i < last:
                    np.maximum(h, 0.0, out=h)
            else:
                h = h @ layer["w"]
                h += layer["b"]
                if i < last:
                    h = np.maximum(h, 0.0)
            layer["y"] = h
        g = np.subtract(h, yb, out=self.dloss)  # MSE gradient
        g *= 2.0 / g.size
        if not self.out:  # zero_grad, then accumulate
            if self.flat:
                self.grad.fill(0.0)
            else:
                for _, grad in self.params:
                    grad.fill(0.0)
        for i in range(last, -1, -1):  # backward
            layer = self.layers[i]
            if self.out:
                np.matmul(layer["x"].T, g, out=layer["wg"])
                np.sum(g, axis=0, out=layer["bg"])
                if i == 0:
                    break
                g = np.matmul(g, layer["w"].T, out=layer["gx"])
                g *= self.layers[i - 1]["y"] > 0
            else:
                layer["wg"] += layer["x"].T @ g
                layer["bg"] += g.sum(axis=0)
                g = g @ layer["w"].T
                if i > 0:
                    g = g * (self.layers[i - 1]["y"] > 0)
        self.update()

    def update(self):
        self.t += 1
        if self.optimizer == "sgd":
            if self.flat:
                np.multiply(self.grad, self.lr, out=self.tmp)
                self.value -= self.tmp
            else:
                for (value, grad), tmp in zip(self.params, self.scratch):
                    np.multiply(grad, self.lr, out=tmp)
                    value -= tmp
            return
        b1, b2, eps = 0.9, 0.999, 1e-8
        step_size = self.lr * np.sqrt(1 - b2 ** self.t) / (1 - b1 ** self.t)
        triples = ([(self.value, self.grad, (self.m, self.v, self.tmp))] if self.flat
                   else [(p, g, mv) for (p, g), mv in zip(self.params, self.moments)])
        for value, grad, (m, v, tmp) in triples:  # colornet's Adam, call for call
            m *= b1
            np.multiply(grad, 1 - b1, out=tmp)
            m += tmp
            v *= b2
            np.multiply(grad, grad, out=tmp)
            tmp *= 1 - b2
            v += tmp
            np.sqrt(v, out=tmp)
            tmp += eps * np.sqrt(1 - b2 ** self.t)
            np.divide(m, tmp, out=tmp)
            tmp *= step_size
            value -= tmp


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


def colornet_step(batch, dtype, optimizer):
    """colornet's own step (what `cn.train` does between reports), for the same data."""
    net = cn.Network.from_sizes(SIZES, hidden="relu", output="linear", seed=0, dtype=dtype)
    opt = (cn.SGD(net.parameters(), lr=0.042) if optimizer == "sgd"
           else cn.Adam(net.parameters(), lr=0.003))
    loss = cn.MeanSquaredError()

    def step(xb, yb):
        pred = net.forward(xb)
        opt.zero_grad()
        net.backward(loss.grad(pred, yb))
        opt.step()
    return step


VARIANTS = [  # (name, dtype, kind): kind None is colornet's own step, else FlatMLP(flat, out)
    ("colornet step", "float64", None),
    ("replica", "float64", (False, False)),
    ("flat", "float64", (True, False)),
    ("flat+out", "float64", (True, True)),
    ("colornet step float32", "float32", None),
    ("flat+out float32", "float32", (True, True)),
]


def variants(batch, optimizer="sgd", seconds=0.3, rounds=5):
    """Best steps/s of colornet's step and of each FlatMLP variant over `rounds` interleaved rounds."""
    x = cn.random_colours(10_000, 0)
    y = cn.complement(x)
    runs = {name: [] for name, _, _ in VARIANTS}
    for _ in range(rounds):
        for name, dtype, kind in VARIANTS:
            if kind is None:
                step = colornet_step(batch, dtype, optimizer)
            else:
                step = FlatMLP(batch, dtype, flat=kind[0], out=kind[1], optimizer=optimizer).step
            batches = cn.ShuffledBatches(x.astype(dtype), y.astype(dtype), batch, 0)
            runs[name].append(steps_per_s(step, batches, seconds))
    return {name: max(r) for name, r in runs.items()}


def best_of(measure, passes=5):
    """The smallest µs of each entry over `passes` calls of measure() -> {name: µs}.

    On a shared machine other work can only slow a loop down, so the minimum is the steadiest estimate of
    what a call costs (as timeit reports). Run after training, so the wasm code is already optimised.
    """
    runs = [measure() for _ in range(passes)]
    return {name: min(run[name] for run in runs) for name in runs[0]}


def profile(batches=(25, 256), seconds=0.3):
    """Variants first (they also warm up the code), then the per-call costs."""
    result = {"variants_sgd": {str(b): variants(b, "sgd", seconds) for b in batches},
              "variants_adam_b25": variants(25, "adam", seconds)}
    result["step_us"] = {str(b): best_of(lambda: step_products_us(b)) for b in batches}
    result["ops_us"] = {str(b): best_of(lambda: op_costs(b)) for b in batches}
    result["matmul_us"] = {f"{b} {d}": best_of(lambda: matmul_alternatives(b, d))
                           for b in batches for d in ("float64", "float32")}
    return result


if __name__ == "__main__":
    import json
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    if "--page" in sys.argv:
        from bench import browsers, throughput
        chromium = browsers.Chromium()
        try:
            chromium.open((root / "site" / "index.html").as_uri())
            throughput.wait_until_ready(chromium)
            source = Path(__file__).read_text().split('if __name__ == "__main__":')[0]
            result = throughput.run_in_page(chromium, "profile()", prelude=source)
        finally:
            chromium.quit()
    else:
        result = profile()
    print(json.dumps(result, indent=1))
