"""Run records and "Download for Python": the Python side of the page's run history and CPython export.

- `final_metrics(net)`: the numbers a run record keeps, the final mean ΔE00 on held-out colours and on the 17
  Material colours (`cn.evaluate`, the same held-out set as colornet's presets and CLI).
- `run_script(code, seed, probe, target)`: the text of run.py, the editor's code exactly, inside a small shim
  that gives it on CPython what the page gives it in the browser (see SHIM below).
- `python_zip(...)`: the Download for Python .zip: the colornet wheel the page runs, run.py, model.json, README.

This module needs only colornet, the standard library and jsonable.py, so the CPython tests import it as it is.
"""
import inspect
import io
import json
import time
import zipfile

import colornet as cn
from jsonable import finite


def network_left_behind(namespace):
    """The network a script that trained without reporting left behind: the last cn.Network among its variables,
    or None. (Its source is copied into run.py, so CPython takes the same one as the page.)"""
    return next((v for v in reversed(list(namespace.values())) if isinstance(v, cn.Network)), None)


def target_name(playground):
    """The name of the target the run trained on (`playground.target`, when the page has one), else None."""
    target = getattr(playground, "target", None)
    if target is None or isinstance(target, str):
        return target
    return getattr(target, "__name__", None) or getattr(target, "name", None) or str(target)


def target_function(target):
    """The colour function a target stands for: a callable as it is, a name of colornet's (`"invert"`), else the
    complement (colornet's default target)."""
    if callable(target):
        return target
    named = getattr(cn, target, None) if isinstance(target, str) else None
    return named if callable(named) else cn.complement


def final_metrics(net, target=None):
    """{"deltaE", "deltaEMaterial"}: mean ΔE00 of `net` against `target` (default: the complement) on held-out and
    on the Material colours (None: no model, or a user-defined network that cannot predict)."""
    if net is None:
        return {"deltaE": None, "deltaEMaterial": None}
    try:
        scores = cn.evaluate(net, target=target_function(target))
    except Exception:  # noqa: BLE001 - a user's own layer may fail to predict; the run record still gets written
        return {"deltaE": None, "deltaEMaterial": None}
    return {"deltaE": finite(scores["delta_e_mean"]), "deltaEMaterial": finite(scores["delta_e_material_mean"])}


# The part of run.py before the editor's code. `{...}` fields are filled by run_script (doubled braces are
# literal). The shim is not training code: it only stands in for the page's `playground` object.
SHIM = '''#!/usr/bin/env python3
"""The colornet playground's code, saved for CPython (Download for Python).

    pip install {wheel}
    python run.py                    # train, printing progress, then the final mean ΔE00
    python run.py --json out.json    # also write every reported cost and the final numbers as JSON
    python run.py --save-model m.json

CODE below is the editor's code exactly. This shim gives it what the page gave it: `playground.seed` is the seed
the page used ({seed}), `playground.probe` the probe colour, `playground.report` prints progress (the page drew the
chart with it), `cn` and `np` are imported, and top-level `await` works as it does in the editor.
"""
import argparse
import ast
import asyncio
import json
import os
import sys
import time

import numpy as np

import colornet as cn

SEED = {seed}
PROBE = {probe!r}
TARGET = {target!r}
LIVE_CHANGES = {live_changes!r}  # the page's live controls moved during the run: [{{step, name, value}}]
DATA = {data!r}  # the colours loaded in the page (`playground.data`): their file and what they were, or None
PRINT_EVERY_S = 0.5


class Playground:
    """What the editor's code sees as `playground` on CPython."""

    def __init__(self, seed, probe, target):
        self.seed, self.probe = seed, probe
        # the task, as `playground.target` in the page: a colour function, default cn.complement (the code may set it)
        self.target = cn.complement if target is None else getattr(cn, target, target)
        # the page's loaded colours, read by the same reader as in the page (colornet.datasets.read_colours),
        # with the kind, note and extra they had there (an image stays an image)
        self.data = None if DATA is None else cn.datasets.from_csv(open(os.path.join(
            os.path.dirname(os.path.abspath(__file__)), DATA["file"]), encoding="utf-8").read(), DATA["name"],
            DATA["kind"], DATA["note"], DATA["extra"])
        self.model = None
        self.points = []  # [step, cost] of every report
        self._printed = None
        self._live = {{}}  # name -> the cn.LiveValue the code got from playground.live
        self._replay = cn.LiveReplay(LIVE_CHANGES)  # hands out LIVE_CHANGES at their steps, as the page's glue does

    def live(self, name, value):
        """As in the page: one cn.LiveValue per name, set at the steps of LIVE_CHANGES by report()."""
        return self._live.setdefault(name, cn.LiveValue(name, value))

    def report(self, progress):
        """Progress callback for cn.train / cn.train_async: prints a line at most every PRINT_EVERY_S."""
        self.model = getattr(progress, "network", self.model)
        self.points.append([int(progress.step), float(progress.cost)])
        now = time.monotonic()
        if self._printed is None or now - self._printed >= PRINT_EVERY_S:
            self._printed = now
            print(f"step {{progress.step:>6}}  cost {{progress.cost:.6g}}  "
                  f"{{progress.samples_per_s:>9,.0f}} samples/s  {{progress.elapsed:.1f}} s", flush=True)
        for change in self._replay.at(progress.step):  # the page applied them at this report, in this order
            if change["name"] in self._live:
                self._live[change["name"]].set(change["value"])
        return False  # never stops: press Ctrl+C to interrupt


{left_behind}

def main(argv=None):
    parser = argparse.ArgumentParser(description="Run the colornet playground's code on CPython.")
    parser.add_argument("--json", metavar="PATH", help="write the reported costs and final mean ΔE00 as JSON")
    parser.add_argument("--save-model", metavar="PATH", help="save the trained model (colornet JSON)")
    args = parser.parse_args(argv)
    playground = Playground(SEED, PROBE, TARGET)
    namespace = {{"__name__": "__main__", "playground": playground, "cn": cn, "np": np}}
    # Compiled with the lines of this file, so tracebacks point at run.py's own lines.
    source = "\\n" * (CODE_LINE - 1) + CODE
    code = compile(source, __file__ if CODE_LINE > 1 else "<editor>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    started = time.monotonic()
    result = eval(code, namespace)  # a coroutine when the code uses top-level await
    if asyncio.iscoroutine(result):
        asyncio.run(result)
    model = playground.model
    if model is None:  # trained without reporting: the network the code left behind, as in the page
        model = network_left_behind(namespace)
    summary = {{"seed": SEED, "seconds": time.monotonic() - started, "points": playground.points}}
    if model is not None:
        target = getattr(playground, "target", None)
        scores = cn.evaluate(model, target=target) if callable(target) else cn.evaluate(model)
        summary.update(deltaE=scores["delta_e_mean"], deltaEMaterial=scores["delta_e_material_mean"])
        print(f"final mean ΔE00: {{scores['delta_e_mean']:.3f}} on held-out colours, "
              f"{{scores['delta_e_material_mean']:.3f}} on the 17 Material colours")
        if args.save_model:
            cn.save(model, args.save_model)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(summary, f)
    return 0

'''

