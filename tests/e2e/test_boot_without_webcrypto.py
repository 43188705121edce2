"""Where WebCrypto is missing (crypto.subtle is only there in secure contexts), the page still checks every
runtime file's sha256, with @noble/hashes: it boots from good bundles and names the file of a corrupt one."""
import pytest
from helpers.chromium import make_chrome
from helpers.wait import wait_for_boot
from sitecopy import bundle_path, copy_site

HIDE_WEBCRYPTO = "Object.defineProperty(Crypto.prototype, 'subtle', {get() { return undefined; }, configurable: true});"


@pytest.fixture(scope="module")
def browser_without_webcrypto():
    driver = make_chrome()
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HIDE_WEBCRYPTO})
    yield driver
    driver.quit()


def test_boots_and_verifies_without_webcrypto(browser_without_webcrypto, site_file_url):
    browser = browser_without_webcrypto
    browser.get(site_file_url)
    assert browser.execute_script("return crypto.subtle === undefined")
    state = wait_for_boot(browser)
    assert state["status"] == "ready", state


def test_corrupt_bundle_is_caught_without_webcrypto(browser_without_webcrypto, tmp_path):
    browser = browser_without_webcrypto
    site = copy_site(tmp_path)
    path = bundle_path(site, "stdlib")
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle] = ord("A") if data[middle] != ord("A") else ord("B")
    path.write_bytes(bytes(data))
    browser.get((site / "index.html").as_uri())
    assert browser.execute_script("return crypto.subtle === undefined")
    state = wait_for_boot(browser, timeout=35)
    assert state["status"] == "error", state
    text = browser.find_element("tag name", "body").text
    assert 'stage "runtime"' in text and "python_stdlib.zip" in text and "sha256 mismatch" in text, text
