"""Running the editor's code: a fresh namespace and `playground` object, top-level `await`, the user's output
captured, tracebacks in the editor's lines; afterwards the run's tasks are cancelled and the module guard puts back
what the code replaced. Returns the run's result for the page (docs/ARCHITECTURE.md, "Run lifecycle")."""
import sys
from asyncio import CancelledError, current_task, get_event_loop
from linecache import cache as linecache_cache

import numpy as np

import colornet as cn
from capture import Capture
from guard import ModuleGuard
from jsonable import finite
from playground_api import Playground
from predictions import predictions
from pyodide.code import eval_code_async
from runs import final_metrics, network_left_behind, target_name
from tasks import cancel_tasks, current_run
from tracebacks import FILENAME, describe_error


async def run_code(session, code, run_id, settings):
    """Run `code` as run `run_id` of `session` with the page's `settings` ({seed, probe}); returns the result."""
    if session.warming is not None:  # the post-boot warm-up gives way: it ends at its next yield (<= 50 ms)
        session.warm_run.stop_requested = True
        await session.warming
    if session.guard is None:
        session.guard = ModuleGuard()
    context = session.context
    context.apply_settings(settings)
    run = session.start_run(run_id)
    run.replay_changes(settings.get("liveChanges"))  # a shared run's live changes, set again at their steps
    run.task = current_task()
    token = current_run.set(run)
    linecache_cache[FILENAME] = (len(code), None, code.splitlines(True), FILENAME)
    page = Playground(run)
    namespace = {"__name__": "__main__", "playground": page, "cn": cn, "np": np}
    out, err = Capture(context.page, "stdout"), Capture(context.page, "stderr")
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    error = None
    try:
        await eval_code_async(code, namespace, filename=FILENAME, return_mode="none")
    except BaseException as exc:  # noqa: BLE001 - everything the user's code raises (even exit()) is shown
        error = exc
    finally:
        run.finished = True
        cancelled = cancel_tasks(run)
        current_run.reset(token)
        sys.stdout, sys.stderr = saved
        restored = session.guard.restore()
        session.run = None
        out.flush()
        err.flush()
    if isinstance(error, CancelledError) and run.cancelled_by_stop:
        error = None  # the stop cancelled code that ignored it: a normal stop
        try:
            current_task().uncancel()
        except AttributeError:
            pass
    result = {"ok": True} if error is None else describe_error(error)
    step, cost = (None, None) if run.last is None else (int(run.last.step), run.last.cost)
    # A loop stopped between reports (or run without a callback) ends later than its last report: its TrainResult
    # has the step it stopped at.
    trained_quietly = False
    for value in namespace.values():
        if isinstance(value, cn.TrainResult) and value.history and (step is None or value.history[-1][0] > step):
            step, cost = value.history[-1]
            run.points.append([int(step), finite(cost)])
            trained_quietly = run.last is None
    if run.last is None:
        result["untrainedNetwork"] = keep_the_model(context, namespace, run.id, step, trained_quietly)
    elif context.model_info is not None and step is not None and context.model_info.get("runId") == run.id:
        context.model_info["step"] = int(step)
    run.emit_progress()  # the last points and the final predictions
    session.end_run(run, error)  # the final map, network view and doctor
    if context.model_info is not None and context.model_info.get("runId") == run.id:
        # the final model (after Stop too, which may end between reports), for a later restart: after the result
        get_event_loop().call_soon(run.snapshot_now, context.model_info.get("step"))
    if run.last is None:
        result["predictions"] = predictions(context)
    result.update({
        "runId": run.id,
        "stopped": run.stop_requested,
        "step": step,
        "cost": None if cost is None else finite(cost),
        "hasModel": context.model is not None,
        "model": context.model_info,  # what the swatches, Export, Save as HTML and Download for Python use
        "cancelledTasks": cancelled,
        "restored": restored,
        "target": target_name(page),  # for the run record (site/py/runs.py)
        **final_metrics(context.model, getattr(page, "target", None)),
    })
    return result


def keep_the_model(context, namespace, run_id, step, trained):
    """A run that reported no progress: the network it left behind becomes the model only when it trained (a
    TrainResult says so); an untrained one is not adopted. Returns True when such a network was left aside."""
    left = network_left_behind(namespace)
    if left is None or left is context.model:
        return False
    if trained:
        context.adopt(left, "trained", None if step is None else int(step), run_id)
        return False
    return True
