// The colours of the runs overlaid on the chart (ui/chart.js), also the Runs panel's markers (ui/runs.js). A module of
// its own: the Runs panel is made with the page, and importing them from chart.js would start uPlot there too,
// before the editor takes keystrokes (issue 22: uPlot's start is the chart's own part).

/** Overlay colours, in the order runs are ticked (distinct from the current run's orange and the previous grey). */
export const OVERLAY_COLOURS = ["#1c7ed6", "#2b8a3e", "#862e9c", "#8d5524", "#0b7285", "#c2255c", "#5c940d",
  "#364fc7", "#a61e4d", "#495057", "#099268", "#15aabf"];


/** `n` distinct overlay colours: the palette while it lasts, else `n` hues evenly around the wheel (no repeats, none near the orange of "this run"). */
export function overlayColours(n) {
  if (n <= OVERLAY_COLOURS.length) return OVERLAY_COLOURS.slice(0, n);
  return Array.from({ length: n }, (_, i) => hslHex(50 + (i * 300) / n, 0.7, i % 2 ? 0.36 : 0.5));
}

function hslHex(h, s, l) {
  const f = (k) => {
    const a = s * Math.min(l, 1 - l);
    const t = (k + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(t - 3, 9 - t, 1));
    return Math.round(v * 255).toString(16).padStart(2, "0");
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}
