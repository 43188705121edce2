// The cost chart: uPlot, log-scale y, streaming. Points arrive in batches from progress events and are drawn at
// most once per animation frame, so many reports per second never cost more than one redraw per frame.
// The previous run's curve stays, greyed, for comparison. Axis and grid colours are the page theme's CSS variables,
// read when the chart is made and at each theme change (restyle()); the container's aria-label states the latest
// numbers.
// Runs ticked in the Runs panel are overlaid, each in its own colour with its own legend entry (setOverlays).
// A live param moved mid-run (issue 20) is marked on this run's curve at its step: a dashed line and "lr 0.02".
import "../locale.js"; // first: uPlot formats numbers with navigator.language as it loads
import uPlot from "uplot";
import { fmt } from "./readouts.js";
import { overlayColours } from "./overlay-colours.js";

const COLOURS = { current: "#d9480f", previous: "#adb5bd" };
const FIXED_SERIES = 3; // x, previous run, this run

// Log-axis ticks: 1, 0.1, 0.01, then 1e-3, 1e-4, ... (uPlot's default prints tiny values as "0").
function tickLabel(v) {
  if (v == null) return "";
  return v >= 0.01 ? String(+v.toPrecision(3)) : v.toExponential(0);
}

const cssVar = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#888";

// The theme's colours for the axes, read from the CSS once per theme (restyle()), not at every redraw: reading a
// computed style in a redraw forces the browser to recompute the page's styles there, after the readouts changed
// (issue 22: the first Run's frames).
const themeColours = { fg: "#888", grid: "#888" };
function readThemeColours() {
  themeColours.fg = cssVar("--fg");
  themeColours.grid = cssVar("--chart-grid");
}

function axis(label, extra = {}) {
  return {
    label,
    stroke: () => themeColours.fg,
    grid: { stroke: () => themeColours.grid, width: 1 },
    ticks: { stroke: () => themeColours.grid, width: 1 },
    ...extra,
  };
}

/** The chart's text alternative: what a sighted user reads off it, in numbers. */
export function describeChart(current, previous, overlays = []) {
  const last = (run) => {
    for (let i = run[0].length - 1; i >= 0; i--) if (run[1][i] != null) return [run[0][i], run[1][i]];
    return null;
  };
  const parts = ["Cost per step, log scale."];
  const now = last(current);
  parts.push(now ? `This run: step ${now[0]}, cost ${fmt.cost(now[1])}, ${current[0].length} points.` : "No run yet.");
  const before = last(previous);
  if (before) parts.push(`Previous run, in grey: ended at step ${before[0]}, cost ${fmt.cost(before[1])}.`);
  for (const o of overlays) {
    const end = last(o.data);
    if (end) parts.push(`Overlaid ${o.label}: ended at step ${end[0]}, cost ${fmt.cost(end[1])}.`);
  }
  return parts.join(" ");
}

/** Draws this run's live changes [{step, name, value}] as dashed vertical lines with "name value" labels. */
function drawLiveMarks(u, marks) {
  if (!marks.length) return;
  const { ctx, bbox } = u;
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  ctx.strokeStyle = ctx.fillStyle = themeColours.fg;
  ctx.lineWidth = ratio;
  ctx.setLineDash([4 * ratio, 3 * ratio]);
  ctx.font = `${11 * ratio}px sans-serif`;
  for (const m of marks) {
    const x = u.valToPos(m.step, "x", true);
    if (!Number.isFinite(x) || x < bbox.left || x > bbox.left + bbox.width) continue;
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.fillText(`${m.name} ${m.value}`, x + 3 * ratio, bbox.top + 12 * ratio);
  }
  ctx.restore();
}

function series(label, stroke, width) {
  return { label, stroke, width, spanGaps: true, points: { show: false } };
}

