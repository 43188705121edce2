"""Your own colours (issue 21) in the real page from file:// (one case over http://127.0.0.1, one in Firefox): a
palette, colour pairs and a PNG opened with the Open data button (a native file input), trained on, the image seen
four ways and saved as a PNG, every bad file refused with one message while the code, model, runs and data stay,
Download for Python carrying the data to a CPython replay that matches, and no request leaving the machine."""
import base64
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from downloads import download_dir, wait_for_download
from helpers.images import png_bytes, png_claiming, quadrant_png_base64, quadrants
from helpers.page import js, navigate
from helpers.playground import by_testid, open_ready, run_to_end
from helpers.scripts import short_training
from helpers.wait import state, wait_for, wait_for_boot

ROOT = Path(__file__).resolve().parents[2]
PAIRS = "input,target\n#ff0000,#00ffff\n#000000,#ffffff\n#808080,#123456\n"
PALETTE = "#e63946\n#f1faee\n#a8dadc\n#457b9d\n#1d3557\n"
# trains on playground.data and says how many colours it saw
DATA_RUN = short_training(steps=100).replace(
    "x = cn.random_colours(2000, 0)\ny = cn.complement(x)",
    "x = playground.data.inputs\ny = playground.target(x)\nprint('training on', len(x), 'colours')").replace(
    "batch_size=25", "batch_size=min(25, len(x))")


def open_file(browser, path):
    """Choose `path` in the Open data button's file dialog, as a user does (the native file input)."""
    by_testid(browser, "data-open").send_keys(str(path))


def loaded(browser, name, kind, timeout=60):
    return wait_for(browser, f"s.data && s.data.name === {json.dumps(name)} && s.data.kind === '{kind}'", timeout,
                    f"{name} to load as {kind}")


def text_of(browser, testid):
    return js(browser, f"return document.querySelector('[data-testid={testid}]').textContent;")


@pytest.fixture(scope="module")
def page(browser, site_file_url, tmp_path_factory):
    """The page from file://, ready, with downloads going to a folder; the request log drained after the boot."""
    from helpers.wait import wait_ready
    browser.get(site_file_url)
    wait_for_boot(browser)
    wait_ready(browser)
    browser.downloads = download_dir(browser, tmp_path_factory.mktemp("downloads"))
    browser.get_log("performance")
    return browser


def test_a_palette_pairs_and_a_png_load_train_and_show_with_no_request(page, tmp_path, network_requests):
    browser = page
    palette = tmp_path / "my palette.txt"
    palette.write_text(PALETTE)
    open_file(browser, palette)
    s = loaded(browser, "my palette.txt", "palette")
    assert s["data"]["count"] == 5 and s["dataError"] is None
    assert js(browser, "return document.querySelectorAll('#data-strip li').length;") == 5
    assert "5 colours" in text_of(browser, "data-summary")
    s = run_to_end(browser, DATA_RUN)
    assert s["status"] == "ready" and s["step"] == 100, s
    assert "training on 5 colours" in text_of(browser, "output")

    pairs = tmp_path / "pairs.csv"
    pairs.write_text(PAIRS)
    open_file(browser, pairs)
    loaded(browser, "pairs.csv", "pairs")
    # the probe (#dea5ff) takes its nearest pair's target, not its complement
    s = wait_for(browser, "s.probe.target === '#123456'", what="the pairs to define the probe's target")
    assert "nearest pair" in text_of(browser, "data-summary")
    s = run_to_end(browser, DATA_RUN)
    assert "training on 3 colours" in text_of(browser, "output") and s["step"] == 100

    image = tmp_path / "quadrants.png"
    image.write_bytes(png_bytes(32, 32, quadrants))
    open_file(browser, image)
    s = loaded(browser, "quadrants.png", "image")
    assert s["data"]["count"] == 32 * 32
    assert js(browser, "return document.querySelector('[data-testid=image-views]').hidden;") is False
    before = s["imageViews"]["draws"]
    run_to_end(browser, DATA_RUN.replace("steps=100", "steps=600"))
    s = wait_for(browser, f"s.imageViews.draws > {before} && s.insightFinal", what="the image views of the run")
    assert s["imageViews"]["shown"]["width"] == 32 and s["imageViews"]["shown"]["meanDeltaE"] is not None
    assert "training on 1024 colours" in text_of(browser, "output")
    # the original view holds the picture; the target view its complement (playground.target: cn.complement)
    original, target = js(browser, """
        const px = (id) => Array.from(document.getElementById(id).getContext('2d').getImageData(2, 2, 1, 1).data);
        return [px('image-original'), px('image-target')];""")
    assert original == [255, 0, 0, 255] and target == [0, 255, 255, 255]
    # a new saturation redraws the views: the network's image and the error come again, the original and the target
    # (unchanged) are not sent again and their canvases keep them
    draws = s["imageViews"]["draws"]
    js(browser, """
        const el = document.querySelector('[data-testid=saturation]');
        el.value = '0.5'; el.dispatchEvent(new Event('input')); el.dispatchEvent(new Event('change'));""")
    wait_for(browser, f"s.imageViews.draws > {draws}", what="the image views at the new saturation")
    assert js(browser, """
        const px = (id) => Array.from(document.getElementById(id).getContext('2d').getImageData(2, 2, 1, 1).data);
        return [px('image-original'), px('image-target')];""") == [[255, 0, 0, 255], [0, 255, 255, 255]]
    by_testid(browser, "image-save").click()
    saved = wait_for_download(browser.downloads, "quadrants-network.png")
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # loading, training and saving: nothing left the machine, and the share link holds no data
    assert network_requests(browser) == []
    by_testid(browser, "share").click()
    assert "quadrants" not in browser.current_url and "ff0000" not in browser.current_url.lower()


