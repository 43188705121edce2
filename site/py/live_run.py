"""One run of the editor's code as it goes: its id, stop flag, pause, and the report loop that `playground.report`
is. At each report: the model becomes the context's, progress goes to the page (paced), a snapshot when due, the
live views, then the answer cn.train_async acts on: stop (True), hold for a pause (an awaitable), or go on."""
from time import monotonic

from colornet import LiveReplay, LiveValue
from jsonable import finite
from pause import Pause
from predictions import predictions
from snapshots import SnapshotPacer

EMIT_INTERVAL_S = 0.05  # at most 20 progress events per second: smooth for the chart, light for the page


class LiveRun:
    """A run reporting into `context` (its model, probe, target and page); `views` (or None) are the live views."""

    def __init__(self, run_id, context, views=None, stop_requested=False, pause_requested=False):
        self.id = run_id
        self.context = context
        self.views = views
        self.stop_requested = stop_requested
        self.pause = Pause(pause_requested)
        self.finished = False
        self.task = None
        self.cancelled_by_stop = False
        self.points = []  # [step, cost] reported since the last progress event
        self.last = None  # the latest Progress
        self.last_emit = 0.0
        self.snapshots = SnapshotPacer()
        self.live = {}  # name -> the cn.LiveValue that playground.live(name, ...) returned
        self.live_queue = []  # (name, value) posted by the page, applied at the next report or on resume
        self.replay = None  # a cn.LiveReplay of a shared run's changes, set again at their steps (replay_changes)
        self.replay_unread = set()  # names replayed that the code does not read (said once each)

    def should_stop(self):
        return self.stop_requested or self.finished

    def report(self, progress):
        """The progress callback: True stops training; an awaitable holds it (pause)."""
        if self.finished:  # a task the run left behind: it has no say over the model any more
            return True
        net = getattr(progress, "network", None)
        if net is not None:  # a network that reports progress is being trained: it is the model now
            self.context.adopt(net, "trained", int(progress.step), self.id)
        self.last = progress
        self.points.append([int(progress.step), finite(progress.cost)])
        now = monotonic()
        if self.snapshots.due(now):
            self.emit_progress()  # the page sees the predictions of exactly the model it may restore
            self.snapshot()
        elif now - self.last_emit >= EMIT_INTERVAL_S or progress.step == 0:
            self.emit_progress()
        if self.stop_requested:
            return True
        self.apply_replay()
        self.apply_live()
        if self.views is not None:
            self.views.on_report(progress, self.context)
        if self.pause.requested:
            self.pause.requested = False
            return self.held()
        return False

    async def held(self):
        """Paused at a report: show where it stands, then wait for Resume, Step or Stop."""
        self.pause.held = True
        self.emit_progress()
        self.snapshot_now()  # a restart while paused brings back exactly these weights
        self.emit_views()
        self.context.page.send("paused", {"step": None if self.last is None else int(self.last.step)})
        try:
            stopped = await self.pause.hold(lambda: self.stop_requested)
            if not stopped:
                self.apply_live()  # changes made while paused count from this step
            return stopped
        finally:
            self.context.page.send("resumed", {"stopped": bool(self.stop_requested)})

    def live_value(self, name, default):
        """playground.live(name, default): one cn.LiveValue per name per run, which the page's control moves."""
        if name not in self.live:
            self.live[name] = LiveValue(name, default)
        return self.live[name]

    def apply_live(self):
        """Apply the page's queued live changes at this report's step; each one applied goes back as `live-applied`
        {runId, step, name, value} (the run's record), each refused as `live-refused` {runId, name, value, message}."""
        latest = {}  # a drag posts many values between two reports: the last one per name counts
        for name, value in self.live_queue:
            latest.pop(name, None)
            latest[name] = value
        self.live_queue = []
        for name, value in latest.items():
            self.set_live(name, value, "the change applies to the next run.")

    def replay_changes(self, changes):
        """Set a shared run's recorded live changes [{step, name, value}] again at the same steps of this run, as
        run.py does on CPython (cn.LiveReplay); each one applied is a `live-applied` like a control's move. Bad
        changes are refused whole, with one `live-refused` message, and the run goes on without them."""
        if not changes:
            return
        try:
            self.replay = LiveReplay(changes)
        except ValueError as exc:
            self.refuse(None, None, f"The shared run's live changes are not replayed: {exc}.")

    def apply_replay(self):
        """At a report: the replayed changes recorded at its step; say which recorded steps no report reached."""
        if self.replay is None:
            return
        step = int(self.last.step)
        missed_before = len(self.replay.missed)
        for change in self.replay.at(step):
            if change["name"] in self.live or change["name"] not in self.replay_unread:  # one message per name
                self.set_live(change["name"], change["value"], "the shared run's changes of it are not replayed.")
            if change["name"] not in self.live:
                self.replay_unread.add(change["name"])
        missed = self.replay.missed[missed_before:]
        if missed:  # one message per report, however many changes it skipped
            first = missed[0]
            more = f" (and {len(missed) - 1} more changes before step {step})" if len(missed) > 1 else ""
            self.refuse(first["name"], first["value"], f"The shared run set {first['name']} to {first['value']} at "
                        f"step {first['step']}{more}, but this run reports no step {first['step']}: not replayed.")

    def set_live(self, name, value, if_not_read):
        """Set live value `name` at the latest report's step: `live-applied`, or `live-refused` with the reason."""
        live = self.live.get(name)
        try:
            if live is None:
                raise ValueError(f'{name} is live, but the code does not read playground.live("{name}", ...); '
                                 f"{if_not_read}")
            live.set(value)
        except ValueError as exc:
            return self.refuse(name, value, str(exc))
        step = None if self.last is None else int(self.last.step)
        self.context.page.send("live-applied", {"runId": self.id, "step": step, "name": name, "value": live.value})

    def refuse(self, name, value, message):
        self.context.page.send("live-refused", {"runId": self.id, "name": name, "value": value, "message": message})

    def emit_progress(self):
        """The `progress` event: the points since the last one, the readouts and the predictions."""
        p = self.last
        if p is None:
            return
        self.last_emit = monotonic()
        points, self.points = self.points, []
        data = {
            "runId": self.id,
            "step": int(p.step),
            "epoch": int(getattr(p, "epoch", 0)),
            "cost": finite(p.cost),
            "samplesPerS": finite(getattr(p, "samples_per_s", float("nan"))) or None,  # 0.0: not measured yet
            "elapsed": finite(getattr(p, "elapsed", float("nan"))),
            "lr": finite(getattr(p, "lr", float("nan"))),
            "points": points,
        }
        data.update(predictions(self.context))
        self.context.page.send("progress", data)
        self.context.page.flush()

    def snapshot(self, step=None):
        """Send the model to the page (restored into a fresh worker after a restart), as of `step` (default: the
        latest report's)."""
        if step is None and self.last is not None:
            step = int(self.last.step)
        self.snapshots.send(self.context.page, self.context.model, self.id, step)

    def snapshot_now(self, step=None):
        """A fresh snapshot at Pause and at the end of a run (Stop), unless the latest one is of this step already."""
        if step is None and self.last is not None:
            step = int(self.last.step)
        if self.snapshots.step is None or self.snapshots.step != step:
            self.snapshot(step)

    def emit_views(self, final=False):
        """The map, the network view and the doctor of the context's model at the latest report."""
        if self.views is not None:
            last = self.last
            self.views.emit(self.context, None if last is None else int(last.step), getattr(last, "lr", None),
                            final=final)
