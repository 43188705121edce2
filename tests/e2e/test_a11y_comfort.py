"""Comfort and screen readers: the theme follows prefers-color-scheme and a remembered toggle, and the editor, the
chart and the swatch borders follow it; prefers-reduced-motion switches every transition and animation off while
the chart keeps updating; the live region announces start, every fifth report (not flooding), end and errors;
the chart and the swatches state their numbers as text.

Set COLORNET_SCREENSHOT_DARK=docs/screenshot-dark.png to save the dark-mode screenshot of docs/PLAYGROUND.md mid-training.
"""
import os
import re
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from playground_driver import by_testid, js, open_ready, run_to_end, short_training, state, wait_for

ROOT = Path(__file__).resolve().parents[2]
STEPS = 20000  # the live-region test's run (the screenshot is taken before it, in the default script as it is)
SCREENSHOT_DARK = os.environ.get("COLORNET_SCREENSHOT_DARK")


def emulate(browser, **features):
    """Emulated CSS media features, e.g. prefers_color_scheme="dark" (an empty value is the system's)."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
        {"name": name.replace("_", "-"), "value": value} for name, value in features.items()]})


def theme_colours(browser):
    """What the page paints in the current theme: page and editor background, a keyword's colour, a swatch border,
    and the brightest pixel of the chart's axis text (its canvas)."""
    return js(browser, """
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
        const canvas = document.querySelector('[data-testid=chart] canvas');
        const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let light = 0, dark = 0;  // opaque pixels of the axes' text and ticks
        for (let i = 0; i < px.length; i += 4) {
          if (px[i + 3] < 200) continue;
          const y = (px[i] + px[i + 1] + px[i + 2]) / 3;
          if (y > 180) light++; else if (y < 80) dark++;
        }
        const keyword = [...document.querySelectorAll('.cm-line span')].find((s) => s.textContent === 'import');
        return {
          theme: document.documentElement.dataset.theme,
          pressed: document.querySelector('[data-testid=theme]').getAttribute('aria-pressed'),
          page: getComputedStyle(document.body).backgroundColor === 'rgba(0, 0, 0, 0)'
            ? getComputedStyle(document.documentElement).backgroundColor : getComputedStyle(document.body).backgroundColor,
          editor: css('.cm-editor', 'backgroundColor'),
          gutter: css('.cm-gutters', 'backgroundColor'),
          keyword: keyword && getComputedStyle(keyword).color,
          swatchBorder: css('[data-testid=swatch-target]', 'borderTopColor'),
          chartLightPixels: light, chartDarkPixels: dark,
        };
    """)


def open_trained_in(browser, open_page, site_file_url, scheme):
    """A fresh page (no remembered theme) with the system in ``scheme``, after a short run: the chart has axes once
    it has data."""
    open_ready(browser, open_page, site_file_url)
    js(browser, "localStorage.clear();")
    emulate(browser, prefers_color_scheme=scheme)
    browser.refresh()
    wait_for(browser, "s.status === 'ready'", what=f"ready in the {scheme} theme")
    run_to_end(browser, short_training(steps=100, report_every=10))


