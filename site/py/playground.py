"""Python glue of the playground page: runs the editor's code inside Pyodide and talks to the page.

The worker (site/src/worker/playground.js) calls the entry points at the bottom of this module. Everything crosses
the worker boundary as JSON strings, so no Python object leaks into JavaScript.

The run lifecycle (docs/ARCHITECTURE.md, "Run lifecycle"):
- `run(code, run_id, settings)` executes the editor's code asynchronously (top-level `await` allowed) with filename
  "<editor>", so tracebacks carry the editor's line numbers. Each run gets a fresh namespace and a fresh
  `playground` object (settings + the progress callback `playground.report`), bound to a private `_Run` record.
- The glue keeps private references to everything it uses (json, NumPy and colornet functions, its emit), and after
  each run it puts back what the user's code replaced in the modules the glue and colornet depend on
  (`json.dumps = None`, `colornet.train_async = ...`, `sys.stdout = ...`), so no run can break the next one.
- Stop requests carry the run id: a stop that arrives before its run started is kept. The stop flag is seen by
  `playground.report` (returns True) and by colornet's process-wide stop check (`cn.set_stop_check`), which
  `train_async` consults at every yield (at least every 50 ms), whatever `report_every` and with or without a
  callback. Async code that ignores the flag is cancelled shortly after the stop.
- asyncio tasks the run started (`asyncio.ensure_future(...)`) are cancelled when it ends; the stop check also
  answers True for a finished run, so a task that swallows the cancellation still stops training.
- "The model" (the network of the latest report, or an imported one) outlives runs. At reports it is snapshotted
  (`cn.to_dict`, at most about once a second and never more than ~5% of the time) and sent to the page, which
  restores the latest snapshot into a fresh worker after a forced restart.
"""
import asyncio
import builtins
import contextvars
import json
import linecache
import math
import sys
import time
import traceback

import numpy as np

import colornet as cn
import insight
import runs
from pyodide.code import eval_code_async

FILENAME = "<editor>"
EMIT_INTERVAL_S = 0.05   # at most 20 progress events per second: smooth for the chart, light for the page
OUTPUT_LIMIT = 1_000_000  # characters of output per run before it is cut (a print loop must not drown the page)
SNAPSHOT_INTERVAL_S = 1.0  # the model is sent to the page at most this often while training...
SNAPSHOT_MAX_SHARE = 0.05  # ...and spends at most this share of the time on it (large networks snapshot less often)
WARM_UP_REPORTS = 20     # progress events (predictions + JSON) the post-boot warm-up computes
STOP_CANCEL_S = 0.5      # async code that ignores a stop request for this long is cancelled

# -- private references: user code may replace module attributes, the glue keeps what it had at import ----------
_dumps, _loads, _JSONDecodeError = json.dumps, json.loads, json.JSONDecodeError
_monotonic, _isfinite = time.monotonic, math.isfinite
_asarray, _clip, _float64 = np.asarray, np.clip, np.float64
_complement, _to_hex, _from_hex, _delta_e2000 = cn.complement, cn.to_hex, cn.from_hex, cn.delta_e2000
_to_dict, _from_dict, _Network, _TrainingDiverged = cn.to_dict, cn.from_dict, cn.Network, cn.TrainingDiverged
_TrainResult = cn.TrainResult
_MATERIAL = np.asarray(cn.MATERIAL_COLOURS, dtype=float) / 255.0
_linecache = linecache.cache
_walk_tb, _format_exception = traceback.walk_tb, traceback.format_exception
_format_exception_only, _print_exception = traceback.format_exception_only, traceback.print_exception
_get_event_loop, _all_tasks, _current_task = asyncio.get_event_loop, asyncio.all_tasks, asyncio.current_task
_CancelledError = asyncio.CancelledError
_set_stop_check = getattr(cn, "set_stop_check", None)  # colornet >= the stop-check contract
_final_metrics, _target_name, _python_zip = runs.final_metrics, runs.target_name, runs.python_zip
_insight = insight  # the map, network view, doctor, pause and target (site/py/insight.py)

_emit = None       # JS function emit(event, json_text), set by setup()
_emit_text = None  # JS function emit_text(event, meta_json, text): `text` travels as it is (snapshots)
_output = None  # the worker's output batcher: write(stream, text), flush(); set by setup()


