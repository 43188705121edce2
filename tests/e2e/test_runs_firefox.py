"""Firefox ESR, from file://: runs are recorded and kept across a reload, overlay on the chart with a legend, and
Download for Python saves the .zip (a real download into a folder set through Firefox's own preferences)."""
import time
import zipfile
from pathlib import Path

import pytest

from test_playground_firefox import page_state, wait_state

# The `firefox` fixture (tests/e2e/conftest.py) skips these tests when firefox-esr is not installed.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TRAIN = """import colornet as cn
x = cn.random_colours(1000, 0)
net = cn.Network.from_sizes([3, 16, 3], seed=0)
await cn.train_async(net, x, cn.complement(x), optimizer=cn.Adam(net.parameters(), lr=LR), steps=200,
                     report_every=10, callback=playground.report)
"""


def page(client, script, *args):
    return client.execute_script(script, script_args=list(args), new_sandbox=False, sandbox=None)


def test_runs_overlay_and_download_for_python_in_firefox(firefox, site_file_url):
    folder = Path(firefox.download_dir)
    firefox.navigate(site_file_url)
    wait_state(firefox, lambda s: s["status"] == "ready")
    page(firefox, "return window.playground.clearData();")
    for n, lr in enumerate((0.003, 0.01)):
        page(firefox, "window.playground.setCode(arguments[0]); window.playground.run();", TRAIN.replace("LR", str(lr)))
        wait_state(firefox, lambda s, n=n: s["runs"] == n + 1 and s["status"] != "training")
    deadline = time.monotonic() + 10
    while len(page(firefox, "return window.playground.runs();")) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    runs = page(firefox, "return window.playground.runs();")
    assert [r["status"] for r in runs] == ["ok", "ok"] and "lr=0.01" in runs[0]["code"]
    where = page(firefox, "return document.querySelector('[data-testid=runs]').textContent;")
    print("Firefox run history:", where.split("Stored in this browser only, in ")[1].split(":")[0])

    page(firefox, "window.playground.overlay([arguments[0]]);", runs[1]["id"])
    legend = page(firefox, "return [...document.querySelectorAll('[data-testid=chart] .u-legend .u-label')]"
                           ".map((e) => e.textContent);")
    assert legend == ["previous run", "this run", "run #1 (seed 0)"]

    page(firefox, "document.querySelector('[data-testid=download-python]').click();")
    target = folder / "colornet-run-seed0.zip"
    deadline = time.monotonic() + 30
    while not (target.exists() and target.stat().st_size and not list(folder.glob("*.part"))):
        assert time.monotonic() < deadline, f"no download in {sorted(p.name for p in folder.iterdir())}"
        time.sleep(0.2)
    with zipfile.ZipFile(target) as z:
        assert "run.py" in z.namelist() and "model.json" in z.namelist()
        assert "lr=0.01" in z.read("run.py").decode()

    firefox.refresh()
    wait_state(firefox, lambda s: s["status"] == "ready")
    deadline = time.monotonic() + 10
    while len(page(firefox, "return window.playground.runs();")) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [r["id"] for r in page(firefox, "return window.playground.runs();")] == [r["id"] for r in runs]
    assert page_state(firefox)["runs"] == 0  # nothing ran after the reload


def test_save_as_html_and_open_it_in_firefox(firefox, site_file_url):
    folder = Path(firefox.download_dir)
    firefox.navigate(site_file_url)
    wait_state(firefox, lambda s: s["status"] == "ready")
    page(firefox, "window.playground.setCode(arguments[0]); window.playground.run();", TRAIN.replace("LR", "0.01"))
    wait_state(firefox, lambda s: s["runs"] == 1 and s["status"] != "training")
    predicted = page_state(firefox)["probe"]["predicted"]
    page(firefox, "document.querySelector('[data-testid=save-html]').click();")
    target = folder / "colornet-playground-saved.html"
    deadline = time.monotonic() + 120
    while not (target.exists() and target.stat().st_size > 10_000_000 and not list(folder.glob("*.part"))):
        assert time.monotonic() < deadline, f"no saved file in {sorted(p.name for p in folder.iterdir())}"
        time.sleep(0.2)
    firefox.navigate(target.as_uri())
    s = wait_state(firefox, lambda s: s["openedFile"] is not None, timeout=120)
    assert s["hasModel"] and s["probe"]["predicted"] == predicted and s["runs"] == 0
    assert "lr=0.01" in page(firefox, "return window.playground.getCode();")
