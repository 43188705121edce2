"""The image views' cost (issue 21): bench/toggled.py's views on/off figure (`views_cost`: the default script
set to 20,000 steps, its live views switched off and on every 1.2 s of training, on a fresh page each, two runs
with the phases in opposite orders pooled) with an
image loaded, beside the same figure without one, alternately in one Chromium. The image is docs/screenshot.png,
kept with the data panel's "Keep my data in this browser" box so that every fresh page loads it again before it is
ready.

    .venv/bin/python -m bench.image_views [--reps N]
    .venv/bin/python -m bench.image_views --base OLD_SITE [--reps N]   # two builds, each with the image loaded
    .venv/bin/python -m bench.image_views --image-only [--base OLD_SITE | --control] [--reps N]

Prints one line per run and the medians: steps/s with the views on and off and their cost (1 − on/off), without
and with the image; the image views' own share is the difference between the two. `python3 build.py bench` takes
its two views cost rows from `measure`. With ``--base OLD_SITE`` (a built site/ folder, e.g. a copy made with
tests/e2e/sitecopy.py before a change) it runs the same figure with the image loaded in that build and in this one,
alternately (`measure_builds`), and prints each run and the paired differences. With ``--image-only`` the runs
switch only the image's four views off and on (bench/inpage/views_toggle.py ImageViewsToggle; the other views
stay on): the image views' own cost within each run; ``--control`` pairs each such run with one that switches
nothing (NoToggle), whose "cost" is the method's own bias and spread.
"""
import argparse
import base64
from pathlib import Path

from tools.paths import ROOT

from . import browsers, page, toggled
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
    """``reps`` runs with the views toggled (toggled.views_cost) without an image and ``reps`` with one, the
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
                runs += toggled.views_cost(browser, url, script, 1)
                log(f"run {rep + 1}/{reps}, {'image' if loaded else 'no image'}: {runs[-1]['on']['steps_per_s']:.0f} "
                    f"steps/s on, {runs[-1]['off']['steps_per_s']:.0f} off, cost {100 * runs[-1]['cost']:.1f} %, "
                    f"load {runs[-1]['load']:.1f}")
    finally:
        clear_data(browser, url)
    return plain, with_image


def image_only_toggled(browser, url, script, reps=1):
    """Like toggled.views_cost with the image kept, but switching only the image's views."""
    return toggled.views_cost(browser, url, script, reps, toggle="ImageViewsToggle")


def control_toggled(browser, url, script, reps=1):
    """The same pairs of runs with nothing switched (NoToggle): the toggled figure's own bias and spread."""
    return toggled.views_cost(browser, url, script, reps, toggle="NoToggle")


def measure_builds(browser, base_url, url, script, reps, figure=toggled.views_cost, base_figure=None):
    """``reps`` pairs of runs with the views toggled and the image loaded, one in each build, the order alternating
    pair by pair: [(base run, this build's run)]. Leaves no data kept."""
    image = base64.b64encode(IMAGE.read_bytes()).decode()
    pairs = []
    try:
        for rep in range(reps):
            runs = {}
            for name, where in (("base", base_url), ("this", url))[:: 1 if rep % 2 == 0 else -1]:
                keep_image(browser, where, IMAGE.name, image)
                runs[name] = (base_figure or figure if name == "base" else figure)(browser, where, script, 1)[0]
                log(f"pair {rep + 1}/{reps}, {name}: cost {100 * runs[name]['cost']:.1f} % "
                    f"({runs[name]['on']['steps_per_s']:.0f} steps/s on, {runs[name]['off']['steps_per_s']:.0f} off), "
                    f"load {runs[name]['load']:.1f}")
            pairs.append((runs["base"], runs["this"]))
    finally:
        clear_data(browser, base_url)
        clear_data(browser, url)
    return pairs


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.image_views", description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3, help="pairs of runs without and with the image (default 3)")
    parser.add_argument("--base", type=Path, help="a built site/ folder to compare with, both with the image loaded")
    parser.add_argument("--image-only", action="store_true", help="switch only the image's views off and on")
    parser.add_argument("--control", action="store_true",
                        help="with --image-only: each pair's first run switches nothing (NoToggle), an A/A control")
    args = parser.parse_args(argv)
    url = PAGE.as_uri()
    chromium = browsers.Chromium()
    try:
        script = page.default_script(chromium, url)
        if args.base or args.image_only:
            base = (args.base.resolve() / "index.html").as_uri() if args.base else url
            pairs = measure_builds(chromium, base, url, script, args.reps,
                                   image_only_toggled if args.image_only else toggled.views_cost,
                                   control_toggled if args.control else None)
        else:
            plain, with_image = measure(chromium, url, script, args.reps)
    finally:
        chromium.quit()
    if args.base or args.image_only:
        first = "control (nothing switched)" if args.control else "base" if args.base else "this build (1st of pairs)"
        names = (first, "this build" if args.base or args.control else "this build (2nd)")
        for name, k in zip(names, (0, 1)):
            cost = summary([100 * p[k]["cost"] for p in pairs])
            print(f"views with {IMAGE.name} loaded, {name}: cost {cost['median']:.1f} % (median of {len(pairs)} runs; "
                  f"range {cost['min']:.1f} to {cost['max']:.1f} %)")
        diff = summary([100 * (p[1]["cost"] - p[0]["cost"]) for p in pairs])
        load = summary([p[k]["load"] for p in pairs for k in (0, 1)])
        print(f"this build − base, paired: {diff['median']:+.1f} points (range {diff['min']:+.1f} to "
              f"{diff['max']:+.1f}); load average {load['min']:.1f}-{load['max']:.1f}")
        return
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
