"""The seam for the matrix products of a Dense step: which code computes them.

A *kernel* object has three methods, each writing ``out`` (shape ``(m, n)``, same dtype) and
returning it; with ``accumulate=True`` the product is added to ``out`` instead:

- ``matmul(a, b, out)``     ``out = a @ b``    (forward: ``x @ W``)
- ``matmul_tn(a, b, out)``  ``out = a.T @ b``  (weight gradient: ``x.T @ grad_y``)
- ``matmul_nt(a, b, out)``  ``out = a @ b.T``  (input gradient: ``grad_y @ W.T``)

``out=None`` allocates the result. The default kernel is NumPy and runs everywhere. The
playground page registers a WebAssembly SIMD kernel ("wasm-simd", see ``WasmKernels``) at boot
when the browser supports it and makes it active; ``use("numpy")`` switches back:

    >>> import colornet as cn
    >>> cn.kernels.active().name
    'numpy'
    >>> cn.kernels.use("numpy")  # doctest: +ELLIPSIS
    <colornet kernels 'numpy': ...>

colornet itself stays pure Python + NumPy: ``WasmKernels`` only calls functions it is given.
"""
import ctypes
import struct
import sys
import weakref

import numpy as np

from . import fast_paths

__all__ = ["NumpyKernels", "WasmKernels", "active", "available", "register", "use"]


class NumpyKernels:
    """The products with NumPy's ``matmul`` (BLAS natively; a plain loop inside Pyodide)."""

    name = "numpy"
    description = "NumPy matmul"

    def matmul(self, a, b, out=None, accumulate=False):
        return _numpy_product(a, b, out, accumulate)

    def matmul_tn(self, a, b, out=None, accumulate=False):
        if out is None:
            return fast_paths.matmul_tn(a, b)
        if accumulate:
            out += fast_paths.matmul_tn(a, b)
            return out
        out[...] = fast_paths.matmul_tn(a, b)
        return out

    def matmul_nt(self, a, b, out=None, accumulate=False):
        return _numpy_product(a, b.T, out, accumulate)

    def __repr__(self):
        return f"<colornet kernels {self.name!r}: {self.description}>"


def _numpy_product(a, b, out, accumulate):
    if out is None:
        return a @ b
    if accumulate:
        out += a @ b
        return out
    return np.matmul(a, b, out=out)


_ARGUMENTS = struct.Struct("<11I")  # m, n, k, a, lda, b, ldb, out, ldo, acc, scratch (site/kernels/dense.c)


def _address(array):
    """The byte address of an array's first element (cheapest route for writable C-contiguous arrays)."""
    try:
        return ctypes.addressof(ctypes.c_char.from_buffer(array))
    except (TypeError, ValueError, BufferError):  # read-only, not contiguous or empty
        return array.__array_interface__["data"][0]


