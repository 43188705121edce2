"""Snapshots: the model sent to the page as colornet JSON (`snapshot {runId, step, text}`); the page keeps the latest
and imports it into a fresh worker after a restart. Sent while training (at most once a second and at most
SNAPSHOT_MAX_SHARE of the time), at the end of each run and when a model is imported."""
from json import dumps
from math import inf
from time import monotonic

from colornet import to_dict

SNAPSHOT_INTERVAL_S = 1.0  # the model is sent to the page at most this often while training...
SNAPSHOT_MAX_SHARE = 0.05  # ...and spends at most this share of the time on it (large networks snapshot less often)


def send_snapshot(page, model, meta):
    """Send `model` with `meta` ({runId, step, ...}); raises when colornet cannot save it."""
    page.send_text("snapshot", meta, dumps(to_dict(model)))


class SnapshotPacer:
    """The snapshots of one run: when the next is due, the step of the latest, and a model that cannot be saved
    (said once with `snapshot-error`, then no more tries)."""

    def __init__(self):
        self.last = monotonic()  # the first snapshot comes after SNAPSHOT_INTERVAL_S of training
        self.interval = SNAPSHOT_INTERVAL_S
        self.step = None

    def due(self, now):
        return now - self.last >= self.interval

    def send(self, page, model, run_id, step):
        if model is None or self.interval == inf:
            return
        t0 = monotonic()
        try:
            send_snapshot(page, model, {"runId": run_id, "step": step})
        except Exception as exc:  # e.g. a custom layer colornet cannot save: say so once, stop trying
            self.interval = inf
            page.send("snapshot-error", {"runId": run_id, "error": f"{type(exc).__name__}: {exc}"})
            return
        self.last = monotonic()
        self.step = step
        self.interval = max(SNAPSHOT_INTERVAL_S, (self.last - t0) / SNAPSHOT_MAX_SHARE)
