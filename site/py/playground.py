"""Python glue of the playground page: runs the editor's code inside Pyodide and talks to the page.

The worker (site/src/worker/playground.js) calls the functions at the bottom of this module. Everything crosses
the worker boundary as JSON strings, so no Python object leaks into JavaScript.

What it does and why:
- `run(code)` executes the user's code asynchronously (top-level `await` allowed) with filename "<editor>", so the
  line numbers in tracebacks are the editor's line numbers.
- The user's code sees a `playground` object. `playground.report` is the progress callback for
  `cn.train_async(..., callback=playground.report)`: it records every report for the chart, sends a throttled
  progress event to the page (step, epoch, cost, samples/s, elapsed, the probe's and the Material colours'
  predictions), keeps the reported network as "the model", and returns True once the page asked to stop.
- `predict`, `export_model` and `import_model` work on the last model, during or after training.
"""
import json
import linecache
import math
import sys
import time
import traceback

import numpy as np

import colornet as cn
from pyodide.code import eval_code_async

FILENAME = "<editor>"
EMIT_INTERVAL_S = 0.05   # at most 20 progress events per second: smooth for the chart, light for the page
OUTPUT_LIMIT = 1_000_000  # characters of output per run before it is cut (a print loop must not drown the page)

_emit = None  # JS function emit(event, json_text), set by setup()
_output = None  # the worker's output batcher: write(stream, text), flush(); set by setup()


def _send(event, data):
    _emit(event, json.dumps(data, allow_nan=True))


def _finite(x):
    """A float for JSON, or None when it is NaN/inf (JSON has no NaN)."""
    x = float(x)
    return x if math.isfinite(x) else None


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
    target = cn.complement(rgb_01)
    if net is None:
        predicted, delta = None, None
    else:
        predicted = np.clip(np.asarray(net.predict(rgb_01), dtype=float), 0.0, 1.0)
        delta = cn.delta_e2000(predicted, target)
    rows = []
    for i in range(len(rgb_01)):
        rows.append({
            "input": cn.to_hex(rgb_01[i]),
            "target": cn.to_hex(target[i]),
            "predicted": None if predicted is None else cn.to_hex(predicted[i]),
            "deltaE": None if predicted is None else _finite(delta[i]),
        })
    return rows


class Playground:
    """The object the user's code sees as `playground`: settings from the page and the progress callback."""

    def __init__(self):
        self.seed = 0
        self.probe = "#dea5ff"
        self.model = None
        self.stop_requested = False
        self._points = []
        self._last_emit = 0.0
        self._last = None

    # -- called by user code -------------------------------------------------------------------------------------
    def report(self, progress):
        """Progress callback for cn.train / cn.train_async. Returns True when the page pressed Stop."""
        net = getattr(progress, "network", None)
        if net is not None:
            self.model = net
        self._last = progress
        self._points.append([int(progress.step), _finite(progress.cost)])
        now = time.monotonic()
        if now - self._last_emit >= EMIT_INTERVAL_S or progress.step == 0:
            self._emit_progress()
        return self.stop_requested

    # -- used by the glue ----------------------------------------------------------------------------------------
    def _emit_progress(self):
        p = self._last
        if p is None:
            return
        self._last_emit = time.monotonic()
        points, self._points = self._points, []
        data = {
            "step": int(p.step),
            "epoch": int(getattr(p, "epoch", 0)),
            "cost": _finite(p.cost),
            "samplesPerS": _finite(getattr(p, "samples_per_s", float("nan"))),
            "elapsed": _finite(getattr(p, "elapsed", float("nan"))),
            "lr": _finite(getattr(p, "lr", float("nan"))),
            "points": points,
        }
        data.update(self.predictions())
        _send("progress", data)
        _output.flush()

    def predictions(self):
        """The probe's and the 17 Material colours' targets and predictions under the current model."""
        probe = np.asarray([cn.from_hex(self.probe)], dtype=float)
        material = np.asarray(cn.MATERIAL_COLOURS, dtype=float) / 255.0
        try:
            return {"probe": _colour_row(self.model, probe)[0], "material": _colour_row(self.model, material)}
        except Exception as exc:  # a user-defined layer may fail on predict: show targets, say why
            rows = _colour_row(None, probe), _colour_row(None, material)
            return {"probe": rows[0][0], "material": rows[1], "predictError": f"{type(exc).__name__}: {exc}"}


