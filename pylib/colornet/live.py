"""LiveValue: a number that may change while training runs (the playground's live controls).

An optimizer given ``lr=LiveValue("lr", 0.01)`` reads ``float(lr)`` once per step, so ``lr.set(0.02)`` changes the
step size from the next step on. Whoever changes it chooses when (the playground: only at a report), so a run
stays reproducible: record each (step, name, value) and replay the same sets at the same steps: LiveReplay hands
recorded changes out again at their steps (the playground's glue and its downloaded run.py both use it).
"""
import math


class LiveValue:
    """A named finite number; ``set`` changes it after the checks its readers ``require`` accept it."""

    def __init__(self, name, value):
        self.name = str(name)
        self._checks = []
        self.value = self._checked(value)

    def _checked(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
            raise ValueError(f"live value {self.name!r} must be a finite number, got {value!r}")
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"live value {self.name!r} must be a finite number, got {value!r}")
        for check in self._checks:
            check(number)
        return number

    def require(self, check):
        """Add a check (number -> raises ValueError if not allowed), applied now and to every later ``set``."""
        check(self.value)
        self._checks.append(check)
        return self

    def set(self, value):
        """Change the value (ValueError naming the value, and this one kept, if it is not allowed)."""
        self.value = self._checked(value)
        return self.value

    def __float__(self):
        return self.value

    def __repr__(self):
        return f"LiveValue({self.name!r}, {self.value!r})"


class LiveReplay:
    """Recorded live changes ``[{"step", "name", "value"}]``, in the order they were made, handed out again at the
    same steps: ``at(step)`` at each report gives the changes recorded at that step, in order. A recorded step that
    no report reaches (the code reports at other steps) is skipped and kept in ``missed``."""

    def __init__(self, changes):
        self.changes = [_checked_change(i, c) for i, c in enumerate(changes)]
        for i in range(1, len(self.changes)):
            if self.changes[i]["step"] < self.changes[i - 1]["step"]:
                raise ValueError(f"live change {i} is at step {self.changes[i]['step']}, before change {i - 1} at "
                                 f"step {self.changes[i - 1]['step']}: the steps must not go down")
        self._next = 0
        self.missed = []

    def at(self, step):
        """The changes recorded at `step` not handed out yet; earlier ones still waiting go to ``missed``."""
        due = []
        while self._next < len(self.changes) and self.changes[self._next]["step"] <= step:
            change = self.changes[self._next]
            self._next += 1
            (due if change["step"] == step else self.missed).append(change)
        return due


def _checked_change(i, change):
    """One recorded change as {step: int >= 0, name: str, value: float} (ValueError naming it if it is not one)."""
    if not isinstance(change, dict) or set(change) != {"step", "name", "value"}:
        raise ValueError(f"live change {i} must be {{step, name, value}}, got {change!r}")
    step, name, value = change["step"], change["name"], change["value"]
    if isinstance(step, bool) or not isinstance(step, int) or step < 0:
        raise ValueError(f"live change {i}: step must be a whole number >= 0, got {step!r}")
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"live change {i}: name must be a Python name, got {name!r}")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"live change {i}: value must be a finite number, got {value!r}")
    return {"step": step, "name": name, "value": float(value)}
