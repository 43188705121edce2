"""Kept for the tests that import from here: the helpers for driving the playground live in helpers/ (page.py,
wait.py, playground.py, scripts.py)."""
from helpers.page import js  # noqa: F401
from helpers.playground import (Stopwatch, by_testid, hex_distance, open_ready, run_to_end, set_code,  # noqa: F401
                                start_run)
from helpers.scripts import short_training  # noqa: F401
from helpers.wait import output_text, state, wait_for, wait_ready  # noqa: F401
