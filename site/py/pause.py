"""Pause, Step and Resume: a run is held at a report. `cn.train_async` awaits the report's answer, so the
optimizer, the schedule and the batches wait with it."""
from asyncio import sleep

PAUSE_POLL_S = 0.02  # a paused run looks for Resume / Step / Stop this often


class Pause:
    """The pause state of one run: asked for (held at the next report), held, and how it was released."""

    def __init__(self, requested=False):
        self.requested = requested
        self.held = False
        self.release = None  # while held: None, "run" or "step"

    def request(self):
        if not self.held:
            self.requested = True

    def resume(self, step=False):
        """Continue; `step` pauses again at the next report."""
        if self.held:
            self.release = "step" if step else "run"

    async def hold(self, stop_requested):
        """Wait for Resume (False), Step (False, pause at the next report) or Stop (True, `stop_requested()`)."""
        self.requested, self.held, self.release = False, True, None
        try:
            while True:
                if stop_requested():
                    return True
                if self.release is not None:
                    self.requested = self.release == "step"
                    return False
                await sleep(PAUSE_POLL_S)
        finally:
            self.held, self.release = False, None
