"""WebKit started with the process locale C.UTF-8 (Debian's default in a bare container or a CI job) hands the page
navigator.language = "C", which is no BCP 47 language tag: the page must still boot to ready and train."""
import pytest

from playground_driver import js, open_ready, run_to_end, short_training
from tools import browsers


@pytest.fixture(scope="module")
def browser():
    problem = browsers.webkitgtk_missing()
    if problem:
        pytest.skip(f"WebKitGTK cannot run here: {problem}")
    with browsers.webkitgtk(lang="C.UTF-8") as driver:
        yield driver


def test_the_c_locale_boots_and_trains(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url, timeout=120)
    # the case under test really happened: the engine says "C" (locale.js shadows navigator.language for the page)
    engine_language = "return Object.getOwnPropertyDescriptor(Navigator.prototype, 'language').get.call(navigator);"
    assert js(browser, engine_language) == "C"
    s = run_to_end(browser, short_training(steps=200))
    assert s["status"] == "ready" and s["step"] == 200 and s["probe"]["predicted"]
