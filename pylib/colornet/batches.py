"""The seed's "shuffled input provider": paired inputs and targets, reshuffled every epoch."""
import numpy as np

from .colours import as_rng
from .validate import check_count


class ShuffledBatches:
    """Endless mini-batches of ``(x, y)`` rows that stay paired.

    At the start of each epoch the data are permuted once (two NumPy calls) and
    batches are then cheap slices of the shuffled copy. A last partial batch is
    dropped, so every batch has exactly ``batch_size`` rows; the next epoch's
    reshuffle gives the dropped rows their turn.
    """

    def __init__(self, x, y, batch_size, seed_or_rng=0):
        x, y = np.asarray(x), np.asarray(y)
        if x.ndim != 2 or y.ndim != 2:
            raise ValueError(f"x and y must be 2-D arrays (one row per example), got shapes {x.shape} and {y.shape}")
        if len(x) != len(y):
            raise ValueError(f"x and y must have the same number of rows, got {len(x)} and {len(y)}")
        batch_size = check_count("batch_size", batch_size, 1)
        if batch_size > len(x):
            raise ValueError(f"batch_size must not exceed the number of examples ({len(x)}), got {batch_size}")
        self.x, self.y = x, y
        self.batch_size = batch_size
        self.rng = as_rng(seed_or_rng)
        self.epoch = -1  # becomes 0 on the first shuffle
        self._pos = len(x)  # forces a shuffle on the first call

    def next_batch(self):
        """The next ``(x_batch, y_batch)`` pair; reshuffles when the epoch is used up."""
        if self._pos + self.batch_size > len(self.x):
            order = self.rng.permutation(len(self.x))
            self._x_shuffled, self._y_shuffled = self.x[order], self.y[order]
            self._pos = 0
            self.epoch += 1
        start, self._pos = self._pos, self._pos + self.batch_size
        return self._x_shuffled[start:self._pos], self._y_shuffled[start:self._pos]

    def __iter__(self):
        return self

    def __next__(self):
        return self.next_batch()
