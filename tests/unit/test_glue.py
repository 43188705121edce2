"""The page's Python glue (site/py) under CPython: its import graph is one-way, and its entry points drive a real
run, an import and a pause the way site/src/worker/playground.js does, with the worker's send functions recorded.
Pyodide's `eval_code_async` is stood in for by CPython's own top-level-await compile."""
import ast
import asyncio
import json
import sys
import types
from pathlib import Path

import pytest

from tests.unit.import_graph import find_circle
from glue_harness import GLUE, cn, playground, run, worker  # noqa: F401 (worker: the fixture)


GLUE_MODULES = {p.stem for p in GLUE.glob("*.py")}


def glue_imports(path):
    """The glue modules `path` imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found & GLUE_MODULES


def test_the_glue_imports_one_way_and_no_file_is_over_400_lines():
    graph = {p.stem: glue_imports(p) for p in GLUE.glob("*.py")}
    assert find_circle(graph) is None
    assert not any("playground" in imports for name, imports in graph.items()), "only JS imports the entry points"
    long = {p.name: n for p in GLUE.rglob("*.py") if (n := len(p.read_text().splitlines())) > 400}
    assert long == {}


TRAIN = """
import colornet as cn
x = cn.random_colours(500, playground.seed)
net = cn.Network.from_sizes([3, 8, 3], seed=playground.seed)
result = await cn.train_async(net, x, cn.complement(x), steps=200, report_every=10, callback=playground.report,
                              seed=playground.seed)
print("done", result.steps)
"""


def test_a_run_reports_progress_and_ends_with_a_snapshot_and_the_final_views(worker):
    result = run(TRAIN, 1)
    assert result["ok"] and result["step"] == 200 and result["hasModel"] and result["runId"] == 1
    assert worker.output["stdout"] == "done 200\n"
    progress = worker.named("progress")
    assert progress[-1]["step"] == 200 and progress[-1]["probe"]["input"] == "#336699"
    assert len(progress[-1]["material"]) == 17
    snapshot = worker.named("snapshot")[-1]
    assert snapshot["runId"] == 1 and snapshot["step"] == 200
    assert json.loads(snapshot["text"]) == json.loads(playground.export_model())
    assert worker.named("insight")[-1]["final"] is True


def test_an_imported_model_is_sent_back_as_the_snapshot_a_restart_restores(worker):
    run(TRAIN, 1)
    model = cn.Network.from_sizes([3, 5, 3], seed=9)
    text = json.dumps(cn.to_dict(model))
    shown = json.loads(playground.import_model(text))
    snapshot = worker.named("snapshot")[-1]
    assert snapshot["source"] == "import" and snapshot["step"] is None
    assert json.loads(snapshot["text"]) == cn.to_dict(model)
    assert shown["probe"]["predicted"] == cn.to_hex(model.predict(cn.from_hex("#336699")[None])[0].clip(0, 1))
    count = len(worker.named("snapshot"))
    playground.import_model(snapshot["text"], "restore")  # the page restoring it into a fresh worker
    assert len(worker.named("snapshot")) == count


def test_a_pause_asked_for_before_the_run_holds_it_at_its_first_report_until_resume(worker):
    async def go():
        playground.request_pause()
        task = asyncio.ensure_future(playground.run(TRAIN, 1, '{"seed": 0}'))
        while not worker.named("paused"):
            await asyncio.sleep(0.01)
        held_at = worker.named("progress")[-1]["step"]
        await asyncio.sleep(0.1)
        assert worker.named("progress")[-1]["step"] == held_at and not task.done()
        playground.request_resume('{"step": false}')
        return held_at, json.loads(await task)

    held_at, result = asyncio.run(go())
    assert held_at == 0 and result["step"] == 200 and not result["stopped"]
    assert worker.named("resumed") == [{"stopped": False}]


def test_a_stop_that_comes_before_its_run_is_kept(worker):
    assert playground.request_stop(1) == "true"
    result = run(TRAIN, 1)
    assert result["stopped"] and result["step"] == 0
    assert playground.request_stop(1) == "false"  # that run already ended


def test_the_warm_up_runs_the_default_script_silently_and_leaves_the_output_to_others(worker, capsys):
    code = (GLUE / "presets" / "default.py").read_text()
    printed_meanwhile = []

    async def go():
        warm = asyncio.ensure_future(playground.warm_up(code, 500))
        while not warm.done():  # a request that prints while the warm-up trains (the worker's own stdout)
            print("meanwhile")
            printed_meanwhile.append(True)
            await asyncio.sleep(0.02)
        return json.loads(await warm)

    result = asyncio.run(go())
    assert not result["stopped"] and result["ms"] > 0
    assert worker.events == [] and worker.output == {"stdout": "", "stderr": ""}, "the warm-up sends nothing"
    assert len(printed_meanwhile) > 1 and capsys.readouterr().out == "meanwhile\n" * len(printed_meanwhile)
    with pytest.raises(ValueError, match="no model to export"):
        playground.export_model()  # the page's model is untouched


def test_the_warm_up_also_computes_the_live_views_so_that_a_first_run_does_not_pay_for_their_cold_code(worker):
    import warm_up

    code = (GLUE / "presets" / "default.py").read_text()
    result = json.loads(asyncio.run(playground.warm_up(code, 500)))
    views = playground._session.warm_run.views
    assert not result["stopped"] and views is not None and views.updates >= warm_up.WARM_UP_VIEWS
    assert worker.events == [], "its views are computed, not sent"
