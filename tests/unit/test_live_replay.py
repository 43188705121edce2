"""Replaying a shared run's live changes (issue 20): cn.LiveReplay hands recorded changes out again at their steps
and refuses a malformed record with a ValueError naming the bad entry; the page's glue, given them as the run's
`liveChanges` setting, sets them at the same reports, so the run's curve and its `live-applied` record are the
recorded run's exactly; bad or unreachable changes give a message and the run goes on."""
import math

import pytest
from glue_harness import live_script, run, worker  # noqa: F401  (worker: the fixture, the worker's side of playground.setup)

import colornet as cn

LIVE = live_script(steps=200)


def change(step, name="lr", value=0.02):
    return {"step": step, "name": name, "value": value}


def test_at_hands_out_each_step_in_order_and_keeps_skipped_steps():
    replay = cn.LiveReplay([change(0, value=0.1), change(10, value=0.2), change(10, value=0.3), change(15),
                            change(30, value=0.4)])
    assert replay.at(0) == [change(0, value=0.1)]
    assert replay.at(10) == [change(10, value=0.2), change(10, value=0.3)]
    assert replay.at(10) == []  # handed out once
    assert replay.at(20) == [] and replay.missed == [change(15)]
    assert replay.at(30) == [change(30, value=0.4)]


@pytest.mark.parametrize("bad, named", [
    ([change(20), change(10)], "live change 1 is at step 10, before change 0 at step 20"),
    ([change(-1)], "step must be a whole number >= 0, got -1"),
    ([change(1.5)], "step must be a whole number >= 0, got 1.5"),
    ([change(True)], "step must be a whole number >= 0, got True"),
    ([change(0, value=math.nan)], "value must be a finite number, got nan"),
    ([change(0, value="0.1")], "value must be a finite number, got '0.1'"),
    ([change(0, name="lr; import os")], "name must be a Python name, got 'lr; import os'"),
    ([change(0, name=5)], "name must be a Python name, got 5"),
    ([[0, "lr", 0.1]], "live change 0 must be {step, name, value}, got [0, 'lr', 0.1]"),
    ([{**change(0), "extra": 1}], "live change 0 must be {step, name, value}"),
])
def test_malformed_records_are_refused_naming_the_entry(bad, named):
    with pytest.raises(ValueError, match=None) as info:
        cn.LiveReplay(bad)
    assert named in str(info.value)


def curve(worker, run_id):
    return [tuple(p) for e in worker.named("progress") if e["runId"] == run_id for p in e["points"]]


def applied(worker, run_id):
    return [{k: e[k] for k in ("step", "name", "value")} for e in worker.named("live-applied") if e["runId"] == run_id]


def test_the_glue_replays_recorded_changes_to_the_same_curve(worker):
    recorded = [change(50, value=0.05), change(120, value=0.002)]
    first = run(LIVE, 1, {"seed": 0, "liveChanges": recorded})
    assert first["ok"], first
    assert applied(worker, 1) == recorded and worker.output["stdout"] == "final lr 0.002\n"
    again = run(LIVE, 2, {"seed": 0, "liveChanges": applied(worker, 1)})
    assert applied(worker, 2) == recorded and curve(worker, 2) == curve(worker, 1)
    plain = run(LIVE, 3, {"seed": 0})
    assert plain["ok"] and applied(worker, 3) == [] and curve(worker, 3) != curve(worker, 1)


def test_bad_or_unreachable_changes_give_a_message_and_the_run_goes_on(worker):
    out_of_order = run(LIVE, 1, {"seed": 0, "liveChanges": [change(50), change(20)]})
    assert out_of_order["ok"] and applied(worker, 1) == []
    assert [r["message"] for r in worker.named("live-refused")] == [
        "The shared run's live changes are not replayed: live change 1 is at step 20, before change 0 at step 50: "
        "the steps must not go down."]
    many = [change(15)] + [change(21 + i * 8 // 500) for i in range(500)] + [change(40 + i // 10, name="momentum")
                                                                        for i in range(100)]
    between_reports = run(LIVE, 2, {"seed": 0, "liveChanges": many})
    assert between_reports["ok"] and applied(worker, 2) == []
    assert [r["message"] for r in worker.named("live-refused")][1:] == [  # one line per report, one per name
        "The shared run set lr to 0.02 at step 15, but this run reports no step 15: not replayed.",
        "The shared run set lr to 0.02 at step 21 (and 499 more changes before step 30), but this run reports no step "
        "21: not replayed.",
        'momentum is live, but the code does not read playground.live("momentum", ...); the shared run\'s changes of '
        "it are not replayed.",
        "The shared run set momentum to 0.02 at step 41 (and 89 more changes before step 50), but this run reports no "
        "step 41: not replayed."]
