// How a slider param's value maps to a native <input type="range"> position (issue 20). A linear slider uses the
// annotation's min, max and step as they are (the browser's own decimal stepping keeps values such as 0.0003
// clean); a log slider (log:true) moves in LOG_POSITIONS even steps of log(value), rounded to SIGNIFICANT digits.
// No DOM, no imports.

export const LOG_POSITIONS = 1000;
export const SIGNIFICANT = 3;

/**
 * sliderScale({min, max, step, log}) → {min, max, step, toValue(position), toPosition(value)}: the range input's
 * attributes and the two maps. toValue always lands in [min, max]; toPosition clamps a value outside it (the
 * strip says "out of range" beside the slider, and never writes the clamped value back by itself).
 */
export function sliderScale({ min, max, step, log }) {
  if (!log) {
    return { min, max, step, toValue: (position) => Number(position), toPosition: (value) => clamp(value, min, max) };
  }
  const span = Math.log(max / min);
  return {
    min: 0,
    max: LOG_POSITIONS,
    step: 1,
    toValue: (position) => logValue(Number(position)),
    toPosition(value) {
      if (!(value > min)) return 0;
      const nearest = clamp(Math.round((LOG_POSITIONS * Math.log(value / min)) / span), 0, LOG_POSITIONS);
      // rounding moved the value a little: show it at a nearby position that writes exactly it, if there is one
      for (const p of [nearest, nearest - 1, nearest + 1, nearest - 2, nearest + 2]) {
        if (p >= 0 && p <= LOG_POSITIONS && logValue(p) === value) return p;
      }
      return nearest;
    },
  };

  function logValue(p) {
    if (!(p > 0)) return min;
    if (p >= LOG_POSITIONS) return max;
    return clamp(Number((min * Math.exp((span * p) / LOG_POSITIONS)).toPrecision(SIGNIFICANT)), min, max);
  }
}

function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}
