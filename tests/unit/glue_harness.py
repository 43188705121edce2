"""The page's Python glue (site/py) under CPython, as site/src/worker/playground.js drives it: Pyodide's
`eval_code_async` stood in for by CPython's top-level-await compile, the worker's send functions recorded
(`Worker`), the `worker` fixture and `run`. Shared by the glue's unit tests."""
import ast
import asyncio
import json
import sys
import types
from pathlib import Path

import pytest

GLUE = Path(__file__).resolve().parents[2] / "site" / "py"
sys.path.insert(0, str(GLUE))

if "pyodide.code" not in sys.modules:  # CPython: the one Pyodide function the glue uses
    async def eval_code_async(code, globals=None, filename="<exec>", return_mode="last_expr"):
        result = eval(compile(code, filename, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT), globals)
        if asyncio.iscoroutine(result):
            await result

    sys.modules["pyodide"] = types.ModuleType("pyodide")
    sys.modules["pyodide.code"] = types.ModuleType("pyodide.code")
    sys.modules["pyodide.code"].eval_code_async = eval_code_async

import colornet as cn  # noqa: E402
import playground  # noqa: E402


class Worker:
    """The worker's side of playground.setup: every event as (name, data), output text per stream."""

    def __init__(self):
        self.events, self.output = [], {"stdout": "", "stderr": ""}

    def emit(self, event, text):
        self.events.append((event, json.loads(text)))

    def emit_text(self, event, meta, text):
        self.events.append((event, {**json.loads(meta), "text": text}))

    def emit_images(self, text, images):
        self.events.append(("insight", json.loads(text)))

    def write(self, stream, text):
        self.output[stream] += text

    def flush(self):
        pass

    def named(self, name):
        return [data for event, data in self.events if event == name]


@pytest.fixture
def worker():
    hook = sys.excepthook
    w = Worker()
    playground.setup(w.emit, w.emit_text, w.emit_images, w)
    yield w
    sys.excepthook = hook
    cn.set_stop_check(None)


def run(code, run_id, settings=None):
    async def go():
        text = await playground.run(code, run_id, json.dumps(settings or {"seed": 3, "probe": "#336699"}))
        await asyncio.sleep(0.05)  # the final snapshot and views go out just after the result
        return json.loads(text)
    return asyncio.run(go())


def live_script(steps: int) -> str:
    """A small training script whose learning rate is the live param `lr` (the live-param tests' subject)."""
    return f"""import colornet as cn
lr = 0.01
x = cn.random_colours(500, playground.seed)
net = cn.Network.from_sizes([3, 8, 3], seed=playground.seed)
optimizer = cn.Adam(net.parameters(), lr=playground.live("lr", lr))
result = await cn.train_async(net, x, cn.complement(x), optimizer=optimizer, steps={steps}, report_every=10,
                              callback=playground.report, seed=playground.seed)
print("final lr", optimizer.lr)
"""
