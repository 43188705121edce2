"""The image views' cost (issue 21): bench/page.py's views on/off figure (`views_cost`: the default script run to
its end with the live views on and off, on a fresh page each) with an image loaded, beside the same figure without
one, alternately in one Chromium. The image is docs/screenshot.png, kept with the data panel's "Keep my data in this
browser" box so that every fresh page loads it again before it is ready.

    .venv/bin/python -m bench.image_views [--reps N]

Prints one line per pair and the medians: steps/s with the views on and off, their cost (1 − on/off) and the
worker's ms per update (less sensitive to load from elsewhere), without and with the image; the image views' own
share is the difference between the two. `python3 build.py bench` takes its two views rows from `measure`.
"""
import argparse
import base64

from tools.paths import ROOT

from . import browsers, page
from .log import log
from .report import summary

PAGE = ROOT / "site" / "index.html"
IMAGE = ROOT / "docs" / "screenshot.png"


def keep_image(browser, url, name, data):
    """Loads the image on a fresh page with the keep box ticked, so the next pages load it again."""
    page.open_page(browser, url)
    browser.call("""
        await window.playground.clearData();
        document.querySelector('[data-testid=data-keep]').click();
        if (!await window.playground.loadData(arguments[0], arguments[1]))
          throw new Error(window.playground.state().dataError);
        while (!window.playground.state().dataKept) await new Promise((r) => setTimeout(r, 20));
        return null;""", name, data)


def measure(browser, url, script, reps):
    """``reps`` views on/off pairs without an image and ``reps`` with one, alternately in ``browser`` (the order of
    on and off alternating too): ([pairs without], [pairs with]) as page.views_cost returns them. Leaves no data
    kept."""
    image = base64.b64encode(IMAGE.read_bytes()).decode()
    plain, with_image = [], []
    try:
        for rep in range(reps):
            page.open_page(browser, url)
            browser.call("await window.playground.clearData(); return null;")
            plain += page.views_cost(browser, url, script, 1, first=rep)
            keep_image(browser, url, IMAGE.name, image)
            with_image += page.views_cost(browser, url, script, 1, first=rep)
            for label, pair in (("no image", plain[-1]), ("image", with_image[-1])):
                log(f"pair {rep + 1}/{reps}, {label}: {pair['on']:.0f} steps/s on, {pair['off']:.0f} off, "
                    f"cost {100 * pair['cost']:.1f} %, {pair['on_events']} updates, load {pair['load']:.1f}")
    finally:
        page.open_page(browser, url)
        browser.call("await window.playground.clearData(); return null;")
    return plain, with_image


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.image_views", description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3, help="pairs of runs without and with the image (default 3)")
    args = parser.parse_args(argv)
    url = PAGE.as_uri()
    chromium = browsers.Chromium()
    try:
        script = page.default_script(chromium, url)
        plain, with_image = measure(chromium, url, script, args.reps)
    finally:
        chromium.quit()
    for label, pairs in (("without an image", plain), (f"with {IMAGE.name} loaded", with_image)):
        on, off = summary([p["on"] for p in pairs]), summary([p["off"] for p in pairs])
        cost = summary([100 * p["cost"] for p in pairs])
        update = summary([ms for p in pairs for ms in p["on_update_ms"]])
        load = summary([p["load"] for p in pairs])
        print(f"views {label}: {on['median']:.0f} steps/s on, {off['median']:.0f} off, cost {cost['median']:.1f} % "
              f"(median of {len(pairs)}; range {cost['min']:.1f} to {cost['max']:.1f} %); worker ms per update "
              f"{update['median']:.1f} (median of {update['n']}); {pairs[0]['steps']} steps a run; load average "
              f"{load['min']:.1f}-{load['max']:.1f}")


if __name__ == "__main__":
    main()