def _send(event, data):
    text = _dumps(data, allow_nan=True)
    if not getattr(_run_var.get(), "silent", False):  # the warm-up: compute everything, send nothing
        _emit(event, text)


def _finite(x):
    """A float for JSON, or None when it is NaN/inf (JSON has no NaN)."""
    x = float(x)
    return x if _isfinite(x) else None


# -- module guard ------------------------------------------------------------------------------------------------
_GUARDED_MODULES = ("builtins", "json", "json.decoder", "json.encoder", "math", "time", "asyncio", "linecache",
                    "traceback", "numpy", "numpy.random")
_GUARDED_SYS = ("stdout", "stderr", "stdin", "displayhook", "excepthook")
_MISSING = object()


class _ModuleGuard:
    """The attributes of the modules the glue and colornet rely on, as they were before the first run; `restore()`
    puts back the functions, classes and modules a run replaced or deleted, and public values (`np.pi`). Attributes a
    run added are left (imports add submodules), and so are private data (`_cache = None` filled in later)."""

    def __init__(self):
        names = list(_GUARDED_MODULES) + sorted(n for n in sys.modules if n == "colornet" or n.startswith("colornet."))
        self.saved = [(sys.modules[n], {k: v for k, v in vars(sys.modules[n]).items() if self.kept(k, v)})
                      for n in names if n in sys.modules]
        self.sys_saved = {name: getattr(sys, name) for name in _GUARDED_SYS}
        self.recursion_limit = sys.getrecursionlimit()
        self.kernels = cn.kernels.active()  # the boot's choice (SIMD when the browser has it), which the page shows

    @staticmethod
    def kept(key, value):
        return callable(value) or isinstance(value, type(sys)) or not key.startswith("_")

    def restore(self):
        restored = []
        for module, saved in self.saved:
            current = vars(module)
            for key, value in saved.items():
                if current.get(key, _MISSING) is not value:
                    current[key] = value
                    restored.append(f"{module.__name__}.{key}")
        for name, value in self.sys_saved.items():
            if getattr(sys, name, _MISSING) is not value:
                setattr(sys, name, value)
                restored.append(f"sys.{name}")
        if sys.getrecursionlimit() != self.recursion_limit:
            sys.setrecursionlimit(self.recursion_limit)
            restored.append("sys.setrecursionlimit")
        if cn.kernels.active() is not self.kernels:
            cn.kernels.use(self.kernels)
            restored.append("colornet.kernels.use")
        return restored


_guard = None  # made at the first run, once every glue module is imported


class _Output:
    """sys.stdout/sys.stderr for the user's code: the text goes to the worker's output batcher as written
    (site/src/worker/output.js sends it to the page in batches); after OUTPUT_LIMIT characters in a run the rest
    is dropped, with a notice."""

    def __init__(self, stream):
        self.stream = stream
        self.written = 0

    def write(self, text):
        if not text:
            return 0
        if self.written < OUTPUT_LIMIT:
            room = OUTPUT_LIMIT - self.written
            _output.write(self.stream, text if len(text) <= room else text[:room] + "\n[output cut: too much text]\n")
        self.written += len(text)
        return len(text)

    def flush(self):
        _output.flush()

    def isatty(self):
        return False


def _colour_row(net, rgb_01):
    """Predictions of `net` for colours (n, 3) in [0, 1]: hexes of input, target, prediction and ΔE00."""
    target = _insight.current_target()(rgb_01)  # `playground.target` (default cn.complement)
    if net is None:
        predicted, delta = None, None
    else:
        predicted = _clip(_asarray(net.predict(rgb_01), dtype=float), 0.0, 1.0)
        delta = _delta_e2000(predicted, target)
    rows = []
    for i in range(len(rgb_01)):
        rows.append({
            "input": _to_hex(rgb_01[i]),
            "target": _to_hex(target[i]),
            "predicted": None if predicted is None else _to_hex(predicted[i]),
            "deltaE": None if predicted is None else _finite(delta[i]),
        })
    return rows


