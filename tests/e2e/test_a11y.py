"""Accessibility audit: axe-core finds 0 violations, at every impact level, in every state registered in
a11y_audit.py (page ready, after a default run, an error shown, a share-link view, and the panels that add
theirs), in the light and the dark theme, in Chromium and in Firefox."""
import pytest

from a11y_audit import STATES, MarionettePage, SeleniumPage, format_violations, run_axe

THEMES = ["light", "dark"]


def audit(page, url, state, theme):
    page.open(url)
    STATES[state](page)
    page.set_theme(theme)
    violations = run_axe(page)
    assert not violations, f"axe-core: {len(violations)} violations in '{state}' ({theme}):\n" + format_violations(
        violations)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("state", list(STATES))
def test_axe_finds_no_violations(browser, site_file_url, state, theme):
    audit(SeleniumPage(browser), site_file_url, state, theme)


@pytest.mark.parametrize("theme", THEMES)
def test_axe_finds_no_violations_over_http(browser, site_http_url, theme):
    audit(SeleniumPage(browser), site_http_url, "page ready", theme)


@pytest.mark.parametrize("theme", THEMES)
def test_axe_finds_no_violations_in_the_single_file(browser, site_dir, theme):
    """The one-file build (site/colornet-playground.html) is the same page inlined: it passes the audit too."""
    single = site_dir / "colornet-playground.html"
    assert single.exists(), "the single-file build is missing: run `python3 build.py`"
    audit(SeleniumPage(browser), single.as_uri(), "page ready", theme)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("state", list(STATES))
def test_axe_finds_no_violations_in_firefox(firefox, site_file_url, state, theme):  # `firefox` skips without it
    audit(MarionettePage(firefox), site_file_url, state, theme)
