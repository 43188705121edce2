"""Firefox ESR: the playground trains from file:// too (a smoke test through marionette_driver, with the
`firefox` fixture of conftest.py)."""
import time

import pytest

from helpers.page import navigate, run_js
from helpers.playground import run_and_wait
from helpers.scripts import short_training
from helpers.wait import output_text, wait_state

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # mozinfo/mozrunner import deprecated modules


def test_playground_trains_and_stops_in_firefox(firefox, site_file_url):
    navigate(firefox, site_file_url)
    wait_state(firefox, lambda s: s["status"] == "ready", what="ready")
    s = run_and_wait(firefox, short_training(steps=500))
    out = output_text(firefox)
    assert s["status"] == "ready", out
    assert s["step"] == 500 and "done 500" in out
    print(f"Firefox: probe ΔE00 after 500 steps {s['probe']['deltaE']:.2f}")
    assert s["probe"]["predicted"] is not None and s["probe"]["deltaE"] < 20  # untrained: about 50

    # Stop of a runaway loop: a fresh worker, then a working run.
    run_js(firefox, "window.playground.setCode('while True:\\n    pass\\n'); window.playground.run();")
    wait_state(firefox, lambda s: s["status"] == "training", what="the loop to run")
    time.sleep(0.3)
    run_js(firefox, "window.playground.stop();")
    s = wait_state(firefox, lambda s: s["status"] == "stopped", timeout=30, what="the stop")
    print(f"Firefox: runaway loop → fresh worker in {s['restartMs']:.0f} ms")
    assert s["restartMs"] is not None and s["restartMs"] < 5000
    s = run_and_wait(firefox, short_training(steps=500))
    assert s["runs"] == 3 and s["status"] == "ready" and s["step"] == 500
