"""Keyboard only: the whole playground driven with key events (Tab, Shift+Tab, Enter, Space, arrows, Escape,
Ctrl+Enter) and no mouse — load a preset, edit the code, run, stop, reset, change the probe colour, share, export
and import a model — with the focus visible at every stop; and the `?` shortcut help.

JavaScript is used only to set the scene (clear the autosave, allow downloads) and to read the page's state; every
action on the page is a key event sent by Selenium to the focused element. Two places need a word:
- Reset asks "Replace your edited code?" with the browser's own confirm(); WebDriver cannot send key events to a
  native dialog, so the test accepts it with `switch_to.alert.accept()`, which is what Enter does there (OK is the
  dialog's default button).
- Import: Enter on the focused file input opens the system's file dialog, where a keyboard user types a path.
  Headless Chromium has no such dialog; Selenium's send_keys of a path to the focused <input type=file> (found as
  `switch_to.active_element`, after tabbing to it) is chromedriver's stand-in for typing the path there.
"""
import json
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from playground_driver import js, open_ready, output_text, short_training, state, wait_for

# What the focused element is, and whether a focus indicator is drawn for it: its own outline, or for the editor
# (CodeMirror's content) the editor frame's, and for the visually hidden file input its label's.
FOCUS_JS = """
const a = document.activeElement;
if (!a || a === document.body) return {name: 'body', visible: false, why: 'nothing focused'};
const name = a.dataset.testid || (a.classList.contains('cm-content') ? 'editor' : a.id || a.tagName);
let shown = a;
if (a.classList.contains('cm-content')) shown = a.closest('.editor');
else if (a.id === 'import') shown = a.nextElementSibling;
const cs = getComputedStyle(shown);
const r = shown.getBoundingClientRect();
const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
return {name, visible: a.matches(':focus-visible') && outline && r.width > 0 && r.height > 0,
        why: `${shown.tagName}#${shown.id} outline ${cs.outlineStyle} ${cs.outlineWidth}, box ${r.width}x${r.height}`};
"""


class Keyboard:
    def __init__(self, browser):
        self.browser = browser
        self.trail = []

    def press(self, *keys):
        ActionChains(self.browser).send_keys(*keys).perform()

    def chord(self, modifier, key):
        ActionChains(self.browser).key_down(modifier).send_keys(key).key_up(modifier).perform()

    def focus(self):
        f = js(self.browser, FOCUS_JS)
        assert f["visible"], f"focus on {f['name']} is not visible ({f['why']}); path: {self.trail}"
        return f["name"]

    def tab_to(self, target, backwards=False, limit=40):
        """Tab (or Shift+Tab) until `target` has the focus, checking the focus is visible at every stop."""
        for _ in range(limit):
            if backwards:
                self.chord(Keys.SHIFT, Keys.TAB)
            else:
                self.press(Keys.TAB)
            name = self.focus()
            self.trail.append(name)
            if name == target:
                return
            if name == "editor":  # Tab indents in the editor: Escape first, then Tab leaves it
                self.press(Keys.ESCAPE)
        raise AssertionError(f"{target} not reached with {'Shift+' if backwards else ''}Tab: {self.trail[-limit:]}")


def announcements(browser):
    return [a["text"] for a in state(browser)["announcements"]]


def run_and_pause_by_keyboard(browser, code):
    """Runs `code` by Tab to Run and Enter (the focus goes to Stop), then pauses it by Tab to Pause and Enter (the
    focus goes to Resume); returns the Keyboard and the paused state."""
    js(browser, "window.playground.setCode(args[0]);", code)
    kb = Keyboard(browser)
    kb.tab_to("run")
    kb.press(Keys.ENTER)
    wait_for(browser, "s.status === 'training' && s.step >= 100", what="training")
    assert kb.focus() == "stop"
    kb.tab_to("pause")
    kb.press(Keys.ENTER)
    s = wait_for(browser, "s.paused", what="paused by Enter")
    assert kb.focus() == "resume"
    return kb, s


