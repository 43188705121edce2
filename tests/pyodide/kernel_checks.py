"""Checks of the WebAssembly SIMD kernels (site/kernels/dense.c) inside Pyodide, against the real .wasm.

tests/pyodide/test_kernels_in_pyodide.py runs every ``check_*`` here in Pyodide under Node with the kernels
installed exactly as the page's worker installs them (site/src/worker/kernels.js) and with hypothesis on the path.

Tolerance: a product's element is a sum of k terms, so its rounding error is bounded relative to the sum of the
terms' magnitudes, not to the (possibly cancelled) result: |kernel - NumPy| <= rtol * (|a| @ |b|) elementwise,
rtol 1e-12 for float64 and 1e-5 for float32.
"""
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import colornet as cn

RTOL = {np.float64: 1e-12, np.float32: 1e-5}
SETTINGS = settings(max_examples=150, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))
# sizes: 0, 1, primes, the vector widths and tile edges (2, 4, 8) and the layers' 64-row boundary
EDGE_SIZES = [0, 1, 2, 3, 4, 5, 7, 8, 9, 13, 31, 63, 64, 65, 67, 127, 128, 129, 256]
SIZE = st.one_of(st.sampled_from(EDGE_SIZES), st.integers(0, 80))
OPS = {  # name -> (method, reference product from the stored operands, shapes of the stored a, b for m, k, n)
    "matmul": (lambda kern: kern.matmul, lambda a, b: a @ b, lambda m, k, n: ((m, k), (k, n))),
    "matmul_tn": (lambda kern: kern.matmul_tn, lambda a, b: a.T @ b, lambda m, k, n: ((k, m), (k, n))),
    "matmul_nt": (lambda kern: kern.matmul_nt, lambda a, b: a @ b.T, lambda m, k, n: ((m, k), (n, k))),
}
LAYOUTS = ("contiguous", "row-slice", "fortran", "column-step", "reversed-rows")


def _wasm():
    kernels = cn.kernels.active()
    assert kernels.name == "wasm-simd", f"the SIMD kernels are not active: {kernels!r}"
    return kernels


def _laid_out(array, layout, rng):
    """The same values in another memory layout (a view where one exists)."""
    rows, cols = array.shape
    if layout == "row-slice":  # rows padded: a column slice of a wider array (like Dense's x_ones[:, :n_in])
        wide = rng.normal(size=(rows, cols + 3)).astype(array.dtype)
        wide[:, :cols] = array
        return wide[:, :cols]
    if layout == "fortran":
        return np.asfortranarray(array)
    if layout == "column-step":
        wide = np.zeros((rows, 2 * cols), array.dtype)
        wide[:, ::2] = array
        return wide[:, ::2]
    if layout == "reversed-rows":
        return array[::-1].copy()[::-1]
    return array


def _assert_close(got, want, a, b, product, dtype, what):
    bound = product(np.abs(a).astype(np.float64), np.abs(b).astype(np.float64))
    error = np.abs(got.astype(np.float64) - want.astype(np.float64))
    worst = np.max(error - RTOL[dtype] * bound, initial=0.0)
    assert got.shape == want.shape and got.dtype == want.dtype, (what, got.shape, got.dtype, want.shape, want.dtype)
    assert worst <= 0, f"{what}: off by {np.max(error, initial=0)} (allowed {RTOL[dtype]} x |a|@|b|)"


@SETTINGS
@given(op=st.sampled_from(sorted(OPS)), m=SIZE, k=SIZE, n=SIZE, dtype=st.sampled_from([np.float64, np.float32]),
       layout_a=st.sampled_from(LAYOUTS), layout_b=st.sampled_from(LAYOUTS), out_kind=st.sampled_from(
           ["none", "given", "accumulate", "accumulate-none", "row-slice"]), seed=st.integers(0, 2**32 - 1))
