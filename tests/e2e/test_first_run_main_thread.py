"""What the page does on its main thread while a run trains (issue 22: the first Run on a fresh page has no task over
50 ms): the model line is not rewritten at every progress event, and the chart's redraws read no computed style
(a style read after the readouts changed makes the browser recompute the page's styles inside the frame).
Real runs in Chromium from file://, watched from the page (a MutationObserver; a count of getComputedStyle calls)."""

from playground_driver import js, run_to_end, short_training

LINE_INTERVAL_S = 1.0  # page/model.js LINE_INTERVAL_MS


def test_the_model_line_is_written_at_most_once_a_second_while_a_run_reports(page):
    js(page, """window.__lineWrites = 0;
        new MutationObserver((records) => { window.__lineWrites += records.length; })
          .observe(document.querySelector('[data-testid=model-line]'),
                   { childList: true, characterData: true, subtree: true });
        window.__runStarted = performance.now();""")
    s = run_to_end(page, short_training(steps=3000, hidden="[3, 16, 3]", report_every=5))
    writes, seconds, events = js(page, """return [window.__lineWrites, (performance.now() - window.__runStarted) / 1000,
        window.playground.state().progressEvents];""")
    assert s["model"]["step"] == 3000, s["model"]
    assert events >= 10, f"only {events} progress events: the run was too short to tell"
    # one write when the run's first event comes, then at most one per LINE_INTERVAL_S, and the run's end
    assert writes <= 2 + seconds / LINE_INTERVAL_S, (writes, seconds, events)
    line = js(page, "return document.querySelector('[data-testid=model-line]').textContent;")
    assert line == f"Model: run #{s['model']['runId']} at step 3,000.", line


def test_the_chart_reads_no_computed_style_when_it_redraws(page):
    """The chart redraws at once when runs are overlaid (Runs panel); CodeMirror's own measuring, which reads
    computed styles after the editor changes, is not part of this."""
    s = run_to_end(page, short_training(steps=1500, hidden="[3, 16, 3]", report_every=5))
    assert s["chartPoints"] > 10, s["chartPoints"]
    reads, redraws = js(page, """const ids = window.playground.runs().map((r) => r.id);
        const before = window.playground.state().chartUpdates;
        let reads = 0;
        const read = window.getComputedStyle;
        window.getComputedStyle = function (...a) { reads += 1; return read.apply(this, a); };
        try {
          window.playground.overlay(ids);
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          window.playground.overlay([]);
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        } finally {
          window.getComputedStyle = read;
        }
        return [reads, window.playground.state().chartUpdates - before];""")
    assert redraws >= 2, f"the chart did not redraw ({redraws})"
    assert reads == 0, f"{reads} getComputedStyle calls in {redraws} redraws of the chart"
