"""Download for Python: the .zip the page saves (a real download, clicked in headless Chromium from file://) holds
the very colornet wheel the page runs, run.py (the editor's code verbatim inside a small CPython shim), model.json
and a README with the two commands; and the README's two commands reproduce the browser's run on CPython.

Parity (issue 11; docs/PLAYGROUND.md, "Download for Python", claims exactly this): for the default preset on seeds
0-2 the browser's cost curve and run.py's on CPython agree to PARITY_RTOL relative at every report of the whole
5,000-step run, and the final mean ΔE00 (held-out and Material) to DELTA_E_ATOL. Pyodide's NumPy has no BLAS and
CPython's uses OpenBLAS, so the matrix products add in another order; the test prints the measured divergence (the
first 200 steps and the whole curve).
"""
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys

from downloads import download_dir, wait_for_download
from helpers.page import js
from helpers.playground import by_testid, open_ready
from helpers.wait import wait_for
from tools.pythons import find_python

ROOT = Path(__file__).resolve().parents[2]
PARITY_RTOL = 1e-9  # every report of the cost curve, browser vs CPython
DELTA_E_ATOL = 0.01


def cpython_with_numpy():
    """A CPython >= 3.11 that already has NumPy (so `pip install` of the wheel needs no network), else this one."""
    found = (find_python(version, imports=("numpy",)) for version in ((3, 11), (3, 12), (3, 13)))
    return next((exe for exe in found if exe), sys.executable)


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    """A fresh venv (reusing an installed NumPy) where the README's `pip install colornet-*.whl` will run."""
    env_dir = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([cpython_with_numpy(), "-m", "venv", "--system-site-packages", env_dir], check=True)
    return env_dir


def clean_env():
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYENV_VERSION")}


def set_seed(browser, seed):
    box = by_testid(browser, "seed")
    box.send_keys(Keys.CONTROL, "a")  # select and replace: clear() would commit an empty box, which is refused
    box.send_keys(str(seed))
    js(browser, "document.querySelector('[data-testid=seed]').dispatchEvent(new Event('change'));")


