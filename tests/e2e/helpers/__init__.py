"""What the e2e tests share, in one place (tests import helpers, never other test files or conftest.py):

- page.py: running JavaScript in the page, the same for Chromium (Selenium) and Firefox (marionette_driver): the
  one async wrapper (`js`), plain calls (`run_js`), navigation;
- wait.py: the one polling loop (`poll`), waiting for a playground state (`wait_for`: a JS condition, polled in
  the page; `wait_state`: a Python predicate) and for the boot to end (`wait_for_boot`);
- chromium.py: a Chromium with its performance log (`make_chrome`) and the network requests in that log;
- playground.py: driving the playground through its testing contract (`window.playground`, data-testids);
- scripts.py: the training and probing scripts several test modules run.

playground_driver.py, firefox_driver.py and downloads.py beside this package re-export these names for the tests
that import them from there.
"""