playground = Playground()


def _editor_line(exc):
    """The editor line where `exc` happened (innermost <editor> frame), or None."""
    if isinstance(exc, SyntaxError) and exc.filename == FILENAME:
        return exc.lineno
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == FILENAME:
            line = lineno
    return line


def _user_traceback(exc):
    """The traceback text starting at the user's code (the glue's own frames are left out)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != FILENAME:
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) or tb is None:
        return "".join(traceback.format_exception_only(type(exc), exc))
    return "".join(traceback.format_exception(type(exc), exc, tb))


def _diverged_hint(exc):
    lr = getattr(exc, "lr", None)
    if lr:
        return (f"\nTraining diverged at step {exc.step} with learning rate {lr:g} (cost {exc.cost}). "
                f"Try a lower learning rate, e.g. lr={lr / 10:g}.\n")
    return "\nTraining diverged. Try a lower learning rate.\n"


# -- entry points called by site/src/worker/playground.js ---------------------------------------------------------

def setup(emit, output):
    """Remember the worker's emit function (emit(event, json_text)) and output batcher (write, flush)."""
    global _emit, _output
    _emit, _output = emit, output
    return json.dumps({"colornet": getattr(cn, "__version__", "?")})


def settings(text):
    """Update the page settings the user's code can read (seed, probe)."""
    s = json.loads(text)
    if "seed" in s:
        playground.seed = int(s["seed"])
    if "probe" in s:
        cn.from_hex(s["probe"])  # raises a clear error for a malformed colour
        playground.probe = s["probe"]
    return "null"


def request_stop():
    playground.stop_requested = True
    return "null"


async def run(code):
    """Run the editor's code. Returns JSON {ok, stopped, step, cost, error?, line?, traceback?}."""
    playground.stop_requested = False
    playground._points = []
    playground._last = None
    playground._last_emit = 0.0
    linecache.cache[FILENAME] = (len(code), None, code.splitlines(True), FILENAME)
    namespace = {"__name__": "__main__", "playground": playground, "cn": cn, "np": np}
    out, err = _Output("stdout"), _Output("stderr")
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    result = {"ok": True}
    try:
        await eval_code_async(code, namespace, filename=FILENAME, return_mode="none")
    except BaseException as exc:  # noqa: BLE001 - everything the user's code raises (even exit()) is shown
        text = _user_traceback(exc)
        if isinstance(exc, cn.TrainingDiverged) and "lower learning rate" not in str(exc):
            text += _diverged_hint(exc)
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}", "name": type(exc).__name__,
                  "line": _editor_line(exc), "traceback": text}
    finally:
        sys.stdout, sys.stderr = saved
        out.flush()
        err.flush()
    if playground._last is None:  # the code trained without reporting: take the network it left behind, if any
        nets = [v for v in namespace.values() if isinstance(v, cn.Network)]
        if nets:
            playground.model = nets[-1]
    playground._emit_progress()  # the last points and the final predictions
    last = playground._last
    result.update({
        "stopped": playground.stop_requested,
        "step": None if last is None else int(last.step),
        "cost": None if last is None else _finite(last.cost),
        "hasModel": playground.model is not None,
    })
    return json.dumps(result)


def predict(text):
    """Set the probe and return its and the Material colours' predictions (JSON)."""
    settings(text)
    return json.dumps(playground.predictions())


def export_model():
    if playground.model is None:
        raise ValueError("There is no model to export yet: press Run to train one first.")
    return json.dumps(cn.to_dict(playground.model))


def import_model(text):
    """Load a colornet JSON model and return the predictions it makes (no training)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"The file is not JSON ({exc}); a colornet model file is expected.") from None
    playground.model = cn.from_dict(data)
    return json.dumps(playground.predictions())
