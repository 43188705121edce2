// The colour-space map: one hue × lightness slice of colour space at a chosen saturation, as two images —
// the network's prediction for every cell and its ΔE00 error against the target (heat map, ΔE00 = 1 contour in
// black). The worker computes both as RGBA bytes in one batched predict (site/py/colour_map.py) and transfers them;
// here they only go onto canvases with putImageData. Hovering or clicking a cell makes its colour the probe.
// showUnit(unit) puts one unit of the neuron graph (issue 19) on the large map instead of the prediction, named in
// its caption with its bias and largest incoming weights; a click on the map (or showUnit(null)) goes back.
import { paintCodes } from "./neuron-colours.js";
import { isHex } from "./hex.js";

function toImageData(bytes, width, height) {
  const clamped = new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new ImageData(clamped, width, height);
}

function hex(r, g, b) {
  return "#" + [r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("");
}

const signed = (w) => (w >= 0 ? "+" : "−") + Math.abs(w).toPrecision(2);

/** What the map says about a unit: its title ("layer 2 · unit 5 · ReLU") and its bias, weights and range. */
export function unitCaption(unit) {
  const parts = [];
  if (unit.bias != null) parts.push(`bias ${signed(unit.bias)}`);
  if (unit.weights.length) {
    parts.push(`largest incoming weights ${unit.weights.map((e) => `${e.from} ${signed(e.w)}`).join(", ")}`);
  }
  let lo = 255;
  let hi = 0;
  for (const q of unit.codes) {
    lo = Math.min(lo, q);
    hi = Math.max(hi, q);
  }
  const value = (q) => (q / 127.5 - 1) * unit.limit; // the tile's codes, on its column's scale
  parts.push(`output ${signed(value(lo))} to ${signed(value(hi))} over the slice`);
  return { title: unit.title + (unit.dead ? " (dead)" : ""), detail: parts.join(" · ") };
}

/**
 * createColourMap({predicted, error, saturation, saturationValue, legend, readout, caption, unitInfo})
 * → {show(event), showUnit(unit), saturation(), state(), onProbe(listener), onSaturation(listener),
 *    onPrediction(listener)}
 * caption: the predicted map's caption (the unit's name while one is shown); unitInfo: its bias and weights (its
 * text while the prediction is shown comes from the page).
 * predicted / error: <canvas>; saturation: <input type=range> 0–1; legend: element for the ΔE00 scale;
 * readout: element for "mean ΔE00 …". onProbe(listener): listener(hex) when a cell is hovered or clicked;
 * onSaturation(listener): listener(value) when the saturation changes (set after creation: the probe and the
 * views need the map).
 */
export function createColourMap(els) {
  let onProbe = () => {};
  let onSaturation = () => {};
  let onPrediction = () => {};
  let unit = null; // the neuron graph's unit shown instead of the prediction, or null
  let prediction = null; // the latest prediction's RGBA bytes, {bytes, width, height}
  const predictedLabel = els.predicted.getAttribute("aria-label");
  const unitHint = els.unitInfo.textContent; // what the unit line says while the map shows the prediction
  let updated = 0;
  let meanDeltaE = null;
  let inputs = null; // RGBA bytes of the input colour of every cell (for hover → probe)
  let size = { width: 0, height: 0 };
  let legendKey = "";

  function drawLegend(scale) {
    const key = JSON.stringify(scale);
    if (key === legendKey) return;
    legendKey = key;
    const stops = scale.map(([, colour], i) => `${colour} ${((i / (scale.length - 1)) * 100).toFixed(1)}%`);
    els.legend.textContent = "";
    const bar = document.createElement("div");
    bar.className = "map-scale-bar";
    bar.style.background = `linear-gradient(to right, ${stops.join(", ")})`;
    const labels = document.createElement("div");
    labels.className = "map-scale-labels";
    scale.forEach(([value], i) => {
      const label = document.createElement("span");
      label.textContent = i === scale.length - 1 ? `${value}+` : String(value);
      labels.append(label);
    });
    const contour = document.createElement("span");
    contour.className = "map-contour-key";
    contour.textContent = "black cells: the ΔE00 = 1 contour";
    els.legend.append(bar, labels, contour);
  }

  function cellColour(canvas, event) {
    if (!inputs || !size.width) return null;
    const rect = canvas.getBoundingClientRect();
    const x = Math.floor(((event.clientX - rect.left) / rect.width) * size.width);
    const y = Math.floor(((event.clientY - rect.top) / rect.height) * size.height);
    if (x < 0 || y < 0 || x >= size.width || y >= size.height) return null;
    const i = (y * size.width + x) * 4;
    return hex(inputs[i], inputs[i + 1], inputs[i + 2]);
  }

  let pendingHover = null;
  function hovered(canvas, event) {
    const colour = cellColour(canvas, event);
    if (!colour) return;
    if (pendingHover === null) {
      requestAnimationFrame(() => {
        const c = pendingHover;
        pendingHover = null;
        onProbe(c);
      });
    }
    pendingHover = colour;
  }
  for (const canvas of [els.predicted, els.error]) {
    canvas.addEventListener("mousemove", (e) => hovered(canvas, e));
    canvas.addEventListener("click", (e) => {
      if (unit && canvas === els.predicted) return onPrediction();
      const colour = cellColour(canvas, e);
      if (colour) onProbe(colour);
    });
  }
  els.saturation.addEventListener("change", () => onSaturation(Number(els.saturation.value)));
  els.saturation.addEventListener("input", () => {
    if (els.saturationValue) els.saturationValue.textContent = Number(els.saturation.value).toFixed(2);
  });

  function drawPrediction() {
    if (!prediction) return;
    const { bytes, width, height } = prediction;
    if (els.predicted.width !== width) els.predicted.width = width;
    if (els.predicted.height !== height) els.predicted.height = height;
    els.predicted.getContext("2d").putImageData(toImageData(bytes, width, height), 0, 0);
  }

  function drawUnit() {
    const { width, height } = unit;
    if (els.predicted.width !== width) els.predicted.width = width;
    if (els.predicted.height !== height) els.predicted.height = height;
    const ctx = els.predicted.getContext("2d");
    ctx.putImageData(paintCodes(ctx.createImageData(width, height), unit.codes, unit.scale), 0, 0);
  }

  return {
    /** Show a unit of the neuron graph (its onShow argument) on the large map, or the prediction again (null). */
    showUnit(next) {
      unit = next;
      if (unit) {
        const { title, detail } = unitCaption(unit);
        els.caption.textContent = title;
        els.caption.title = title;
        els.unitInfo.textContent = detail;
        els.predicted.setAttribute("aria-label", `${title}: its output over hue and lightness. ${detail}`);
        drawUnit();
      } else {
        els.caption.textContent = "predicted";
        els.caption.removeAttribute("title");
        els.unitInfo.textContent = unitHint;
        els.predicted.setAttribute("aria-label", predictedLabel);
        drawPrediction();
      }
    },
    /** event: the worker's `insight` event; its map meta and images 0–2 (inputs, prediction, error). */
    show(event) {
      const map = event.map;
      if (!map) {
        if (event.mapError) els.readout.textContent = `The map cannot be drawn: ${event.mapError}`;
        return;
      }
      const { width, height } = map;
      if (els.error.width !== width) els.error.width = width;
      if (els.error.height !== height) els.error.height = height;
      inputs = event.images[0];
      size = { width, height };
      prediction = { bytes: event.images[1], width, height };
      if (!unit) drawPrediction();
      els.error.getContext("2d").putImageData(toImageData(event.images[2], width, height), 0, 0);
      drawLegend(map.scale);
      updated += 1;
      meanDeltaE = map.meanDeltaE;
      const mean = meanDeltaE == null ? "—" : meanDeltaE.toFixed(2);
      const worst = isHex(map.worstColour) ? ` at ${map.worstColour}` : ""; // the worker's text is checked
      const max = map.maxDeltaE == null ? "—" : map.maxDeltaE.toFixed(1) + worst;
      els.readout.textContent = `saturation ${map.saturation.toFixed(2)} · mean ΔE00 ${mean} · max ${max}` +
        (event.step != null ? ` · step ${event.step}` : "");
      els.error.setAttribute("aria-label", `Error map, ΔE00 between prediction and target over hue and ` +
        `lightness at saturation ${map.saturation.toFixed(2)}: mean ${mean}, max ${max}`);
    },
    saturation: () => Number(els.saturation.value),
    state: () => ({ updated, meanDeltaE }),
    onProbe(listener) {
      onProbe = listener;
    },
    onSaturation(listener) {
      onSaturation = listener;
    },
    /** listener() when a click on the large map asks for the prediction again (while a unit is shown). */
    onPrediction(listener) {
      onPrediction = listener;
    },
  };
}
