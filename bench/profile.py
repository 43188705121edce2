"""Where a training step's time goes, natively and inside the page in Chromium and Firefox: bench/inpage/profile.py's
`profile()` run in each place (`python3 build.py bench --profile`, ~1 min per place).

On its own, from the repository root: `PYTHONPATH=pylib .venv/bin/python -m bench.profile` (native),
`... -m bench.profile --page` (Chromium) or `--page --firefox` (Firefox); prints the figures as JSON.
"""
import json
import sys

from tools.paths import SITE

from . import browsers
from .editor import run_in_page, wait_until_ready
from .inpage import profile as steps
from .log import describe, log

PAGE = SITE / "index.html"


def profile_in_page(browser_class):
    """bench/inpage/profile.py's profile() as the page's editor code in a fresh browser of `browser_class`."""
    browser = browser_class()
    try:
        browser.open(PAGE.as_uri())
        wait_until_ready(browser)
        in_page = run_in_page(browser, "profile()", "from bench.inpage.profile import profile")
        in_page.pop("run_pressed_epoch_ms", None)
        return in_page
    finally:
        browser.quit()


def measure_profile(use_firefox, errors, skipped):
    """The profile natively and inside the page in Chromium and (unless `use_firefox` is False) Firefox. Firefox is
    optional: a missing or failing Firefox is recorded and its column left out."""
    log("profile: native")
    result = {"native": steps.profile()}
    log("profile: Chromium")
    result["Chromium"] = profile_in_page(browsers.Chromium)
    if use_firefox and browsers.FIREFOX is None:
        skipped.append("profile in Firefox: firefox-esr is not installed (apt-get install firefox-esr)")
        log(skipped[-1])
    elif use_firefox:
        log("profile: Firefox")
        try:
            result["Firefox"] = profile_in_page(browsers.Firefox)
        except Exception as error:  # Firefox is optional: record why its column is missing
            errors.append(f"profile in Firefox: {describe(error)}")
            log(errors[-1])
    return result


def main(argv):
    if "--page" in argv:
        result = profile_in_page(browsers.Firefox if "--firefox" in argv else browsers.Chromium)
    else:
        result = steps.profile()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