# -- state that outlives runs: the page's settings and the model -------------------------------------------------
class _State:
    def __init__(self):
        self.seed = 0
        self.probe = "#dea5ff"
        self.model = None
        self.run = None             # the _Run under way, or None
        self.started_ids = 0        # the highest run id started so far
        self.warming = None         # a future while the post-boot warm-up runs
        self.warm_run = None        # the warm-up's _Run
        self.early_stops = set()    # ids of runs stopped before they started


_state = _State()
_run_var = contextvars.ContextVar("colornet_playground_run", default=None)


def predictions(model=None):
    """The probe's and the 17 Material colours' targets and predictions under `model` (default: the page's)."""
    model = _state.model if model is None else model
    probe = _asarray([_from_hex(_state.probe)], dtype=float)
    try:
        return {"probe": _colour_row(model, probe)[0], "material": _colour_row(model, _MATERIAL)}
    except Exception as exc:  # a user-defined layer may fail on predict: show targets, say why
        rows = _colour_row(None, probe), _colour_row(None, _MATERIAL)
        return {"probe": rows[0][0], "material": rows[1], "predictError": f"{type(exc).__name__}: {exc}"}


class _Run:
    """One run of the editor's code: its id, stop flag, the reports not yet sent, snapshot pacing.

    `gate` (None, or a function progress -> awaitable) lets another glue module hold training at a report: when set,
    `playground.report` returns `gate(progress)`, which `cn.train_async` awaits (used for Pause/Resume).
    """

    def __init__(self, run_id):
        self.id = run_id
        self.stop_requested = run_id in _state.early_stops
        _state.early_stops.discard(run_id)
        self.finished = False
        self.task = None
        self.points = []
        self.last = None
        self.last_emit = 0.0
        self.last_snapshot = _monotonic()  # the first snapshot comes after SNAPSHOT_INTERVAL_S of training
        self.snapshot_interval = SNAPSHOT_INTERVAL_S
        self.snapshot_step = None
        self.gate = None
        self.silent = False  # the warm-up's run: its reports neither change the page's model nor send anything
        self.net = None

    def should_stop(self):
        return self.stop_requested or self.finished

    def report(self, progress):
        if self.finished:  # a task the run left behind: it has no say over the model any more
            return True
        net = getattr(progress, "network", None)
        if net is not None:
            if self.silent:
                self.net = net
            else:
                _state.model = net
        self.last = progress
        self.points.append([int(progress.step), _finite(progress.cost)])
        now = _monotonic()
        if now - self.last_snapshot >= self.snapshot_interval:
            self.emit_progress()  # the page sees the predictions of exactly the model it may restore
            self.snapshot()
        elif now - self.last_emit >= EMIT_INTERVAL_S or progress.step == 0:
            self.emit_progress()
        if self.stop_requested:
            return True
        if self.gate is not None:
            return self.gate(progress)
        return False

    def emit_progress(self):
        p = self.last
        if p is None:
            return
        self.last_emit = _monotonic()
        points, self.points = self.points, []
        data = {
            "step": int(p.step),
            "epoch": int(getattr(p, "epoch", 0)),
            "cost": _finite(p.cost),
            "samplesPerS": _finite(getattr(p, "samples_per_s", float("nan"))) or None,  # 0.0: not measured yet
            "elapsed": _finite(getattr(p, "elapsed", float("nan"))),
            "lr": _finite(getattr(p, "lr", float("nan"))),
            "points": points,
        }
        data.update(predictions(self.net if self.silent else _state.model))
        _send("progress", data)
        _output.flush()

    def snapshot(self):
        """Send the model to the page (restored into a fresh worker after a forced restart)."""
        step = None if self.last is None else int(self.last.step)
        model = self.net if self.silent else _state.model
        if model is None or self.snapshot_interval == math.inf:
            return
        t0 = _monotonic()
        try:
            text = _dumps(_to_dict(model))
        except Exception as exc:  # e.g. a custom layer colornet cannot save: say so once, stop trying
            self.snapshot_interval = math.inf
            _send("snapshot-error", {"runId": self.id, "error": f"{type(exc).__name__}: {exc}"})
            return
        if not self.silent:
            _emit_text("snapshot", _dumps({"runId": self.id, "step": step}), text)
        self.last_snapshot = _monotonic()
        self.snapshot_step = step
        self.snapshot_interval = max(SNAPSHOT_INTERVAL_S, (self.last_snapshot - t0) / SNAPSHOT_MAX_SHARE)


