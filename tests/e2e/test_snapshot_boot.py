"""The page starts Python by restoring the build's memory snapshot (NumPy and colornet imported), from file://, in
Chromium and Firefox and from the single file; a snapshot that cannot be used (a build mismatch, a table-base drift,
a corrupt snapshot, a missing file) falls back to the full boot and the boot line names the reason; two page loads
do not share random state; Restart Python restores the snapshot again and keeps the user's model."""
import gzip
import json
import shutil

import pytest

from helpers.page import js, navigate, run_js
from helpers.playground import by_testid, run_to_end
from helpers.scripts import short_training
from helpers.wait import output_text, wait_for, wait_for_boot
from sitecopy import copy_site, rewrite_bundle
from tools.paths import SITE
from tools.snapshot import META_FILE, SNAPSHOT_DIR, SNAPSHOT_FILE

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # marionette's imports (Firefox)

SHIPPED_SNAPSHOT = SNAPSHOT_FILE.removesuffix(".gz")  # the name the runtime gives it (tools/bundles.py)


def boot_line(driver):
    return run_js(driver, "return document.getElementById('versions').textContent;")


def started(driver, url, timeout=120):
    """Opens url; returns (runtime.info, the boot line) once the page is ready."""
    navigate(driver, url)
    status = wait_for_boot(driver, timeout)
    assert status["status"] == "ready", status
    wait_for(driver, "s.status === 'ready'", timeout=timeout, what="the page to say ready")
    return status["info"], boot_line(driver)


def test_boots_by_snapshot_and_trains_the_default_script(browser, site_file_url):
    info, line = started(browser, site_file_url)
    assert info["start"] == "snapshot", info
    assert "start: snapshot" in line, line
    state = run_js(browser, "return window.playground.state();")
    assert state["start"] == "snapshot" and state["bootMs"] == info["pageToReadyMs"] > 0, state
    final = run_to_end(browser, timeout=300)  # the editor's default script
    assert final["status"] == "ready" and final["hasModel"] and final["step"] > 0, final


def random_draws(driver, url):
    started(driver, url)
    out = run_to_end(driver, "import random, numpy\nprint('draws', random.random(), numpy.random.random())\n")
    assert out["status"] == "ready", out
    return next(line for line in output_text(driver).splitlines() if line.startswith("draws"))


def test_two_page_loads_draw_different_random_numbers(browser, site_file_url):
    first, second = random_draws(browser, site_file_url), random_draws(browser, site_file_url)
    assert run_js(browser, "return window.colornetBoot.info.start;") == "snapshot"
    python_1, numpy_1 = first.split()[1:]
    python_2, numpy_2 = second.split()[1:]
    assert python_1 != python_2 and numpy_1 != numpy_2, (first, second)


def test_restart_python_restores_the_snapshot_and_keeps_the_model(browser, site_file_url):
    started(browser, site_file_url)
    run_to_end(browser, short_training(steps=60))
    model = js(browser, "return await window.playground.exportModel();")
    by_testid(browser, "restart").click()
    s = wait_for(browser, "s.lastRestart !== null && s.status === 'ready'", timeout=120, what="Restart Python")
    assert s["start"] == "snapshot" and s["hasModel"], s
    assert js(browser, "return await window.playground.exportModel();") == model


# ---- forced fallbacks: an altered copy of the site whose snapshot bundle passes the page's hash checks ------------
def snapshot_meta() -> dict:
    return json.loads((SNAPSHOT_DIR / META_FILE).read_text())


def site_with_snapshot(tmp_path, meta=None, snapshot=None):
    """A copy of the built site whose snapshot bundle carries `meta` and `snapshot` (raw bytes) instead of the
    build's, with the manifest's hashes rewritten to match."""
    site = copy_site(tmp_path)
    raw = gzip.decompress((SNAPSHOT_DIR / SNAPSHOT_FILE).read_bytes()) if snapshot is None else snapshot
    rewrite_bundle(site, "snapshot", {SHIPPED_SNAPSHOT: raw,
                                      META_FILE: json.dumps(meta or snapshot_meta()).encode()})
    return site


def altered_meta(**changes):
    return {**snapshot_meta(), **changes}


FALLBACKS = {
    "build mismatch": lambda: {"meta": altered_meta(buildId="0" * 40)},
    # the snapshot says the fresh runtime's function table had 64 slots fewer: the side modules' bases drift
    "table-base drift": lambda: {"meta": altered_meta(freshTableLength=snapshot_meta()["freshTableLength"] - 64,
                                                      tablePadding=0)},
    "corrupt snapshot": lambda: {"snapshot": gzip.decompress((SNAPSHOT_DIR / SNAPSHOT_FILE).read_bytes())[:1 << 20]},
    "missing file": lambda: {"meta": altered_meta(wheels=[*snapshot_meta()["wheels"], "scipy-1.0-py3-none-any.whl"])},
}


@pytest.mark.parametrize("reason", FALLBACKS)
def test_an_unusable_snapshot_falls_back_to_the_full_boot(browser, tmp_path, reason):
    site = site_with_snapshot(tmp_path, **FALLBACKS[reason]())
    info, line = started(browser, (site / "index.html").as_uri())
    assert (info["start"], info["startReason"]) == ("full", reason), info.get("startDetail")
    assert f"start: full boot ({reason})" in line, line
    out = run_to_end(browser, "import numpy, colornet\nprint('sum', int(numpy.arange(10).sum()))\n")
    assert out["status"] == "ready" and "sum 45" in output_text(browser), output_text(browser)


def test_a_snapshot_of_another_python_glue_falls_back_to_the_full_boot(browser, tmp_path):
    """The snapshot imports the page's Python glue (site/py): one made with other glue sources must not be used."""
    meta = snapshot_meta()
    assert meta["glue"]["modules"] and "playground" in meta["glue"]["modules"], meta.get("glue")
    site = site_with_snapshot(tmp_path, meta={**meta, "glue": {**meta["glue"], "sha256": "0" * 64}})
    info, line = started(browser, (site / "index.html").as_uri())
    assert (info["start"], info["startReason"]) == ("full", "build mismatch"), info.get("startDetail")
    assert "Python glue" in info["startDetail"], info["startDetail"]
    out = run_to_end(browser, "print('glue', 6 * 7)\n")
    assert out["status"] == "ready" and "glue 42" in output_text(browser), output_text(browser)


# ---- other browsers and the single file ----------------------------------------------------------------------------
def test_firefox_boots_by_snapshot(firefox, site_file_url):
    info, line = started(firefox, site_file_url)
    assert info["start"] == "snapshot" and "start: snapshot" in line, (info, line)
    print(f"Firefox: page open → ready {info['pageToReadyMs']} ms by snapshot")


def test_the_single_file_boots_by_snapshot(browser, tmp_path):
    page = tmp_path / "colornet-playground.html"
    shutil.copy(SITE / "colornet-playground.html", page)
    info, line = started(browser, page.as_uri())
    assert info["start"] == "snapshot" and "start: snapshot" in line, (info, line)
    out = run_to_end(browser, "import numpy\nprint('sum', int(numpy.arange(10).sum()))\n")
    assert out["status"] == "ready" and "sum 45" in output_text(browser)
