// Colours of the neuron graph (issue 19): one diverging scale (negative, zero, positive: site/py/network_view.py's
// WEIGHT_SCALE, sent as description.scale) for the tiles, the bias marks and the lines. site/py/neurons.py sends each
// tile as one byte per cell on its column's symmetric scale (0 = −limit, 127.5 = 0, 255 = +limit), so one 256-entry
// lookup table colours every tile of every column.

function hexRgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

/** [r, g, b] of t in [−1, 1] on the scale's three stops, each already [r, g, b]. */
function mix(t, [neg, mid, pos]) {
  const c = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  const end = c < 0 ? neg : pos;
  const a = Math.abs(c);
  return mid.map((m, k) => Math.round(m + (end[k] - m) * a));
}

const palettes = new Map(); // scale key → {stops, lut}

/** The scale's parsed stops and its lookup table (Uint32 RGBA per code 0..255, in the platform's byte order). */
export function palette(scale) {
  const key = scale.join(",");
  let found = palettes.get(key);
  if (!found) {
    const stops = scale.map(hexRgb);
    const bytes = new Uint8ClampedArray(256 * 4);
    for (let q = 0; q < 256; q++) {
      const [r, g, b] = mix(q / 127.5 - 1, stops);
      bytes.set([r, g, b, 255], q * 4);
    }
    found = { stops, lut: new Uint32Array(bytes.buffer) };
    palettes.set(key, found);
  }
  return found;
}

/** CSS colour of v on [−limit, limit]. */
export function cssColour(v, limit, scale) {
  const [r, g, b] = mix(limit > 0 ? v / limit : 0, palette(scale).stops);
  return `rgb(${r},${g},${b})`;
}

/** Paint one tile's codes (width × height bytes) into ``image`` (an ImageData of that size) and return it. */
export function paintCodes(image, codes, scale) {
  const { lut } = palette(scale);
  const out = new Uint32Array(image.data.buffer, image.data.byteOffset, codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = lut[codes[i]];
  return image;
}

/** The codes of tile ``tile`` inside the description's pixel bytes. */
export function tileCodes(pixels, description, tile) {
  const cells = description.tile.width * description.tile.height;
  return pixels.subarray(tile * cells, (tile + 1) * cells);
}

/** Every tile, coloured, stacked top to bottom in ``atlas`` (a canvas width × height·tiles): one putImageData, after
 * which a tile is one drawImage away. */
export function paintAtlas(atlas, pixels, description) {
  const { width, height } = description.tile;
  const rows = height * Math.max(1, description.tiles);
  if (atlas.width !== width) atlas.width = width;
  if (atlas.height !== rows) atlas.height = rows;
  const ctx = atlas.getContext("2d");
  const image = ctx.createImageData(width, rows);
  ctx.putImageData(paintCodes(image, pixels.subarray(0, width * height * description.tiles), description.scale), 0, 0);
  return atlas;
}

/** Draw a unit's tile into ``canvas`` at one pixel per cell (the large map can scale it with CSS). */
export function paintUnit(canvas, pixels, description, tile) {
  const { width, height } = description.tile;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext("2d");
  ctx.putImageData(paintCodes(ctx.createImageData(width, height), tileCodes(pixels, description, tile),
    description.scale), 0, 0);
}

/** CSS gradient of a column's legend: its colours from range[0] to range[1], through 0 when it spans it. */
export function legendGradient(column, scale) {
  const [lo, hi] = column.range;
  const stops = [cssColour(lo, column.limit, scale)];
  if (lo < 0 && hi > 0) stops.push(`${cssColour(0, column.limit, scale)} ${(100 * -lo) / (hi - lo)}%`);
  stops.push(cssColour(hi, column.limit, scale));
  return `linear-gradient(to right, ${stops.join(", ")})`;
}
