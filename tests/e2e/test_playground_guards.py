"""Small guards of the page (issue 8, item 11): the Seed box refuses empty or non-numeric text, the readouts reset
when a run starts, colours from the worker are checked before they become CSS, input() says it is not available,
and WebSocket, EventSource and sockets fail with the same "network access is disabled" message as fetch."""
import pytest
from selenium.webdriver.common.keys import Keys

from helpers.playground import by_testid, open_ready, run_to_end, start_run
from helpers.page import js
from helpers.scripts import NETWORK_ATTEMPTS, OFFLINE, short_training
from helpers.wait import output_text, wait_for


def type_seed(browser, text):
    box = by_testid(box_browser := browser, "seed")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    box.send_keys(text + "\t")
    return box_browser


def seed_seen_by_python(browser):
    run_to_end(browser, "print('seed is', playground.seed)\n")
    out = output_text(browser)
    return int(out.split("seed is ")[1].split()[0])


@pytest.mark.parametrize("text", ["", "e"])
def test_seed_box_refuses_empty_or_non_numeric_text(browser, open_page, site_file_url, text):
    open_ready(browser, open_page, site_file_url)
    type_seed(browser, "7")
    assert seed_seen_by_python(browser) == 7
    type_seed(browser, text)  # "e" is the one letter a number box takes: not a number
    wait_for(browser, "document.querySelector('[data-testid=output]').textContent.includes('Seed must be')",
             what="the seed message")
    assert by_testid(browser, "seed").get_attribute("value") == "7"
    assert "it stays 7" in output_text(browser)
    assert seed_seen_by_python(browser) == 7  # not silently 0


def test_readouts_reset_when_a_run_starts(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    run_to_end(browser, short_training(steps=300))
    assert by_testid(browser, "step").text == "300"
    start_run(browser, "import asyncio\nprint('waiting')\nawait asyncio.sleep(3)\n" + short_training(steps=50))
    wait_for(browser, "document.querySelector('[data-testid=output]').textContent.includes('waiting')",
             what="the second run to start")
    readouts = {name: by_testid(browser, name).text for name in ("step", "epoch", "cost", "speed", "elapsed")}
    assert readouts == {"step": "0", "epoch": "0", "cost": "—", "speed": "—", "elapsed": "—"}
    wait_for(browser, "s.status === 'ready'", what="the second run to end")
    assert by_testid(browser, "step").text == "50"


def test_colours_from_the_worker_are_checked_before_use_as_css(browser, open_page, site_file_url):
    """A progress event with CSS that is not a colour (user code can post any message from the worker)."""
    open_ready(browser, open_page, site_file_url)
    bad = ["url(https://example.invalid/x.png)", "red", "#12345g", "#dea5ff; background-image: url(x)"]
    row = {"input": bad[0], "target": bad[1], "predicted": bad[2], "deltaE": "1"}
    code = f"""import js, json
event = {{"event": "progress", "data": {{"step": 1, "epoch": 0, "cost": 0.5, "points": [[1, 0.5]],
          "probe": {row!r}, "material": [{{"input": {bad[3]!r}, "target": "#000000", "predicted": {bad[0]!r},
          "deltaE": None}}]}}}}
js.postMessage(js.JSON.parse(json.dumps(event)))
import asyncio
await asyncio.sleep(3)  # the end of the run shows the real predictions again
"""
    wait_for(browser, "document.querySelector('[data-testid=swatch-input]').dataset.hex === '#dea5ff'",
             what="the probe's first prediction (it follows the post-boot warm-up)")
    start_run(browser, code)
    wait_for(browser, "document.querySelector('[data-testid=swatch-input]').dataset.hex !== '#dea5ff'",
             what="the posted progress event to be shown")
    painted = js(browser, """
        const els = [...['swatch-input', 'swatch-target', 'swatch-predicted']
            .map((id) => document.querySelector(`[data-testid=${id}]`)),
            ...document.querySelectorAll('#material .chip')];
        return els.map((el) => [el.dataset.hex, el.style.background, el.style.backgroundImage, el.textContent]);
    """)
    for data_hex, background, image, text in painted:
        assert "url" not in background + image + text, painted
        assert background in ("transparent", "rgb(0, 0, 0)"), painted
    assert len(painted) == 6  # the event was shown: 3 probe swatches, 1 material row of 3 chips
    assert [p[0] for p in painted] == ["", "", "", "", "#000000", ""]  # only the one real colour is used
    assert by_testid(browser, "delta-e").text == "—"
    wait_for(browser, "s.status === 'ready'", what="the run to end")


def test_input_says_it_is_not_available(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    final = run_to_end(browser, "name = input('Your name? ')\nprint('hello', name)\n")
    result = final["lastResult"]
    assert not result["ok"] and result["line"] == 1
    assert "input() is not available in the playground" in result["error"], result
    assert "input() is not available in the playground" in output_text(browser)




def test_network_attempts_all_fail_with_the_offline_message(browser, open_page, site_file_url, network_requests):
    open_ready(browser, open_page, site_file_url)
    network_requests(browser)  # drain the log
    final = run_to_end(browser, NETWORK_ATTEMPTS)
    assert final["lastResult"]["ok"], output_text(browser)
    lines = [l for l in output_text(browser).splitlines() if " -> " in l]
    assert [l.split(" -> ")[0] for l in lines] == [
        "socket.create_connection", "socket.connect", "socket.connect_ex", "socket.sendto", "_socket.connect",
        "_socket.connect_ex", "_socket.sendto", "WebSocket", "EventSource", "fetch"]
    for line in lines:
        assert OFFLINE in line and "CONNECTED" not in line, line
    assert network_requests(browser) == []
