"""The JS entry points of the playground's Python glue: site/src/worker/playground.js calls these functions and
nothing else. Everything crosses the worker boundary as JSON text, so no Python object leaks into JavaScript.

This module only translates: the work is done by the glue modules it imports (docs/ARCHITECTURE.md, "The Python
glue"): the session and its runs (session.py, live_run.py, run_code.py), the views (views.py), the warm-up
(warm_up.py), run records and Download for Python (runs.py). The one session is made by `setup`.
"""
import sys
from json import JSONDecodeError, dumps, loads

import colornet as cn
from colornet import from_dict, to_dict  # imported names: a run that replaces cn.to_dict cannot reach them
import data as _data
from page import Page
from predictions import predictions
from run_code import run_code
from runs import python_zip as _python_zip
from session import Session, pair_target
from snapshots import send_snapshot
from target import Target
from tasks import stop_check
from tracebacks import excepthook
from warm_up import warm_up as _warm_up

_session = None  # the page's Session, made by setup()


def setup(emit, emit_text, emit_images, output):
    """Take the worker's send functions and output batcher, make the session, install colornet's stop check."""
    global _session
    _session = Session(Page(emit, emit_text, emit_images, output))
    sys.excepthook = excepthook
    set_stop_check = getattr(cn, "set_stop_check", None)  # colornet >= the stop-check contract
    if set_stop_check is not None:
        set_stop_check(stop_check)
    return dumps({"colornet": getattr(cn, "__version__", "?"), "stopCheck": set_stop_check is not None})


async def warm_up(code, steps):
    """Run the default script `code` silently for `steps` steps (warm_up.py). Returns JSON {ms, stopped}."""
    return dumps(await _warm_up(_session, code, int(steps)))


async def run(code, run_id=0, settings_text="{}"):
    """Run the editor's code. Returns JSON {ok, stopped, step, cost, hasModel, cancelledTasks, error?, line?, ...}."""
    return dumps(await run_code(_session, code, int(run_id), loads(settings_text)))


def request_stop(run_id):
    """Stop run `run_id`: at once if it is under way, at its first report if it has not started yet."""
    return "true" if _session.request_stop(int(run_id)) else "false"


def settings(text):
    """Update the page settings the user's code can read (seed, probe)."""
    _session.context.apply_settings(loads(text))
    return "null"


def predict(text):
    """Set the probe and return its and the Material colours' predictions (JSON)."""
    settings(text)
    return dumps(predictions(_session.context))


def export_model():
    if _session.context.model is None:
        raise ValueError("There is no model to export yet: press Run to train one first.")
    return dumps(to_dict(_session.context.model))


def import_model(text, source="import", info_text="null"):
    """Load a colornet JSON model and return the predictions it makes (no training).

    Refused while the code runs (the next report would replace it). The model is sent back to the page as its
    latest snapshot, so a restart brings it back; `source="restore"` is the page restoring that snapshot into a
    fresh worker, with `info_text` (JSON) the model's {source, step, runId} from before the restart; "file" is a
    Save-as-HTML file being opened; "reload" (with `info_text`) the model of a run that a page reload interrupted.
    """
    if _session.run is not None:
        raise ValueError("Cannot import a model while the code is running (training would replace it at its next "
                         "report): press Stop or wait for the run to end, then import again.")
    try:
        data = loads(text)
    except JSONDecodeError as exc:
        raise ValueError(f"The file is not JSON ({exc}); a colornet model file is expected.") from None
    model = from_dict(data, n_in=3, n_out=3)  # the page feeds RGB colours in and reads RGB colours out
    context = _session.context
    if source in ("restore", "reload"):  # the model from before a restart, or of a run a reload interrupted
        info = loads(info_text) or {}
        context.adopt(model, info.get("source", "imported"), info.get("step"), info.get("runId"))
    else:
        context.adopt(model, "file" if source == "file" else "imported")
    if source != "restore":
        send_snapshot(context.page, model, {"runId": None, "step": context.model_info["step"], "source": source})
    return dumps({**predictions(context), "model": context.model_info})


def python_zip(code, settings_text, wheel_name, wheel):
    """Download for Python: the .zip bytes with the current model (see runs.python_zip)."""
    s = loads(settings_text)
    return _python_zip(code, s["seed"], s["probe"], None, _session.context.model, wheel_name, wheel.to_bytes(),
                       s.get("liveChanges") or (),
                       data=None if _session.context.data is None else _session.context.data.data)


def live(text):
    """{runId, name, value}: a live control moved; applied at the run's next report (live_run.apply_live)."""
    d = loads(text)
    return "true" if _session.request_live(int(d["runId"]), str(d["name"]), d["value"]) else "false"


def request_pause():
    """Pause at the next report of the run under way (or at the first report of the run about to start)."""
    _session.request_pause()
    return "null"


def request_resume(text="{}"):
    """Continue a paused run; {"step": true} trains one report interval and pauses again."""
    _session.request_resume(bool(loads(text).get("step")))
    return "null"


def refresh_views(text="{}"):
    """New probe or saturation: apply them and send the views now (while paused, or after a run)."""
    s = loads(text)
    _session.context.apply_settings({k: v for k, v in s.items() if k in ("seed", "probe")})
    if "saturation" in s:
        _session.set_saturation(s["saturation"])
    _session.emit_views()
    return "null"


def load_data(name, text):
    """Your own colours from a palette or pairs file (site/py/data.py). Returns JSON {data, predictions}; a bad file
    raises a one-line error and the previous data stays."""
    return _use_data(lambda: _data.load_text(str(name), str(text)))


def load_image(name, width, height, rgba):
    """Your own colours from an image the page decoded (RGBA bytes); as load_data."""
    return _use_data(lambda: _data.load_image(str(name), int(width), int(height), rgba.to_bytes()))


def clear_data():
    """Back to random colours (and to cn.complement if the pairs were the target)."""
    return _use_data(lambda: None)


def _use_data(load):
    if _session.run is not None:
        raise ValueError("Cannot change the data while the code is running (the run trains on the data it started "
                         "with): press Stop or wait for the run to end, then load it again.")
    loaded = load()  # raises before anything changes
    context = _session.context
    if pair_target(context.data) is not None or pair_target(loaded) is not None:
        context.target = Target(pair_target(loaded))  # pairs define the target; without them, cn.complement
    context.data = loaded
    _session.emit_views()
    return dumps({"data": _data.describe(loaded), "predictions": predictions(context)})