def test_keyboard_only(browser, open_page, site_file_url, tmp_path):
    browser.set_window_size(1280, 1000)
    open_ready(browser, open_page, site_file_url)
    js(browser, "localStorage.clear();")
    browser.refresh()
    wait_for(browser, "s.status === 'ready'", what="ready after reload")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    default_code = js(browser, "return window.playground.getCode();")
    kb = Keyboard(browser)

    # Load a preset: arrows in the Preset list.
    kb.tab_to("preset")
    kb.press(Keys.ARROW_DOWN)
    wait_for(browser, "window.playground.getCode().includes('2018 talk')", what="the talk2018 preset")
    kb.press(Keys.ARROW_UP)
    wait_for(browser, "window.playground.getCode() === args[0]".replace("args[0]", json.dumps(default_code)),
             what="back to the default preset")

    # Edit the code: Tab into the editor, go to the end, type; Shift+Tab and Tab dedent and indent there.
    kb.tab_to("editor")
    kb.chord(Keys.CONTROL, Keys.END)
    kb.press("if True:", Keys.ENTER)  # CodeMirror indents the new line
    kb.chord(Keys.SHIFT, Keys.TAB)
    kb.press(Keys.TAB, "print('typed by keyboard')")
    code = js(browser, "return window.playground.getCode();")
    assert code.endswith("if True:\n    print('typed by keyboard')"), code[-80:]

    # Run with Ctrl+Enter from the editor; leave it with Escape, Shift+Tab back to Stop; Enter stops.
    kb.chord(Keys.CONTROL, Keys.ENTER)
    wait_for(browser, "s.status === 'training' && s.step >= 250", what="the keyboard run to train")
    kb.press(Keys.ESCAPE)
    kb.tab_to("stop", backwards=True)
    kb.press(Keys.ENTER)
    s = wait_for(browser, "s.status === 'stopped'", what="Stop by Enter")
    assert s["runs"] == 1 and s["hasModel"] and 0 < s["step"] < 5000, s
    assert "typed by keyboard" in output_text(browser)  # the edited code ran (after the stopped loop)
    # Stop is disabled now; the focus went to Run (not lost to <body>), and Enter there runs again, Stop again.
    assert kb.focus() == "run"
    kb.press(Keys.ENTER)
    wait_for(browser, "s.runs === 2 && s.status === 'training' && s.step >= 250", what="the second run")
    assert kb.focus() == "stop"
    kb.press(Keys.SPACE)
    s = wait_for(browser, "s.status === 'stopped'", what="Stop by Space")
    assert s["runs"] == 2 and f"Stopped at step {s['step']}" in output_text(browser), s

    # Change the probe colour: the hex field; a wrong value is refused with a message, a right one applies.
    kb.tab_to("probe-hex")
    kb.chord(Keys.CONTROL, "a")
    kb.press("#12345", Keys.ENTER)
    error = js(browser, "return document.querySelector('[data-testid=probe-hex-error]').textContent;")
    assert '"#12345" is not a colour' in error
    assert state(browser)["probe"]["input"] == "#dea5ff"
    kb.chord(Keys.CONTROL, "a")
    kb.press("#ff0000", Keys.ENTER)
    s = wait_for(browser, "s.probe.input === '#ff0000' && s.probe.predicted", what="the new probe's prediction")
    assert js(browser, "return document.querySelector('[data-testid=swatch-input]').dataset.hex;") == "#ff0000"
    assert js(browser, "return document.querySelector('[data-testid=probe-hex-error]').textContent;") == ""

    # Share: the state goes into the address.
    kb.tab_to("share", backwards=True)
    kb.press(Keys.ENTER)
    url = js(browser, """
        for (let i = 0; i < 200 && !location.hash.includes('code='); i++) await sleep(10);
        return location.href;
    """)
    assert "probe=ff0000" in url and "typed+by+keyboard" in url, url

    # Export (the model of the stopped run): Enter on Export downloads colornet's JSON.
    kb.tab_to("export")
    kb.press(Keys.ENTER)
    path = downloads / "colornet-model.json"
    for _ in range(200):
        if path.exists() and path.stat().st_size:
            break
        time.sleep(0.05)
    assert path.exists(), f"no download in {list(downloads.iterdir())}"
    assert json.loads(path.read_text())["layers"]
    exported_prediction = state(browser)["probe"]["predicted"]

    # Reset: restores the preset's code (the browser's confirm is accepted, as Enter would).
    kb.tab_to("reset", backwards=True)
    kb.press(Keys.ENTER)
    browser.switch_to.alert.accept()
    wait_for(browser, "window.playground.getCode() === " + json.dumps(default_code), what="the reset code")

    # Train a little more, so the model's prediction moves away from the exported one.
    kb.tab_to("run", backwards=True)
    kb.press(Keys.ENTER)
    wait_for(browser, "s.runs === 3 && s.status === 'training' && s.step >= 500", what="the third run")
    assert kb.focus() == "stop"
    kb.press(Keys.ENTER)
    moved = wait_for(browser, "s.status === 'stopped'", what="the third stop")
    assert moved["probe"]["predicted"] != exported_prediction, "training did not change the prediction"

    # Import: the focused file input receives the path (see the module docstring); the model predicts again what
    # it predicted when it was exported.
    kb.tab_to("import")
    browser.switch_to.active_element.send_keys(str(path))
    wait_for(browser, f"s.probe.predicted === {json.dumps(exported_prediction)}", what="the imported model's prediction")
    assert "Imported colornet-model.json" in output_text(browser)
    assert kb.focus() == "import"
    print("keyboard path:", " → ".join(kb.trail))


