"""The page's session: what outlives runs. The run context (settings, model, target), the live views, the run under
way and the last one, and Stop or Pause requests that arrive before their run has started."""
from asyncio import get_event_loop

from colornet import TrainingDiverged
from context import Context
from live_run import LiveRun
from tasks import cancel_later_if_running
from target import Target
from views import Views


def pair_target(loaded):
    """The target loaded pairs define, or None (cn.complement)."""
    return None if loaded is None else loaded.data.pair_target

FINAL_DELAY_S = 0.02  # the last views of a run are sent this long after the run's result


class Session:
    def __init__(self, page):
        self.context = Context(page)
        self.views = Views(page.send_images)
        self.run = None  # the LiveRun under way, or None
        self.last_run = None  # the latest run that ended (its last report: the views' step after the run)
        self.started_ids = 0  # the highest run id started so far
        self.early_stops = set()  # ids of runs stopped before they started
        self.pause_pending = False  # a pause asked for before its run started
        self.guard = None  # the ModuleGuard, made at the first run (once every glue module is imported)
        self.warming = None  # a future while the post-boot warm-up runs...
        self.warm_run = None  # ...and its LiveRun

    def start_run(self, run_id):
        """A new run: default target, fresh doctor, the Stop or Pause that came before it."""
        self.context.target = Target(pair_target(self.context.data))  # pairs define the default target
        self.views.reset()
        self.views.enabled = True
        run = LiveRun(run_id, self.context, self.views, stop_requested=run_id in self.early_stops,
                      pause_requested=self.pause_pending)
        self.early_stops.discard(run_id)
        self.pause_pending = False
        self.run = run
        self.started_ids = max(self.started_ids, run_id)
        return run

    def end_run(self, run, error):
        """The run ended: the doctor hears about divergence; the final views go out just after the result."""
        if isinstance(error, TrainingDiverged):
            self.views.diverged = error
        self.pause_pending = False
        self.last_run = run
        get_event_loop().call_later(FINAL_DELAY_S, self._final_views)  # Stop is not slowed by the last update

    def _final_views(self):
        if self.run is None:  # (a run started since then sends its own)
            self.emit_views(final=True)

    def emit_views(self, final=False):
        """The views of the page's model now: at the run's latest report, or after the last run."""
        run = self.run or self.last_run
        if run is not None:
            run.emit_views(final=final)
        else:
            self.views.emit(self.context, final=final)

    def request_stop(self, run_id):
        """Stop run `run_id`: at once if it is under way, at its first report if it has not started yet. False when
        that run already ended."""
        run = self.run
        if run is not None and run.id == run_id:
            if not run.stop_requested:
                run.stop_requested = True
                cancel_later_if_running(run)
            return True
        if run_id > self.started_ids:
            self.early_stops.add(run_id)
            return True
        return False

    def request_live(self, run_id, name, value):
        """Queue a live change for run `run_id` (applied at its next report or on resume). False when that run is
        not under way."""
        run = self.run
        if run is None or run.id != run_id:
            return False
        run.live_queue.append((name, value))
        return True

    def request_pause(self):
        """Pause at the next report of the run under way (or at the first report of the run about to start)."""
        if self.run is None:
            self.pause_pending = True
        else:
            self.run.pause.request()

    def request_resume(self, step=False):
        if self.run is not None:
            self.run.pause.resume(step)

    def set_saturation(self, value):
        sat = float(value)
        if not 0.0 <= sat <= 1.0:
            raise ValueError(f"saturation must be in [0, 1], got {value!r}")
        self.views.saturation = sat
