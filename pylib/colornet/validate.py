"""Argument checks shared by colornet's modules: each returns the value (normalised) or raises a ValueError
that names the argument, what is allowed and the value it got."""
import math

import numpy as np

DTYPES = ("float64", "float32")


def check_count(name, value, minimum):
    """An integer >= ``minimum`` (bools refused), as an int."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def check_positive(name, value, allowed="a positive finite number"):
    """A number > 0 and finite, as a float."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    return float(value)


def check_unit_interval(name, value):
    """A number with 0 <= value < 1, as a float."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not (0.0 <= value < 1.0):
        raise ValueError(f"{name} must be a number in [0, 1), got {value!r}")
    return float(value)


def check_dtype(dtype):
    """A float dtype colornet computes in (float64 or float32), as a numpy dtype."""
    try:
        resolved = np.dtype(dtype)
    except TypeError:
        resolved = None
    if resolved is None or resolved.name not in DTYPES:
        raise ValueError(f"dtype must be one of {', '.join(DTYPES)}, got {dtype!r}")
    return resolved


MAX_PARAMETERS = 2_000_000  # weights and biases of a network colornet builds from sizes or loads (16 MB as float64)


def check_parameter_count(sizes, what):
    """Dense layers between consecutive ``sizes`` must hold at most ``MAX_PARAMETERS`` weights and biases."""
    count = sum((n_in + 1) * n_out for n_in, n_out in zip(sizes, sizes[1:]))
    if count > MAX_PARAMETERS:
        raise ValueError(f"{what} {sizes} would hold {count:,} weights and biases; at most {MAX_PARAMETERS:,} "
                         "are allowed")
    return count
