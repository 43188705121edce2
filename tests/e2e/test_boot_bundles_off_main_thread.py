"""The runtime bundles cost the page's main thread no per-byte work (issue 22): the page hands each bundle's text
to the worker, which turns it into bytes and checks its sha256. Observed with V8's precise coverage of the page
(the worker is another isolate): during a boot, from file:// and over http, the function that turns a bundle's
text into bytes (the one whose error says "is not a windows-1252 byte", in dist/boot.js) never runs on the page.
A control shows the probe sees it when the page does need bytes (runtime.fileBytes, as Download for Python)."""
import pytest
from helpers.page import js
from helpers.wait import wait_for_boot

from tools.paths import SITE

MARKER = "is not a windows-1252 byte"


def to_bytes_calls(browser) -> int:
    """Calls of boot.js's text-to-bytes function on the page since the last look (takePreciseCoverage resets)."""
    source = (SITE / "dist" / "boot.js").read_text(encoding="utf-8")
    at = source.index(MARKER)
    scripts = browser.execute_cdp_cmd("Profiler.takePreciseCoverage", {})["result"]
    boot = [s for s in scripts if s["url"].endswith("/dist/boot.js")]
    assert len(boot) == 1, [s["url"] for s in scripts]
    around = [f["ranges"][0] for f in boot[0]["functions"]
              if f["ranges"][0]["startOffset"] <= at < f["ranges"][0]["endOffset"]]
    innermost = min(around, key=lambda r: r["endOffset"] - r["startOffset"])
    assert innermost["startOffset"] > 0, "the marker is in no function of boot.js but the whole script"
    return innermost["count"]


@pytest.fixture
def covered(browser):
    """Precise call counts on the page from before it loads (V8 keeps them across the navigation)."""
    browser.get("about:blank")
    browser.execute_cdp_cmd("Profiler.enable", {})
    browser.execute_cdp_cmd("Profiler.startPreciseCoverage", {"callCount": True, "detailed": False})
    yield browser
    browser.execute_cdp_cmd("Profiler.stopPreciseCoverage", {})
    browser.execute_cdp_cmd("Profiler.disable", {})


@pytest.mark.parametrize("where", ["file", "http"])
def test_the_page_turns_no_bundle_text_into_bytes_while_booting(covered, site_file_url, site_http_url, where):
    covered.get(site_file_url if where == "file" else site_http_url)
    state = wait_for_boot(covered, timeout=60)
    assert state["status"] == "ready", state
    assert to_bytes_calls(covered) == 0, "the page's main thread turned bundle text into bytes while booting"
    # control: the page's own need for bytes (the colornet wheel, as Download for Python reads it) is seen
    wheel = js(covered, """const name = window.colornetRuntime.manifest.files.find((f) => f.name.startsWith('colornet-')).name;
        return (await window.colornetRuntime.fileBytes(name)).length;""")
    assert wheel > 1000, wheel
    assert to_bytes_calls(covered) == 1
