"""The post-boot warm-up: the default script run through the same path as a Run (compile, train_async, reports,
predictions, snapshots, JSON), for WARM_UP_STEPS steps, into a context of its own and a page that sends nothing.

Chromium compiles the hottest wasm functions (CPython's eval loop, NumPy's loops) a second time, with its optimising
compiler, in background threads, once they have run for a while; done during the first Run, that work competed with
the page for the 2 cores (60-250 ms main-thread tasks). Started right after boot, it happens while the page is idle;
a Run that arrives meanwhile stops it (within one yield, <= 50 ms) and then starts. The live views (views.py) are
warmed the same way: left cold, the first Run's views cost ~10 % of its throughput and a second Run's ~1 %.
"""
from asyncio import get_event_loop, sleep
from time import monotonic

from context import Context
from live_run import LiveRun
from page import SilentPage
from playground_api import Playground
from pyodide.code import eval_code_async
from runs import final_metrics
from tasks import current_run
from views import Views

WARM_UP_REPORTS = 20  # progress events (predictions + JSON) the warm-up computes after training
WARM_UP_VIEWS = 6  # views updates (map, network view, neuron graph, doctor) it computes after those


def _silent_print(*args, **kwargs):
    pass


async def warm_up(session, code, steps):
    """Run `code` (the default script) silently until step `steps`; the page's model is not touched. Returns
    {ms, stopped} (stopped: a Run came first)."""
    t0 = monotonic()
    done = get_event_loop().create_future()
    session.warming = done
    page = SilentPage()
    run = LiveRun(0, Context(page, probe=session.context.probe), Views(page.send_images))
    session.warm_run = run

    def report(progress):  # the run's report, ended at the warm-up's length
        return run.report(progress) or progress.step >= steps

    token = current_run.set(run)
    try:
        # the script's print() goes nowhere; sys.stdout stays as it is (a request may print meanwhile)
        namespace = {"__name__": "__main__", "playground": Playground(run, report), "print": _silent_print}
        await eval_code_async(code, namespace, filename="<warm-up>", return_mode="none")
        for _ in range(0 if run.stop_requested else WARM_UP_REPORTS):
            run.emit_progress()
            run.snapshots.interval = 0.0
            run.snapshot()
        if not run.stop_requested:
            final_metrics(run.context.model, None)
        for _ in range(WARM_UP_VIEWS):
            if run.stop_requested:
                break
            run.emit_views()
            await sleep(0)  # a Run that comes meanwhile stops the warm-up here
    finally:
        current_run.reset(token)
        run.finished = True
        session.warming = None
        done.set_result(None)
    return {"ms": round((monotonic() - t0) * 1000), "stopped": run.stop_requested}
