"""The WebAssembly SIMD kernels in the real page: active after boot (boot line and runtime.info say so), gradient
checks pass with them inside the browser (Chromium from file:// and http://127.0.0.1, Firefox), and a kernels file
that does not instantiate leaves NumPy active with the reason shown while the page still boots and trains."""
import pytest

from helpers.page import js, navigate
from helpers.playground import click, set_code
from helpers.wait import output_text, state, wait_for, wait_for_boot, wait_ready
from sitecopy import copy_site, rewrite_bundle

from tools.paths import KERNELS_WASM

# Run in the editor: gradient checks with the active kernels computing every product (a lone Dense, a packed Network
# whose layers use the stacked [W; b] path, float64), a short training, which kernels were active and which of the
# three products Dense asked them for.
GRADIENT_CHECKS = """import numpy as np
import colornet as cn
active = cn.kernels.active()
calls = set()

class Counting:  # passes each product on to the active kernels, noting which ones Dense asked for
    name = "counting"
    def matmul(self, *args, **kwargs):
        calls.add("matmul"); return active.matmul(*args, **kwargs)
    def matmul_tn(self, *args, **kwargs):
        calls.add("matmul_tn"); return active.matmul_tn(*args, **kwargs)
    def matmul_nt(self, *args, **kwargs):
        calls.add("matmul_nt"); return active.matmul_nt(*args, **kwargs)

cn.kernels.use(Counting())
try:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(9, 3))
    worst = max(cn.check_gradients(cn.Dense(3, 7, rng=rng), x),
                cn.check_gradients(cn.Network.from_sizes([3, 64, 32, 16, 3], hidden="tanh", seed=2), x))
    net = cn.Network.from_sizes([3, 16, 3], seed=0)
    colours = cn.random_colours(500, 0)
    result = cn.train(net, colours, cn.complement(colours), loss=cn.MeanSquaredError(),
                      optimizer=cn.Adam(net.parameters(), lr=0.003), batch_size=25, steps=200)
finally:
    cn.kernels.use(active)
print(f"gradients ok (worst {worst:.1e}) with {active.name}; products {sorted(calls)}; trained to {result.cost:.4f}")
"""
PRODUCTS = "products ['matmul', 'matmul_nt', 'matmul_tn']"


def click_run_and_wait(browser, code, timeout=120):
    set_code(browser, code)
    runs = state(browser)["runs"]
    click(browser, "run")
    wait_for(browser, f"s.runs === {runs + 1} && s.status !== 'training' && s.status !== 'running'", timeout,
             "the run to finish")
    return output_text(browser)


def boot_line(browser):
    return js(browser, "return document.getElementById('versions').textContent;")


@pytest.mark.parametrize("where", ["file", "http"])
def test_kernels_active_and_gradients_check_in_chromium(browser, open_page, site_file_url, site_http_url, where):
    boot = open_page(site_file_url if where == "file" else site_http_url)
    wait_ready(browser)
    kernels = boot["info"]["kernels"]
    assert kernels["active"] == "wasm-simd", kernels
    assert "matmul: WebAssembly SIMD" in boot_line(browser)
    out = click_run_and_wait(browser, GRADIENT_CHECKS)
    assert "gradients ok" in out and "with wasm-simd;" in out and PRODUCTS in out, out


def test_a_kernels_file_that_does_not_instantiate_leaves_numpy(browser, open_page, tmp_path):
    """The bundle carries bytes that pass the manifest's sha256 (re-recorded) but are no WebAssembly module."""
    site = copy_site(tmp_path)
    rewrite_bundle(site, "colornet", {KERNELS_WASM.name: b"\0asm\x01\0\0\0 not a module"})
    boot = open_page((site / "index.html").as_uri())
    wait_ready(browser)
    kernels = boot["info"]["kernels"]
    assert kernels["active"] == "numpy" and f"{KERNELS_WASM.name} did not instantiate" in kernels["reason"], kernels
    line = boot_line(browser)
    assert "matmul: NumPy (SIMD kernels off:" in line and "did not instantiate" in line, line
    out = click_run_and_wait(browser, GRADIENT_CHECKS)
    assert "gradients ok" in out and "with numpy;" in out and PRODUCTS in out, out


def test_kernels_active_and_gradients_check_in_firefox(firefox, site_file_url):
    navigate(firefox, site_file_url)
    boot = wait_for_boot(firefox, 90)
    assert boot["status"] == "ready", boot
    assert boot["info"]["kernels"]["active"] == "wasm-simd", boot["info"]["kernels"]
    click_run_and_wait(firefox, GRADIENT_CHECKS)
    out = output_text(firefox)
    assert "gradients ok" in out and "with wasm-simd;" in out and PRODUCTS in out, out
