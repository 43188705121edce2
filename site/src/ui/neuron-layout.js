// Where everything of the neuron graph goes (issue 19), computed as numbers from the description alone: the graph
// never reads a position back from the page (no layout thrash), and the lines canvas uses the same numbers.
// Columns run left to right; a column taller than maxTilesHeight wraps its tiles into side-by-side sub-columns
// (unit i goes down sub-column ⌊i / rows⌋), and every column is centred vertically on the tallest.

export const LAYOUT = {
  cellPx: 1, // CSS pixels per cell of a tile (a tile is description.tile.width × height cells)
  gapX: 8, // between sub-columns: each tile's bias mark sits in the gap to its left
  gapY: 4,
  columnGap: 64, // between columns: the lines run here
  boxWidth: 96,
  boxHeight: 64,
  boxCharsPerLine: 13, // at the graph's 0.72rem in a box boxWidth wide (a long error makes a taller box)
  boxLinePx: 15,
  header: 48, // the column's label, dead count and legend above its tiles
  lastHeadWidth: 104, // the last column's heading has no neighbour: room for "Linear · 0 dead" and its legend
  maxTilesHeight: 320,
  pad: 10,
};

/** What a box says under its name: the layer's error, why it is a box, or that it is the user's own. */
export function boxText(entry) {
  return entry.error || entry.note || `not drawn (a layer of your own)${entry.size != null ? ` → ${entry.size}` : ""}`;
}

/** A box's height for its text, wrapped at ~13 characters a line (no text is cut; nothing is measured). */
function boxHeight(entry, o) {
  const lines = 1 + Math.ceil(boxText(entry).length / o.boxCharsPerLine);
  return Math.max(o.boxHeight, 10 + lines * o.boxLinePx);
}

/** {width, height, tileWidth, tileHeight, items: [{entry, x, y, width, height, headWidth, tiles: [{x, y}] | null}]} */
export function layoutGraph(description, options = {}) {
  const o = { ...LAYOUT, ...options };
  const tileWidth = Math.round(description.tile.width * o.cellPx);
  const tileHeight = Math.round(description.tile.height * o.cellPx);
  const pitchY = tileHeight + o.gapY;
  const pitchX = tileWidth + o.gapX;
  const maxRows = Math.max(1, Math.floor((o.maxTilesHeight + o.gapY) / pitchY));
  const items = description.graph.map((entry) => {
    if (entry.kind !== "column") return { entry, width: o.boxWidth, height: boxHeight(entry, o), tiles: null };
    const subColumns = Math.ceil(entry.size / maxRows);
    const rows = Math.ceil(entry.size / subColumns);
    const tiles = entry.units.map((_, i) => ({
      x: o.gapX + Math.floor(i / rows) * pitchX, y: (i % rows) * pitchY }));
    return { entry, width: o.gapX + subColumns * pitchX - o.gapX / 2, height: rows * pitchY - o.gapY, tiles };
  });
  const area = Math.max(...items.map((item) => item.height));
  let x = o.pad;
  let right = 0;
  for (const item of items) {
    item.x = x;
    item.headWidth = item.width + o.columnGap - 8; // a heading may run into the gap to its right
    if (item === items[items.length - 1]) item.headWidth = Math.max(item.width, o.lastHeadWidth);
    right = x + Math.max(item.width, item.tiles ? item.headWidth : 0);
    item.y = o.pad + o.header + Math.round((area - item.height) / 2);
    for (const tile of item.tiles || []) {
      tile.x += item.x;
      tile.y += item.y;
    }
    x += item.width + o.columnGap;
  }
  return { width: right + o.pad, height: o.pad + o.header + area + o.pad, tileWidth, tileHeight,
    headerTop: o.pad, headerHeight: o.header, items };
}