/** createChart(container) → {startRun, addPoints, markLive, setOverlays, redrawNow, restyle, state}. */
export function createChart(container) {
  let previous = [[], []]; // [steps, costs] of the last finished run
  let current = [[], []];
  let overlays = []; // [{id, label, colour, data: [steps, costs]}]
  let marks = []; // this run's live changes: [{step, name, value}]
  let pending = false;
  let updates = 0; // redraws done, for the update-rate measurement
  readThemeColours();
  // Rendering into a detached element before layout is fine; size follows the container.
  const plot = new uPlot(
    {
      width: Math.max(200, container.clientWidth || 400),
      height: 220,
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [axis("step"), axis("cost (MSE, log)", { size: 60, values: (u, ticks) => ticks.map(tickLabel) })],
      series: [{ label: "step" }, series("previous run", COLOURS.previous, 1.5), series("this run", COLOURS.current, 2)],
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      hooks: { draw: [(u) => drawLiveMarks(u, marks)] },
    },
    [[], [], []],
    container,
  );

  function combined() {
    // uPlot wants one shared x array: join the runs on their steps (gaps are spanned).
    if (previous[0].length === 0 && overlays.length === 0) return [current[0], current[0].map(() => null), current[1]];
    return uPlot.join([previous, current, ...overlays.map((o) => o.data)]);
  }

  function draw() {
    pending = false;
    updates += 1;
    plot.setData(combined());
    if (marks.length && !current[0].length && !previous[0].length && !overlays.length) {
      // no curve yet (a shared link's changes, before Run): span the steps the marks are at, so they show
      plot.setScale("x", { min: 0, max: Math.max(...marks.map((m) => m.step)) * 1.1 || 1 });
    }
    const described = describeChart(current, previous, overlays);
    const live = marks.map((m) => `${m.name} set to ${m.value} at step ${m.step}.`).join(" ");
    container.setAttribute("aria-label", live ? `${described} ${live}` : described);
  }

  function schedule() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(draw);
    }
  }

  new ResizeObserver(() => {
    const width = Math.max(200, container.clientWidth);
    if (width !== plot.width) plot.setSize({ width, height: 220 });
  }).observe(container);

  return {
    /** A new run begins: the current curve (if any) becomes the grey previous one. */
    startRun() {
      if (current[0].length) previous = current;
      current = [[], []];
      marks = [];
      schedule();
    },
    /** A live param changed this run at `step` (a mark on the chart until the next run starts). */
    markLive({ step, name, value }) {
      marks.push({ step, name, value });
      schedule();
    },
    /** points: [[step, cost], ...]; a cost of null/0 (NaN, inf, exact zero) cannot be drawn on a log scale. */
    addPoints(points) {
      for (const [step, cost] of points) {
        if (current[0].length && step <= current[0][current[0].length - 1]) continue; // keep x increasing
        current[0].push(step);
        current[1].push(cost > 0 ? cost : null);
      }
      schedule();
    },
    /** Overlays: [{id, label, points: [[step, cost], ...]}]; replaces the previous set. Returns their colours. */
    setOverlays(list) {
      while (plot.series.length > FIXED_SERIES) plot.delSeries(plot.series.length - 1);
      const colours = overlayColours(list.length);
      overlays = list.map((o, i) => {
        const data = [[], []];
        for (const [step, cost] of o.points) {
          if (data[0].length && step <= data[0][data[0].length - 1]) continue;
          data[0].push(step);
          data[1].push(cost > 0 ? cost : null);
        }
        return { id: o.id, label: o.label, colour: colours[i], data };
      });
      for (const o of overlays) plot.addSeries(series(o.label, o.colour, 1.5), plot.series.length);
      draw();
      return overlays.map((o) => ({ id: o.id, colour: o.colour }));
    },
    redrawNow: draw,
    /** Redraw with the current theme's colours. */
    restyle() {
      readThemeColours();
      plot.redraw(false, true);
    },
    /** The chart's part of the testing contract: redraws done, and the points of this run and the previous one. */
    state: () => ({ chartUpdates: updates, chartPoints: current[0].length, chartPreviousPoints: previous[0].length,
      chartLiveMarks: marks.map((m) => ({ ...m })) }),
  };
}
