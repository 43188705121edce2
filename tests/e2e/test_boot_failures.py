"""Every boot failure is shown in the page within 30 s, naming the stage and the file (never a silent hang)."""
import re
import time

import pytest
from helpers.wait import wait_for_boot
from sitecopy import break_zip, bundle_path, copy_site, file_entry, rewrite_bundle

from tools.paths import OPTIMISED_DIR

SHOWN_WITHIN_S = 30


@pytest.fixture
def broken_site(tmp_path):
    return copy_site(tmp_path)


def boot_error(browser, site):
    """Opens the copy and returns (seconds until the error, the page's visible text)."""
    started = time.monotonic()
    browser.get((site / "index.html").as_uri())
    state = wait_for_boot(browser, timeout=SHOWN_WITHIN_S + 5)
    elapsed = time.monotonic() - started
    assert state["status"] == "error", f"expected a boot failure, page says {state}"
    assert elapsed < SHOWN_WITHIN_S, f"the failure took {elapsed:.1f} s to show"
    return state, browser.find_element("tag name", "body").text


def assert_names(text, stage, file):
    assert f'stage "{stage}"' in text, text
    assert file in text, text


def test_missing_bundle(browser, broken_site):
    bundle_path(broken_site, "numpy").unlink()
    state, text = boot_error(browser, broken_site)
    assert_names(text, "numpy", "dist/runtime-numpy.js")
    assert "missing" in text


def test_truncated_bundle(browser, broken_site):
    path = bundle_path(broken_site, "wasm")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    state, text = boot_error(browser, broken_site)
    assert_names(text, "runtime", "dist/runtime-wasm.js")
    assert "truncated or corrupt" in text


def test_corrupt_bundle_bytes(browser, broken_site):
    path = bundle_path(broken_site, "stdlib")
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle] = ord("A") if data[middle] != ord("A") else ord("B")
    path.write_bytes(bytes(data))
    state, text = boot_error(browser, broken_site)
    assert_names(text, "runtime", "python_stdlib.zip")
    assert "sha256 mismatch" in text


def test_hash_mismatch_of_a_swapped_file(browser, broken_site):
    """A well-formed bundle carrying a different colornet wheel than the build recorded."""
    name = file_entry(broken_site, next(
        f.name for f in OPTIMISED_DIR.iterdir() if f.name.startswith("colornet-")))["name"]
    rewrite_bundle(broken_site, "colornet", {name: b"not the wheel that was built"}, update_manifest=False)
    state, text = boot_error(browser, broken_site)
    assert_names(text, "colornet", name)
    assert "sha256 mismatch" in text


def test_wasm_instantiation_failure(browser, broken_site):
    """Bytes that pass the bundle hash but are not a valid wasm module (Pyodide alone would hang forever)."""
    wasm = (OPTIMISED_DIR / "pyodide.asm.wasm").read_bytes()
    rewrite_bundle(broken_site, "wasm", {"pyodide.asm.wasm": wasm[:8] + b"\xff" * 4096})
    state, text = boot_error(browser, broken_site)
    assert_names(text, "runtime", "pyodide.asm.wasm")
    assert "WebAssembly" in text


def test_package_that_fails_to_load(browser, broken_site):
    """A NumPy wheel that passes the bundle hash but not the lockfile's: loadPackage fails, the page says so."""
    name = next(f.name for f in OPTIMISED_DIR.iterdir() if f.name.startswith("numpy-"))
    rewrite_bundle(broken_site, "numpy", {name: break_zip((OPTIMISED_DIR / name).read_bytes())})
    state, text = boot_error(browser, broken_site)
    assert_names(text, "numpy", name)
    assert "failed to load" in text


def test_a_hanging_runtime_is_caught_by_the_watchdog(browser, broken_site):
    """A runtime whose start never settles (as Pyodide does on some failures): the no-progress watchdog ends it."""
    rewrite_bundle(broken_site, "core", {"pyodide.asm.js": b"self._createPyodideModule = () => new Promise(() => {});"})
    state, text = boot_error(browser, broken_site)
    # the file named is the last one the runtime read before it stopped making progress
    assert re.search(r'stage "runtime" \(file (pyodide[-.\w]*|python_stdlib\.zip)\): no progress for 20 s', text), text
