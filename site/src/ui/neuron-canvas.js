// The neuron graph's pictures (issue 19), all on one canvas under the tiles' focusable buttons: a line from every
// unit to every unit of the next column (all of them, for columns up to 64 wide and more), coloured by the weight's
// sign and made thicker and more opaque with |w| on one scale for the whole graph (description.weightLimit); each
// unit's bias as a small square left of its tile on the same scale; then the tiles themselves, copied from the
// atlas (neuron-colours.js paintAtlas), dead ones greyed. Lines are grouped by sign and strength into a few paths,
// so a redraw is ~20 strokes whatever the number of weights (the default 3→64→32→16→3 net has 2,800).

import { cssColour, palette } from "./neuron-colours.js";

export const LEVELS = 6; // strength buckets per sign
const BIAS_MARK = 5; // CSS px
const BOX_WIRE = "rgba(128, 128, 128, 0.6)";
const DEAD_VEIL = "rgba(128, 128, 128, 0.75)"; // over a dead tile (its button also carries a ✕)

/** The lines' and bias marks' strength level of |v| on [0, limit]: 0 (weakest) .. LEVELS - 1. */
export function level(v, limit) {
  return Math.min(LEVELS - 1, Math.floor((Math.abs(v) / limit) * LEVELS));
}

/** Size ``canvas`` for the layout (once per structure: assigning a size clears it) in device pixels. */
export function sizeLines(canvas, layout, ratio = window.devicePixelRatio || 1) {
  const width = Math.ceil(layout.width * ratio);
  const height = Math.ceil(layout.height * ratio);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  canvas.style.width = `${layout.width}px`;
  canvas.style.height = `${layout.height}px`;
  canvas.dataset.ratio = String(ratio);
}

/** Redraw the whole graph of ``description`` at the positions of ``layout``, its tiles from ``atlas``. */
export function drawGraph(canvas, layout, description, atlas) {
  const ratio = Number(canvas.dataset.ratio) || 1;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  const limit = description.weightLimit || 1;
  const scale = description.scale;
  const { stops } = palette(scale);
  const buckets = [0, 1].map(() => Array.from({ length: LEVELS }, () => new Path2D()));
  const { out, into } = anchors(layout);
  layout.items.forEach((item, k) => {
    const before = layout.items[k - 1];
    if (!item.tiles || !item.entry.linked || !before?.tiles) return;
    item.entry.units.forEach((unit, i) => {
      const [x1, y1] = into(item.tiles[i]);
      unit.weights.forEach((w, j) => {
        if (!(w > 0 || w < 0)) return; // 0 and NaN: no line
        const path = buckets[w > 0 ? 1 : 0][level(w, limit)];
        path.moveTo(...out(before.tiles[j]));
        path.lineTo(x1, y1);
      });
    });
  });
  ctx.lineCap = "butt";
  drawBoxWires(ctx, layout, out, into);
  buckets.forEach((paths, sign) => {
    const [r, g, b] = stops[sign ? 2 : 0];
    paths.forEach((path, lv) => {
      const strength = (lv + 1) / LEVELS;
      ctx.strokeStyle = `rgba(${r},${g},${b},${(0.12 + 0.78 * strength).toFixed(3)})`;
      ctx.lineWidth = 0.4 + 2.4 * strength;
      ctx.stroke(path);
    });
  });
  drawBiases(ctx, layout, limit, scale);
  drawTiles(ctx, layout, description, atlas);
}

/** Where lines leave a tile or a box (`out`) and come into one (`into`), as [x, y]: right edge to left edge when
 * the layers run left to right (layout.flow "right"), bottom edge to top edge when they run down. A tile is {x, y}
 * (layout.tileWidth × tileHeight); a box is its layout item ({entry, x, y, width, height}). */
export function anchors(layout) {
  const size = (t) => ("entry" in t ? [t.width, t.height] : [layout.tileWidth, layout.tileHeight]);
  if (layout.flow === "down") {
    return { out: (t) => { const [w, h] = size(t); return [t.x + w / 2, t.y + h]; },
      into: (t) => [t.x + size(t)[0] / 2, t.y] };
  }
  return { out: (t) => { const [w, h] = size(t); return [t.x + w, t.y + h / 2]; },
    into: (t) => [t.x, t.y + size(t)[1] / 2] };
}

/** Thin grey wires into and out of each box (a user's layer has no weights the graph can draw). */
function drawBoxWires(ctx, layout, out, into) {
  const wires = new Path2D();
  layout.items.forEach((item, k) => {
    if (item.tiles) return;
    const before = layout.items[k - 1];
    const after = layout.items[k + 1];
    for (const tile of before?.tiles || []) {
      wires.moveTo(...out(tile));
      wires.lineTo(...into(item));
    }
    if (before && !before.tiles) { // box after box
      wires.moveTo(...out(before));
      wires.lineTo(...into(item));
    }
    for (const tile of after?.tiles || []) {
      wires.moveTo(...out(item));
      wires.lineTo(...into(tile));
    }
  });
  ctx.strokeStyle = BOX_WIRE;
  ctx.lineWidth = 0.75;
  ctx.stroke(wires);
}

function drawBiases(ctx, layout, limit, scale) {
  for (const item of layout.items) {
    if (!item.tiles || item.entry.biases == null) continue; // the inputs (and outputs after a box) have none
    item.entry.units.forEach((unit, i) => {
      const tile = item.tiles[i];
      ctx.fillStyle = cssColour(unit.bias, limit, scale);
      ctx.fillRect(tile.x - BIAS_MARK - 1, tile.y + layout.tileHeight - BIAS_MARK, BIAS_MARK, BIAS_MARK);
      ctx.strokeStyle = "rgba(0,0,0,0.45)";
      ctx.lineWidth = 0.5;
      ctx.strokeRect(tile.x - BIAS_MARK - 1, tile.y + layout.tileHeight - BIAS_MARK, BIAS_MARK, BIAS_MARK);
    });
  }
}

function drawTiles(ctx, layout, description, atlas) {
  const { width, height } = description.tile;
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = DEAD_VEIL;
  for (const item of layout.items) {
    if (!item.tiles) continue;
    item.entry.units.forEach((unit, i) => {
      const { x, y } = item.tiles[i];
      ctx.drawImage(atlas, 0, unit.tile * height, width, height, x, y, layout.tileWidth, layout.tileHeight);
      if (unit.dead) ctx.fillRect(x, y, layout.tileWidth, layout.tileHeight);
    });
  }
}
