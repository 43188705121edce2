"""Live params in the page's glue under CPython (issue 20): `playground.live` gives the code a cn.LiveValue, a
`live` message from the page is applied at the run's next report (or on resume) and answered with `live-applied`
{runId, step, name, value}; a name the code never made live, or a bad value, is refused with a message and changes
nothing. The downloaded run.py replays the recorded changes: its curve is the glue's, exactly."""
import asyncio
import json

from glue_harness import live_script, run, worker  # noqa: F401  (worker: the fixture, the worker's side of playground.setup)
from test_run_script import run_py

import playground
import runs

LIVE = live_script(steps=300)


def live(run_id, name, value):
    return playground.live(json.dumps({"runId": run_id, "name": name, "value": value}))


def run_with_live_changes(worker, changes, code=LIVE):
    """Run `code` as run 1 and post each (name, value) of `changes` once the run has made its first report."""
    async def go():
        task = asyncio.ensure_future(playground.run(code, 1, '{"seed": 0}'))
        while not worker.named("progress"):
            await asyncio.sleep(0.001)
        answers = [live(1, name, value) for name, value in changes]
        return answers, json.loads(await task)
    return asyncio.run(go())


def curve(worker):
    return [tuple(p) for event in worker.named("progress") for p in event["points"]]


def test_a_live_change_applies_at_the_next_report_and_is_recorded(worker):
    answers, result = run_with_live_changes(worker, [("lr", 0.05), ("lr", 0.02)])
    assert answers == ["true", "true"] and result["ok"], result
    applied = worker.named("live-applied")
    assert len(applied) == 1  # two moves before one report: the last value counts
    change = applied[0]
    assert change["runId"] == 1 and change["name"] == "lr" and change["value"] == 0.02
    assert change["step"] >= 10 and change["step"] % 10 == 0  # a report after the one they came in
    assert worker.output["stdout"] == "final lr 0.02\n"
    assert live(1, "lr", 0.03) == "false"  # the run has ended


def test_unknown_names_and_bad_values_are_refused_with_a_message(worker):
    _, result = run_with_live_changes(worker, [("momentum", 0.5), ("lr", -1)])
    assert result["ok"]
    messages = [r["message"] for r in worker.named("live-refused")]
    assert messages[0] == ('momentum is live, but the code does not read playground.live("momentum", ...); '
                           "the change applies to the next run.")
    assert messages[1:] == ["live lr (the learning rate) must be a positive finite number, got -1.0"]
    assert worker.named("live-applied") == [] and worker.output["stdout"] == "final lr 0.01\n"


def test_a_change_made_while_paused_applies_on_resume_at_that_step(worker):
    async def go():
        playground.request_pause()
        task = asyncio.ensure_future(playground.run(LIVE, 1, '{"seed": 0}'))
        while not worker.named("paused"):
            await asyncio.sleep(0.001)
        assert live(1, "lr", 0.04) == "true"
        await asyncio.sleep(0.05)
        assert worker.named("live-applied") == []  # held: nothing applied until resume
        playground.request_resume('{"step": false}')
        return json.loads(await task)

    result = asyncio.run(go())
    assert result["ok"]
    assert worker.named("live-applied") == [{"runId": 1, "step": 0, "name": "lr", "value": 0.04}]


def test_run_py_replays_the_live_changes_to_the_same_curve(worker, tmp_path):
    _, result = run_with_live_changes(worker, [("lr", 0.08)])
    changes = [{k: c[k] for k in ("step", "name", "value")} for c in worker.named("live-applied")]
    assert len(changes) == 1
    out = run_py(tmp_path, runs.run_script(LIVE, seed=0, live_changes=changes), "--json", "out.json")
    assert out.returncode == 0, out.stderr
    replay = [tuple(p) for p in json.loads((tmp_path / "out.json").read_text())["points"]]
    assert replay == curve(worker)
    plain = run_py(tmp_path, runs.run_script(LIVE, seed=0), "--json", "plain.json")
    assert [tuple(p) for p in json.loads((tmp_path / "plain.json").read_text())["points"]] != replay