def _products_match_numpy(op, m, k, n, dtype, layout_a, layout_b, out_kind, seed):
    kernels = _wasm()
    method, product, shapes = OPS[op]
    rng = np.random.default_rng(seed)
    (sa, sb) = shapes(m, k, n)
    a = _laid_out(rng.normal(size=sa).astype(dtype), layout_a, rng)
    b = _laid_out(rng.normal(size=sb).astype(dtype), layout_b, rng)
    a_before, b_before = a.copy(), b.copy()
    want = product(a, b)
    start = rng.normal(size=(m, n)).astype(dtype)
    if out_kind == "none":
        got = method(kernels)(a, b)
    elif out_kind == "accumulate-none":
        got = method(kernels)(a, b, None, accumulate=True)
    elif out_kind == "row-slice":
        wide = np.zeros((m, n + 2), dtype)
        got = method(kernels)(a, b, wide[:, :n])
        assert got.base is wide and not wide[:, n:].any(), "wrote outside out"
    else:
        out = start.copy()
        got = method(kernels)(a, b, out, accumulate=out_kind == "accumulate")
        assert got is out, "the result is not the out array given"
        if out_kind == "accumulate":
            want = want + start
    _assert_close(got, want, a, b, product, dtype, f"{op} {sa}x{sb} {dtype.__name__} a:{layout_a} b:{layout_b} "
                                                   f"out:{out_kind}")
    assert np.array_equal(a, a_before) and np.array_equal(b, b_before), "an operand changed"


def check_products_match_numpy():
    _products_match_numpy()


def check_inputs_the_module_does_not_take_give_numpys_answer():
    kernels = _wasm()
    rng = np.random.default_rng(1)
    a64, b64 = rng.normal(size=(5, 3)), rng.normal(size=(3, 4))
    ints = np.arange(6).reshape(2, 3)
    cases = [
        (kernels.matmul(ints, ints.T), ints @ ints.T),  # integers
        (kernels.matmul(a64.astype(np.float32), b64), a64.astype(np.float32) @ b64),  # mixed dtypes
        (kernels.matmul(a64[0], b64), a64[0] @ b64),  # 1-D
        (kernels.matmul_tn(a64, a64.astype(">f8")), a64.T @ a64.astype(">f8")),  # big-endian
        (kernels.matmul([[1.0, 2.0]], np.ones((2, 2))), np.array([[3.0, 3.0]])),  # a list
    ]
    for got, want in cases:
        assert got.dtype == want.dtype and np.array_equal(got, want), (got, want)
    for call in (lambda: kernels.matmul(a64, a64), lambda: kernels.matmul_nt(a64, b64)):
        try:
            call()
        except ValueError as err:
            assert "mismatch" in str(err) or "shape" in str(err), err
        else:
            raise AssertionError("mismatched shapes did not raise")


def check_a_held_result_is_never_reused():
    kernels = _wasm()
    rng = np.random.default_rng(2)
    a, b, c = rng.normal(size=(6, 5)), rng.normal(size=(5, 4)), rng.normal(size=(6, 5))
    first = kernels.matmul(a, b)
    kept = first.copy()
    view = kernels.matmul(c, b)[:, :2]  # only a view of this result is held
    view_kept = view.copy()
    for _ in range(10):
        kernels.matmul(c, b)
        kernels.matmul(a, b)
    assert np.array_equal(first, kept), "a result the caller holds was overwritten"
    assert np.array_equal(view, view_kept), "a result held through a view was overwritten"


def check_out_overlapping_an_operand():
    kernels = _wasm()
    rng = np.random.default_rng(3)
    for accumulate in (False, True):
        square = rng.normal(size=(6, 6))
        want = square @ square + (square if accumulate else 0)
        got = kernels.matmul(square, square, square, accumulate=accumulate)
        assert got is square and np.allclose(got, want, rtol=1e-12, atol=1e-12)


def check_arrays_changed_in_place_are_seen():
    kernels = _wasm()
    rng = np.random.default_rng(4)
    a, b = rng.normal(size=(4, 6)), rng.normal(size=(6, 3))
    kernels.matmul(a, b)
    a.shape = (6, 4)  # same object, same memory, new shape: the remembered layout must not be used
    assert np.allclose(kernels.matmul(a, b[:4]), a @ b[:4], rtol=1e-12, atol=1e-12)
    a[...] = rng.normal(size=a.shape)
    assert np.allclose(kernels.matmul_tn(a, b), a.T @ b, rtol=1e-12, atol=1e-12)


