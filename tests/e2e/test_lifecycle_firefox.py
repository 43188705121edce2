"""Firefox ESR: the run lifecycle (issue 8, items 2, 5, 6) holds there too: a fresh `playground` per run, the model
restored after a forced stop, and a Python exit noticed and recovered from."""
import pytest

from helpers.page import navigate, run_js
from helpers.playground import run_and_wait
from helpers.scripts import short_training
from helpers.wait import output_text, state, wait_state

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TRAIN = short_training(steps=500)


def test_run_lifecycle_in_firefox(firefox, site_file_url):
    navigate(firefox, site_file_url)
    wait_state(firefox, lambda s: s["status"] == "ready", what="ready")
    run_and_wait(firefox, "playground.report = lambda p: True\n")
    trained = run_and_wait(firefox, TRAIN)
    assert trained["step"] == 500, output_text(firefox)  # the patched report of run 1 is gone

    run_js(firefox, "window.playground.setCode(arguments[0]); window.playground.run();", "while True:\n    pass\n")
    wait_state(firefox, lambda s: s["status"] == "training", what="the loop to run")
    run_js(firefox, "window.playground.stop();")
    s = wait_state(firefox, lambda s: s["lastRestart"] is not None and s["status"] == "stopped", timeout=60,
                   what="the forced stop")
    assert s["lastRestart"] == {"reason": "unresponsive", "restoredStep": 500}, output_text(firefox)
    assert s["probe"]["predicted"] == trained["probe"]["predicted"]

    run_js(firefox, "window.playground.setCode(arguments[0]); window.playground.run();", "import os\nos._exit(1)\n")
    s = wait_state(firefox, lambda s: (s["lastRestart"] or {}).get("reason") == "fatal" and s["status"] == "stopped",
                   timeout=60, what="Python's exit to be noticed")
    assert "Python exited" in output_text(firefox) and s["probe"]["predicted"] == trained["probe"]["predicted"]
    s = run_and_wait(firefox, TRAIN)
    assert s["runs"] == 5 and s["status"] == "ready" and s["step"] == 500
    assert state(firefox)["hasModel"]
