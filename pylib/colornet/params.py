"""Parameters: a trainable array with its gradient, and ``FlatParameters``, many of them in one vector.

A ``Parameter`` is what a layer's ``parameters()`` lists and an optimizer updates: ``value`` and
``grad``, two arrays of one shape. A ``Network`` packs its Dense layers' parameters back to back
into one ``FlatParameters``: then zeroing every gradient or applying an optimizer update is one
NumPy call on the whole vector instead of one per array (inside Pyodide each call costs
microseconds, which is much of a small network's step).
"""
import numpy as np


class Parameter:
    """A trainable array and the gradient accumulated for it (same shape and dtype).

    Once packed into a ``FlatParameters`` (``flat`` names it), ``value`` and ``grad`` are
    views into its two vectors; assigning a new array to either then copies into the view
    (same shape required), so the flat vectors always hold what the layer uses.
    """

    def __init__(self, value):
        self.flat = None  # the FlatParameters holding this parameter, if packed
        self._start = None  # where its numbers begin in that FlatParameters
        self._value = value
        self._grad = np.zeros_like(value)

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, array):
        self._value = self._assign(self._value, array, "value")

    @property
    def grad(self):
        return self._grad

    @grad.setter
    def grad(self, array):
        self._grad = self._assign(self._grad, array, "grad")

    def _assign(self, current, array, what):
        if self.flat is None or array is current:  # `p.grad += g` ends by assigning p.grad to itself
            return array
        if np.shape(array) != current.shape:
            raise ValueError(f"a packed parameter's {what} keeps its shape {current.shape}, got shape "
                             f"{np.shape(array)}")
        current[...] = array
        return current

    def zero_grad(self):
        self._grad.fill(0.0)

    def __getstate__(self):
        # copy.deepcopy and pickle copy arrays one by one, which would cut a packed parameter's
        # views loose from its (copied) FlatParameters; store where the views are instead
        if self.flat is None:
            return self.__dict__
        return {"flat": self.flat, "start": self._start, "shape": self._value.shape}

    def __setstate__(self, state):
        if "start" in state:
            state["flat"].attach(self, state["start"], state["shape"])
        else:
            self.__dict__.update(state)

    def __repr__(self):
        return f"Parameter(shape={self._value.shape}, dtype={self._value.dtype})"


class FlatParameters:
    """Several Parameters stored back to back in one value vector and one grad vector.

    Each parameter's ``value`` and ``grad`` become views into ``self.value`` and ``self.grad``.
    A parameter is packed at most once; its views are never replaced afterwards. (The
    parameters point to their FlatParameters, not the other way round, so that copies and
    pickles rebuild the views; see ``Parameter.__getstate__``.)
    """

    def __init__(self, params):
        params = list(params)
        if any(p.flat is not None for p in params):
            raise ValueError("a parameter can be packed into only one FlatParameters")
        if len(set(map(id, params))) != len(params):
            raise ValueError("a parameter is listed twice")
        self.count = len(params)
        dtype = np.result_type(*[p.value for p in params])
        total = sum(p.value.size for p in params)
        self.value, self.grad = np.empty(total, dtype), np.empty(total, dtype)
        start = 0
        for p in params:
            self.value[start:start + p.value.size] = p.value.ravel()
            self.grad[start:start + p.value.size] = p.grad.ravel()
            self.attach(p, start, p.value.shape)
            start += p.value.size

    def attach(self, param, start, shape):
        """Make ``param.value``/``.grad`` the views of this buffer's numbers from ``start`` on."""
        end = start + int(np.prod(shape, dtype=int))
        param._value, param._grad = self.value[start:end].reshape(shape), self.grad[start:end].reshape(shape)
        param.flat, param._start = self, start

    def __repr__(self):
        return f"FlatParameters({self.count} parameters, {self.value.size} numbers, {self.value.dtype})"


def joined_views(params, shape):
    """``(value, grad)`` views of ``params`` as one array of ``shape``, or None unless they are packed back to
    back, in this order, in one FlatParameters (Dense uses it to see W and b as one matrix [W; b])."""
    flat, start = params[0].flat, params[0]._start
    end = start
    for p in params:
        if flat is None or p.flat is not flat or p._start != end:
            return None
        end += p.value.size
    return flat.value[start:end].reshape(shape), flat.grad[start:end].reshape(shape)


def group_parameters(params):
    """Split ``params`` into the FlatParameters they fill completely and the other ("loose") parameters.

    Optimizers update each such FlatParameters as one vector and loose parameters one by one.
    """
    params = list(params)
    members = {}  # id(flat) -> (flat, ids of its listed parameters)
    for p in params:
        flat = getattr(p, "flat", None)  # objects other than Parameter may lack it
        if flat is not None:
            members.setdefault(id(flat), (flat, set()))[1].add(id(p))
    flats = [flat for flat, ids in members.values() if len(ids) == flat.count]
    loose = [p for p in params if getattr(p, "flat", None) not in flats]
    return flats, loose