def test_help_dialog_by_keyboard(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    kb = Keyboard(browser)
    kb.tab_to("seed")
    kb.press("?")  # a text field: `?` is typed (ignored by a number box), no dialog
    assert not js(browser, "return document.getElementById('help-dialog').open;")
    kb.tab_to("share")
    kb.press("?")
    assert js(browser, "return document.getElementById('help-dialog').open;")
    assert kb.focus() == "help-close"
    text = js(browser, "return document.getElementById('help-dialog').textContent;")
    for words in ("Ctrl", "Esc", "Tab", "Leave the editor", "Run the code"):
        assert words in text, words
    kb.press(Keys.ESCAPE)
    assert not js(browser, "return document.getElementById('help-dialog').open;")
    assert kb.focus() == "share", "focus goes back where it was"
    # The ? button opens it too; Enter on Close closes it.
    kb.tab_to("help", backwards=True)
    kb.press(Keys.ENTER)
    assert js(browser, "return document.getElementById('help-dialog').open;")
    kb.press(Keys.ENTER)
    assert not js(browser, "return document.getElementById('help-dialog').open;")
    assert kb.focus() == "help"
    # The theme toggle by Space.
    kb.tab_to("theme", backwards=True)
    before = js(browser, "return document.documentElement.dataset.theme;")
    kb.press(Keys.SPACE)
    after = js(browser, "return document.documentElement.dataset.theme;")
    assert {before, after} == {"light", "dark"}
    kb.press(Keys.SPACE)


def test_pause_step_resume_by_keyboard_keep_the_focus(browser, open_page, site_file_url):
    """Pause, Step and Resume by Enter: each press disables the pressed button, and the focus goes where the next
    press is wanted (Resume after Pause, Step again after its interval, Pause after Resume, Run after Stop);
    the live region says paused and resumed."""
    open_ready(browser, open_page, site_file_url)
    kb, s = run_and_pause_by_keyboard(browser, short_training(steps=200_000, report_every=100))
    assert announcements(browser)[-1] == f"Paused at step {s['step']}."
    kb.tab_to("step-once")
    kb.press(Keys.ENTER)
    s = wait_for(browser, f"s.paused && s.step === {s['step'] + 100}", what="one step")
    wait_for(browser, "document.activeElement.dataset.testid === 'step-once'", what="the focus back on Step")
    assert kb.focus() == "step-once"
    kb.tab_to("resume", backwards=True)
    kb.press(Keys.ENTER)
    wait_for(browser, "s.status === 'training'", what="resumed")
    assert kb.focus() == "pause"
    assert "Training resumed." in announcements(browser)
    kb.tab_to("stop", backwards=True)
    kb.press(Keys.ENTER)
    wait_for(browser, "s.status === 'stopped'", what="stopped")
    assert kb.focus() == "run"
