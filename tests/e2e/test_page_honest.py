"""What the page says and does is true: the API refuses what it cannot do (Resume after Stop, Step while
training) instead of answering yes."""
import pytest

from playground_driver import js, short_training, wait_for, wait_ready


@pytest.fixture(scope="module")
def page(browser, site_file_url):
    browser.get(site_file_url)
    wait_ready(browser)
    return browser


def test_step_while_training_and_resume_after_stop_return_false(page):
    js(page, "window.playground.setCode(args[0]); window.playground.run(); await sleep(0);",
       short_training(steps=1_000_000, hidden="[3, 16, 3]", report_every=25))
    wait_for(page, "s.status === 'training' && s.step >= 25", what="training under way")
    assert js(page, "return await window.playground.step();") is False
    assert js(page, "return await window.playground.resume();") is False
    assert js(page, "return await window.playground.pause();") is True
    s = wait_for(page, "s.paused", what="paused")
    assert js(page, "return await window.playground.step();") is True
    s = wait_for(page, f"s.paused && s.step > {s['step']}", what="one step")
    js(page, "window.playground.stop();")
    wait_for(page, "s.status === 'stopped'", what="stopped")
    assert js(page, "return await window.playground.resume();") is False
    assert js(page, "return await window.playground.step();") is False
    assert wait_for(page, "s.status === 'stopped'")["status"] == "stopped"
