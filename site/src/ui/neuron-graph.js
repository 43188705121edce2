// The neuron graph (issue 19): every unit of the user's network as a small picture of its activation over the
// colour-space map's hue × lightness slice, wired layer to layer, as TensorFlow Playground draws it. The data is
// site/py/neurons.py's `neuron_graph` (a description and one byte per tile cell; docs/ARCHITECTURE.md, "Neuron
// graph"). Each tile is a button (roving tabindex: Tab enters the graph once, arrow keys move between units and
// layers); hover, focus or click calls onShow(unit) so the large map can show it, Esc calls onShow(null).
// The page is rebuilt only when the network's shape changes; an update redraws the one canvas (lines, bias marks,
// tiles) under the tiles' buttons and the attributes and texts that changed, and reads no layout.

import { legendGradient, paintAtlas, tileCodes } from "./neuron-colours.js";
import { boxText, fitGraph } from "./neuron-layout.js";
import { drawGraph, sizeLines } from "./neuron-canvas.js";
import { openGraph } from "./neuron-data.js";

const fmt = (v) => (!Number.isFinite(v) ? "not a number" : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(2));

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function place(el, x, y, width, height) {
  Object.assign(el.style, { left: `${x}px`, top: `${y}px`, width: `${width}px`, height: `${height}px` });
}

/** "layer 2 · unit 5 · ReLU" (inputs and outputs name their channel: "inputs · R", "outputs · unit 0 (R) · Linear"). */
export function unitTitle(column, unit) {
  const name = unit.name ? ` (${unit.name})` : "";
  if (column.activation === "input") return `inputs · ${unit.name ?? `unit ${unit.unit}`}`;
  return `${column.label} · unit ${unit.unit}${name} · ${column.activation}`;
}

/** The accessible name of a tile: layer, unit, activation function, bias, dead or not. */
export function unitLabel(column, unit) {
  const bias = column.biases == null ? "" : ` · bias ${fmt(unit.bias)}`; // inputs, and outputs after a box: none
  const dead = column.activation === "input" ? "" : unit.dead ? " · dead" : " · alive";
  return `${unitTitle(column, unit)}${bias}${dead}`;
}

/** The ``count`` incoming weights of largest |w|: [{from: "C:j", w}], strongest first. */
export function largestWeights(column, unit, count = 3) {
  if (!unit.weights || !column.linked) return [];
  return Array.from(unit.weights, (w, j) => ({ from: `${column.column - 1}:${j}`, w }))
    .filter((e) => Number.isFinite(e.w)).sort((a, b) => Math.abs(b.w) - Math.abs(a.w)).slice(0, count);
}

function signature(description, flow) {
  const t = description.tile;
  return `${flow}|${t.width}x${t.height}|` + description.graph.map((e) => e.kind === "column"
    ? `c${e.size}:${e.linked}` : `b${e.name}:${e.size}:${e.error || ""}:${e.note || ""}`).join("|");
}

/**
 * createNeuronGraph({root, onShow, layout?}) → {show(description, pixels, numbers), fit(width), showPrediction(),
 * state()}. fit(width): the panel's width in CSS px (from a ResizeObserver: the graph reads no layout itself); the
 * graph lays itself out top to bottom when left to right would not fit (neuron-layout.js fitGraph).
 */
