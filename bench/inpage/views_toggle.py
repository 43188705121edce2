"""In the page: the live views switched off and on every PHASE_S of training within one run of the default script,
steps and seconds counted per state, so that their cost is measured against the same load (load from elsewhere
drifts over seconds; two whole runs side by side see different load). Used by bench/toggled.py;
ImageViewsToggle switches only a loaded image's views (bench/image_views.py `--image-only`).

The first phase (views on, as a run starts) is not counted: it holds the run's own start (the training loop's
first steps). Each "on" phase starts with an update at once (the views were off for a phase); a phase of three
views intervals (site/py/views.py INTERVAL_S = 0.4 s) then holds the steady cadence's number of updates (0, 0.4,
0.8 s), and more when a loaded machine stretches the interval (up to 0.45 s): the figure errs high, never low.

A run counts the phases after the first in one of two orders, ``counted_first`` "off" (off, on, off, ...) or "on"
(on, off, on, ...): a 20,000-step run holds about three counted phases, and where a phase falls in the run changes
its speed apart from the views (an A/A control, NoToggle, read 5 % "cost" at load 2.4-2.9 with one order). The bench
pools runs of both orders (bench/toggled.py), so that each state holds each place as often."""
import time

PHASE_S = 1.2


class ViewsToggle:
    """Stands in for the page's `playground` with `report` switching `live_views` every `phase_s` of training."""

    def __init__(self, playground, phase_s=PHASE_S, counted_first="off"):
        if counted_first not in ("on", "off"):
            raise ValueError(f"counted_first is {counted_first!r}: it must be 'on' or 'off'")
        self._playground = playground
        self._phase_s = phase_s
        self._counted_first = counted_first
        self._totals = {"on": [0, 0.0, 0, 0.0], "off": [0, 0.0, 0, 0.0]}  # steps, seconds, phases, s in reports
        self._on, self._start, self._step, self._phases, self._in_reports = True, None, 0, 0, 0.0

    def __getattr__(self, name):
        return getattr(self._playground, name)

    def __setattr__(self, name, value):
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:
            setattr(self._playground, name, value)

    def report(self, progress):
        now, step = time.perf_counter(), int(progress.step)
        if self._start is None:
            self._start, self._step = now, step
        elif now - self._start >= self._phase_s:
            if self._phases > 0:
                totals = self._totals["on" if self._on else "off"]
                totals[0] += step - self._step
                totals[1] += now - self._start
                totals[2] += 1
                totals[3] += self._in_reports
            self._phases += 1
            self._on = self._counted_first == "on" if self._phases == 1 else not self._on
            self._switch(self._on)
            self._start, self._step, self._in_reports = now, step, 0.0
        out = self._playground.report(progress)
        self._in_reports += time.perf_counter() - now
        return out

    def _switch(self, on):
        self._playground.live_views = on

    def result(self):
        """{on: {steps, seconds, phases, steps_per_s, report_share}, off: {...}, cost}: cost = 1 - on/off steps/s;
        report_share: the share of the phases' time spent in the run's reports (where the views are computed)."""
        out = {state: {"steps": s, "seconds": t, "phases": n, "steps_per_s": s / t if t else None,
                       "report_share": r / t if t else None}
               for state, (s, t, n, r) in self._totals.items()}
        on, off = out["on"]["steps_per_s"], out["off"]["steps_per_s"]
        out["cost"] = 1 - on / off if on and off else None
        return out


class ImageViewsToggle(ViewsToggle):
    """The same phases, switching only a loaded image's four views (the other views stay on): the run context's data
    is taken away in the "off" phases. The views read it at each update; the training took its inputs at the start,
    and the progress events do not read it. So on − off is what the image views alone cost, in one run."""

    def __init__(self, playground, phase_s=PHASE_S, counted_first="off"):
        super().__init__(playground, phase_s, counted_first)
        self._context = playground._run.context
        self._data = self._context.data
        if self._data is None or getattr(self._data, "pixels", None) is None:
            raise ValueError("ImageViewsToggle needs an image loaded in the data panel")

    def _switch(self, on):
        self._context.data = self._data if on else None

    def result(self):
        self._context.data = self._data
        return super().result()


class NoToggle(ViewsToggle):
    """A control: the same phases and counts with nothing switched, so its "cost" is the method's own bias and
    spread (where the phases fall in the run) at the machine's load."""

    def _switch(self, on):
        pass