class Playground:
    """The object the user's code sees as `playground`: the page's settings and the progress callback.

    A new one is made for every run, so whatever a run does to it (`playground.report = ...`) ends with the run.
    """

    def __init__(self, run, seed, probe):
        self.seed = seed
        self.probe = probe
        self._report = run.report

    def report(self, progress):
        """Progress callback for cn.train / cn.train_async. Returns True when the page pressed Stop."""
        return self._report(progress)

    @property
    def target(self):
        """The task: colours (n, 3) in [0, 1] -> targets (n, 3) in [0, 1]; default cn.complement. Used by the
        swatches, the Material grid, ΔE00, the colour map and the doctor."""
        return _insight.current_target().fn

    @target.setter
    def target(self, fn):
        _insight.set_target(fn)  # a wrong shape or value fails here, on the user's line

    @property
    def live_views(self):
        """False turns the live colour map, network view and doctor off for this run (the bench's "off" row)."""
        return _insight.live_views()

    @live_views.setter
    def live_views(self, on):
        _insight.set_live_views(on)

    def __repr__(self):
        return f"<playground seed={self.seed} probe={self.probe!r}>"


def current_run():
    """The _Run under way, or None (for other glue modules)."""
    return _state.run


def current_probe():
    """The probe colour ('#rrggbb') the page shows (for other glue modules)."""
    return _state.probe


def current_model():
    """The model the page shows (the network of the latest report, or the imported one), or None."""
    return _state.model


def send(event, data):
    """Send an event with JSON-able data to the page (for other glue modules)."""
    _send(event, data)


def _excepthook(exc_type, exc, tb):
    """sys.excepthook: Pyodide formats the error of a call from JS (e.g. `import_model` refusing) with it, capturing
    the file descriptor 2; during a run sys.stderr is the user's output, so write to the real stderr."""
    stream = sys.__stderr__
    _print_exception(exc_type, exc, tb, file=stream)
    stream.flush()


def _stop_check():
    """colornet's process-wide stop check: True for training started by a run that was stopped or has ended."""
    run = _run_var.get()
    return run is not None and run.should_stop()


def _editor_line(exc):
    """The editor line where `exc` happened (innermost <editor> frame), or None."""
    if isinstance(exc, SyntaxError) and exc.filename == FILENAME:
        return exc.lineno
    line = None
    for frame, lineno in _walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == FILENAME:
            line = lineno
    return line


def _user_traceback(exc):
    """The traceback text starting at the user's code (the glue's own frames are left out)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != FILENAME:
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) or tb is None:
        return "".join(_format_exception_only(type(exc), exc))
    return "".join(_format_exception(type(exc), exc, tb))


def _diverged_hint(exc):
    lr = getattr(exc, "lr", None)
    if lr:
        return (f"\nTraining diverged at step {exc.step} with learning rate {lr:g} (cost {exc.cost}). "
                f"Try a lower learning rate, e.g. lr={lr / 10:g}.\n")
    return "\nTraining diverged. Try a lower learning rate.\n"


def _ignore(_task):
    pass


def _cancel_tasks(run):
    """Cancel the asyncio tasks started by `run` that are still pending; returns how many."""
    current = _current_task()
    count = 0
    for task in _all_tasks(_get_event_loop()):
        if task is current or task.done():
            continue
        try:
            owner = task.get_context().get(_run_var)
        except AttributeError:
            continue
        if owner is run:
            # a second done-callback: Pyodide's loop reports a task whose only callback is its own as "unhandled",
            # and for a cancelled task that report is a CancelledError traceback
            task.add_done_callback(_ignore)
            task.cancel()
            count += 1
    return count


def _apply_settings(s):
    if "seed" in s:
        _state.seed = int(s["seed"])
    if "probe" in s:
        _from_hex(s["probe"])  # raises a clear error for a malformed colour
        _state.probe = s["probe"]


# -- entry points called by site/src/worker/playground.js ---------------------------------------------------------

_WARM_UP_CODE = """\
# the default preset's script, shorter
import colornet as cn