class WasmKernels:
    """The products computed by a WebAssembly module that works on the arrays where they are.

    ``exports`` is an object with the functions ``matmul_f64``, ``matmul_tn_f64``, ``matmul_nt_f64`` and
    the same ending in ``_f32``; each takes the address of its arguments, written as unsigned 32-bit words
    into a small array here (site/kernels/dense.c lists them), because each argument that crosses Pyodide's
    Python -> JS bridge costs more than writing it (in Firefox ~0.35 µs an argument). The module must share
    this process's memory (inside Pyodide: Pyodide's own WebAssembly.Memory), because the functions get
    the arrays' addresses. float64 and float32 2-D arrays of one dtype are computed by the module; an
    operand whose rows are not made of adjacent elements is copied first; any other input (other
    dtypes, mixed dtypes, not 2-D, shapes that do not fit) goes to NumPy, so every call gives NumPy's
    answer or its error.

    A call costs microseconds of Python around the module's work, which matters at small batches. So
    the layout of arrays seen recently is remembered (by identity, checked by a weak reference and the
    shape and strides), and results asked for with ``out=None`` come from a pool: an array is handed
    out again only once nothing but the pool refers to it (``sys.getrefcount``), so a result the caller
    still holds is never overwritten.
    """

    SEEN_LIMIT = 64  # arrays whose layout is remembered; forgotten all at once beyond that

    def __init__(self, exports, name="wasm-simd", description="WebAssembly SIMD (128-bit)"):
        self.name = name
        self.description = description
        self._fns = {}
        for dtype, suffix in ((np.float64, "f64"), (np.float32, "f32")):
            self._fns[np.dtype(dtype)] = tuple(getattr(exports, f"matmul{op}_{suffix}") for op in ("", "_tn", "_nt"))
        self._numpy = NumpyKernels()
        self._scratch = {}  # dtype -> (array, address): b transposed, for matmul_nt
        self._seen = {}  # id(array) -> (weakref, shape, strides, (address, row stride, end address))
        self._pool = {}  # (m, n, dtype) -> [(array, address)]
        self._args = np.zeros(_ARGUMENTS.size // 4, np.uint32)  # the exports' arguments (dense.c)
        self._args_address = _address(self._args)
        probe = np.empty(1)
        self._pool_only = sys.getrefcount(probe)  # references when only a local name holds an array

    def matmul(self, a, b, out=None, accumulate=False):
        return self._product(0, a, b, out, accumulate)

    def matmul_tn(self, a, b, out=None, accumulate=False):
        return self._product(1, a, b, out, accumulate)

    def matmul_nt(self, a, b, out=None, accumulate=False):
        return self._product(2, a, b, out, accumulate)

    def _product(self, op, a, b, out, accumulate):
        # The common case in as few Python steps as possible: at batch 25 this wrapper, not the module, is most
        # of a product's time (docs/PERFORMANCE.md, "Why batch 25 misses 0.6×").
        try:
            fn = self._fns[a.dtype][op]
            wasm = type(a) is np.ndarray and type(b) is np.ndarray and b.dtype == a.dtype
        except (AttributeError, KeyError, TypeError):
            wasm = False
        if wasm:
            seen = self._seen
            la = seen.get(id(a))
            if la is None or la[0]() is not a or la[1] != a.shape or la[2] != a.strides:
                a, la = self._layout(a)
            lb = seen.get(id(b))
            if lb is None or lb[0]() is not b or lb[1] != b.shape or lb[2] != b.strides:
                b, lb = self._layout(b)
            if la is not None and lb is not None:
                (ra, ca), (rb, cb) = la[1], lb[1]
                m, k, k2, n = (ra, ca, rb, cb) if op == 0 else (ca, ra, rb, cb) if op == 1 else (ra, ca, cb, rb)
                if k == k2 and (out is None or type(out) is np.ndarray and out.shape == (m, n)
                                and out.dtype == a.dtype):
                    return self._wasm(op, fn, a, la, b, lb, out, accumulate, m, n, k)
        # anything else is NumPy's: its result, or its error
        return (self._numpy.matmul, self._numpy.matmul_tn, self._numpy.matmul_nt)[op](a, b, out, accumulate)

    def _wasm(self, op, fn, a, la, b, lb, out, accumulate, m, n, k):
        if m == 0 or n == 0:
            return (np.zeros if accumulate else np.empty)((m, n), a.dtype) if out is None else out
        pa, lda, enda = la[3]
        pb, ldb, endb = lb[3]
        if out is None and not accumulate:
            out, po = self._pooled(m, n, a.dtype)
            target, ldo = out, n
        else:
            if out is None:
                out = np.zeros((m, n), a.dtype)
            lo = self._seen.get(id(out))
            if (lo is None or lo[0]() is not out or lo[1] != out.shape or lo[2] != out.strides
                    or not out.flags.writeable):
                target, lo = self._layout(out, writable=True)
            else:
                target = out
            po, ldo, endo = lo[3]
            # the module writes as it reads: an out that overlaps an operand is computed into a fresh array
            if target is out and (po < enda and pa < endo or po < endb and pb < endo):
                target = np.array(out)
                po, ldo = _address(target), n
        if op == 2:
            scratch, ps = self._scratch.get(a.dtype, (None, 0))
            if scratch is None or scratch.size < k * n:
                scratch = np.empty(max(k * n, 4096), a.dtype)
                ps = _address(scratch)
                self._scratch[a.dtype] = scratch, ps
        else:
            ps = 0
        _ARGUMENTS.pack_into(self._args, 0, m, n, k, pa, lda, pb, ldb, po, ldo, 1 if accumulate else 0, ps)
        fn(self._args_address)
        if target is not out:
            out[...] = target
        return out

    def _pooled(self, m, n, dtype):
        """A (m, n) array nobody else refers to, and its address."""
        entries = self._pool.setdefault((m, n, dtype), [])
        for entry in entries:
            # references: the entry tuple, `entry`'s element binding below and getrefcount's argument
            array = entry[0]
            if sys.getrefcount(array) <= self._pool_only + 1:
                return entry
        array = np.empty((m, n), dtype)
        entry = (array, _address(array))
        if len(entries) < 4:
            entries.append(entry)
        return entry

    def _layout(self, array, writable=False):
        """``(array, (weakref, shape, strides, (address, row stride in elements, end address)))`` with rows made
        of adjacent elements, or ``(array, None)`` for an array that is not 2-D.

        A C-contiguous array or a row slice of one is used in place (and remembered); anything else (a transposed
        view, a column step, negative or zero strides, a read-only ``out``) is replaced by a contiguous copy.
        """
        shape, strides = array.shape, array.strides
        if len(shape) != 2:
            return array, None
        (rows, cols), (s0, s1) = shape, strides
        size = array.itemsize
        usable = (s1 == size or cols <= 1) and (s0 >= cols * size and s0 % size == 0 or rows <= 1)
        if not usable or (writable and not array.flags.writeable):
            copy = np.array(array, order="C")  # writable (and keeps out's values for accumulate=True)
            return copy, (None, shape, copy.strides, self._measure(copy, rows, cols, cols * size, size))
        entry = (weakref.ref(array), shape, strides, self._measure(array, rows, cols, s0, size))
        if len(self._seen) >= self.SEEN_LIMIT:
            self._seen.clear()
        self._seen[id(array)] = entry
        return array, entry

    def self_test(self):
        """The empty string when each product agrees with NumPy on small arrays of both dtypes, else what differs.

        The page runs it before making these kernels active: a module working on the wrong memory, or a broken
        one, gives wrong numbers here. (No np.random: its first use imports several extension modules.)
        """
        for dtype, tol in ((np.float64, 1e-12), (np.float32, 1e-5)):
            for m, k, n in ((5, 3, 7), (1, 1, 1), (9, 4, 2)):
                a = np.sin(np.arange(1, m * k + 1, dtype=dtype)).reshape(m, k)
                b = np.cos(np.arange(1, k * n + 1, dtype=dtype)).reshape(k, n)
                for name, got in (("matmul", self.matmul(a, b)), ("matmul_tn", self.matmul_tn(a.T.copy(), b)),
                                  ("matmul_nt", self.matmul_nt(a, b.T.copy()))):
                    if got.dtype != dtype or not np.allclose(got, a @ b, rtol=tol, atol=tol):
                        return f"self-test: {name} of {dtype.__name__} ({m}x{k}) @ ({k}x{n}) differs from NumPy"
        return ""

    @staticmethod
    def _measure(array, rows, cols, s0, size):
        ld = s0 // size if rows > 1 else cols
        address = _address(array)
        return address, ld, address + ((rows - 1) * ld + cols) * size

    def __repr__(self):
        return f"<colornet kernels {self.name!r}: {self.description}>"


_NUMPY = NumpyKernels()
_registry = {_NUMPY.name: _NUMPY}
_active = _NUMPY


def active():
    """The kernel object computing Dense products now (``.name`` says which)."""
    return _active


def available():
    """The names ``use`` accepts."""
    return sorted(_registry)


def register(kernels):
    """Make a kernel object available to ``use`` under its ``name`` (it must have the three methods)."""
    missing = [m for m in ("matmul", "matmul_tn", "matmul_nt") if not callable(getattr(kernels, m, None))]
    name = getattr(kernels, "name", None)
    if missing or not isinstance(name, str) or not name:
        raise TypeError(f"a kernel object needs a non-empty str .name and the methods matmul, matmul_tn, matmul_nt; "
                        f"{kernels!r} lacks {', '.join(missing) or 'a name'}")
    _registry[name] = kernels
    return kernels


def use(kernels):
    """Make ``kernels`` (a registered name such as "numpy", or a kernel object) active; returns it."""
    global _active
    if isinstance(kernels, str):
        if kernels not in _registry:
            raise ValueError(f"kernels must be one of {', '.join(available())}, got {kernels!r}")
        kernels = _registry[kernels]
    else:
        register(kernels)
    _active = kernels
    return kernels
