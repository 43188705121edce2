"""bench/inpage/views_toggle.py natively: the phases switch the live views (ViewsToggle), only a loaded image's views
(ImageViewsToggle: the run context's data) or nothing (NoToggle, the control), and count steps, seconds and the
time spent in the run's reports per state."""
import types

import pytest

from bench.inpage import views_toggle


class FakePlayground:
    def __init__(self, data):
        self.live_views = True
        self._run = types.SimpleNamespace(context=types.SimpleNamespace(data=data))
        self.seen = []  # (live_views, data) at each report

    def report(self, progress):
        self.seen.append((self.live_views, self._run.context.data))


def drive(toggle, clock, reports=10):
    """One report every 0.5 s (100 steps) through 1 s phases: the first phase (on) is not counted, then off, on,
    off."""
    for step in range(reports):
        clock[0] = step * 0.5
        toggle.report(types.SimpleNamespace(step=100 * step))
    return toggle.result()


@pytest.fixture
def clock(monkeypatch):
    now = [0.0]
    monkeypatch.setattr(views_toggle.time, "perf_counter", lambda: now[0])
    return now


def test_the_image_toggle_takes_only_the_image_away_and_gives_it_back(clock):
    image = types.SimpleNamespace(pixels=object())
    playground = FakePlayground(image)
    result = drive(views_toggle.ImageViewsToggle(playground, phase_s=1.0), clock)
    assert {views for views, _ in playground.seen} == {True}, "the other views stay on"
    assert [data is image for _, data in playground.seen] == [True, True, False, False, True, True, False, False,
                                                              True, True]
    assert playground._run.context.data is image, "the result puts the image back"
    assert result["on"]["phases"] == 1 and result["off"]["phases"] == 2 and result["on"]["steps"] == 200


def test_the_image_toggle_needs_an_image():
    with pytest.raises(ValueError, match="needs an image"):
        views_toggle.ImageViewsToggle(FakePlayground(None))


def test_the_views_toggle_switches_the_live_views_and_the_control_switches_nothing(clock):
    playground = FakePlayground(None)
    drive(views_toggle.ViewsToggle(playground, phase_s=1.0), clock)
    assert [views for views, _ in playground.seen] == [True, True, False, False, True, True, False, False, True, True]
    control = FakePlayground(None)
    result = drive(views_toggle.NoToggle(control, phase_s=1.0), clock)
    assert {views for views, _ in control.seen} == {True}
    assert (result["on"]["phases"], result["off"]["phases"]) == (1, 2) and result["cost"] == pytest.approx(0.0)


def test_the_counted_phases_can_start_with_the_views_on(clock):
    playground = FakePlayground(None)
    result = drive(views_toggle.ViewsToggle(playground, phase_s=1.0, counted_first="on"), clock)
    # the first phase (on, not counted) runs on into the first counted one, on as asked; then off, on
    assert [views for views, _ in playground.seen] == [True, True, True, True, False, False, True, True, False, False]
    assert (result["on"]["phases"], result["off"]["phases"]) == (2, 1)


def test_a_toggle_refuses_an_order_it_does_not_know():
    with pytest.raises(ValueError, match="'both'.*'on' or 'off'"):
        views_toggle.ViewsToggle(FakePlayground(None), counted_first="both")


def test_a_phase_that_is_slow_wherever_it_falls_costs_nothing_once_both_orders_are_pooled():
    """A run's middle counted phase is slower whatever is switched (the control's bias): one order alone reads it as a
    cost of the views, the pooled pair does not."""
    from bench import toggled

    def run(counted_first):
        states = ("off", "on", "off") if counted_first == "off" else ("on", "off", "on")
        totals = {"on": [0, 0.0, 0], "off": [0, 0.0, 0]}
        for state, seconds in zip(states, (1.0, 1.1, 1.0)):  # the middle phase: 1,000 steps in 1.1 s
            totals[state][0] += 1000
            totals[state][1] += seconds
            totals[state][2] += 1
        out = {s: {"steps": n, "seconds": t, "phases": k, "steps_per_s": n / t} for s, (n, t, k) in totals.items()}
        return {**out, "cost": 1 - out["on"]["steps_per_s"] / out["off"]["steps_per_s"], "load": 1.0}

    assert run("off")["cost"] > 0.05 and run("on")["cost"] < -0.03
    assert toggled.pooled([run("off"), run("on")])["cost"] == pytest.approx(0.0)


def test_the_prelude_names_a_known_toggle_and_the_order():
    from bench import toggled
    assert "NoToggle(playground, counted_first='on')" in toggled.prelude("NoToggle", "on")
    with pytest.raises(ValueError, match="'Other'"):
        toggled.prelude("Other", "off")
