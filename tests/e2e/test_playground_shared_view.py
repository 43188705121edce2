"""A share link opens as a separate shared view: the user's own autosave is untouched unless they choose Keep this
code; the plain page always brings back their own last code; seed-only and probe-only links apply; Share refuses
a link too long for browsers. Also: an autosave that fails says so, once."""
import pytest
from selenium.webdriver.common.by import By

from playground_driver import by_testid, js, open_ready, output_text, run_to_end, state, wait_for

OWN_CODE = "# my own code A\nprint('seed', playground.seed)\n"
SHARED_CODE = "# shared code B\nprint('B ran')\n"


def fresh_start(browser, open_page, url):
    """A clean page with no autosave, ready."""
    open_ready(browser, open_page, url)
    js(browser, "localStorage.clear();")
    browser.get("about:blank")
    return open_ready(browser, open_page, url)


def open_fresh(browser, open_page, url):
    """A full page load of url (going through about:blank, so a hash change alone cannot skip the load)."""
    browser.get("about:blank")
    return open_ready(browser, open_page, url)


def save_own_code(browser, code=OWN_CODE):
    js(browser, "window.playground.setCode(args[0]); await sleep(700);", code)  # the autosave waits 300 ms


def link(url, **fields):
    from urllib.parse import urlencode

    return url + "#" + urlencode(fields)


def banner_shown(browser):
    return by_testid(browser, "shared-view").is_displayed()


def type_into_editor(browser, text):
    browser.find_element(By.CSS_SELECTOR, "[data-testid=editor] .cm-content").send_keys(text)


def test_shared_link_leaves_the_own_autosave_untouched(browser, open_page, site_file_url):
    fresh_start(browser, open_page, site_file_url)
    save_own_code(browser)
    assert not banner_shown(browser)

    open_fresh(browser, open_page, link(site_file_url, code=SHARED_CODE))
    assert js(browser, "return window.playground.getCode();") == SHARED_CODE
    assert banner_shown(browser) and by_testid(browser, "keep-shared").is_displayed()
    type_into_editor(browser, "x")  # one character, as the reproduction does
    by_testid(browser, "run").click()
    wait_for(browser, "s.runs === 1 && s.status !== 'training'", what="the shared code's run")
    js(browser, "await sleep(700);")  # any autosave would have happened by now
    assert "B ran" in output_text(browser)

    open_fresh(browser, open_page, site_file_url)
    assert js(browser, "return window.playground.getCode();") == OWN_CODE
    assert not banner_shown(browser)


def test_keep_this_code_makes_the_shared_code_your_own(browser, open_page, site_file_url):
    fresh_start(browser, open_page, site_file_url)
    save_own_code(browser)
    open_fresh(browser, open_page, link(site_file_url, code=SHARED_CODE, seed="9"))
    by_testid(browser, "keep-shared").click()
    assert not banner_shown(browser)
    assert js(browser, "return location.hash;") == ""
    assert "Kept" in output_text(browser)

    open_fresh(browser, open_page, site_file_url)
    assert js(browser, "return window.playground.getCode();") == SHARED_CODE
    assert by_testid(browser, "seed").get_attribute("value") == "9"


def test_seed_and_probe_only_link_applies(browser, open_page, site_file_url):
    fresh_start(browser, open_page, site_file_url)
    save_own_code(browser)
    open_fresh(browser, open_page, site_file_url + "#seed=5&probe=ff0000")
    assert js(browser, "return window.playground.getCode();") == OWN_CODE  # the link carries no code
    assert by_testid(browser, "seed").get_attribute("value") == "5"
    assert by_testid(browser, "probe").get_attribute("value") == "#ff0000"
    assert state(browser)["probe"]["input"] == "#ff0000"
    assert banner_shown(browser)
    run_to_end(browser)
    assert "seed 5" in output_text(browser)

    open_fresh(browser, open_page, site_file_url)  # the own settings are back
    assert by_testid(browser, "seed").get_attribute("value") == "0"
    assert state(browser)["probe"]["input"] == "#dea5ff"


def test_share_warns_instead_of_making_a_link_too_long_for_browsers(browser, open_page, site_file_url):
    fresh_start(browser, open_page, site_file_url)
    js(browser, "window.playground.setCode(args[0]);", "# long\n" + "x = 1\n" * 12_000)  # ~72 KB of code
    by_testid(browser, "share").click()
    wait_for(browser, "document.querySelector('[data-testid=output]').textContent.includes('Not shared')",
             what="the too-long warning")
    text = output_text(browser)
    assert "KB" in text and "64 KB" in text and "copied" not in text
    assert js(browser, "return location.hash;") == ""

    js(browser, "window.playground.setCode('# short\\n');")  # a short one is still shared
    by_testid(browser, "share").click()
    wait_for(browser, "location.hash.includes('code=')", what="the short link")


@pytest.fixture
def full_storage(browser):
    """Fills this origin's localStorage to its quota (real QuotaExceededError), and empties it afterwards."""
    yield lambda: js(browser, """
        localStorage.clear();
        let i = 0;
        for (let size = 1 << 20; size >= 16; size >>= 1) {
            const chunk = 'x'.repeat(size);
            try { for (;;) localStorage.setItem('fill-' + i++, chunk); } catch (e) { /* full at this size */ }
        }
        return i;
    """)
    js(browser, "localStorage.clear();")


def test_failed_autosave_says_so_once(browser, open_page, site_file_url, full_storage):
    fresh_start(browser, open_page, site_file_url)
    full_storage()
    js(browser, "window.playground.setCode(args[0]); await sleep(700);", "# will not fit\n" + "y = 2\n" * 2000)
    wait_for(browser, "document.querySelector('[data-testid=output]').textContent.includes('Autosave failed')",
             what="the autosave failure message")
    js(browser, "window.playground.setCode('# again\\n'); await sleep(700);")
    text = output_text(browser)
    assert text.count("Autosave failed") == 1, text
    assert "QuotaExceededError" in text
    assert state(browser)["autosaveError"].startswith("QuotaExceededError")
