"""Firefox ESR: the run lifecycle (issue 8, items 2, 5, 6) holds there too: a fresh `playground` per run, the model
restored after a forced stop, and a Python exit noticed and recovered from."""
import pytest
from test_playground_firefox import TRAIN, page_state, wait_state

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def run_code(client, code):
    client.execute_script("window.playground.setCode(arguments[0]); window.playground.run();",
                          script_args=[code], new_sandbox=False, sandbox=None)


def output(client):
    return client.execute_script("return document.querySelector('[data-testid=output]').textContent",
                                 new_sandbox=False, sandbox=None)


def test_run_lifecycle_in_firefox(firefox, site_file_url):
    firefox.navigate(site_file_url)
    wait_state(firefox, lambda s: s["status"] == "ready")
    run_code(firefox, "playground.report = lambda p: True\n")
    wait_state(firefox, lambda s: s["runs"] == 1 and s["status"] != "training")
    run_code(firefox, TRAIN)
    trained = wait_state(firefox, lambda s: s["runs"] == 2 and s["status"] != "training")
    assert trained["step"] == 500, output(firefox)  # the patched report of run 1 is gone

    run_code(firefox, "while True:\n    pass\n")
    wait_state(firefox, lambda s: s["status"] == "training")
    firefox.execute_script("window.playground.stop();", new_sandbox=False, sandbox=None)
    s = wait_state(firefox, lambda s: s["lastRestart"] is not None and s["status"] == "stopped", timeout=60)
    assert s["lastRestart"] == {"reason": "unresponsive", "restoredStep": 500}, output(firefox)
    assert s["probe"]["predicted"] == trained["probe"]["predicted"]

    run_code(firefox, "import os\nos._exit(1)\n")
    s = wait_state(firefox, lambda s: s["lastRestart"]["reason"] == "fatal" and s["status"] == "stopped",
                   timeout=60)
    assert "Python exited" in output(firefox) and s["probe"]["predicted"] == trained["probe"]["predicted"]
    run_code(firefox, TRAIN)
    s = wait_state(firefox, lambda s: s["runs"] == 5 and s["status"] != "training")
    assert s["status"] == "ready" and s["step"] == 500
    assert page_state(firefox)["hasModel"]
