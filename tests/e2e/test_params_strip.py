"""The params strip (site/src/params/strip.js, issue 20) on its own, before it is wired into the playground: a tiny
page from file:// (params_strip_page.py) holds a <textarea> as the editor, and the strip is used by keyboard and
mouse in Chromium.
"""
import time
import urllib.parse

import pytest
from params_strip_page import SOURCE, build_page
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait


@pytest.fixture(scope="module")
def page_url(tmp_path_factory):
    try:
        return build_page(tmp_path_factory.mktemp("strip-page"))
    except FileNotFoundError as missing:
        pytest.fail(str(missing))


@pytest.fixture
def page(browser, page_url):
    def open_(source=SOURCE, debounce=None):
        query = f"?debounce={debounce}" if debounce else ""
        browser.get(page_url + query + "#" + urllib.parse.quote(source))
        browser.refresh()  # a new hash alone would not reload the page
        WebDriverWait(browser, 10).until(lambda d: d.execute_script("return !!window.strip"))
        return browser
    return open_


def code(driver):
    return driver.execute_script("return document.getElementById('code').value")


def line(driver, n):
    return code(driver).split("\n")[n - 1]


def control(driver, name, extra=""):
    return driver.find_element(By.CSS_SELECTOR, f'[data-testid="params"] [data-param="{name}"]{extra}')


def retype(el, *keys):
    """Selects the field's text and types `keys` over it (Ctrl is released before typing)."""
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys(Keys.BACKSPACE, *keys)


def log(driver):
    return driver.execute_script("return window.log")


def wait_for_runs(driver, count, timeout=5):
    WebDriverWait(driver, timeout).until(lambda d: len(log(d)["runs"]) >= count)
    return log(driver)["runs"]


def test_one_labelled_native_control_per_param_and_the_problems_in_the_strip(page):
    driver = page()
    for name, tag in [("lr", "input"), ("steps", "input"), ("batch", "input"), ("activation", "select"),
                      ("adam", "input"), ("label", "input")]:
        el = control(driver, name)
        assert el.tag_name == tag
        label = driver.find_element(By.CSS_SELECTOR, f'label[for="{el.get_attribute("id")}"]')
        assert label.text == name
    widths = driver.find_elements(By.CSS_SELECTOR, '[data-testid="params"] [data-param="hidden"]')
    assert [w.get_attribute("value") for w in widths] == ["64", "32", "16"]
    assert [w.get_attribute("aria-label") for w in widths] == [f"hidden layer {i} width" for i in (1, 2, 3)]
    problems = driver.find_element(By.CSS_SELECTOR, '[data-testid="params-problems"]').text
    assert problems == "Line 9: bad: step must be greater than 0, got 0."
    assert driver.find_element(By.CSS_SELECTOR, '[data-testid="run-on-change"]').is_selected()
    assert driver.execute_script("return window.strip.state()") == {
        "lr": 0.008, "steps": 2000, "batch": 25, "hidden": [64, 32, 16], "activation": "relu", "adam": True,
        "label": "x"}


def test_arrow_key_on_a_slider_rewrites_its_literal_and_asks_for_one_run_after_the_debounce(page):
    driver = page()
    control(driver, "steps").send_keys(Keys.ARROW_RIGHT)
    assert line(driver, 3) == 'steps = 2100  # @param {type:"slider", min:100, max:10000, step:100}'
    assert code(driver).replace("2100", "2000", 1) == SOURCE
    runs = wait_for_runs(driver, 1)
    changes = log(driver)["changes"]
    assert [(r["params"], r["liveOnly"]) for r in runs] == [(["steps"], False)]
    assert runs[0]["at"] - changes[-1]["at"] >= 299  # not before the debounce
    assert changes[0]["startsGesture"] is True


def test_a_live_log_slider_writes_three_significant_digits_and_says_it_is_live(page):
    driver = page()
    control(driver, "lr").send_keys(Keys.ARROW_RIGHT)
    value = driver.execute_script("return window.strip.state().lr")
    assert 0.008 < value < 0.0082
    assert line(driver, 2).startswith(f"lr = {value!r}  # @param") and len(repr(value).strip("0.")) <= 3
    assert log(driver)["paramChanges"] == [{"name": "lr", "value": value, "live": True}]
    assert [(r["params"], r["liveOnly"]) for r in wait_for_runs(driver, 1)] == [(["lr"], True)]