BAD_FILES = [
    ("empty.txt", b"", "the file is empty"),
    ("words.txt", b"#ff0000\nhello\n", "words.txt line 2: 'hello' is not a colour"),
    ("mixed.csv", b"r,g,b\n255,0,0\n#00ff00\n", "mixed.csv line 3: 1 columns, but the first row has 3"),
    ("huge.csv", None, "huge.csv: 100,000,000 bytes"),
    ("giant.png", png_claiming(20_000, 20_000), "giant.png: 20,000 × 20,000 pixels"),
    ("fake.png", b"#ff0000\n#00ff00\n", "fake.png: it is named as an image, but its bytes are not PNG"),
    ("one.txt", b"#ff0000\n", "one.txt: 1 colour found; at least 2"),
    ("nan.csv", b"r,g,b\n255,0,0\nnan,0,0\n", "nan.csv line 3: 'nan'"),
    ("range.csv", b"r,g,b\n255,0,0\n300,0,0\n", "range.csv line 3: '300' is outside 0-255"),
    ("<img src=x onerror=alert(1)>.txt", b"#ff0000\n<b>bold</b>\n",
     "<img src=x onerror=alert(1)>.txt line 2: '<b>bold</b>' is not a colour"),
]


def test_each_bad_file_gets_one_message_and_nothing_is_lost(page, tmp_path):
    browser = page
    palette = tmp_path / "kept.txt"
    palette.write_text(PALETTE)
    open_file(browser, palette)
    loaded(browser, "kept.txt", "palette")
    run_to_end(browser, DATA_RUN)
    before = state(browser)
    code = js(browser, "return window.playground.getCode();")
    for name, content, message in BAD_FILES:
        path = tmp_path / name
        if content is None:
            with open(path, "wb") as f:  # 100 MB, sparse: refused by its size before it is read
                f.truncate(100_000_000)
        else:
            path.write_bytes(content)
        open_file(browser, path)
        s = wait_for(browser, f"s.dataError && s.dataError.startsWith({json.dumps(name)})", what=f"{name}'s error")
        error = s["dataError"]
        assert message in error and "\n" not in error, (name, error)
        spoken = s["announcements"][-1]["text"]  # and through the page's one live region, for screen readers
        assert spoken.startswith("Error: ") and error.startswith(spoken[len("Error: "):]), (name, spoken)
        # shown as text: no element was made from the file's name or cells
        assert js(browser, "return document.querySelector('[data-testid=data-error]').children.length;") == 0
        assert s["data"] == before["data"] and s["runs"] == before["runs"] and s["hasModel"], (name, s)
        assert js(browser, "return window.playground.getCode();") == code
        assert js(browser, "return window.playground.runs().length;") == before["runs"]
    assert js(browser, "return document.querySelector('#data-panel img, #data-panel script');") is None


