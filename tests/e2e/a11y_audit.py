"""The accessibility audit: axe-core (the npm devDependency pinned in package-lock.json, injected by the test, never
shipped in the page) run on the page in named states, in Chromium (Selenium) and Firefox (Marionette).

A *state* is a function `state(page)` that brings a freshly opened page to something worth auditing, using only the
page's testing contract (`window.playground`, data-testids) through `page.js(...)`, so the same state runs in both
browsers. Panels added later register theirs with the `audit_state` decorator next to the ones below:

    @audit_state("network view")
    def network_view(page):
        page.run_to_end(SHORT_RUN)
        page.js("document.querySelector('[data-testid=network-view]').scrollIntoView();")

test_a11y.py audits every registered state in both themes and expects 0 violations at every impact level.
"""
from __future__ import annotations

import json
from pathlib import Path

from helpers.page import js, navigate, run_js
from helpers.scripts import short_training
from helpers.wait import poll, wait_for

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Rules switched off for this page, each with the reason. This is the only place a rule may be disabled.
DISABLED_RULES: dict[str, str] = {}

# Every state in the audit, in registration order: name -> function(page).
STATES: dict = {}


def audit_state(name):
    """Registers `fn(page)` as an audited state called `name`."""

    def register(fn):
        if name in STATES:
            raise ValueError(f"audit state {name!r} is registered twice")
        STATES[name] = fn
        return fn

    return register


def axe_source() -> str:
    if not AXE_JS.exists():
        raise AssertionError(f"{AXE_JS} is missing: run `python3 build.py` (npm ci installs axe-core)")
    return AXE_JS.read_text(encoding="utf-8")


# Runs axe on the whole document; resolves to a JSON string (Marionette mangles some nested objects).
AXE_RUN_JS = """
const rules = {};
for (const id of args[0]) rules[id] = {enabled: false};
const result = await axe.run(document, {
  resultTypes: ['violations'],
  rules,
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
});
return JSON.stringify(result.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary, html: n.html.slice(0, 200)})),
})));
"""


