"""The page survives any language the browser reports (issue 25: WebKit with LANG unset says navigator.language is
"C", and app.js died at load with `RangeError: invalid language tag: C`).

The page's chart module (which loads uPlot, the library that read navigator.language at load) and site/src/locale.js
are bundled with the build's esbuild and run under Node with navigator.language set to each tag."""
import json
import re
import shutil
import subprocess

import pytest

from tools.paths import NODE_MODULES, ROOT, SITE

ESBUILD = NODE_MODULES / ".bin" / "esbuild"
SRC = SITE / "src"

# What the test runs under Node: the page's modules, imported after navigator is set (a dynamic import, so the
# bundle evaluates them then), and what they then give.
PROBE = """
const tag = process.argv[2];
Object.defineProperty(globalThis, "navigator", { value: { language: tag }, configurable: true, writable: true });
// the few browser globals uPlot reads as it loads
Object.assign(globalThis, { window: globalThis, document: {}, devicePixelRatio: 1, addEventListener() {},
  dispatchEvent: () => true,
  matchMedia: () => ({ matches: false, addEventListener() {} }) });
try {
  await import("./site/src/ui/chart.js");
  const uPlot = (await import("uplot")).default;
  const locale = await import("./site/src/locale.js");
  console.log(JSON.stringify({
    language: navigator.language,
    pageLocale: locale.PAGE_LOCALE,
    defaultLocale: locale.defaultLocale(),
    safe: locale.safeLocale(tag),
    uplotNumber: uPlot.fmtNum(1234.5),
    count: locale.formatCount(1234567),
    date: locale.formatDateTime(new Date(0)),
    // the same, formatted here in the expected locale
    expected: { number: new Intl.NumberFormat(locale.PAGE_LOCALE).format(1234.5),
                date: new Date(0).toLocaleString(locale.PAGE_LOCALE) },
  }));
} catch (err) {
  console.log(JSON.stringify({ error: `${err.name}: ${err.message}` }));
}
"""

BAD_TAGS = ["C", "", "en_US.UTF-8", "xx-invalid-!!"]


@pytest.fixture(scope="module")
def run_page_modules(tmp_path_factory):
    """A function tag → what the page's locale-dependent modules give with navigator.language = tag."""
    node = shutil.which("node")
    if not node or not ESBUILD.exists():
        pytest.fail("node and node_modules/.bin/esbuild are needed: run `python3 build.py` first")
    bundle = tmp_path_factory.mktemp("locale") / "probe.mjs"
    subprocess.run([ESBUILD, "--bundle", "--format=esm", "--platform=browser", "--log-level=warning",
                    "--sourcefile=probe.mjs", f"--outfile={bundle}"],
                   input=PROBE, text=True, cwd=ROOT, check=True)

    def run(tag):
        proc = subprocess.run([node, bundle, tag], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout.strip().splitlines()[-1])
    return run


@pytest.mark.parametrize("tag", BAD_TAGS)
def test_an_invalid_browser_language_falls_back_to_the_default_locale(run_page_modules, tag):
    got = run_page_modules(tag)
    assert "error" not in got, f"the page's modules failed to load with navigator.language={tag!r}: {got['error']}"
    default = got["defaultLocale"]
    assert got["safe"] == got["pageLocale"] == default
    assert got["language"] == default, "third-party code (uPlot) must see a valid tag too"
    assert got["uplotNumber"] == got["expected"]["number"]
    assert got["date"] == got["expected"]["date"]
    assert got["count"] == "1,234,567"


def test_a_valid_browser_language_is_kept(run_page_modules):
    got = run_page_modules("de-DE")
    assert "error" not in got, got
    assert got["language"] == got["pageLocale"] == got["safe"] == "de-DE"
    assert got["uplotNumber"] == "1.234,5"  # uPlot's axis numbers follow the browser's language
    assert got["count"] == "1,234,567"  # counts in the page's English text group the English way
    assert got["date"] == got["expected"]["date"] and "1970" in got["date"]


def test_every_locale_call_in_site_src_goes_through_locale_js():
    calls = re.compile(r"\bIntl\.|\.toLocale\w*\(")
    offenders = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
                 for path in sorted(SRC.rglob("*.js")) if path != SRC / "locale.js"
                 for n, line in enumerate(path.read_text().splitlines(), 1) if calls.search(line)]
    assert not offenders, "format by locale through site/src/locale.js (it survives any browser language):\n" + \
        "\n".join(offenders)
