"""The whole playground in one file (issue 11, part 3): site/colornet-playground.html, copied alone into a temporary
folder, boots from file:// with zero network requests in Chromium and in Firefox, trains, and fails with the same
clear messages as the multi-file page when it is truncated or altered."""
import base64
import hashlib
import re
import json
import shutil
from pathlib import Path

import pytest

from helpers.chromium import network_requests
from helpers.wait import wait_for_boot
from helpers.page import js, navigate, run_js
from helpers.playground import run_to_end
from helpers.scripts import short_training
from helpers.wait import wait_for, wait_ready

from tools.bundles import BUNDLES
from tools.paths import DIST, SITE

SINGLE = SITE / "colornet-playground.html"
# The single file's own scripts besides one per runtime bundle: the guard, boot.js, app.js, index.html as JSON
# (for Save as HTML) and the end marker (site/src/single-file/compose.js, IDS).
OWN_SCRIPTS = ("colornet-guard", "colornet-boot", "colornet-index-html", "colornet-app", "colornet-end")
MAX_BYTES = 14_000_000
CP1252_80_9F = [0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
                0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
                0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178]


@pytest.fixture(scope="module")
def single_file():
    if not SINGLE.exists():
        pytest.fail("site/colornet-playground.html is not built: run `python3 build.py`")
    return SINGLE


def alone(single_file, folder: Path, data: bytes = None) -> Path:
    """The single file (or `data`) in a folder with nothing else in it."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "colornet-playground.html"
    if data is None:
        shutil.copy(single_file, target)
    else:
        target.write_bytes(data)
    assert [p.name for p in folder.iterdir()] == ["colornet-playground.html"]
    return target


def csp_hash(script_body: bytes) -> str:
    text = "".join(chr(CP1252_80_9F[b - 0x80]) if 0x80 <= b < 0xa0 else chr(b) for b in script_body)
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_script(data: bytes, script_id: str):
    m = re.search(rb'<script id="' + script_id.encode() + rb'">(.*?)</script>', data, re.S)
    assert m, script_id
    return m


def test_the_single_file_is_self_contained_and_small_enough(single_file):
    data = single_file.read_bytes()
    print(f"site/colornet-playground.html: {len(data):,} bytes")
    assert len(data) <= MAX_BYTES
    # no element refers to another file (script bodies left out: they are code, not markup)
    markup = re.sub(rb"(<script[^>]*>).*?</script>", rb"\1</script>", data, flags=re.S)
    assert not re.search(rb'\b(?:src|href)="(?!#|data:|blob:)[^"]+"', markup)
    # one inline script per bundle the build wrote (its manifest, from tools/bundles.py's list) plus the file's own
    bundles = json.loads((DIST / "runtime-manifest.json").read_text())["bundles"]
    assert sorted(bundles) == sorted(BUNDLES)
    ids = [i.decode() for i in re.findall(rb'<script[^>]* id="([^"]+)"', markup)]
    assert sorted(ids) == sorted([*OWN_SCRIPTS, *(f"colornet-runtime-{b}" for b in bundles)]), ids
    assert markup.count(b"<script") == len(ids)  # no script without an id
    assert b'<meta charset="windows-1252">' in data


def test_boots_and_trains_from_a_lone_copy_with_zero_network_in_chromium(browser, single_file, tmp_path):
    page = alone(single_file, tmp_path / "usb-stick")
    network_requests(browser)  # drain
    browser.get(page.as_uri())
    status = wait_for_boot(browser, 120)
    assert status["status"] == "ready", status["error"]
    wait_ready(browser, 60)
    s = run_to_end(browser, short_training(steps=200))
    assert s["status"] == "ready" and s["step"] == 200 and s["probe"]["predicted"]
    # the run's record is written after the run ends (IndexedDB), as the Runs panel tests wait for it too
    wait_for(browser, "window.playground.runs().length === 1", what="the run's record")
    assert js(browser, "return window.playground.runs()[0].status;") == "ok"
    assert network_requests(browser) == []


def test_boots_from_a_lone_copy_in_firefox(firefox, single_file, tmp_path):
    page = alone(single_file, tmp_path / "downloads")
    navigate(firefox, page.as_uri())
    status = wait_for_boot(firefox, 120)
    assert status["status"] == "ready", status
    boot = status["boot"]
    # every resource the page used is the file itself, a blob: or a data: URL
    resources = run_js(firefox, "return performance.getEntriesByType('resource').map((e) => e.name)")
    assert [r for r in resources if not r.startswith(("blob:", "data:"))] == []
    print(f"Firefox: single file ready in {boot['info']['pageToReadyMs']} ms")


def boot_error(browser, page):
    browser.get(page.as_uri())
    status = wait_for_boot(browser, 60)
    assert status["status"] == "error", status
    return status["error"]


def test_a_truncated_single_file_says_so(browser, single_file, tmp_path):
    data = single_file.read_bytes()
    numpy = inline_script(data, "colornet-runtime-numpy")
    cut = alone(single_file, tmp_path / "cut-in-numpy", data[: (numpy.start(1) + numpy.end(1)) // 2])
    error = boot_error(browser, cut)
    assert 'stage "numpy"' in error and "colornet-playground.html (its runtime-numpy bundle)" in error
    assert "truncated or corrupt" in error
    shown = js(browser, "return document.querySelector('[data-testid=status]').textContent;")
    assert "could not start Python" in shown  # the page itself says it

    app = inline_script(data, "colornet-app")
    cut = alone(single_file, tmp_path / "cut-in-app", data[: (app.start(1) + app.end(1)) // 2])
    browser.get(cut.as_uri())
    message = js(browser, """for (let i = 0; i < 200; i++) { const m = document.querySelector('[data-testid=damaged]');
        if (m) return m.textContent; await sleep(50); } return null;""")
    assert message and "damaged (truncated or altered)" in message


def test_page_parts_made_after_the_document_is_parsed_are_not_damage(browser, single_file, tmp_path):
    """app.js makes the page in parts, one task each (main.js), so window.playground may come after
    DOMContentLoaded; the guard tells a file whose app.js ran from a damaged one. Here each part waits 600 ms for its
    task (a slow machine), as the app script's own scheduler.postTask; the file still boots and says nothing."""
    data = single_file.read_bytes()
    app = inline_script(data, "colornet-app")
    body = app.group(1)
    slow = (b"Object.defineProperty(self,'scheduler',{configurable:true,value:{postTask:function(f){"
            b"return new Promise(function(r){setTimeout(function(){r(f())},600)})}}});" + body)
    altered = data[:app.start(1)] + slow + data[app.end(1):]
    altered = altered.replace(csp_hash(body).encode(), csp_hash(slow).encode())
    browser.get(alone(single_file, tmp_path / "slow-parts", altered).as_uri())
    parsed_before_parts = js(browser, """for (let i = 0; i < 400; i++) {
        if (document.readyState !== 'loading') return !window.playground; await sleep(10); } return null;""")
    assert parsed_before_parts, "the test needs a page whose parts come after DOMContentLoaded"
    status = wait_for_boot(browser, 60)
    assert status["status"] == "ready", status
    assert run_js(browser, "return document.querySelector('[data-testid=damaged]');") is None