def format_violations(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for n in v["nodes"][:8]:
            lines.append(f"    {n['target']}: {n['html']}")
            lines.append("      " + (n["summary"] or "").replace("\n", "\n      "))
    return "\n".join(lines)


def run_axe(page) -> list:
    """The violations axe finds in the page as it is now (disabled rules excepted)."""
    if not page.js("return typeof window.axe !== 'undefined';"):
        page.inject(axe_source())
    return json.loads(page.js(AXE_RUN_JS, sorted(DISABLED_RULES)))


# ---- the page, as the states see it ---------------------------------------------------------------------------------
class Page:
    """One browser tab with the playground, in Chromium (Selenium) or Firefox (Marionette): helpers/page.py speaks to
    both, so a state runs the same in either."""

    def __init__(self, driver):
        self.driver = driver

    def navigate(self, url):
        navigate(self.driver, url)

    def js(self, body, *args, timeout=120):
        return js(self.driver, body, *args, timeout=timeout)

    def inject(self, source):
        run_js(self.driver, source)

    def wait(self, condition_js, timeout=120, what=None):
        """Polls `condition_js` (may use `s` = playground.state()) until truthy; returns the state."""
        return wait_for(self.driver, condition_js, timeout, what)

    def wait_for_playground(self, timeout=60):
        poll(lambda: self.js("return !!window.playground;"), bool, timeout, "window.playground to appear")

    def open(self, url):
        """Opens `url` on a clean slate (no autosave, no remembered theme) and waits for "ready"."""
        self.navigate(url)
        self.wait_for_playground()
        # Let this boot settle before leaving: a worker killed mid-boot slows the next boot on a loaded machine.
        self.wait("s.status !== 'loading'", what="the first boot")
        self.js("localStorage.clear();")
        self.navigate("about:blank")
        self.navigate(url)
        self.wait_for_playground()
        s = self.wait("s.status !== 'loading'", what="the page to boot")
        if s["status"] != "ready":
            status = self.js("return document.querySelector('[data-testid=status]').textContent;")
            raise AssertionError(f"the page did not boot: {status}")
        return s

    def run_to_end(self, code=None):
        if code is not None:
            self.js("window.playground.setCode(args[0]);", code)
        self.js("await window.playground.run();")
        return self.wait("s.status !== 'training'", what="the run to end")

    def set_theme(self, theme):
        """Switches to `theme` with the page's own toggle (data-testid=theme)."""
        self.js("""
            for (let i = 0; i < 2 && document.documentElement.dataset.theme !== args[0]; i++) {
              document.querySelector('[data-testid=theme]').click();
            }
            if (document.documentElement.dataset.theme !== args[0]) throw new Error('theme stays ' +
              document.documentElement.dataset.theme);
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            // colours ease between themes (CSS transitions): audit the settled colours
            await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
        """, theme)


SeleniumPage = MarionettePage = Page  # the names test_a11y.py uses for each browser


# ---- the audited states ---------------------------------------------------------------------------------------------
SHARED_HASH = "#preset=talk2018&seed=7&probe=33aa55&code=print(%22shared+code%22)"


@audit_state("page ready")
def page_ready(page):
    pass


@audit_state("after a default run")
def after_default_run(page):
    s = page.run_to_end()
    assert s["status"] == "ready" and s["step"] > 0, s


@audit_state("an error shown")
def error_shown(page):
    s = page.run_to_end("x = 1\ny = x / 0\n")
    assert s["status"] == "error" and s["errorLine"] == 2, s


@audit_state("a share-link view")
def share_link_view(page):
    base = page.js("return location.href.split('#')[0];")
    page.navigate("about:blank")
    page.navigate(base + SHARED_HASH)
    page.wait_for_playground()
    page.wait("s.status === 'ready'", what="the shared view to be ready")
    assert "shared code" in page.js("return window.playground.getCode();")


@audit_state("params strip with notes")
def params_strip_notes(page):
    """The params strip showing every kind of control, an out-of-range value and a malformed annotation."""
    page.js("""window.playground.setCode([
        'lr = 0.5  # @param {type:"slider", min:0.0001, max:0.1, log:true, live:true}',
        'hidden = [8, 4]  # @param {type:"layers", min:1, max:64}',
        'act = "relu"  # @param ["relu", "tanh"]',
        'on = True  # @param {type:"boolean"}',
        'name = "x"  # @param {type:"string"}',
        'n = 3  # @param {type:"integer", min:0, max:9}',
        'bad = 1  # @param {type:"slider", min:0, max:1, step:0}',
    ].join("\\n"));""")
    assert page.js("return document.querySelectorAll('[data-testid=params] .param').length;") == 6
    assert page.js("return document.querySelector('[data-testid=params-problems]').children.length;") == 1
    assert page.js("return document.querySelector('[data-param=lr]').getAttribute('aria-invalid');") == "true"


@audit_state("runs panel")
def runs_panel(page):
    """Two runs listed (one failed), both overlaid on the chart, every diff opened."""
    page.run_to_end(short_training(steps=200))
    page.run_to_end(short_training(steps=100) + "raise ValueError('on purpose')\n")
    # the run's record is written after the run ends: wait for it before taking the two newest
    page.wait("window.playground.runs().length > 0 && window.playground.runs()[0].status === 'failed'",
              what="the failed run's record")
    page.js("""
        const ids = window.playground.runs().slice(0, 2).map((r) => r.id);
        await window.playground.overlay(ids);
        for (const d of document.querySelectorAll('#runs details')) d.open = true;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    """)
    assert page.js("return document.querySelectorAll('[data-testid=run-row]').length;") >= 2
    # The chart's text alternative names each overlaid run with its last step and cost.
    label = page.js("return document.querySelector('[data-testid=chart]').getAttribute('aria-label');")
    assert label.count("Overlaid ") == 2 and "ended at step 200" in label, label


@audit_state("shortcut help open")
def help_open(page):
    page.js("document.querySelector('[data-testid=help]').click();")
    assert page.js("return document.querySelector('[data-testid=help-dialog]').open;")


@audit_state("inside the network after a run")
def insight_after_run(page):
    """The colour-space map, the network view and the doctor after a finished run."""
    page.run_to_end(short_training(steps=300))
    page.wait("s.insightFinal", what="the run's final map, network view and doctor")
    assert page.js("return document.querySelector('[data-testid=network-view]').children.length;") > 0


@audit_state("doctor findings")
def doctor_findings(page):
    """A run that diverges: the doctor lists its diagnosis with a fix button."""
    code = page.js("return window.playground.getCode();")
    page.run_to_end(code.replace("lr = 0.008 ", "lr = 10 ").replace("steps = 5000 ", "steps = 300 "))
    s = page.wait("s.insightFinal", what="the run's final views")
    assert s["doctor"], s


@audit_state("paused")
def paused(page):
    page.js("window.playground.setCode(args[0]); window.playground.run(); await window.playground.pause();",
            short_training(steps=3000, report_every=100))
    page.wait("s.paused", what="the run to pause")


@audit_state("your colours loaded")
def your_colours(page):
    """An image loaded (the data panel, its strip and the four image views after a run) and a refused file's
    message."""
    from helpers.images import quadrant_png_base64

    page.js("await window.playground.loadData('quadrants.png', args[0]);", quadrant_png_base64())
    page.wait("s.data && s.data.kind === 'image'", what="the image to load")
    page.run_to_end(short_training(steps=200))
    page.wait("s.imageViews.draws > 0 && s.insightFinal", what="the image views")
    page.js("await window.playground.loadData('one.txt', '#ff0000');")
    page.js("document.querySelector('.data-paste').open = true;")
    page.js("document.querySelector('[data-testid=data-panel]').scrollIntoView();")
    assert page.js("return window.playground.state().dataError;")


@audit_state("neuron graph with a tile focused")
def neuron_tile_focused(page):
    """The network graph drawn after a run, one of its tiles focused and shown on the large colour map."""
    page.run_to_end(short_training(steps=300))
    page.wait("s.insightFinal && s.network.tiles > 0", what="the run's final graph")
    page.js("document.querySelector('[data-testid=neuron-graph] [data-unit=\"1:3\"]').focus();")
    page.wait("s.network.showing === '1:3'", what="the focused tile on the map")
