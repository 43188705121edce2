"""Where WebCrypto is missing (crypto.subtle is only there in secure contexts), the page still checks every
runtime file's sha256, with @noble/hashes: it boots from good bundles and names the file of a corrupt one.

The page is served over http from a host name that Chromium does not count as potentially trustworthy
(`insecure.test`, mapped to the loopback-only server by --host-resolver-rules), so neither the page nor its workers
are a secure context: WebCrypto is really absent in the worker that checks the files, as on a plain-http site."""
import pytest
from conftest import serve_directory
from helpers.chromium import make_chrome
from helpers.wait import wait_for_boot
from sitecopy import bundle_path, copy_site

INSECURE_HOST = "insecure.test"


@pytest.fixture(scope="module")
def insecure_browser():
    driver = make_chrome([f"--host-resolver-rules=MAP {INSECURE_HOST} 127.0.0.1"])
    yield driver
    driver.quit()


def insecure_url(base):
    """The loopback server's URL under the insecure host name."""
    return base.replace("127.0.0.1", INSECURE_HOST, 1) + "index.html"


def assert_no_webcrypto(browser):
    secure, subtle = browser.execute_script("return [isSecureContext, typeof crypto.subtle]")
    assert (secure, subtle) == (False, "undefined"), "the page is a secure context: WebCrypto would be there"


def test_boots_and_verifies_without_webcrypto(insecure_browser, site_dir):
    with serve_directory(site_dir) as base:
        insecure_browser.get(insecure_url(base))
        assert_no_webcrypto(insecure_browser)
        state = wait_for_boot(insecure_browser)
    assert state["status"] == "ready", state


def test_corrupt_bundle_is_caught_without_webcrypto(insecure_browser, tmp_path):
    site = copy_site(tmp_path)
    path = bundle_path(site, "stdlib")
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle] = ord("A") if data[middle] != ord("A") else ord("B")
    path.write_bytes(bytes(data))
    with serve_directory(site) as base:
        insecure_browser.get(insecure_url(base))
        assert_no_webcrypto(insecure_browser)
        state = wait_for_boot(insecure_browser, timeout=35)
        text = insecure_browser.find_element("tag name", "body").text
    assert state["status"] == "error", state
    assert 'stage "runtime"' in text and "python_stdlib.zip" in text and "sha256 mismatch" in text, text
