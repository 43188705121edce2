"""cn.LiveValue: an optimizer following one changes its step size from the next step; bad values are refused."""
import numpy as np
import pytest

import colornet as cn


def one_param(value=1.0):
    p = cn.Parameter(np.array([value]))
    p.grad[:] = 1.0
    return p


@pytest.mark.parametrize("make", [lambda p, lr: cn.SGD([p], lr=lr), lambda p, lr: cn.Adam([p], lr=lr)])
def test_optimizer_follows_live_value_from_next_step(make):
    live, fixed = cn.LiveValue("lr", 0.01), one_param()
    followed = one_param()
    opt_live, opt_fixed = make(followed, live), make(fixed, 0.01)
    opt_live.step(), opt_fixed.step()
    assert followed.value[0] == fixed.value[0]  # same value, same step
    before = followed.value[0]
    live.set(0.1)
    assert opt_live.lr == pytest.approx(0.1)
    opt_live.step(), opt_fixed.step()
    moved, moved_fixed = before - followed.value[0], before - fixed.value[0]
    assert moved == pytest.approx(10 * moved_fixed, rel=1e-12)


def test_schedule_still_multiplies_live_rate():
    live = cn.LiveValue("lr", 0.5)
    opt = cn.SGD([one_param()], lr=live, schedule=cn.StepDecay(0.5, every=1))
    opt.step()
    live.set(0.2)
    assert opt.lr == pytest.approx(0.2 * 0.5)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "0.1", None, True])
def test_bad_values_refused_with_the_value_named(bad):
    live = cn.LiveValue("lr", 0.01)
    with pytest.raises(ValueError, match=r"live value 'lr' must be a finite number, got"):
        live.set(bad)
    assert live.value == 0.01
    with pytest.raises(ValueError, match="finite number"):
        cn.LiveValue("lr", bad)


@pytest.mark.parametrize("bad", [0.0, -0.5])
def test_optimizer_refuses_non_positive_rate(bad):
    live = cn.LiveValue("lr", 0.01)
    opt = cn.Adam([one_param()], lr=live)
    with pytest.raises(ValueError, match=r"live lr \(the learning rate\) must be a positive finite number, got"):
        live.set(bad)
    assert opt.lr == pytest.approx(0.01)
    with pytest.raises(ValueError, match="positive"):
        cn.SGD([one_param()], lr=cn.LiveValue("lr", bad))


def test_float_and_repr():
    live = cn.LiveValue("lr", 3)
    assert float(live) == 3.0 and isinstance(live.value, float)
    assert repr(live) == "LiveValue('lr', 3.0)"