export function createNeuronGraph({ root, onShow = () => {}, layout: layoutOptions = {} }) {
  root.dataset.testid = "neuron-graph";
  root.classList.add("ng");
  setAttr(root, "role", "group");
  setAttr(root, "aria-label", "Network graph: each unit's output over the colour map's slice");
  let built = "";
  let layout = null;
  let description = null;
  let pixels = null;
  let canvas = null; // the whole picture, under the buttons
  const atlas = document.createElement("canvas"); // every tile's colours, one under the other (never shown)
  let columns = []; // per item of the layout: {column, tiles: [button], label, dead, bar, lo, hi} or null
  let tileCount = 0;
  let updated = 0;
  let showing = null; // "C:i" on the large map, or null (the prediction)
  let pinned = null; // the tile clicked last (hover and focus show a tile until they leave it)
  let current = null; // "C:i" of the tile that takes the focus when Tab enters the graph
  let width = null; // the panel's width (CSS px), or null: not known, lay out left to right

  function unitAt(id) {
    const [c, i] = id.split(":").map(Number);
    const item = layout?.items.find((it) => it.entry.kind === "column" && it.entry.column === c);
    if (!item || i >= item.entry.size) return null;
    const column = item.entry;
    const unit = column.units[i];
    return { id, column: c, unit: i, title: unitTitle(column, unit), label: unitLabel(column, unit),
      activation: column.activation, bias: unit.bias, dead: unit.dead, range: column.range, limit: column.limit,
      weights: largestWeights(column, unit), tile: unit.tile, width: description.tile.width,
      height: description.tile.height, scale: description.scale, codes: tileCodes(pixels, description, unit.tile) };
  }

  function display(id) {
    const unit = id == null ? null : unitAt(id);
    const next = unit ? id : null;
    if (next === showing) return;
    showing = next;
    root.querySelectorAll(".ng-showing").forEach((el) => el.classList.remove("ng-showing"));
    if (next) tileElement(next)?.classList.add("ng-showing");
    onShow(unit);
  }

  function tileElement(id) {
    const [c, i] = id.split(":").map(Number);
    return columns.find((col) => col?.column === c)?.tiles[i] ?? null;
  }

  function build() {
    root.textContent = "";
    canvas = document.createElement("canvas");
    canvas.className = "ng-canvas";
    canvas.setAttribute("aria-hidden", "true");
    sizeLines(canvas, layout);
    const frag = document.createDocumentFragment();
    frag.append(canvas);
    columns = layout.items.map((item) => {
      const e = item.entry;
      if (e.kind !== "column") {
        const box = document.createElement("div");
        box.className = "ng-box";
        place(box, item.x, item.y, item.width, item.height);
        box.style.height = "";
        box.style.minHeight = `${item.height}px`; // may grow if the estimate of its text's lines was short
        const title = document.createElement("strong");
        title.textContent = e.name;
        const note = document.createElement("span");
        note.textContent = boxText(e);
        box.append(title, note);
        frag.append(box);
        return null;
      }
      const head = document.createElement("div");
      head.className = "ng-head";
      place(head, item.head.x, item.head.y, item.head.width, item.head.height);
      const label = document.createElement("span");
      const dead = document.createElement("span");
      dead.className = "ng-dead-count";
      const legend = document.createElement("span");
      legend.className = "ng-legend";
      const lo = document.createElement("span");
      const bar = document.createElement("span");
      bar.className = "ng-legend-bar";
      const hi = document.createElement("span");
      legend.append(lo, bar, hi);
      head.append(label, dead, legend);
      frag.append(head);
      const tiles = e.units.map((unit, i) => {
        const el = document.createElement("button");
        el.type = "button";
        el.className = "ng-tile";
        el.dataset.unit = `${e.column}:${i}`;
        el.tabIndex = -1;
        place(el, item.tiles[i].x, item.tiles[i].y, layout.tileWidth, layout.tileHeight);
        frag.append(el);
        return el;
      });
      return { column: e.column, tiles, label, dead, bar, lo, hi };
    });
    root.dataset.flow = layout.flow;
    root.style.width = `${layout.width}px`;
    root.style.height = `${layout.height}px`;
    root.append(frag);
  }

  function update() {
    const scale = description.scale;
    layout.items.forEach((item, k) => {
      const parts = columns[k];
      if (!parts) return;
      const e = item.entry;
      setText(parts.label, e.label);
      setText(parts.dead, e.activation === "input" ? "R, G, B" : `${e.activation} · ${e.dead} dead`);
      setText(parts.lo, fmt(e.range[0]));
      setText(parts.hi, fmt(e.range[1]) + (e.nonFinite ? ` (${e.nonFinite} not a number)` : ""));
      const gradient = legendGradient(e, scale);
      if (parts.bar.dataset.gradient !== gradient) {
        parts.bar.dataset.gradient = gradient;
        parts.bar.style.background = gradient;
      }
      e.units.forEach((unit, i) => {
        setAttr(parts.tiles[i], "data-dead", String(unit.dead));
        setAttr(parts.tiles[i], "aria-label", unitLabel(e, unit));
      });
    });
    drawGraph(canvas, layout, description, paintAtlas(atlas, pixels, description));
  }

  // Along a layer's units: Up/Down when the layers run left to right, Left/Right when they run down (and across
  // layers the other pair), so the keys move the way the tiles lie.
  const ALONG = { right: { ArrowDown: 1, ArrowUp: -1 }, down: { ArrowRight: 1, ArrowLeft: -1 } };
  const ACROSS = { right: { ArrowRight: 1, ArrowLeft: -1 }, down: { ArrowDown: 1, ArrowUp: -1 } };

  function move(id, key) {
    const [c, i] = id.split(":").map(Number);
    const list = layout.items.filter((it) => it.entry.kind === "column").map((it) => it.entry);
    const at = list.findIndex((col) => col.column === c);
    let target = null;
    if (key in ALONG[layout.flow]) {
      const j = i + ALONG[layout.flow][key];
      if (j >= 0 && j < list[at].size) target = `${c}:${j}`;
    } else if (key === "Home" || key === "End") {
      target = `${c}:${key === "Home" ? 0 : list[at].size - 1}`;
    } else {
      const next = list[at + ACROSS[layout.flow][key]];
      if (next) {
        const share = list[at].size > 1 ? i / (list[at].size - 1) : 0.5;
        target = `${next.column}:${Math.round(share * (next.size - 1))}`;
      }
    }
    if (target) focusTile(target);
  }

  function focusTile(id) {
    const el = tileElement(id);
    if (!el) return;
    if (current) {
      const old = tileElement(current);
      if (old) old.tabIndex = -1;
    }
    current = id;
    el.tabIndex = 0;
    el.focus();
  }

  const tileOf = (event) => event.target.closest?.(".ng-tile")?.dataset.unit ?? null;
  root.addEventListener("keydown", (event) => {
    const id = tileOf(event);
    if (event.key === "Escape") {
      pinned = null;
      display(null);
    } else if (id && ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) {
      event.preventDefault();
      move(id, event.key);
    }
  });
  root.addEventListener("click", (event) => {
    const id = tileOf(event);
    if (!id) return;
    pinned = id;
    focusTile(id);
    display(id);
  });
  root.addEventListener("focusin", (event) => {
    const id = tileOf(event);
    if (id) display(id);
  });
  root.addEventListener("focusout", (event) => {
    if (!root.contains(event.relatedTarget)) display(pinned);
  });
  root.addEventListener("pointerover", (event) => {
    const id = tileOf(event);
    if (id) display(id);
  });
  root.addEventListener("pointerleave", () => {
    display(root.contains(document.activeElement) ? tileOf({ target: document.activeElement }) : pinned);
  });

  return {
    /** Draw neurons.neuron_graph's description with its pixels and numbers (Uint8Arrays or ArrayBuffers). */
    show(next, pixelBytes, numbers) {
      description = openGraph(next, numbers);
      pixels = pixelBytes instanceof ArrayBuffer ? new Uint8Array(pixelBytes) : pixelBytes;
      relayout(false);
      update();
      updated += 1;
      if (showing) {
        tileElement(showing)?.classList.add("ng-showing");
        onShow(unitAt(showing)); // the unit's picture and numbers changed with the weights
      }
    },
    /** The panel is ``px`` CSS px wide: lay out again (and redraw) if the graph's flow or size changes with it. */
    fit(px) {
      if (px === width) return;
      width = px;
      if (description && relayout(true)) update();
    },
    /** Back to the prediction (e.g. a click on the large map's output). */
    showPrediction() {
      pinned = null;
      display(null);
    },
    state: () => ({ tiles: tileCount, updated, showing: showing ?? "prediction", flow: layout?.flow ?? null }),
  };

  /** Lay the graph out for ``description`` and ``width``; rebuild the page only if the structure or (when
   * ``onResize``) the layout's size changed. Returns whether it rebuilt. */
  function relayout(onResize) {
    const next = fitGraph(description, layoutOptions, width);
    const sig = signature(description, next.flow);
    if (sig === built && !(onResize && (next.width !== layout.width || next.height !== layout.height))) return false;
    const focusedUnit = root.contains(document.activeElement) ? tileOf({ target: document.activeElement }) : null;
    const keep = current;
    layout = next;
    build();
    built = sig;
    tileCount = description.tiles;
    const first = columns.find(Boolean)?.tiles[0];
    current = keep && tileElement(keep) ? keep : first ? first.dataset.unit : null;
    if (current) tileElement(current).tabIndex = 0;
    if (focusedUnit && tileElement(focusedUnit)) focusTile(focusedUnit); // a new shape keeps the keyboard's place
    if (pinned && !tileElement(pinned)) pinned = null;
    if (showing && !tileElement(showing)) display(null);
    if (showing) tileElement(showing)?.classList.add("ng-showing");
    return true;
  }
}