def test_download_for_python_carries_the_data_and_the_cpython_replay_matches(page, tmp_path):
    browser = page
    js(browser, "await window.playground.loadData('pairs.csv', args[0]);", PAIRS)
    loaded(browser, "pairs.csv", "pairs")
    default = (ROOT / "site" / "py" / "presets" / "default.py").read_text()
    code = default.replace("steps = 5000", "steps = 200")
    assert code != default and "playground.data.inputs if playground.data" in code
    s = run_to_end(browser, code)
    assert s["status"] == "ready" and s["step"] == 200, s
    record = js(browser, "return window.playground.runs()[0];")
    by_testid(browser, "download-python").click()
    zip_path = wait_for_download(browser.downloads, "colornet-run-seed0.zip")
    unpacked = tmp_path / "zip"
    with zipfile.ZipFile(zip_path) as z:
        assert z.read("data.csv").decode() == PAIRS
        z.extractall(unpacked)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYENV_VERSION")}
    env["PYTHONPATH"] = str(ROOT / "pylib")
    out = subprocess.run([sys.executable, "run.py", "--json", "out.json"], cwd=unpacked, capture_output=True,
                         text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    cpython = json.loads((unpacked / "out.json").read_text())["points"]
    assert [p[0] for p in cpython] == [p[0] for p in record["curve"]]
    worst = max(abs(a - b) / max(abs(a), abs(b), 1e-300) for (_, a), (_, b) in zip(record["curve"], cpython))
    print(f"pairs replay: 200 steps, largest relative cost difference browser vs CPython {worst:.2e}")
    assert worst <= 1e-9


def test_over_http_pasted_pairs_and_an_image_by_base64_send_nothing(browser, site_http_url, network_requests):
    navigate(browser, site_http_url)
    wait_for_boot(browser)
    wait_for(browser, "s.status === 'ready'")
    network_requests(browser)  # the page's own files, from the loopback server
    js(browser, "document.querySelector('.data-paste').open = true;")
    by_testid(browser, "data-text").send_keys(PAIRS)
    by_testid(browser, "data-use-text").click()
    loaded(browser, "pasted text", "pairs")
    assert js(browser, "return await window.playground.loadData('q.png', args[0]);", quadrant_png_base64())
    loaded(browser, "q.png", "image")
    run_to_end(browser, DATA_RUN)
    wait_for(browser, "s.imageViews.draws > 0", what="the image views")
    # a fresh Python gets the loaded colours again
    js(browser, "await window.playground.restartPython();")
    wait_for(browser, "s.status === 'ready' && s.lastRestart !== null", what="the restart")
    run_to_end(browser, DATA_RUN)
    assert "training on 1024 colours" in text_of(browser, "output")  # playground.data is back (None would fail)
    by_testid(browser, "data-clear").click()
    s = wait_for(browser, "s.data === null", what="Clear")
    assert js(browser, "return document.querySelector('[data-testid=image-views]').hidden;") is True
    assert network_requests(browser) == []


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_firefox_loads_pairs_and_an_image_and_draws_the_views(firefox, site_file_url):
    navigate(firefox, site_file_url)
    assert wait_for_boot(firefox)["status"] == "ready"
    wait_for(firefox, "s.status === 'ready'")
    assert js(firefox, "return await window.playground.loadData('pairs.csv', args[0]);", PAIRS)
    wait_for(firefox, "s.data && s.data.kind === 'pairs' && s.probe.target === '#123456'")
    assert js(firefox, "return await window.playground.loadData('q.png', args[0]);", quadrant_png_base64())
    wait_for(firefox, "s.data && s.data.kind === 'image' && s.data.count === 1024")
    run_to_end(firefox, DATA_RUN)
    s = wait_for(firefox, "s.imageViews.draws > 0 && s.insightFinal", what="the image views in Firefox")
    assert s["imageViews"]["shown"]["width"] == 32
    assert not js(firefox, "return await window.playground.loadData('one.txt', '#ff0000');")
    assert wait_for(firefox, "s.dataError !== null")["data"]["kind"] == "image"


def test_a_file_dropped_on_the_editor_is_loaded_not_typed_into_the_code(page):
    browser = page
    code = js(browser, "return window.playground.getCode();")
    js(browser, """
        const transfer = new DataTransfer();
        transfer.items.add(new File([args[0]], 'dropped.csv', {type: 'text/csv'}));
        const target = document.querySelector('[data-testid=editor] .cm-content');
        for (const type of ['dragenter', 'dragover', 'drop']) {
          target.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }""", PAIRS)
    loaded(browser, "dropped.csv", "pairs")
    assert js(browser, "return window.playground.getCode();") == code
