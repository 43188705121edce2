"""Save as HTML (issue 11, part 3), through a real download in headless Chromium: the saved file, opened from a
folder of its own, shows the saved code, seed, probe, the trained model's predictions and the run history at
once, and runs nothing by itself. Saved from the multi-file page (its texts come from dist/single-parts.js) and
saved again from the saved file itself (its texts come from its own document)."""
import shutil

from selenium.webdriver.common.by import By

from downloads import download_dir, wait_for_download
from playground_driver import by_testid, js, open_ready, set_code, short_training, wait_for

MARKER = "print('this code ran')\n"


def open_saved(browser, open_page, downloaded, folder):
    folder.mkdir()
    copy = folder / "notebook.html"
    shutil.copy(downloaded, copy)
    downloaded.unlink()
    open_ready(browser, open_page, copy.as_uri(), timeout=120)
    wait_for(browser, "s.openedFile !== null", timeout=60, what="the saved playground to be restored")
    return copy


def test_save_as_html_then_open_shows_weights_code_and_history_without_running(browser, open_page, site_file_url,
                                                                              tmp_path):
    downloads = download_dir(browser, tmp_path / "downloads")
    open_ready(browser, open_page, site_file_url)
    js(browser, "await window.playground.clearData();")
    for n, steps in enumerate((150, 300), start=1):
        set_code(browser, short_training(steps=steps, extra=MARKER))
        by_testid(browser, "run").click()
        wait_for(browser, f"s.status !== 'training' && window.playground.runs().length === {n}",
                 timeout=120, what="the run")
    seed_box = by_testid(browser, "seed")
    seed_box.clear()
    seed_box.send_keys("7")
    js(browser, "document.querySelector('[data-testid=seed]').dispatchEvent(new Event('change'));")
    js(browser, "await window.playground.setProbe('#3366cc');")
    before = js(browser, "return {state: window.playground.state(), runs: window.playground.runs(), "
                         "code: window.playground.getCode()};")
    assert before["state"]["probe"]["predicted"] and MARKER in before["code"]

    by_testid(browser, "save-html").click()
    saved = wait_for_download(downloads, "colornet-playground-saved.html", timeout=120)
    print(f"Save as HTML: {saved.stat().st_size:,} bytes")
    js(browser, "await window.playground.clearData();")  # the history must come from the file, not the browser

    open_saved(browser, open_page, saved, tmp_path / "elsewhere")
    after = js(browser, "await sleep(1500); return {state: window.playground.state(), runs: window.playground.runs(),"
                        " code: window.playground.getCode(), seed: document.querySelector('[data-testid=seed]').value,"
                        " output: document.querySelector('[data-testid=output]').textContent};")
    s = after["state"]
    assert after["code"] == before["code"] and after["seed"] == "7"
    assert s["hasModel"] and s["probe"]["input"] == "#3366cc"
    assert s["probe"]["predicted"] == before["state"]["probe"]["predicted"]  # the trained weights, not retrained
    assert s["probe"]["deltaE"] == before["state"]["probe"]["deltaE"]
    assert [r["id"] for r in after["runs"]] == [r["id"] for r in before["runs"]]
    assert s["runs"] == 0 and s["status"] == "ready" and "this code ran" not in after["output"]  # nothing ran
    assert "Opened a saved playground" in after["output"]
    assert s["chartPoints"] == 31  # the latest run's curve is drawn
    assert len(browser.find_elements(By.CSS_SELECTOR, '[data-testid="run-row"]')) == 2

    # Save again from the saved file itself (its texts come from its own document), open that one too.
    by_testid(browser, "save-html").click()
    again = wait_for_download(downloads, "colornet-playground-saved.html", timeout=120)
    js(browser, "await window.playground.clearData();")
    open_saved(browser, open_page, again, tmp_path / "again")
    s = js(browser, "return window.playground.state();")
    assert s["probe"]["predicted"] == before["state"]["probe"]["predicted"] and s["runs"] == 0
    assert len(js(browser, "return window.playground.runs();")) == 2


def test_runs_download_for_python_and_save_as_html_over_loopback_http(browser, open_page, site_http_url, tmp_path):
    downloads = download_dir(browser, tmp_path / "downloads")
    open_ready(browser, open_page, site_http_url)
    js(browser, "await window.playground.clearData();")
    set_code(browser, short_training(steps=100))
    by_testid(browser, "run").click()
    wait_for(browser, "s.status !== 'training' && window.playground.runs().length === 1", timeout=120, what="the run")
    run = js(browser, "return window.playground.runs()[0];")
    assert run["status"] == "ok"
    by_testid(browser, "download-python").click()
    assert wait_for_download(downloads, "colornet-run-seed0.zip").stat().st_size > 10_000
    by_testid(browser, "save-html").click()
    saved = wait_for_download(downloads, "colornet-playground-saved.html", timeout=120)
    open_saved(browser, open_page, saved, tmp_path / "opened")  # a file:// page: another origin, other storage
    s = js(browser, "return window.playground.state();")
    assert s["hasModel"] and s["runs"] == 0
    assert run["id"] in [r["id"] for r in js(browser, "return window.playground.runs();")]


def test_a_saved_file_opens_as_a_separate_view_and_leaves_the_own_autosave_untouched(browser, open_page,
                                                                                     site_file_url, tmp_path):
    """Every file:// page shares one localStorage in Chromium, so a saved file that autosaved would overwrite the
    user's own code (issue 8, item 1): it opens as a shared view until the user chooses Keep this code."""
    from test_playground_shared_view import banner_shown, open_fresh, save_own_code, type_into_editor

    downloads = download_dir(browser, tmp_path / "downloads")
    open_ready(browser, open_page, site_file_url)
    save_own_code(browser, "# the saved file's code B\n")
    by_testid(browser, "save-html").click()
    saved = wait_for_download(downloads, "colornet-playground-saved.html", timeout=120)
    save_own_code(browser, "# my own code A\n")

    open_saved(browser, open_page, saved, tmp_path / "elsewhere")
    assert js(browser, "return window.playground.getCode();") == "# the saved file's code B\n"
    assert banner_shown(browser) and "saved playground" in by_testid(browser, "shared-view").text
    type_into_editor(browser, "x")
    js(browser, "await sleep(700);")  # any autosave would have happened by now

    open_fresh(browser, open_page, site_file_url)
    assert js(browser, "return window.playground.getCode();") == "# my own code A\n"
    assert not banner_shown(browser)
