"""What the page says and does is true: the API refuses what it cannot do (Resume after Stop, Step while
training) instead of answering yes; Clear all my data clears everything."""
import time
from pathlib import Path

from helpers.wait import poll
from playground_driver import by_testid, js, output_text, run_to_end, short_training, wait_for, wait_ready

DB_NAME = "colornet-playground"  # site/src/ui/run-store.js
DEFAULT_SCRIPT = (Path(__file__).resolve().parents[2] / "site" / "py" / "presets" / "default.py").read_text()


def test_step_while_training_and_resume_after_stop_return_false(page):
    js(page, "window.playground.setCode(args[0]); window.playground.run(); await sleep(0);",
       short_training(steps=1_000_000, hidden="[3, 16, 3]", report_every=25))
    wait_for(page, "s.status === 'training' && s.step >= 25", what="training under way")
    assert js(page, "return await window.playground.step();") is False
    assert js(page, "return await window.playground.resume();") is False
    assert by_testid(page, "import").get_attribute("disabled"), "Import model is disabled while a run trains"
    assert js(page, "return await window.playground.pause();") is True
    s = wait_for(page, "s.paused", what="paused")
    assert js(page, "return await window.playground.step();") is True
    s = wait_for(page, f"s.paused && s.step > {s['step']}", what="one step")
    js(page, "window.playground.stop();")
    wait_for(page, "s.status === 'stopped'", what="stopped")
    assert js(page, "return await window.playground.resume();") is False
    assert js(page, "return await window.playground.step();") is False
    assert wait_for(page, "s.status === 'stopped'")["status"] == "stopped"
    assert not by_testid(page, "import").get_attribute("disabled")


def test_an_error_names_its_first_line_next_to_the_status(page):
    run_to_end(page, "x = 1\nraise ValueError('the colour is wrong')\n")
    assert by_testid(page, "status").text == "error: ValueError on line 2: the colour is wrong"


def test_one_step_is_singular(page):
    run_to_end(page, short_training(steps=1, hidden="[3, 4, 3]", report_every=1))
    row = page.find_element("css selector", "[data-testid=run-row]").text
    assert "1 step" in row and "1 steps" not in row, row


def test_clear_all_my_data_deletes_everything_stored_and_resets_the_editor(page):
    """Clear all my data (the button, confirmed) deletes the IndexedDB database and every localStorage key the page
    wrote, and the editor shows the preset's script again; nothing is written back afterwards."""
    run_to_end(page, short_training(steps=30, hidden="[3, 4, 3]"))  # a recorded run, edited code autosaved
    js(page, "window.playground.setCode('print(\"my own code\")\\n'); await sleep(600);")
    before = stored(page)
    assert DB_NAME in before["databases"] and before["localStorage"], before
    by_testid(page, "clear-data").click()
    page.switch_to.alert.accept()
    wait_for(page, "document.querySelector('#runs-message').textContent.startsWith('Cleared')", what="the clear")
    time.sleep(1)  # past the autosave's delay: nothing may be written back
    assert stored(page) == {"databases": [], "localStorage": []}
    assert js(page, "return window.playground.getCode();") == DEFAULT_SCRIPT
    assert js(page, "return (await window.playground.runs()).length;") == 0


def stored(page):
    return js(page, """
        const dbs = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : ['(cannot list)'];
        return {databases: dbs, localStorage: Object.keys(localStorage)};
    """)


def test_a_junk_share_link_shows_your_own_code_and_says_so(page, site_file_url):
    mine = "print('my own code')\n"
    js(page, "window.playground.setCode(args[0]); await sleep(600);", mine)  # autosaved
    page.get("about:blank")
    page.get(site_file_url + "#%%%&&&==&=&code")
    wait_ready(page)
    assert js(page, "return window.playground.getCode();") == mine
    out = output_text(page)
    assert out.count("could not be read") == 1 and "your own code" in out, out


def test_before_the_first_run_the_chart_says_how_to_start_and_the_swatches_are_drawn(page, site_file_url):
    page.get("about:blank")
    page.get(site_file_url)
    wait_ready(page)
    hint = by_testid(page, "chart-hint")
    assert hint.is_displayed() and hint.text.startswith("Press Run (Ctrl+Enter) to train"), hint.text
    # the swatches come from the worker's `predict` call, made just after ready (page/predictions.js): wait for them
    for swatch in ("swatch-input", "swatch-target"):
        poll(lambda: by_testid(page, swatch).get_attribute("data-hex") or "", lambda hex_: hex_.startswith("#"),
             timeout=10, what=f"the {swatch} swatch to be drawn")
    run_to_end(page, short_training(steps=20, hidden="[3, 4, 3]"))
    assert not by_testid(page, "chart-hint").is_displayed()


def test_thirty_overlays_keep_a_bounded_legend_distinct_colours_and_survive_a_reload(page, site_file_url):
    page.get("about:blank")
    page.get(site_file_url)
    wait_ready(page)
    js(page, "await window.playground.clearData();")
    js(page, "for (let i = 0; i < 31; i++) { window.playground.setCode(`x = ${i}`); await window.playground.run(); }"
             "while (window.playground.runs().length < 31) await sleep(20);", timeout=300)
    ids = [r["id"] for r in js(page, "return window.playground.runs();")][1:]  # 30 older runs
    js(page, "window.playground.overlay(args[0]);", ids)

    def legend():
        return js(page, """const el = document.querySelector('[data-testid=chart] .u-legend');
            return {height: el.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(el).fontSize),
                    colours: [...el.querySelectorAll('.u-series')].slice(1).map(
                        (tr) => getComputedStyle(tr.querySelector('.u-marker')).borderColor)};""")

    shown = legend()
    assert len(shown["colours"]) == 31 and len(set(shown["colours"])) == 31, shown["colours"]  # this run + 30
    assert shown["height"] <= 6 * shown["lineHeight"], shown["height"]
    page.refresh()
    wait_ready(page)
    ticked = js(page, "return [...document.querySelectorAll('[data-testid=run-row]')].filter("
                      "(row) => row.querySelector('[data-testid=overlay-toggle]').checked).map((row) => row.dataset.runId);")
    assert ticked == ids
    assert len(legend()["colours"]) == 31
