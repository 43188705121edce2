"""Keep my data in this browser (issue 21), in the real page from file:// (and once in Firefox): off by default (a
reload forgets the data), ticked it brings the data back after a reload (the panel shows it and the next Run's
`playground.data` has it), unticked or Clear all my data removes it, a damaged record or a full storage is one
message with everything else as it was, and no request leaves the machine on the way."""
import json

import pytest

from helpers.images import png_bytes, quadrant_png_base64, quadrants
from helpers.page import js, navigate
from helpers.playground import by_testid, run_to_end
from helpers.scripts import short_training
from helpers.wait import state, wait_for, wait_ready

KEPT_ID = "~kept-data"  # the kept data's record among the runs (site/src/ui/run-store.js)
PALETTE = "#e63946\n#f1faee\n#a8dadc\n#457b9d\n#1d3557\n"
# trains on playground.data and says what it saw
DATA_RUN = short_training(steps=60).replace(
    "x = cn.random_colours(2000, 0)\ny = cn.complement(x)",
    "x = playground.data.inputs\ny = playground.target(x)\n"
    "print('training on', len(x), playground.data.kind, 'colours from', playground.data.name)").replace(
    "batch_size=25", "batch_size=min(25, len(x))")
STORED_DATA_JS = """
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    if (!dbs.includes('colornet-playground')) return null;
    const db = await new Promise((ok, no) => { const r = indexedDB.open('colornet-playground');
                                                r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
    const kept = await new Promise((ok) => { const r = db.transaction('runs').objectStore('runs').get(args[0]);
                                             r.onsuccess = () => ok(r.result); });
    db.close();
    return kept ? JSON.stringify(kept) : null;
"""


def stored_data(browser):
    """The kept data's record in the run store as JSON text, or None when there is none."""
    return js(browser, STORED_DATA_JS, KEPT_ID)


def open_file(browser, path):
    """Choose `path` in the Open data button's file dialog (the native file input), as a user does."""
    by_testid(browser, "data-open").send_keys(str(path))


def reload(browser):
    browser.refresh()
    return wait_ready(browser, timeout=90)


@pytest.fixture(scope="module")
def page(browser, site_file_url):
    browser.get(site_file_url)
    wait_ready(browser, timeout=90)
    return browser


@pytest.fixture
def fresh(page):
    """The page with nothing stored (Clear all my data) and the request log drained."""
    js(page, "await window.playground.clearData();")
    reload(page)
    page.get_log("performance")
    return page


def test_off_by_default_a_reload_forgets_the_data(fresh, tmp_path):
    browser = fresh
    keep = by_testid(browser, "data-keep")
    assert keep.is_selected() is False
    label = browser.find_element("css selector", "label[for=data-keep]").text
    assert label == "Keep my data in this browser"
    palette = tmp_path / "mine.txt"
    palette.write_text(PALETTE)
    open_file(browser, palette)
    s = wait_for(browser, "s.data && s.data.name === 'mine.txt'", what="the palette")
    assert s["dataKept"] is False and stored_data(browser) is None
    assert "not stored in this browser" in by_testid(browser, "data-privacy").text
    s = reload(browser)
    assert s["data"] is None and s["dataKept"] is False
    assert by_testid(browser, "data-keep").is_selected() is False
    assert stored_data(browser) is None


def test_ticked_an_image_comes_back_after_a_reload_trains_and_nothing_leaves(fresh, tmp_path, network_requests):
    browser = fresh
    by_testid(browser, "data-keep").click()
    image = tmp_path / "quadrants.png"
    image.write_bytes(png_bytes(32, 32, quadrants))
    open_file(browser, image)
    s = wait_for(browser, "s.data && s.data.kind === 'image' && s.dataKept", what="the image, kept")
    assert "kept in IndexedDB" in by_testid(browser, "data-privacy").text
    kept = json.loads(stored_data(browser))
    assert kept["value"]["data"]["name"] == "quadrants.png" and kept["value"]["data"]["width"] == 32

    s = reload(browser)
    assert s["data"] == {"name": "quadrants.png", "kind": "image", "count": 1024}, s
    assert s["dataKept"] is True and s["dataError"] is None
    assert by_testid(browser, "data-keep").is_selected()
    assert "quadrants.png: 1,024 pixels sampled" in by_testid(browser, "data-summary").text
    assert js(browser, "return document.querySelector('[data-testid=image-views]').hidden;") is False
    run_to_end(browser, DATA_RUN)
    assert "training on 1024 image colours from quadrants.png" in by_testid(browser, "output").text
    wait_for(browser, "s.imageViews.draws > 0 && s.insightFinal", what="the image views of the run")
    original = js(browser, "return Array.from(document.getElementById('image-original').getContext('2d')"
                           ".getImageData(2, 2, 1, 1).data);")
    assert original == [255, 0, 0, 255]  # the kept pixels, not a blank canvas
    # kept, reloaded, restored and trained: nothing left the machine, and the share link holds no data
    assert network_requests(browser) == []
    by_testid(browser, "share").click()
    assert "quadrants" not in browser.current_url and "ff0000" not in browser.current_url.lower()

    by_testid(browser, "data-keep").click()  # unticked: removed from the browser, still loaded in the tab
    s = wait_for(browser, "!s.dataKept", what="the kept data to be removed")
    assert s["data"]["name"] == "quadrants.png" and stored_data(browser) is None
    s = reload(browser)
    assert s["data"] is None and by_testid(browser, "data-keep").is_selected() is False


