"""Firefox ESR: the playground trains from file:// too (a smoke test through marionette_driver, with the
`firefox` fixture of conftest.py)."""
import time

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # mozinfo/mozrunner import deprecated modules

TRAIN = """import colornet as cn
x = cn.random_colours(2000, 0)
y = cn.complement(x)
net = cn.Network.from_sizes([3, 32, 3], hidden="relu", output="linear", seed=0)
result = await cn.train_async(net, x, y, optimizer=cn.Adam(net.parameters(), lr=0.003), batch_size=25,
                              steps=500, report_every=10, callback=playground.report)
print("firefox done", result.steps)
"""


def page_state(client):
    return client.execute_script("return window.playground ? window.playground.state() : null",
                                 new_sandbox=False, sandbox=None)


def wait_state(client, predicate, timeout=60):
    deadline = time.monotonic() + timeout
    s = None
    while time.monotonic() < deadline:
        s = page_state(client)
        if s and predicate(s):
            return s
        time.sleep(0.1)
    raise AssertionError(f"timed out; last state {s}")


def test_playground_trains_and_stops_in_firefox(firefox, site_file_url):
    firefox.navigate(site_file_url)
    wait_state(firefox, lambda s: s["status"] == "ready")
    firefox.execute_script("window.playground.setCode(arguments[0]); window.playground.run();",
                           script_args=[TRAIN], new_sandbox=False, sandbox=None)
    s = wait_state(firefox, lambda s: s["runs"] == 1 and s["status"] != "training")
    out = firefox.execute_script("return document.querySelector('[data-testid=output]').textContent",
                                 new_sandbox=False, sandbox=None)
    assert s["status"] == "ready", out
    assert s["step"] == 500 and "firefox done 500" in out
    print(f"Firefox: probe ΔE00 after 500 steps {s['probe']['deltaE']:.2f}")
    assert s["probe"]["predicted"] is not None and s["probe"]["deltaE"] < 20  # untrained: about 50

    # Stop of a runaway loop: a fresh worker, then a working run.
    firefox.execute_script("window.playground.setCode('while True:\\n    pass\\n'); window.playground.run();",
                           new_sandbox=False, sandbox=None)
    wait_state(firefox, lambda s: s["status"] == "training")
    time.sleep(0.3)
    firefox.execute_script("window.playground.stop();", new_sandbox=False, sandbox=None)
    s = wait_state(firefox, lambda s: s["status"] == "stopped", timeout=30)
    print(f"Firefox: runaway loop → fresh worker in {s['restartMs']:.0f} ms")
    assert s["restartMs"] is not None and s["restartMs"] < 5000
    firefox.execute_script("window.playground.setCode(arguments[0]); window.playground.run();",
                           script_args=[TRAIN], new_sandbox=False, sandbox=None)
    s = wait_state(firefox, lambda s: s["runs"] == 3 and s["status"] != "training")
    assert s["status"] == "ready" and s["step"] == 500
