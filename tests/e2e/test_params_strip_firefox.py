"""The params strip (issue 20) in Firefox ESR from file://: a slider moved by keyboard rewrites its literal and asks
for one run after the debounce; "+ layer" adds a width; typing in the code updates the controls and never asks for a
run (the stand-alone page of params_strip_page.py, marionette_driver through the `firefox` fixture)."""
import time
import urllib.parse

import pytest
from firefox_driver import run_js
from params_strip_page import SOURCE, build_page

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # mozinfo/mozrunner import deprecated modules


def open_page(client, url, source):
    client.navigate(url + "#" + urllib.parse.quote(source))
    client.refresh()  # a new hash alone would not reload the page
    deadline = time.monotonic() + 10
    while not run_js(client, "return !!window.strip"):
        assert time.monotonic() < deadline, "the strip page did not start"
        time.sleep(0.05)


def wait_for_runs(client, count, timeout=5):
    """The params of each run request once there are `count` of them."""
    deadline = time.monotonic() + timeout
    while run_js(client, "return window.log.runs.length") < count:
        assert time.monotonic() < deadline, f"fewer than {count} run requests"
        time.sleep(0.05)
    return run_js(client, "return window.log.runs.map((r) => r.params)")


def find(client, css):
    from marionette_driver.by import By
    return client.find_element(By.CSS_SELECTOR, css)


def test_keyboard_layers_and_typing_in_firefox(firefox, tmp_path):
    from marionette_driver.keys import Keys
    open_page(firefox, build_page(tmp_path), SOURCE)
    find(firefox, '[data-testid="params"] [data-param="steps"]').send_keys(Keys.ARROW_RIGHT)
    code = run_js(firefox, "return document.getElementById('code').value")
    assert code == SOURCE.replace("steps = 2000", "steps = 2100")
    assert wait_for_runs(firefox, 1) == [["steps"]]

    find(firefox, '[data-param-for="hidden"][data-param-action="add"]').click()
    assert run_js(firefox, "return window.strip.state().hidden") == [64, 32, 16, 16]
    assert wait_for_runs(firefox, 2) == [["steps"], ["hidden"]]

    area = find(firefox, "#code")
    area.send_keys(Keys.END, "\nsteps2 = 5  # @param {type:'integer', min:0, max:3}")
    assert find(firefox, '[data-param-row="steps2"] .param-note').text == "Line 10: steps2 = 5 is out of range (0 to 3)"
    time.sleep(0.8)
    assert run_js(firefox, "return window.log.runs.length") == 2  # still only the slider's and the add button's
