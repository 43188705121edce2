"""The image views' cost (issue 21): bench/page.py's views on/off figure (`views_cost_toggled`: the default script
set to 20,000 steps, its live views switched off and on every 1.2 s of training, on a fresh page each) with an
image loaded, beside the same figure without one, alternately in one Chromium. The image is docs/screenshot.png,
kept with the data panel's "Keep my data in this browser" box so that every fresh page loads it again before it is
ready.

    .venv/bin/python -m bench.image_views [--reps N]

Prints one line per run and the medians: steps/s with the views on and off and their cost (1 − on/off), without
and with the image; the image views' own share is the difference between the two. `python3 build.py bench` takes
its two views cost rows from `measure`.
"""
import argparse
import base64

from tools.paths import ROOT

from . import browsers, page
from .inpage.views_toggle import PHASE_S
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


def clear_data(browser, url):
    page.open_page(browser, url)
    browser.call("await window.playground.clearData(); return null;")


def measure(browser, url, script, reps):
    """``reps`` runs with the views toggled (page.views_cost_toggled) without an image and ``reps`` with one, the
    order alternating run by run, in ``browser``: ([runs without], [runs with]). Leaves no data kept."""
    image = base64.b64encode(IMAGE.read_bytes()).decode()
    plain, with_image = [], []
    try:
        for rep in range(reps):
            for loaded in (False, True) if rep % 2 == 0 else (True, False):
                if loaded:
                    keep_image(browser, url, IMAGE.name, image)
                else:
                    clear_data(browser, url)
                runs = with_image if loaded else plain
                runs += page.views_cost_toggled(browser, url, script, 1)
                log(f"run {rep + 1}/{reps}, {'image' if loaded else 'no image'}: {runs[-1]['on']['steps_per_s']:.0f} "
                    f"steps/s on, {runs[-1]['off']['steps_per_s']:.0f} off, cost {100 * runs[-1]['cost']:.1f} %, "
                    f"load {runs[-1]['load']:.1f}")
    finally:
        clear_data(browser, url)
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
    for label, runs in (("without an image", plain), (f"with {IMAGE.name} loaded", with_image)):
        on = summary([r["on"]["steps_per_s"] for r in runs])
        off = summary([r["off"]["steps_per_s"] for r in runs])
        cost = summary([100 * r["cost"] for r in runs])
        load = summary([r["load"] for r in runs])
        print(f"views {label}: {on['median']:.0f} steps/s on, {off['median']:.0f} off, cost {cost['median']:.1f} % "
              f"(median of {len(runs)} runs of {page.VIEWS_STEPS:,} steps, views toggled every "
              f"{PHASE_S:g} s; range {cost['min']:.1f} to {cost['max']:.1f} %); load average "
              f"{load['min']:.1f}-{load['max']:.1f}")


if __name__ == "__main__":
    main()