seed = playground.seed
x = cn.random_colours(10_000, seed)
y = cn.complement(x)
net = cn.Network.from_sizes([3, 64, 32, 16, 3],
                            hidden="relu", output="linear", seed=seed)
steps = {steps}
loss = cn.MeanSquaredError()
optimizer = cn.Adam(net.parameters(), lr=0.008,
                    schedule=cn.CosineDecay(steps))
result = await cn.train_async(
    net, x, y, loss=loss, optimizer=optimizer,
    batch_size=25, steps=steps, report_every=25,
    callback=playground.report, seed=seed,
)
text = f"{{result.steps}} steps, final cost {{result.cost:.6f}}"
"""


async def warm_up(steps):
    """Run a short version of the default script through the same path as a Run (compile, train_async, reports,
    predictions, JSON), silently: nothing is sent and the page's model is not touched. Chromium compiles the
    hottest wasm functions (CPython's eval loop, NumPy's loops) a second time, with its optimising compiler, in
    background threads, once they have run for a while; done during the first Run, that work competed with the
    page for the 2 cores (60-250 ms main-thread tasks). Started right after boot, it happens while the page is
    idle; a Run that arrives meanwhile stops it (within one yield, <= 50 ms) and then starts. Returns JSON {ms,
    stopped}."""
    t0 = _monotonic()
    done = _get_event_loop().create_future()
    _state.warming = done
    run = _Run(0)
    run.silent = True
    _state.warm_run = run
    token = _run_var.set(run)
    try:
        namespace = {"__name__": "__main__", "playground": Playground(run, 0, _state.probe)}
        await eval_code_async(_WARM_UP_CODE.format(steps=int(steps)), namespace, filename="<warm-up>",
                              return_mode="none")
        for _ in range(0 if run.stop_requested else WARM_UP_REPORTS):
            run.emit_progress()
            run.snapshot_interval = 0.0
            run.snapshot()
        if not run.stop_requested:
            _final_metrics(run.net, None)
    finally:
        _run_var.reset(token)
        run.finished = True
        _state.warming = None
        done.set_result(None)
    return _dumps({"ms": round((_monotonic() - t0) * 1000), "stopped": run.stop_requested})


def setup(emit, emit_text, output):
    """Remember the worker's emit functions and output batcher (write, flush); install colornet's stop check."""
    global _emit, _emit_text, _output
    _emit, _emit_text, _output = emit, emit_text, output
    sys.excepthook = _excepthook
    if _set_stop_check is not None:
        _set_stop_check(_stop_check)
    return _dumps({"colornet": getattr(cn, "__version__", "?"), "stopCheck": _set_stop_check is not None})


def settings(text):
    """Update the page settings the user's code can read (seed, probe)."""
    _apply_settings(_loads(text))
    return "null"


def request_stop(run_id):
    """Stop run `run_id`: at once if it is under way, at its first report if it has not started yet."""
    run_id = int(run_id)
    run = _state.run
    if run is not None and run.id == run_id:
        if not run.stop_requested:
            run.stop_requested = True
            _get_event_loop().call_later(STOP_CANCEL_S, _cancel_if_running, run)
        return "true"
    if run_id > _state.started_ids:
        _state.early_stops.add(run_id)
        return "true"
    return "false"  # that run already ended


def _cancel_if_running(run):
    """A stopped run still going after STOP_CANCEL_S ignores the flag (its own async loop): cancel it."""
    if not run.finished and run.task is not None and not run.task.done():
        run.cancelled_by_stop = True
        run.task.cancel()


