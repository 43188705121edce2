// Where everything of the neuron graph goes (issue 19), computed as numbers from the description alone: the graph
// never reads a position back from the page (no layout thrash), and the lines canvas uses the same numbers.
// layoutGraph: columns run left to right; a column taller than maxTilesHeight wraps its tiles into side-by-side
// sub-columns (unit i goes down sub-column ⌊i / rows⌋), and every column is centred vertically on the tallest.
// layoutGraphDown: the same graph for a narrow panel (under ~800 px): layers run top to bottom, each one's heading
// a row of its own, its tiles wrapped into rows of the panel's width; the lines run down between the layers.
// fitGraph picks the first that fits the panel's width, so the graph never scrolls sideways.

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
  rowGap: 36, // layoutGraphDown: between layers, where the lines run
  minWidth: 200, // layoutGraphDown: the narrowest panel it lays out for (a narrower one gets this width)
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

/** {flow: "right", width, height, tileWidth, tileHeight,
 *   items: [{entry, x, y, width, height, head: {x, y, width, height} | null, tiles: [{x, y}] | null}]} */
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
    let headWidth = item.width + o.columnGap - 8; // a heading may run into the gap to its right
    if (item === items[items.length - 1]) headWidth = Math.max(item.width, o.lastHeadWidth);
    item.head = item.tiles ? { x, y: o.pad, width: headWidth, height: o.header } : null;
    right = x + Math.max(item.width, item.tiles ? headWidth : 0);
    item.y = o.pad + o.header + Math.round((area - item.height) / 2);
    for (const tile of item.tiles || []) {
      tile.x += item.x;
      tile.y += item.y;
    }
    x += item.width + o.columnGap;
  }
  return { flow: "right", width: right + o.pad, height: o.pad + o.header + area + o.pad, tileWidth, tileHeight,
    items };
}

/** The same graph top to bottom within ``width`` CSS px: {flow: "down", ...} as layoutGraph's. */
export function layoutGraphDown(description, options = {}, width = 375) {
  const o = { ...LAYOUT, ...options };
  const tileWidth = Math.round(description.tile.width * o.cellPx);
  const tileHeight = Math.round(description.tile.height * o.cellPx);
  const pitchX = tileWidth + o.gapX;
  const pitchY = tileHeight + o.gapY;
  const inner = Math.max(width, o.minWidth) - 2 * o.pad;
  const perRow = Math.max(1, Math.floor((inner - o.gapX - tileWidth) / pitchX) + 1); // each tile's bias mark: left
  let y = o.pad;
  const items = description.graph.map((entry) => {
    if (entry.kind !== "column") {
      const item = { entry, x: o.pad, y, width: Math.min(inner, o.boxWidth), height: boxHeight(entry, o),
        head: null, tiles: null };
      y += item.height + o.rowGap;
      return item;
    }
    const head = { x: o.pad, y, width: inner, height: o.header };
    y += o.header;
    const across = Math.min(entry.size, perRow);
    const width = o.gapX + across * pitchX - o.gapX; // the first bias mark, the tiles and the gaps between them
    const x = o.pad + Math.floor((inner - width) / 2);
    const tiles = entry.units.map((_, i) => ({ x: x + o.gapX + (i % perRow) * pitchX,
      y: y + Math.floor(i / perRow) * pitchY }));
    const height = Math.ceil(entry.size / perRow) * pitchY - o.gapY;
    y += height + o.rowGap;
    return { entry, x, y: tiles[0]?.y ?? y, width, height, head, tiles };
  });
  return { flow: "down", width: inner + 2 * o.pad, height: y - o.rowGap + o.pad, tileWidth, tileHeight, items };
}

/** layoutGraph when it fits ``width`` CSS px (or the width is not known yet), else layoutGraphDown. */
export function fitGraph(description, options = {}, width = null) {
  const across = layoutGraph(description, options);
  return width == null || across.width <= width ? across : layoutGraphDown(description, options, width);
}
