"""Kept for the tests that import from here: running JS in the page and waiting for a state, for Firefox as for
Chromium, live in helpers/ (page.py, wait.py)."""
from helpers.page import run_js  # noqa: F401
from helpers.wait import wait_state  # noqa: F401
