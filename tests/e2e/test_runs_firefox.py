"""Firefox ESR, from file://: runs are recorded and kept across a reload, overlay on the chart with a legend, and
Download for Python saves the .zip (a real download into a folder set through Firefox's own preferences)."""
import zipfile
from pathlib import Path

import pytest

from downloads import wait_for_download
from helpers.page import navigate, run_js
from helpers.playground import click, run_and_wait
from helpers.wait import poll, state, wait_state

# The `firefox` fixture (tests/e2e/conftest.py) skips these tests when firefox-esr is not installed.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TRAIN = """import colornet as cn
x = cn.random_colours(1000, 0)
net = cn.Network.from_sizes([3, 16, 3], seed=0)
await cn.train_async(net, x, cn.complement(x), optimizer=cn.Adam(net.parameters(), lr=LR), steps=200,
                     report_every=10, callback=playground.report)
"""


def runs(client, count):
    """The run history, once it holds `count` records (they are written just after a run ends)."""
    return poll(lambda: run_js(client, "return window.playground.runs();"), lambda r: len(r) >= count, 10,
                f"{count} run records")


def test_runs_overlay_and_download_for_python_in_firefox(firefox, site_file_url):
    folder = Path(firefox.download_dir)
    navigate(firefox, site_file_url)
    wait_state(firefox, lambda s: s["status"] == "ready", what="ready")
    run_js(firefox, "return window.playground.clearData();")
    for lr in (0.003, 0.01):
        run_and_wait(firefox, TRAIN.replace("LR", str(lr)))
    recorded = runs(firefox, 2)
    assert [r["status"] for r in recorded] == ["ok", "ok"] and "lr=0.01" in recorded[0]["code"]
    where = run_js(firefox, "return document.querySelector('[data-testid=runs]').textContent;")
    print("Firefox run history:", where.split("Stored in this browser only, in ")[1].split(":")[0])

    run_js(firefox, "window.playground.overlay([arguments[0]]);", recorded[1]["id"])
    legend = run_js(firefox, "return [...document.querySelectorAll('[data-testid=chart] .u-legend .u-label')]"
                           ".map((e) => e.textContent);")
    assert legend == ["previous run", "this run", "run #1 (seed 0)"]

    click(firefox, "download-python")
    target = wait_for_download(folder, "colornet-run-seed0.zip", timeout=30, partial=".part")
    with zipfile.ZipFile(target) as z:
        assert "run.py" in z.namelist() and "model.json" in z.namelist()
        assert "lr=0.01" in z.read("run.py").decode()

    firefox.refresh()
    wait_state(firefox, lambda s: s["status"] == "ready", what="ready after the reload")
    assert [r["id"] for r in runs(firefox, 2)] == [r["id"] for r in recorded]
    assert state(firefox)["runs"] == 0  # nothing ran after the reload


def test_save_as_html_and_open_it_in_firefox(firefox, site_file_url):
    folder = Path(firefox.download_dir)
    navigate(firefox, site_file_url)
    wait_state(firefox, lambda s: s["status"] == "ready", what="ready")
    predicted = run_and_wait(firefox, TRAIN.replace("LR", "0.01"))["probe"]["predicted"]
    click(firefox, "save-html")
    target = wait_for_download(folder, "colornet-playground-saved.html", timeout=120, partial=".part",
                               min_bytes=10_000_000)
    navigate(firefox, target.as_uri())
    s = wait_state(firefox, lambda s: s["openedFile"] is not None, timeout=120, what="the saved file to open")
    assert s["hasModel"] and s["probe"]["predicted"] == predicted and s["runs"] == 0
    assert "lr=0.01" in run_js(firefox, "return window.playground.getCode();")