def relative(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


@pytest.mark.slow
def test_download_for_python_reproduces_the_default_preset_on_cpython(browser, open_page, site_file_url, tmp_path,
                                                                       venv):
    downloads = download_dir(browser, tmp_path / "downloads")
    open_ready(browser, open_page, site_file_url)
    by_testid(browser, "reset").click()  # the default preset's script, unedited
    default_code = js(browser, "return window.playground.getCode();")
    assert "cn.Adam" in default_code and "playground.report" in default_code
    page_wheel = next((ROOT / "build" / "runtime-optimised").glob("colornet-*.whl"))
    installed = False
    report = []
    for seed in (0, 1, 2):
        set_seed(browser, seed)
        by_testid(browser, "run").click()
        wait_for(browser, f"s.runs === {seed + 1} && s.status !== 'training'", timeout=180, what=f"seed {seed} run")
        record = wait_for(browser, f"window.playground.runs().length === {seed + 1}", what="the run record")
        record = js(browser, "return window.playground.runs()[0];")
        assert record["status"] == "ok" and record["seed"] == seed and record["steps"] == 5000, record

        by_testid(browser, "download-python").click()
        zip_path = wait_for_download(downloads, f"colornet-run-seed{seed}.zip")
        unpacked = tmp_path / f"seed{seed}"
        with zipfile.ZipFile(zip_path) as z:
            assert sorted(z.namelist()) == sorted([page_wheel.name, "run.py", "model.json", "README.md"])
            z.extractall(unpacked)
        # the wheel is the page's own (the bytes the runtime bundle carries), not a rebuild
        assert (unpacked / page_wheel.name).read_bytes() == page_wheel.read_bytes()
        readme = (unpacked / "README.md").read_text()
        assert f"pip install {page_wheel.name}" in readme and "python run.py" in readme
        run_py = (unpacked / "run.py").read_text()
        assert default_code in run_py and f"SEED = {seed}\n" in run_py

        python = venv / "bin" / "python"
        if not installed:  # README command 1, exactly as written (the shell expands the glob)
            subprocess.run(f"{venv}/bin/pip install --quiet --disable-pip-version-check colornet-*.whl",
                           shell=True, cwd=unpacked, check=True, env=clean_env(), timeout=300)
            installed = True
        # README command 2, plus --json to compare the numbers
        out = subprocess.run([python, "run.py", "--json", "out.json"], cwd=unpacked, capture_output=True, text=True,
                             env=clean_env(), timeout=300)
        assert out.returncode == 0, out.stderr
        assert "final mean ΔE00" in out.stdout and "step      0" in out.stdout
        cpython = json.loads((unpacked / "out.json").read_text())

        browser_curve, cpython_curve = record["curve"], cpython["points"]
        assert [s for s, _ in browser_curve] == [s for s, _ in cpython_curve]
        first = [relative(a, b) for (s, a), (_, b) in zip(browser_curve, cpython_curve) if s <= 200]
        whole = [relative(a, b) for (_, a), (_, b) in zip(browser_curve, cpython_curve)]
        worst_step = browser_curve[whole.index(max(whole))][0]
        report.append(f"seed {seed}: first 200 steps max rel diff {max(first):.2e} ({len(first)} reports); whole "
                      f"curve {max(whole):.2e} (at step {worst_step}); final cost {browser_curve[-1][1]:.6g} vs "
                      f"{cpython_curve[-1][1]:.6g}; held-out ΔE00 {record['deltaE']:.4f} vs {cpython['deltaE']:.4f}; "
                      f"Material {record['deltaEMaterial']:.4f} vs {cpython['deltaEMaterial']:.4f}")
        print(report[-1])
        assert max(whole) <= PARITY_RTOL, report[-1]
        assert abs(record["deltaE"] - cpython["deltaE"]) <= DELTA_E_ATOL, report[-1]
        assert abs(record["deltaEMaterial"] - cpython["deltaEMaterial"]) <= DELTA_E_ATOL, report[-1]

        # model.json is the browser's trained model: CPython scores it as the page did (same weights)
        score = subprocess.run([python, "-c", "import colornet as cn, json, sys; "
                                "print(json.dumps(cn.evaluate(cn.load('model.json'))))"],
                               cwd=unpacked, capture_output=True, text=True, env=clean_env(), check=True)
        scores = json.loads(score.stdout)
        assert abs(scores["delta_e_mean"] - record["deltaE"]) < 1e-9
        assert abs(scores["delta_e_material_mean"] - record["deltaEMaterial"]) < 1e-9


def test_download_for_python_replays_a_live_learning_rate_change(browser, open_page, site_file_url, tmp_path, venv):
    """The default script's lr is live: moved mid-run by keyboard, it is applied at a report; Download for Python
    saves the run's code as it started plus that change, and run.py's replay on CPython follows the browser's
    curve to PARITY_RTOL at every report, before and after the change."""
    downloads = download_dir(browser, tmp_path / "downloads")
    open_ready(browser, open_page, site_file_url)
    by_testid(browser, "reset").click()  # the default preset's script
    set_seed(browser, 0)
    toggle = by_testid(browser, "run-on-change")
    if toggle.is_selected():
        toggle.click()  # the run must not restart when it ends soon after the move
    started_code = js(browser, "return window.playground.getCode();")
    assert "lr = 0.008  # @param" in started_code and "playground.live(\"lr\", lr)" in started_code
    stored = js(browser, "return window.playground.runs().length;")  # runs of earlier tests stay in this profile
    by_testid(browser, "run").click()
    wait_for(browser, "s.status === 'training' && s.step >= 500", timeout=120, what="the run past step 500")
    slider = browser.find_element("css selector", '[data-testid="params"] [data-param="lr"]')
    for _ in range(40):
        slider.send_keys(Keys.ARROW_RIGHT)
    s = wait_for(browser, "s.liveChanges.length > 0", timeout=60, what="the live change applied")
    wait_for(browser, "s.runs === 1 && s.status !== 'training'", timeout=180, what="the run to end")
    wait_for(browser, f"window.playground.runs().length === {stored + 1}", what="the run record")
    record = js(browser, "return window.playground.runs()[0];")
    changes = js(browser, "return window.playground.state().liveChanges;")
    assert record["status"] == "ok" and record["steps"] == 5000, record
    assert record["liveChanges"] == changes and changes[0]["step"] >= 500 and changes[-1]["value"] > 0.008, changes
    assert record["code"] == started_code
    assert js(browser, "return window.playground.getCode();") != started_code  # the slider rewrote the literal

    by_testid(browser, "download-python").click()
    unpacked = tmp_path / "live"
    with zipfile.ZipFile(wait_for_download(downloads, "colornet-run-seed0.zip")) as z:
        z.extractall(unpacked)
    run_py = (unpacked / "run.py").read_text()
    assert started_code in run_py and "LIVE_CHANGES = [{'step': " in run_py
    wheel = next(unpacked.glob("colornet-*.whl"))
    subprocess.run([venv / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check", "--force-reinstall",
                    "--no-deps", wheel], check=True, env=clean_env(), timeout=300)
    out = subprocess.run([venv / "bin" / "python", "run.py", "--json", "out.json"], cwd=unpacked, capture_output=True,
                         text=True, env=clean_env(), timeout=300)
    assert out.returncode == 0, out.stderr
    browser_curve, cpython_curve = record["curve"], json.loads((unpacked / "out.json").read_text())["points"]
    assert [s for s, _ in browser_curve] == [s for s, _ in cpython_curve]
    whole = [relative(a, b) for (_, a), (_, b) in zip(browser_curve, cpython_curve)]
    print(f"live lr {changes}: whole curve max rel diff {max(whole):.2e}")
    assert max(whole) <= PARITY_RTOL
    # without the replay, run.py's curve parts from the browser's after the change: the check above can fail
    plain = run_py.replace(run_py[run_py.index("LIVE_CHANGES = "):run_py.index("\n", run_py.index("LIVE_CHANGES = "))],
                           "LIVE_CHANGES = []")
    (unpacked / "plain.py").write_text(plain)
    out = subprocess.run([venv / "bin" / "python", "plain.py", "--json", "plain.json"], cwd=unpacked,
                         capture_output=True, text=True, env=clean_env(), timeout=300)
    assert out.returncode == 0, out.stderr
    unreplayed = json.loads((unpacked / "plain.json").read_text())["points"]
    assert max(relative(a, b) for (_, a), (_, b) in zip(browser_curve, unreplayed)) > 1e-3
