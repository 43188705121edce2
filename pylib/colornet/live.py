"""LiveValue: a number that may change while training runs (the playground's live controls).

An optimizer given ``lr=LiveValue("lr", 0.01)`` reads ``float(lr)`` once per step, so ``lr.set(0.02)`` changes the
step size from the next step on. Whoever changes it chooses when (the playground: only at a report), so a run
stays reproducible: record each (step, name, value) and replay the same sets at the same steps.
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
