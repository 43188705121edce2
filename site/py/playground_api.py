"""The object the user's code sees as `playground`: the page's settings (seed, probe), the progress callback
`report`, the task's `target` and the `live_views` switch. A new one is made for every run, so whatever a run does
to it (`playground.report = ...`) ends with the run."""
from target import checked_target


class Playground:
    def __init__(self, run, report=None):
        self.seed = run.context.seed
        self.probe = run.context.probe
        self._run = run
        self._report = run.report if report is None else report

    def report(self, progress):
        """Progress callback for cn.train / cn.train_async. Returns True when the page pressed Stop."""
        return self._report(progress)

    def live(self, name, value):
        """A cn.LiveValue named `name` starting at `value`: a live control on the page sets it mid-run, at a
        report (docs/ARCHITECTURE.md, "Params"). Pass it where colornet reads a number each step, e.g. `lr=`."""
        return self._run.live_value(str(name), value)

    @property
    def target(self):
        """The task: colours (n, 3) in [0, 1] -> targets (n, 3) in [0, 1]; default cn.complement. Used by the
        swatches, the Material grid, ΔE00, the colour map and the doctor."""
        return self._run.context.target.fn

    @target.setter
    def target(self, fn):
        self._run.context.target = checked_target(fn)  # a wrong shape or value fails here, on the user's line

    @property
    def data(self):
        """The colours loaded on the page (a colornet.datasets.ColourData: name, kind, inputs and, for pairs,
        targets, as (n, 3) arrays in [0, 1]; `pair_target` is the pairs' target function), or None."""
        loaded = self._run.context.data
        return None if loaded is None else loaded.data

    @property
    def live_views(self):
        """False turns the live colour map, network view and doctor off for this run (the bench's "off" row)."""
        return self._run.views is not None and self._run.views.enabled

    @live_views.setter
    def live_views(self, on):
        if self._run.views is not None:
            self._run.views.enabled = bool(on)

    def __repr__(self):
        return f"<playground seed={self.seed} probe={self.probe!r}>"
