"""Stopping a run and what it started: a ContextVar marks everything the run's code starts, colornet's process-wide
stop check answers True for a stopped or finished run, and the run's pending asyncio tasks are cancelled when it
ends (async code that ignores a Stop for STOP_CANCEL_S is cancelled too)."""
import contextvars
from asyncio import all_tasks, current_task, get_event_loop

STOP_CANCEL_S = 0.5  # async code that ignores a stop request for this long is cancelled

current_run = contextvars.ContextVar("colornet_playground_run", default=None)


def stop_check():
    """colornet's process-wide stop check: True for training started by a run that was stopped or has ended."""
    run = current_run.get()
    return run is not None and run.should_stop()


def _ignore(_task):
    pass


def cancel_tasks(run):
    """Cancel the asyncio tasks started by `run` that are still pending; returns how many."""
    current = current_task()
    count = 0
    for task in all_tasks(get_event_loop()):
        if task is current or task.done():
            continue
        try:
            owner = task.get_context().get(current_run)
        except AttributeError:
            continue
        if owner is run:
            # a second done-callback: Pyodide's loop reports a task whose only callback is its own as "unhandled",
            # and for a cancelled task that report is a CancelledError traceback
            task.add_done_callback(_ignore)
            task.cancel()
            count += 1
    return count


def cancel_later_if_running(run):
    """After STOP_CANCEL_S: a stopped run still going ignores the flag (its own async loop): cancel it."""
    get_event_loop().call_later(STOP_CANCEL_S, _cancel_if_running, run)


def _cancel_if_running(run):
    if not run.finished and run.task is not None and not run.task.done():
        run.cancelled_by_stop = True
        run.task.cancel()