def test_clear_all_my_data_removes_the_kept_data(fresh, tmp_path):
    browser = fresh
    by_testid(browser, "data-keep").click()
    palette = tmp_path / "kept palette.txt"
    palette.write_text(PALETTE)
    open_file(browser, palette)
    wait_for(browser, "s.data && s.data.name === 'kept palette.txt' && s.dataKept", what="the palette, kept")
    assert stored_data(browser) is not None
    by_testid(browser, "clear-data").click()
    browser.switch_to.alert.accept()
    s = wait_for(browser, "document.querySelector('#runs-message').textContent.startsWith('Cleared') && !s.dataKept",
                 what="Clear all my data")
    assert by_testid(browser, "data-keep").is_selected() is False
    assert stored_data(browser) is None
    s = reload(browser)
    assert s["data"] is None and s["dataKept"] is False and by_testid(browser, "data-keep").is_selected() is False


def test_a_damaged_record_is_one_spoken_message_and_nothing_else_is_lost(fresh, tmp_path):
    browser = fresh
    run_to_end(browser, short_training(steps=20))
    by_testid(browser, "data-keep").click()
    js(browser, "return await window.playground.loadData('pairs.csv', args[0]);", "input,target\n#ff0000,#00ffff\n"
       "#000000,#ffffff\n")
    wait_for(browser, "s.data && s.dataKept", what="the pairs, kept")
    # the record as a broken disk or an old version could leave it: an image whose pixels are cut short
    js(browser, """
        const db = await new Promise((ok) => { const r = indexedDB.open('colornet-playground');
                                               r.onsuccess = () => ok(r.result); });
        await new Promise((ok) => { const tx = db.transaction('runs', 'readwrite');
            tx.objectStore('runs').put({id: args[0], value: {version: 1, data: {kind: 'image', name: 'cut.png',
                width: 4, height: 4, rgba: btoa('\\x00\\x01\\x02')}}});
            tx.oncomplete = ok; });
        db.close();""", KEPT_ID)
    runs = js(browser, "return window.playground.runs().length;")
    assert runs == 1
    code = js(browser, "return window.playground.getCode();")
    s = reload(browser)
    message = "The data kept in this browser could not be restored (the kept record is damaged: 3 bytes of " \
              "pixels for a 4 × 4 image), so it is removed from this browser"
    assert s["dataError"].startswith(message), s["dataError"]
    assert any(a["text"].startswith("Error: " + message) for a in s["announcements"]), s["announcements"]
    assert s["data"] is None and s["status"] == "ready"
    wait_for(browser, f"window.playground.runs().length === {runs}", what="the run history, as it was")
    assert js(browser, "return window.playground.getCode();") == code
    assert by_testid(browser, "data-keep").is_selected() is False and stored_data(browser) is None


def test_a_full_storage_is_said_and_the_data_stays_loaded(browser, site_file_url):
    """IndexedDB unavailable (the store falls back to localStorage) and localStorage full: the browser's refusal."""
    script = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        Object.defineProperty(window, 'indexedDB', {value: undefined});
        try { let chunk = 'x'.repeat(1 << 20);
              for (let i = 0; i < 64; i++) { try { localStorage.setItem('colornet-filler' + i, chunk); }
                                              catch (e) { if (chunk.length < 64) break; chunk = chunk.slice(chunk.length / 2); } }
        } catch (e) {}"""})
    try:
        browser.get(site_file_url)
        wait_ready(browser, timeout=90)
        js(browser, "return await window.playground.loadData('mine.txt', args[0]);", PALETTE * 40)
        wait_for(browser, "s.data && s.data.name === 'mine.txt'", what="the palette")
        by_testid(browser, "data-keep").click()
        s = wait_for(browser, "s.dataError !== null", what="the refusal")
        assert s["dataError"] == ("This browser did not keep your data (the browser's storage for this page is "
                                  "full); it stays loaded in this tab, and a reload forgets it.")
        assert s["announcements"][-1]["text"] == "Error: " + s["dataError"]
        assert s["data"]["name"] == "mine.txt" and s["dataKept"] is False
        assert by_testid(browser, "data-keep").is_selected() is False
        assert run_to_end(browser, DATA_RUN)["status"] == "ready"  # the page keeps working
    finally:
        browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})
        js(browser, "for (const k of Object.keys(localStorage)) if (k.startsWith('colornet-filler')) "
                    "localStorage.removeItem(k);")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_firefox_keeps_an_image_across_a_reload(firefox, site_file_url):
    navigate(firefox, site_file_url)
    wait_ready(firefox, timeout=90)
    js(firefox, "await window.playground.clearData();")
    firefox.find_element("css selector", "[data-testid=data-keep]").click()
    assert js(firefox, "return await window.playground.loadData('q.png', args[0]);", quadrant_png_base64())
    wait_for(firefox, "s.data && s.data.kind === 'image' && s.dataKept", what="the image, kept")
    firefox.refresh()
    s = wait_ready(firefox, timeout=90)
    assert s["data"] == {"name": "q.png", "kind": "image", "count": 1024} and s["dataKept"] is True, s
    js(firefox, "await window.playground.clearData();")
    firefox.refresh()
    assert wait_ready(firefox, timeout=90)["data"] is None
