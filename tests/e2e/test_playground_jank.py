"""No main-thread task over 50 ms during the first Run on a fresh page (issue 8, item 12).

Each sample is a fresh browser (fresh profile, fresh renderer: nothing compiled yet) that opens the page, lets the
post-boot warm-up (below) end, waits IDLE_S with Python idle while the main thread draws frames with a few ms of
work each, like a run's updates (the idle control: long tasks there come from the machine, not from the page), then
clicks Run and watches the main thread until the default script has finished. Every sample must be clean: the test
reports the worst of them and never passes because one of several tries was clean.

What made the first Run janky: Chromium compiles the hottest wasm functions (CPython's eval loop, NumPy's loops) a
second time with its optimising compiler, in background threads, once they have run for a while. On 2 cores that
work, plus the training in the worker, starved the page's main thread during the first ~1 s of the first Run (tasks
of 60-250 ms around 300 ms after the click; tools/trace_first_run.py measures the compiler's CPU). The worker now runs a
silent, shortened run of the default script right after boot (site/py/warm_up.py), so that compilation happens
while the page is idle.
"""
import os

from helpers.chromium import make_chrome
from helpers.wait import wait_for_boot
from playground_driver import by_testid, js, output_text, wait_for, wait_ready

SAMPLES = 3
IDLE_S = 2.5

OBSERVE = """
window.__longtasks = [];
new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push([Math.round(e.startTime), Math.round(e.duration)]);
}).observe({ type: 'longtask' });
"""


# The idle control's frames: ~3 ms of main-thread work per animation frame, as the page's chart and readouts do.
CONTROL = """
const until = performance.now() + args[0];
await new Promise((done) => {
    const frame = () => {
        const t = performance.now();
        while (performance.now() - t < 3) {}
        if (performance.now() < until) requestAnimationFrame(frame); else done();
    };
    requestAnimationFrame(frame);
});
"""


def first_run_sample(site_file_url):
    """One fresh browser: ([idle-control long tasks], [long tasks of the first run, start relative to the click])."""
    driver = make_chrome()
    try:
        driver.get(site_file_url)
        wait_for_boot(driver)
        wait_ready(driver)
        # Python idle: after the post-boot warm-up (its compiling threads share the 2 cores with the main thread)
        wait_for(driver, "window.colornetRuntime && window.colornetRuntime.info.warmUp", what="the post-boot warm-up")
        js(driver, OBSERVE)
        js(driver, CONTROL, IDLE_S * 1000)
        idle = js(driver, "return window.__longtasks.splice(0);")
        code = js(driver, "return window.playground.getCode();")
        assert "callback=playground.report" in code and "steps = 5000" in code, "a fresh page shows the default script"
        clicked = js(driver, "return performance.now();")
        by_testid(driver, "run").click()
        final = wait_for(driver, "s.runs === 1 && s.status !== 'training'", timeout=120, what="the first run to end")
        assert final["status"] == "ready" and final["step"] == 5000, output_text(driver)
        run = js(driver, "await sleep(100); return window.__longtasks.map(([s, d]) => [Math.round(s - args[0]), d]);",
                 clicked)
        return idle, run
    finally:
        driver.quit()


def test_first_run_on_a_fresh_page_has_no_long_main_thread_task(site_file_url):
    samples = [first_run_sample(site_file_url) for _ in range(SAMPLES)]
    for i, (idle, run) in enumerate(samples):
        print(f"sample {i}: idle control {idle}; first run [start ms after click, duration ms] {run}")
    worst = max((d for _, run in samples for _, d in run), default=0)
    print(f"worst main-thread task in {SAMPLES} first runs: {worst} ms (load average {os.getloadavg()[0]:.1f})")
    noisy = [idle for idle, _ in samples if idle]
    assert not noisy, f"long tasks while the page sat idle: the machine is too busy to judge the page ({noisy})"
    assert all(run == [] for _, run in samples), f"main-thread tasks over 50 ms in a first run: {samples}"
