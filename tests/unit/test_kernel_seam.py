"""colornet.kernels on CPython: the NumPy kernels give NumPy's products, and choosing kernels by name or object
works and refuses bad input with a message naming it. (The WebAssembly kernels are checked inside Pyodide:
tests/pyodide/kernel_checks.py.)"""
import numpy as np
import pytest

import colornet as cn


@pytest.fixture(autouse=True)
def numpy_kernels_afterwards():
    yield
    cn.kernels.use("numpy")


def test_numpy_is_the_default_and_computes_the_three_products():
    kernels = cn.kernels.active()
    assert kernels.name == "numpy"
    rng = np.random.default_rng(0)
    a, b, c = rng.normal(size=(70, 5)), rng.normal(size=(5, 3)), rng.normal(size=(70, 3))
    assert np.array_equal(kernels.matmul(a, b), a @ b)
    assert np.allclose(kernels.matmul_tn(a, c), a.T @ c, rtol=1e-12, atol=1e-12)
    assert np.array_equal(kernels.matmul_nt(c, b), c @ b.T)
    out = np.ones((5, 3))
    assert kernels.matmul_tn(a, c, out, accumulate=True) is out
    assert np.allclose(out, 1 + a.T @ c, rtol=1e-12, atol=1e-12)
    assert kernels.matmul(a, b, np.empty((70, 3))).shape == (70, 3)


def test_use_by_name_and_by_object():
    calls = []

    class Recording:
        name = "recording"

        def matmul(self, a, b, out=None, accumulate=False):
            calls.append("matmul")
            return cn.kernels.NumpyKernels().matmul(a, b, out, accumulate)

        matmul_tn = matmul_nt = matmul

    recording = cn.kernels.use(Recording())
    assert cn.kernels.active() is recording and "recording" in cn.kernels.available()
    cn.Dense(3, 2).forward(np.ones((4, 3)))
    assert calls == ["matmul"], "Dense did not ask the active kernels for its forward product"
    assert cn.kernels.use("numpy").name == "numpy"
    assert cn.kernels.use("recording") is recording


def test_bad_choices_name_the_value_and_what_is_allowed():
    with pytest.raises(ValueError, match=r"kernels must be one of .*numpy.*, got 'blas'"):
        cn.kernels.use("blas")
    with pytest.raises(TypeError, match="lacks matmul_tn, matmul_nt"):
        cn.kernels.use(type("Half", (), {"name": "half", "matmul": lambda self, a, b: a @ b})())
    assert cn.kernels.active().name == "numpy"
