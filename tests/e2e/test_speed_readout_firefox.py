"""The samples/s readout in Firefox ESR from file://, where the page's clock ticks in whole milliseconds: it is a
rate over at least half a second of training (colornet.training.RATE_WINDOW_S), not over one report's 25 steps,
which read "5 ms" for 625 samples and showed exactly 125,000 (marionette_driver, the `firefox` fixture).

What it must show: the figures are rates over consecutive windows of training time, so their mean is the run's
samples ÷ training time. Training time is at most the wall time the Elapsed readout shows and, with the page's
reports and yields taking a small share of it, more than half of it: steps × batch ÷ elapsed ≤ mean figure
(within the windows' unevenness) and mean figure ≤ 2 × steps × batch ÷ elapsed.
"""
import statistics

import pytest

from helpers.page import navigate, run_js
from helpers.playground import click
from helpers.wait import output_text, wait_state

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # mozinfo/mozrunner import deprecated modules

# the default preset's reporting: batches of 25, a report every 25 steps (625 samples)
STEPS, BATCH = 8000, 25
TRAIN = """import colornet as cn
x = cn.random_colours(10_000, 0)
net = cn.Network.from_sizes([3, 64, 32, 16, 3], hidden="relu", output="linear", seed=0)
result = await cn.train_async(net, x, cn.complement(x), optimizer=cn.Adam(net.parameters(), lr=0.003),
                              batch_size=25, steps=8000, report_every=25, callback=playground.report)
print("done", result.steps)
"""

# Every text the samples/s readout shows, in order (a MutationObserver sees each change the page draws).
WATCH_SPEED = """
const speed = document.querySelector('[data-testid="speed"]');
window.speedShown = [];
new MutationObserver(() => window.speedShown.push(speed.textContent))
  .observe(speed, {childList: true, characterData: true, subtree: true});
"""


def test_samples_per_s_is_the_training_rate_and_changes_at_most_every_half_second(firefox, site_file_url):
    assert f"batch_size={BATCH}, steps={STEPS}," in TRAIN
    navigate(firefox, site_file_url)
    wait_state(firefox, lambda s: s["status"] == "ready", what="ready")
    run_js(firefox, "window.playground.setCode(arguments[0]);", TRAIN)
    run_js(firefox, WATCH_SPEED)
    click(firefox, "run")
    s = wait_state(firefox, lambda s: s["runs"] == 1 and s["status"] != "training", timeout=180,
                   what="the run's end")
    output = output_text(firefox)
    assert s["status"] == "ready" and f"done {STEPS}" in output, output
    shown = run_js(firefox, "return window.speedShown")
    elapsed_s = float(run_js(firefox, "return document.querySelector('[data-testid=elapsed]').textContent").split()[0])
    rates = [int(text.replace(",", "")) for text in shown if text not in ("—", "0")]
    changes = [b for a, b in zip(rates, rates[1:]) if b != a]
    print(f"Firefox: {len(rates)} samples/s readouts in {elapsed_s} s, {len(changes) + 1} distinct in a row: "
          f"{rates[:3]} ... {rates[-3:]}")
    assert rates, f"no samples/s was shown: {shown}"
    # a new figure needs 0.5 s more of training time (the first 0.1 s), and training time <= the elapsed wall time
    assert len(changes) + 1 <= elapsed_s / 0.5 + 1, f"the readout changed {len(changes)} times in {elapsed_s} s"
    # the figure is the training rate: against the run's average over the wall time the page shows
    windows = [rates[0], *changes]  # one figure per window of training time (each shown for several reports)
    average = STEPS * BATCH / elapsed_s
    mean = statistics.fmean(windows)
    print(f"Firefox: mean of the {len(windows)} samples/s figures {mean:,.0f}; {STEPS} steps × {BATCH} ÷ {elapsed_s} s = {average:,.0f} "
          f"(ratio {mean / average:.2f})")
    assert 0.9 * average <= mean <= 2 * average, (mean, average)
