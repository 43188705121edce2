"""Driving the playground through its testing contract (`window.playground`, data-testids), in Chromium or Firefox."""
import time

from helpers.page import js, run_js
from helpers.wait import state, wait_ready, wait_state


def set_code(driver, code):
    js(driver, "window.playground.setCode(args[0]);", code)


def run_to_end(driver, code=None, timeout=120):
    """Set the code (if given), run it and wait until it finished; returns the final state."""
    if code is not None:
        set_code(driver, code)
    js(driver, "await window.playground.run();", timeout=timeout)
    return state(driver)


def start_run(driver, code=None):
    """Start a run without waiting for it to end."""
    if code is not None:
        set_code(driver, code)
    js(driver, "window.playground.run(); await sleep(0);")


def run_and_wait(driver, code, timeout=90):
    """Set the code, start a run and wait until it (run number state.runs + 1) is no longer training; returns that
    state. Unlike run_to_end it also follows a run that replaces the worker (a forced stop, Python exiting)."""
    runs = state(driver)["runs"]
    run_js(driver, "window.playground.setCode(arguments[0]); window.playground.run();", code)
    return wait_state(driver, lambda s: s["runs"] == runs + 1 and s["status"] != "training", timeout,
                      f"run {runs + 1} to end")


def by_testid(browser, testid):
    """The element with data-testid `testid` (Selenium)."""
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]')


def click(driver, testid):
    """Click the element with data-testid `testid`, as a user would (Selenium or marionette_driver)."""
    if hasattr(driver, "set_script_timeout"):
        by_testid(driver, testid).click()
    else:
        from marionette_driver.by import By

        driver.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]').click()


def open_ready(browser, open_page, url, timeout=60):
    """Open the page (the e2e conftest's open_page) and wait until the playground says ready."""
    open_page(url, timeout=timeout)
    wait_ready(browser, timeout)
    return browser


def exported_model(driver):
    """The model as Export model writes it (a JSON text)."""
    return js(driver, "return await window.playground.exportModel();")


def hex_distance(a, b):
    """Largest per-channel difference (0–255) between two '#rrggbb' colours."""
    return max(abs(int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) for i in (1, 3, 5))


class Stopwatch:
    def __init__(self):
        self.t0 = time.perf_counter()

    def ms(self):
        return (time.perf_counter() - self.t0) * 1000

