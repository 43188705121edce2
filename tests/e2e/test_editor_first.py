"""The editor comes first (issue 22): it takes keystrokes, keeps them and highlights Python without waiting for
Python, here a runtime that never starts (its NumPy bundle is missing), from file://, typed by real key events. The
runtime's bundles load after the page has made its parts, and without them when the page never does."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from helpers.page import js
from helpers.wait import poll, wait_for_boot
from sitecopy import bundle_path, copy_site

TYPED = "# typed before Python"


def test_the_editor_takes_keys_and_highlights_python_while_python_never_starts(browser, tmp_path):
    site = copy_site(tmp_path)
    bundle_path(site, "numpy").unlink()
    browser.get((site / "index.html").as_uri())
    editor = browser.find_element(By.CSS_SELECTOR, "[data-testid=editor] .cm-content")
    editor.click()
    editor.send_keys(Keys.CONTROL, Keys.HOME)
    editor.send_keys(TYPED, Keys.ENTER)
    state = wait_for_boot(browser, timeout=60)
    assert state["status"] == "error" and "runtime-numpy.js" in state["error"], state
    code = js(browser, "return window.playground.getCode();")
    assert code.startswith(TYPED + "\n"), code[:200]
    # the autosave has it (300 ms after the last key), and Python's highlighting came without Python
    stored = js(browser, """for (let i = 0; i < 100; i++) {
        const s = localStorage.getItem('colornet-playground/state/v1');
        if (s && JSON.parse(s).code.startsWith(args[0])) return true; await sleep(50); } return false;""", TYPED)
    assert stored
    colours = js(browser, """const line = [...document.querySelectorAll('.cm-line')].find((l) => l.textContent === args[0]);
        const span = line && line.querySelector('span');
        const probe = document.createElement('span');
        probe.style.color = 'var(--cm-comment)';
        document.body.append(probe);
        const want = getComputedStyle(probe).color;
        probe.remove();
        return [span ? getComputedStyle(span).color : null, want];""", TYPED)
    assert colours[0] == colours[1], f"the typed comment is not highlighted as a Python comment: {colours}"
    browser.execute_script("localStorage.clear();")  # every file:// page shares it in Chromium


def test_the_runtime_bundles_load_after_the_page_has_made_its_parts(browser, site_http_url):
    """Over http: Chromium keeps no resource timing of file:// scripts."""
    browser.get(site_http_url)
    state = wait_for_boot(browser, timeout=60)
    assert state["status"] == "ready", state
    made, starts = js(browser, """const made = performance.getEntriesByName('page made')[0];
        const bundles = performance.getEntriesByType('resource').filter((r) => /runtime-[a-z]+\\.js$/.test(r.name));
        return [made ? made.startTime : null, bundles.map((r) => [r.name.split('/').pop(), r.startTime])];""")
    assert made is not None and len(starts) >= 6, (made, starts)
    early = [(name, round(at)) for name, at in starts if at < made]
    assert not early, f"runtime bundles requested before the page was made at {made:.0f} ms: {early}"


def test_the_runtime_boots_when_the_page_never_makes_its_parts(browser, tmp_path):
    """app.js missing: nothing says the page is made, and the bundles come after the wait (page-made.js WAIT_MS)."""
    site = copy_site(tmp_path)
    (site / "dist" / "app.js").write_text("self.colornetAppStarted = true;  // and nothing more\n")
    browser.get((site / "index.html").as_uri())
    status = poll(lambda: js(browser, "return window.colornetBoot ? window.colornetBoot.status : null;"),
                  lambda s: s in ("ready", "error"), 60, "the runtime's boot without the page")
    assert status == "ready"


# Put before the page's scripts: when the editor first takes keystrokes (its content is editable), and when the page
# first made an Intl formatter (its first one loads the engine's locale data: 10-30 ms).
WATCH_INTL = """(() => {
  const seen = (window.__firstUse = { editor: null, intl: null, which: null });
  for (const name of ["NumberFormat", "DateTimeFormat", "PluralRules", "Collator", "RelativeTimeFormat"]) {
    const Original = Intl[name];
    Intl[name] = new Proxy(Original, { construct(target, args) {
      if (seen.intl === null) { seen.intl = performance.now(); seen.which = name; }
      return Reflect.construct(target, args);
    } });
  }
  new MutationObserver((records, observer) => {
    if (!document.querySelector('.cm-content[contenteditable="true"]')) return;
    seen.editor = performance.now();
    observer.disconnect();
  }).observe(document, { subtree: true, childList: true });
})();"""


def test_no_locale_formatter_is_made_before_the_editor_takes_keys(browser, site_file_url):
    """The page's first Intl formatter costs 10-30 ms of the main thread: it comes after the editor (issue 22)."""
    script = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_INTL})
    try:
        browser.get(site_file_url)
        seen = poll(lambda: js(browser, "return window.__firstUse;"), lambda s: s and s["editor"] is not None, 30,
                    "the editor")
    finally:
        browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})
    assert seen["intl"] is None or seen["intl"] > seen["editor"], \
        f"Intl.{seen['which']} made at {seen['intl']:.0f} ms, before the editor took keys at {seen['editor']:.0f} ms"


def test_the_editor_gets_the_rest_of_codemirrors_basic_setup_after_it_is_painted(browser, site_file_url):
    """Bracket closing and search come with ui/editor-extras.js, a few tasks after the editor takes keys."""
    browser.get(site_file_url)
    wait_for_boot(browser, timeout=60)
    editor = browser.find_element(By.CSS_SELECTOR, "[data-testid=editor] .cm-content")
    editor.click()
    editor.send_keys(Keys.CONTROL, Keys.END)
    editor.send_keys(Keys.ENTER, "print(")
    code = js(browser, "return window.playground.getCode();")
    assert code.endswith("print()"), f"the bracket was not closed: {code[-40:]!r}"
    editor.send_keys(Keys.CONTROL, "f")
    assert browser.find_elements(By.CSS_SELECTOR, "[data-testid=editor] .cm-search"), "Ctrl+F opened no search panel"
    browser.execute_script("localStorage.clear();")  # every file:// page shares it in Chromium
