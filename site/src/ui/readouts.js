// The training readouts (step, epoch, cost, samples/s, elapsed) and the live swatches, drawn from the newest
// progress event once per animation frame: however many events arrive, the page does one update per frame.

import { formatCount } from "../locale.js";

const GRID_INTERVAL_MS = 200; // the 17-colour grid repaints at most 5 times a second: plenty for the eye

export const fmt = {
  cost: (c) => (c == null ? "—" : c < 1e-3 ? c.toExponential(3) : c.toFixed(5)),
  speed: (s) => (s == null ? "—" : formatCount(Math.round(s))),
  elapsed: (e) => (e == null ? "—" : `${e.toFixed(1)} s`),
};

/** createReadouts({step, epoch, cost, speed, elapsed}, swatches) → {show(progress), flush(), reset()} */
export function createReadouts(els, swatches) {
  let latest = null;
  let framePending = false;
  let gridPaintedAt = 0;

  function draw() {
    framePending = false;
    const p = latest;
    if (!p) return;
    els.step.textContent = String(p.step);
    els.epoch.textContent = String(p.epoch);
    els.cost.textContent = fmt.cost(p.cost);
    els.speed.textContent = fmt.speed(p.samplesPerS);
    els.elapsed.textContent = fmt.elapsed(p.elapsed);
    if (p.probe) swatches.showProbe(p.probe);
    const now = performance.now();
    if (p.material && now - gridPaintedAt >= GRID_INTERVAL_MS) {
      gridPaintedAt = now;
      swatches.showMaterial(p.material);
    }
  }

  return {
    /** Back to the empty readouts (step 0, no cost) until the new run reports; nothing stale is drawn later. */
    reset() {
      latest = null;
      els.step.textContent = "0";
      els.epoch.textContent = "0";
      for (const key of ["cost", "speed", "elapsed"]) els[key].textContent = fmt[key](null);
    },
    /** Remember the newest progress event and draw it on the next frame. */
    show(progress) {
      latest = progress;
      if (!framePending) {
        framePending = true;
        requestAnimationFrame(draw);
      }
    },
    /** Draw the newest event now, grid included (at the end of a run). */
    flush() {
      if (!latest) return;
      gridPaintedAt = 0;
      draw();
    },
  };
}