def test_a_click_on_the_slider_track_moves_it_there(page):
    driver = page()
    slider = control(driver, "steps")
    width = slider.size["width"]
    ActionChains(driver).move_to_element_with_offset(slider, width // 2 - 2, 0).click().perform()
    steps = driver.execute_script("return window.strip.state().steps")
    assert steps > 9000 and steps % 100 == 0
    assert line(driver, 3).startswith(f"steps = {steps}  # @param")


def test_moves_closer_than_the_debounce_give_one_run(page):
    driver = page(debounce=3000)
    slider = control(driver, "steps")
    for _ in range(3):  # three WebDriver commands: the page's timers run between the moves
        slider.send_keys(Keys.ARROW_RIGHT)
    assert line(driver, 3).startswith("steps = 2300  #")
    runs = wait_for_runs(driver, 1, timeout=10)
    time.sleep(0.5)
    assert [r["params"] for r in log(driver)["runs"]] == [["steps"]] == [r["params"] for r in runs]


def test_typing_in_the_code_updates_the_controls_and_never_runs(page):
    driver = page()
    area = driver.find_element(By.ID, "code")
    area.send_keys(Keys.CONTROL, "a")
    typed = SOURCE.replace("2000", "300").replace("lr = 0.008", "lr = 0.5").replace('activation = "relu"', 'activation = "elu"')
    area.send_keys(typed)
    assert code(driver) == typed  # the strip never rewrites what the user typed (no clamping)
    assert control(driver, "steps").get_attribute("value") == "300"
    notes = [n.text for n in driver.find_elements(By.CSS_SELECTOR, '[data-testid="params"] .param-note') if n.text]
    assert notes == ["Line 2: lr = 0.5 is out of range (0.0001 to 0.1)",
                     'Line 6: activation = "elu" is not one of the choices ("relu", "tanh", "sigmoid")']
    assert control(driver, "lr").get_attribute("aria-invalid") == "true"
    assert Select(control(driver, "activation")).first_selected_option.text == '"elu" (not a choice)'
    time.sleep(0.8)
    assert log(driver)["runs"] == [] and log(driver)["changes"] == []


def test_layer_buttons_and_width_inputs(page):
    driver = page()
    add = driver.find_element(By.CSS_SELECTOR, '[data-param-for="hidden"][data-param-action="add"]')
    add.click()
    assert line(driver, 5).startswith("hidden = [64, 32, 16, 16]  # @param")
    assert driver.execute_script("return document.activeElement.dataset.paramAction") == "add"
    remove = driver.find_element(By.CSS_SELECTOR, '[data-param-for="hidden"][data-param-action="remove"]')
    remove.click()
    remove = driver.find_element(By.CSS_SELECTOR, '[data-param-for="hidden"][data-param-action="remove"]')
    remove.click()
    assert line(driver, 5).startswith("hidden = [64, 32]  # @param")
    width = control(driver, "hidden", '[data-layer="0"]')
    retype(width, "8", Keys.TAB)
    assert line(driver, 5).startswith("hidden = [8, 32]  # @param")
    assert driver.execute_script("return window.strip.state().hidden") == [8, 32]


def test_select_checkbox_and_text_write_their_literals(page):
    driver = page()
    Select(control(driver, "activation")).select_by_visible_text("tanh")
    control(driver, "adam").click()
    box = control(driver, "label")
    retype(box, 'say "hi"', Keys.ENTER)
    assert line(driver, 6).startswith('activation = "tanh"  #')
    assert line(driver, 7).startswith("adam = False  #")
    assert line(driver, 8).startswith('label = "say \\"hi\\""  #')
    assert driver.execute_script("return window.strip.state().label") == 'say "hi"'


def test_a_bad_entry_is_named_and_the_code_kept(page):
    driver = page()
    batch = control(driver, "batch")
    retype(batch, "1.5", Keys.TAB)
    assert line(driver, 4).startswith("batch = 25  #")
    row = driver.find_element(By.CSS_SELECTOR, '[data-param-row="batch"] .param-note')
    assert row.text == "batch: enter a whole number"


def test_run_on_change_off_changes_the_code_without_asking_for_a_run(page):
    driver = page()
    driver.find_element(By.CSS_SELECTOR, '[data-testid="run-on-change"]').click()
    control(driver, "steps").send_keys(Keys.ARROW_RIGHT)
    assert line(driver, 3).startswith("steps = 2100  #")
    time.sleep(0.8)
    assert log(driver)["runs"] == []
