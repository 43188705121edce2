"""The params strip on the real page in Firefox ESR from file:// (issue 20): a slider moved by keyboard rewrites its
literal, Run on change starts a run whose predecessor stays on the chart, and a live learning rate moved mid-run is
recorded at a report (marionette_driver through the `firefox` fixture)."""
import pytest

from helpers.page import js, navigate
from helpers.wait import poll, state, wait_for_boot, wait_state
from test_params_page import SCRIPT

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # mozinfo/mozrunner import deprecated modules


def control(client, name):
    from marionette_driver.by import By
    return client.find_element(By.CSS_SELECTOR, f'[data-testid="params"] [data-param="{name}"]')


def test_slider_run_on_change_and_live_lr_in_firefox(firefox, site_file_url):
    from marionette_driver.keys import Keys
    navigate(firefox, site_file_url)
    assert wait_for_boot(firefox, 120)["status"] == "ready"
    js(firefox, "window.playground.setCode(args[0]); await window.playground.run();", SCRIPT, timeout=120)
    first = state(firefox)
    assert first["status"] == "ready" and first["chartPoints"] > 0, first
    control(firefox, "steps").send_keys(Keys.ARROW_RIGHT)
    assert "steps = 300  # @param" in js(firefox, "return window.playground.getCode();")
    poll(lambda: state(firefox)["runs"], lambda n: n == 2, timeout=10, what="Run on change to start a run")
    done = wait_state(firefox, lambda s: s["status"] == "ready" and s["step"] == 300, 120, "the second run")
    assert done["chartPreviousPoints"] == first["chartPoints"]

    js(firefox, "window.playground.setCode(args[0]); window.playground.run(); await sleep(0);",
       SCRIPT.replace("steps = 200 ", "steps = 3000 "))
    wait_state(firefox, lambda s: s["status"] == "training" and s["step"] >= 20, 120, "the run to report")
    control(firefox, "lr").send_keys(Keys.ARROW_RIGHT)
    s = wait_state(firefox, lambda s: s["liveChanges"], 60, "the live change")
    assert s["runs"] == 3 and [c["value"] for c in s["liveChanges"]] == [s["params"]["lr"]]
    assert s["chartLiveMarks"] == s["liveChanges"]
    js(firefox, "window.playground.stop();")
    wait_state(firefox, lambda s: s["status"] != "training", 60, "the stop")
