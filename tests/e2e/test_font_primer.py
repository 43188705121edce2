"""Every font the page's scripts bring into use is already in use at the page's first layout (issue 22).

The first use of a font family, weight and size makes Chromium ask its browser process, synchronously, inside a
layout (a lookup of the family, then of the size's render style: FontCache in a trace); in the middle of the boot or
of the first Run that wait held tasks over 50 ms. index.html's font primer holds each combination that the editor,
the chart and the panels use. Here: the fonts of every rendered element (and ::before / ::after) of the static page
alone (its scripts emptied) must cover those of the page booted and after a first Run, in Chromium from file://.
The chart's canvas fonts (uPlot's, the neuron graph's) are not elements: the primer lists them by hand."""
from helpers.page import js
from helpers.playground import run_to_end
from helpers.scripts import short_training
from helpers.wait import wait_ready
from sitecopy import copy_site

# The fonts in use: "family | size | weight | style" of every rendered element and pseudo-element, with one example
# element each; hidden parts (closed dialogs, [hidden]) are laid out only when shown, by the user.
FONTS_IN_USE = """const fonts = {};
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('[hidden], dialog:not([open]), script, style, svg, canvas')) continue;
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(el, pseudo);
      if (s.display === 'none' || (pseudo && ['none', 'normal'].includes(s.content))) continue;
      const key = [s.fontFamily, s.fontSize, s.fontWeight, s.fontStyle].join(' | ');
      fonts[key] ??= `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${pseudo || ''}`;
    }
  }
  return fonts;"""


def test_the_first_layout_uses_every_font_the_scripts_bring(browser, tmp_path, site_file_url):
    static = copy_site(tmp_path)
    for script in ("app.js", "boot.js"):
        (static / "dist" / script).write_text("")  # the static page alone: what its first layout sees
    browser.get((static / "index.html").as_uri())
    first_layout = js(browser, FONTS_IN_USE)
    browser.get(site_file_url)
    wait_ready(browser)
    booted = js(browser, FONTS_IN_USE)
    run_to_end(browser, short_training(steps=600, hidden="[3, 16, 3]", report_every=5))
    ran = js(browser, FONTS_IN_USE)
    browser.execute_script("localStorage.clear();")  # every file:// page shares it in Chromium
    late = {font: where for font, where in {**booted, **ran}.items() if font not in first_layout}
    assert not late, f"fonts first used after the first layout (add them to index.html's font primer): {late}"