def test_altered_bytes_fail_the_hash_checks(browser, single_file, tmp_path):
    data = single_file.read_bytes()
    numpy = inline_script(data, "colornet-runtime-numpy")
    body = numpy.group(1)
    at = body.index(b'.whl":"') + 5000  # inside the NumPy wheel's bytes
    # a byte that stays a plain character when flipped: a flip into a newline, quote or backslash would break the
    # script's string instead of its bytes (the wheel's bytes there differ from build to build)
    while not (bytes([body[at]]).isalnum() and bytes([body[at] ^ 0x01]).isalnum()):
        at += 1
    flipped = body[:at] + bytes([body[at] ^ 0x01]) + body[at + 1:]
    assert flipped != body
    altered = data[:numpy.start(1)] + flipped + data[numpy.end(1):]
    # 1. as it is: the page's Content-Security-Policy no longer admits the altered script
    error = boot_error(browser, alone(single_file, tmp_path / "altered", altered))
    assert 'stage "numpy"' in error and "truncated or corrupt" in error
    # 2. with the policy's hash updated too: the file's own sha256 check catches it, naming the file
    altered = altered.replace(csp_hash(body).encode(), csp_hash(flipped).encode())
    error = boot_error(browser, alone(single_file, tmp_path / "altered-csp", altered))
    assert 'stage "numpy"' in error and "sha256 mismatch in colornet-playground.html (its runtime-numpy bundle)" in error
