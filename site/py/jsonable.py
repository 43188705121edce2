"""Numbers for JSON: JSON has no NaN or infinity, so the glue sends None for them (the page shows "—")."""
from math import isfinite


def finite(x):
    """A float for JSON, or None when it is NaN/inf."""
    x = float(x)
    return x if isfinite(x) else None