def check_an_out_made_read_only_is_refused_like_numpy():
    kernels = _wasm()
    rng = np.random.default_rng(6)
    a, b, out = rng.normal(size=(5, 4)), rng.normal(size=(4, 3)), np.zeros((5, 3))
    kernels.matmul(a, b, out)  # out's layout is remembered now
    out[...] = 7.0
    out.flags.writeable = False
    for accumulate in (False, True):
        try:
            kernels.matmul(a, b, out, accumulate=accumulate)
        except ValueError as err:
            assert "read-only" in str(err), err
        else:
            raise AssertionError("a read-only out was written")
        assert (out == 7.0).all(), "a read-only out changed"


def check_dense_gradients_with_the_kernels():
    _wasm()
    rng = np.random.default_rng(5)
    x = rng.normal(size=(7, 3))
    for dtype in (np.float64,):
        cn.check_gradients(cn.Dense(3, 5, rng=rng, dtype=dtype), x)
        net = cn.Network.from_sizes([3, 8, 5, 3], hidden="tanh", output="linear", seed=1)
        cn.check_gradients(net, x)


class Counting:
    """A kernel object that counts the calls of each product before passing them on."""

    def __init__(self, inner):
        self.inner, self.name, self.calls = inner, f"counting-{inner.name}", dict.fromkeys(OPS, 0)

    def _call(self, op, *args, **kwargs):
        self.calls[op] += 1
        return getattr(self.inner, op)(*args, **kwargs)

    def matmul(self, *args, **kwargs):
        return self._call("matmul", *args, **kwargs)

    def matmul_tn(self, *args, **kwargs):
        return self._call("matmul_tn", *args, **kwargs)

    def matmul_nt(self, *args, **kwargs):
        return self._call("matmul_nt", *args, **kwargs)


def check_training_gives_numpys_numbers():
    wasm = _wasm()
    x = cn.random_colours(300, 0)
    y = cn.complement(x)
    results, counted = {}, {}
    try:
        for name in ("numpy", "wasm-simd"):
            counting = cn.kernels.use(Counting(cn.kernels._registry[name]))
            for dtype in ("float64", "float32"):
                net = cn.Network.from_sizes([3, 64, 32, 16, 3], hidden="relu", output="linear", seed=0, dtype=dtype)
                cn.train(net, x, y, loss=cn.MeanSquaredError(), optimizer=cn.SGD(net.parameters(), lr=0.042),
                         batch_size=25, steps=60, seed=0)
                results[name, dtype] = np.concatenate([p.value.ravel() for p in net.parameters()])
            counted[name] = counting.calls
    finally:
        cn.kernels.use(wasm)
    # per step and dtype: 4 forward products, 4 weight gradients, 3 input gradients (the first layer needs none)
    for name, calls in counted.items():
        assert calls["matmul"] >= 4 * 120 and calls["matmul_tn"] >= 4 * 120 and calls["matmul_nt"] >= 3 * 120, \
            f"{name}: Dense did not compute its products through colornet.kernels: {calls}"
    for dtype, tol in (("float64", 1e-9), ("float32", 1e-3)):
        a, b = results["numpy", dtype], results["wasm-simd", dtype]
        assert np.allclose(a, b, rtol=tol, atol=tol), f"{dtype}: max difference {np.max(np.abs(a - b))}"


def check_switching_kernels():
    wasm = _wasm()
    assert {"numpy", "wasm-simd"} <= set(cn.kernels.available())
    try:
        assert cn.kernels.use("numpy").name == "numpy" and cn.kernels.active().name == "numpy"
        try:
            cn.kernels.use("blas")
        except ValueError as err:
            assert "numpy" in str(err) and "wasm-simd" in str(err) and "'blas'" in str(err), err
        else:
            raise AssertionError("an unknown kernel name was accepted")
    finally:
        cn.kernels.use(wasm)
    assert cn.kernels.active() is wasm