def test_theme_follows_the_system_and_a_remembered_toggle(browser, open_page, site_file_url):
    open_trained_in(browser, open_page, site_file_url, "light")
    light = theme_colours(browser)
    assert light["theme"] == "light" and light["pressed"] == "false"
    # The system switches to dark: the page follows, live.
    emulate(browser, prefers_color_scheme="dark")
    dark = theme_colours(browser)
    assert dark["theme"] == "dark" and dark["pressed"] == "true"
    for part in ("page", "editor", "gutter", "keyword", "swatchBorder"):
        assert light[part] != dark[part], f"{part} stays {light[part]} in the dark theme"
    assert dark["editor"] == dark["page"] == "rgb(13, 17, 23)"
    # The chart's axis labels: dark ink on the light theme, light ink on the dark one.
    assert light["chartDarkPixels"] > 50 and light["chartLightPixels"] == 0, light
    assert dark["chartLightPixels"] > 50 and dark["chartDarkPixels"] == 0, dark

    # The toggle overrides the system and is remembered across a reload.
    by_testid(browser, "theme").click()
    assert js(browser, "return document.documentElement.dataset.theme;") == "light"
    browser.refresh()
    wait_for(browser, "s.status === 'ready'", what="ready after reload")
    assert theme_colours(browser)["theme"] == "light", "the toggle's choice is remembered"
    # Choosing the system's theme again goes back to following the system.
    emulate(browser, prefers_color_scheme="light")
    by_testid(browser, "theme").click()
    assert js(browser, "return document.documentElement.dataset.theme;") == "dark"
    emulate(browser, prefers_color_scheme="dark")
    by_testid(browser, "theme").click()
    emulate(browser, prefers_color_scheme="light")
    assert js(browser, "return [document.documentElement.dataset.theme, window.playground.state().theme];") == [
        "light", "light"]
    emulate(browser)


def test_a_page_opened_in_the_dark_theme_is_dark_from_the_start(browser, open_page, site_file_url):
    """The theme is set before the editor and the chart are created, so they start in it (nothing restyles them)."""
    open_trained_in(browser, open_page, site_file_url, "dark")
    dark = theme_colours(browser)
    # CodeMirror's own dark flag (its search panel and tooltips follow it, not the page's CSS): open the search panel
    browser.find_element(By.CSS_SELECTOR, ".cm-content").click()
    ActionChains(browser).key_down(Keys.CONTROL).send_keys("f").key_up(Keys.CONTROL).perform()
    wait_for(browser, "document.querySelector('.cm-panels')", what="the editor's search panel")
    panel = js(browser, "return getComputedStyle(document.querySelector('.cm-panels')).backgroundColor;")
    emulate(browser)
    assert dark["theme"] == "dark" and dark["pressed"] == "true"
    assert dark["editor"] == dark["page"] == "rgb(13, 17, 23)", dark
    assert dark["chartLightPixels"] > 50 and dark["chartDarkPixels"] == 0, dark
    assert panel == "rgb(51, 51, 56)", f"the editor's search panel is {panel}, not CodeMirror's dark panel"


def test_reduced_motion_stops_transitions_but_not_the_chart(browser, open_page, site_file_url):
    motion_js = """
        const els = [...document.querySelectorAll('body *')];
        const moving = els.filter((e) => {
          const cs = getComputedStyle(e);
          const t = cs.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
          return t || cs.animationName !== 'none';
        });
        return moving.map((e) => e.id || e.className || e.tagName).slice(0, 10);
    """
    open_ready(browser, open_page, site_file_url)
    by_testid(browser, "editor").find_element("css selector", ".cm-content").click()  # a blinking cursor
    assert js(browser, motion_js), "without the preference the page has transitions (buttons, cursor)"
    emulate(browser, prefers_reduced_motion="reduce")
    try:
        assert js(browser, motion_js) == []
        final = run_to_end(browser, short_training(steps=400, report_every=10))
        assert final["status"] == "ready" and final["chartUpdates"] >= 1 and final["chartPoints"] == 41, final
    finally:
        emulate(browser)