async def run(code, run_id=0, settings_text="{}"):
    """Run the editor's code. Returns JSON {ok, stopped, step, cost, hasModel, cancelledTasks, error?, line?, ...}."""
    global _guard
    if _state.warming is not None:  # the post-boot warm-up gives way: it ends at its next yield (<= 50 ms)
        _state.warm_run.stop_requested = True
        await _state.warming
    if _guard is None:
        _guard = _ModuleGuard()
    _apply_settings(_loads(settings_text))
    run = _Run(int(run_id))
    run.cancelled_by_stop = False
    run.task = _current_task()
    _insight.start_run(run)
    _state.run = run
    _state.started_ids = max(_state.started_ids, run.id)
    token = _run_var.set(run)
    _linecache[FILENAME] = (len(code), None, code.splitlines(True), FILENAME)
    page = Playground(run, _state.seed, _state.probe)
    namespace = {"__name__": "__main__", "playground": page, "cn": cn, "np": np}
    out, err = _Output("stdout"), _Output("stderr")
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    error = None
    try:
        await eval_code_async(code, namespace, filename=FILENAME, return_mode="none")
    except BaseException as exc:  # noqa: BLE001 - everything the user's code raises (even exit()) is shown
        error = exc
    finally:
        run.finished = True
        cancelled = _cancel_tasks(run)
        _run_var.reset(token)
        sys.stdout, sys.stderr = saved
        restored = _guard.restore()
        _state.run = None
        out.flush()
        err.flush()
    result = {"ok": True}
    if isinstance(error, _CancelledError) and run.cancelled_by_stop:
        error = None  # the stop cancelled code that ignored it: a normal stop
        try:
            _current_task().uncancel()
        except AttributeError:
            pass
    if error is not None:
        text = _user_traceback(error)
        if isinstance(error, _TrainingDiverged) and "lower learning rate" not in str(error):
            text += _diverged_hint(error)
        result = {"ok": False, "error": f"{type(error).__name__}: {error}", "name": type(error).__name__,
                  "line": _editor_line(error), "traceback": text}
    if run.last is None:  # the code trained without reporting: take the network it left behind, if any
        nets = [v for v in namespace.values() if isinstance(v, _Network)]
        if nets:
            _state.model = nets[-1]
    step, cost = (None, None) if run.last is None else (int(run.last.step), run.last.cost)
    # A loop stopped between reports (or run without a callback) ends later than its last report: its TrainResult
    # has the step it stopped at.
    for value in namespace.values():
        if isinstance(value, _TrainResult) and value.history and (step is None or value.history[-1][0] > step):
            step, cost = value.history[-1]
            run.points.append([int(step), _finite(cost)])
    run.emit_progress()  # the last points and the final predictions
    _insight.end_run(run, error)  # the final map, network view and doctor
    if run.last is None or run.snapshot_step != int(run.last.step):
        _get_event_loop().call_soon(run.snapshot)  # the final model, for a later restart: after the result
    if run.last is None:
        result["predictions"] = predictions()
    result.update({
        "runId": run.id,
        "stopped": run.stop_requested,
        "step": step,
        "cost": None if cost is None else _finite(cost),
        "hasModel": _state.model is not None,
        "cancelledTasks": cancelled,
        "restored": restored,
        "target": _target_name(page),  # for the run record (site/py/runs.py)
        **_final_metrics(_state.model, getattr(page, "target", None)),
    })
    return _dumps(result)


def predict(text):
    """Set the probe and return its and the Material colours' predictions (JSON)."""
    settings(text)
    return _dumps(predictions())


def export_model():
    if _state.model is None:
        raise ValueError("There is no model to export yet: press Run to train one first.")
    return _dumps(_to_dict(_state.model))


def python_zip(code, settings_text, wheel_name, wheel):
    """Download for Python: the .zip bytes with the current model (see runs.python_zip)."""
    s = _loads(settings_text)
    return _python_zip(code, s["seed"], s["probe"], None, _state.model, wheel_name, wheel.to_bytes())


def import_model(text, source="import"):
    """Load a colornet JSON model and return the predictions it makes (no training).

    Refused while the code runs (the next report would replace it). `source="restore"` marks the page restoring
    a snapshot into a fresh worker.
    """
    if _state.run is not None:
        raise ValueError("Cannot import a model while the code is running (training would replace it at its next "
                         "report): press Stop or wait for the run to end, then import again.")
    try:
        data = _loads(text)
    except _JSONDecodeError as exc:
        raise ValueError(f"The file is not JSON ({exc}); a colornet model file is expected.") from None
    _state.model = _from_dict(data, n_in=3, n_out=3)  # the page feeds RGB colours in and reads RGB colours out
    if source != "restore":  # the page keeps it as its latest snapshot: a restart brings this model back
        _emit_text("snapshot", _dumps({"runId": None, "step": None, "source": source}), _dumps(_to_dict(_state.model)))
    return _dumps(predictions())
