"""Firefox ESR: the model is kept there too: a run that builds a network and fails leaves the trained model
(state().model, the predicted swatch), a pause's fresh snapshot is what Restart Python brings back, and the end of
2 MB of output is shown."""
import pytest

from helpers.page import navigate, run_js
from helpers.playground import run_and_wait
from helpers.scripts import short_training
from helpers.wait import output_text, wait_state

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_model_kept_and_output_end_in_firefox(firefox, site_file_url):
    navigate(firefox, site_file_url)
    wait_state(firefox, lambda s: s["status"] == "ready", what="ready")
    trained = run_and_wait(firefox, short_training(steps=200, hidden="[3, 16, 3]"))
    assert trained["model"] == {"source": "trained", "step": 200, "runId": 1}, trained["model"]
    s = run_and_wait(firefox, "net = cn.Network.from_sizes([3, 8, 3], seed=5)\nraise ValueError('boom')\n")
    assert s["status"] == "error" and s["model"] == trained["model"], s["model"]
    assert s["probe"]["predicted"] == trained["probe"]["predicted"]

    run_js(firefox, "window.playground.setCode(arguments[0]); window.playground.run();",
           short_training(steps=1_000_000, hidden="[3, 16, 3]", report_every=25))
    wait_state(firefox, lambda s: s["status"] == "training" and s["step"] >= 50, what="training")
    run_js(firefox, "window.playground.pause();")
    paused = wait_state(firefox, lambda s: s["paused"], what="paused")["step"]
    run_js(firefox, "window.playground.restartPython();")
    s = wait_state(firefox, lambda s: (s["lastRestart"] or {}).get("reason") == "user" and s["status"] == "ready",
                   timeout=90, what="Restart Python")
    assert s["lastRestart"]["restoredStep"] == paused and s["model"]["step"] == paused, (s["lastRestart"], paused)

    run_and_wait(firefox, "for i in range(20_000):\n    print(f'{i:05d}' + 'x' * 94)\nprint('END')\n")
    out = output_text(firefox)
    assert out.endswith("19999" + "x" * 94 + "\nEND\n") and "characters of output cut here" in out, out[-200:]