def test_live_region_announces_without_flooding(browser, open_page, site_file_url):
    if SCREENSHOT_DARK:
        browser.set_window_size(1280, 900)
    open_ready(browser, open_page, site_file_url)
    js(browser, "localStorage.clear();")
    browser.refresh()
    wait_for(browser, "s.status === 'ready'", what="ready after reload")
    # The announcer is polite; every other live region (CodeMirror's, the Runs panel's) is polite too and says
    # nothing during a normal run: the count of their changes is watched from here on.
    region = js(browser, """
        const r = document.querySelector('[data-testid=announcer]');
        const others = [...document.querySelectorAll('[aria-live], [role=status], [role=log], [role=alert]')]
          .filter((e) => e !== r);
        window.__otherLive = 0;
        const watch = new MutationObserver((records) => { window.__otherLive += records.length; });
        for (const e of others) watch.observe(e, {childList: true, subtree: true, characterData: true});
        return {live: r.getAttribute('aria-live'), role: r.getAttribute('role'),
                assertive: others.filter((e) => e.getAttribute('aria-live') === 'assertive' ||
                                                e.getAttribute('role') === 'alert').length};
    """)
    assert region == {"live": "polite", "role": "status", "assertive": 0}, region
    if SCREENSHOT_DARK:  # the default script as it is, in the dark theme; then the run the checks below read
        by_testid(browser, "theme").click()
        by_testid(browser, "run").click()
        wait_for(browser, "s.step >= 1500", what="mid-training")
        browser.save_screenshot(str(ROOT / SCREENSHOT_DARK))
        by_testid(browser, "theme").click()
        wait_for(browser, "s.status !== 'training'", timeout=180, what="the default run to end")
    # the default script made longer (20000 steps, a report every 25), so the run spans several 3 s gaps
    code = js(browser, "return window.playground.getCode();")
    assert "steps = 5000" in code
    final = run_to_end(browser, code.replace("steps = 5000", f"steps = {STEPS}"), timeout=180)
    assert js(browser, "return window.__otherLive;") == 0, "another live region spoke during the run"
    said = state(browser)["announcements"]
    texts = [a["text"] for a in said]
    start = len(texts) - 1 - texts[::-1].index("Training started.")  # the last run's
    steps = STEPS
    assert texts[0] == "Python is ready." and texts[-1] == f"Run finished at step {steps}, cost {by_testid(browser, 'cost').text}."
    progress = said[start + 1:-1]
    assert progress, texts
    for a in progress:
        m = re.fullmatch(r"Step (\d+), cost (\S+)\.", a["text"])
        assert m, a
        report = int(m.group(1)) // 25 + 1  # reports at steps 0, 25, 50, ...: step 100 is the fifth
        assert report % 5 == 0, f"{a['text']}: report {report}, not a fifth one"
    times = [a["t"] for a in said[start:-1]]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 3000, f"announcements {gaps} ms apart: flooding"
    seconds = (said[-1]["t"] - said[start]["t"]) / 1000
    print(f"{len(progress)} progress announcements over a {seconds:.1f} s run ({final['progressEvents']} events)")
    assert len(progress) >= int(seconds / 3) - 1

    # Text alternatives: the chart and the swatches state the numbers.
    chart = by_testid(browser, "chart").get_attribute("aria-label")
    assert f"step {steps}, cost {by_testid(browser, 'cost').text}" in chart and f"{steps // 25 + 1} points" in chart, chart
    s = state(browser)
    predicted = by_testid(browser, "swatch-predicted").get_attribute("aria-label")
    assert predicted == (f"predicted: {s['probe']['predicted']}, ΔE00 {s['probe']['deltaE']:.2f} from the target "
                         f"{s['probe']['target']}"), predicted
    assert by_testid(browser, "swatch-input").get_attribute("aria-label") == "input: #dea5ff"
    assert by_testid(browser, "swatch-target").get_attribute("aria-label") == "target complement: #c6ffa5"

    # An error is announced with its line and message; the next run starts over.
    run_to_end(browser, "x = 1\ny = x / 0\n")
    assert state(browser)["announcements"][-1]["text"] == "Error on line 2: ZeroDivisionError: division by zero"

    # A restart of Python is announced when it begins and when the fresh worker is ready.
    by_testid(browser, "restart").click()
    s = wait_for(browser, "s.restartMs !== null && s.status !== 'loading'", timeout=60, what="Python restarted")
    texts = [a["text"] for a in s["announcements"]]
    begun = [t for t in texts if t.startswith("Restarting Python.")]
    assert begun and texts[-1] != begun[-1] and "Python restarted" in texts[-1], texts[-3:]