FOOTER = '''

if __name__ == "__main__":
    sys.exit(main())
'''


def _literal(code):
    """A Python literal for `code` and whether it is raw (its lines are the file's lines)."""
    text = code if code.endswith("\n") else code + "\n"
    for quote in ("'''", '"""'):
        if quote not in text:
            return f"r{quote}\n{text}{quote}", True
    return repr(text), False


def live_changes_of(changes):
    """The run's live changes as run.py replays them: [{step: int, name: str, value: float}] (cn.LiveReplay's
    checks: a bad entry, or steps going down, raise a ValueError naming it)."""
    return cn.LiveReplay(changes or ()).changes


def run_script(code, seed, probe="#dea5ff", target=None, wheel="colornet-*.whl", live_changes=(), data=None):
    """run.py: SHIM, then CODE (the editor's code as a raw string when possible), CODE_LINE, FOOTER. `data`:
    {file, name, kind, note, extra} of the loaded colours beside run.py (cn.datasets.from_csv), or None."""
    head = SHIM.format(seed=int(seed), probe=probe, target=target, wheel=wheel, data=data,
                       live_changes=live_changes_of(live_changes),
                       left_behind=inspect.getsource(network_left_behind))
    literal, raw = _literal(code)
    # CODE_LINE: the line of run.py where CODE's text starts (the raw literal starts with a newline, so the code's
    # first line is the next one); 1 for a repr'd literal, whose lines are not the file's.
    code_line = head.count("\n") + 2 if raw else 1
    return f"{head}CODE_LINE = {code_line}\nCODE = {literal}{FOOTER}"


DATA_FILE = "data.csv"  # the loaded colours in the .zip (cn.datasets.to_csv)

README = """# colornet: the playground's code on CPython

Saved by the colornet playground's "Download for Python". Two commands (Python >= 3.11):

    pip install {wheel}
    python run.py

- `{wheel}`: the colornet package the page ran, unchanged (NumPy is its only dependency).
- `run.py`: the editor's code exactly (the `CODE` string near the end), with a small shim above it:
  `playground.seed` is {seed}, the seed the page used; `playground.report` prints progress to the console.
  `python run.py --json out.json` also writes every reported cost and the final mean ΔE00; `--save-model m.json`
  saves the model trained on CPython.
{model_line}
The browser's NumPy has no BLAS, CPython's usually has one, so sums are added in another order: the costs agree to
about 1e-9 relative early on and drift apart slowly later (see the playground's docs/PLAYGROUND.md, "Download for Python").
"""


def python_zip(code, seed, probe, target, model, wheel_name, wheel_bytes, live_changes=(), data=None):
    """The .zip bytes: the wheel, run.py, README.md, (when there is a trained model) model.json and (when colours
    were loaded, a cn.datasets.ColourData) data.csv, which run.py reads as `playground.data`."""
    if not wheel_name.endswith(".whl") or "/" in wheel_name:
        raise ValueError(f"wheel_name must be a wheel file name like colornet-0.1.0-py3-none-any.whl, got "
                         f"{wheel_name!r}")
    model_line = ("- `model.json`: the model trained in the browser (`cn.load('model.json')`, or\n"
                  "  `python -m colornet predict --model model.json '#dea5ff'`).\n"
                  if model is not None else "- There is no `model.json`: nothing had been trained in the page.\n")
    if data is not None:
        model_line += (f"- `{DATA_FILE}`: the colours loaded in the page ({data.name}, {data.kind}), which run.py "
                       f"reads as `playground.data`.\n")
    files = {
        wheel_name: bytes(wheel_bytes),
        "run.py": run_script(code, seed, probe, target, wheel_name, live_changes,
                             None if data is None else {"file": DATA_FILE, "name": data.name, "kind": data.kind,
                                                        "note": data.note, "extra": dict(data.extra)}).encode(),
        "README.md": README.format(wheel=wheel_name, seed=int(seed), model_line=model_line).encode(),
    }
    if data is not None:
        files[DATA_FILE] = cn.datasets.to_csv(data).encode()
    if model is not None:
        files["model.json"] = json.dumps(cn.to_dict(model)).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
            info.external_attr = 0o644 << 16  # rw-r--r-- when unzipped
            info.compress_type = zipfile.ZIP_STORED if name.endswith(".whl") else zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buffer.getvalue()
