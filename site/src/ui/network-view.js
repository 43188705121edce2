// The network view: the layer stack as the user's code built it (site/py/network_view.py describes it). Each Dense
// layer shows its weights (n_in rows × n_out columns) and bias as heat maps on one shared diverging scale; every
// layer shows the probe colour's activations, with dead ReLU units (0 for all 1,000 sample colours) crossed out
// and counted. A layer it cannot draw (user-defined, or failing) is a labelled box, never an error.

const DEAD = "#000000";

function hexRgb(h) {
  return [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
}

const parsedScales = new Map(); // scale key → its three stops as [r, g, b]

function parsedScale(scale) {
  const key = scale.join(",");
  let parsed = parsedScales.get(key);
  if (!parsed) {
    parsed = scale.map(hexRgb);
    parsedScales.set(key, parsed);
  }
  return parsed;
}

/** Diverging colour of v on [-limit, limit] with the scale's three stops (negative, zero, positive), parsed. */
function diverging(v, limit, [neg, mid, pos]) {
  const t = Math.max(-1, Math.min(1, limit > 0 ? v / limit : 0));
  const end = t < 0 ? neg : pos;
  const a = Math.abs(t);
  return `rgb(${Math.round(mid[0] + (end[0] - mid[0]) * a)},${Math.round(mid[1] + (end[1] - mid[1]) * a)},` +
    `${Math.round(mid[2] + (end[2] - mid[2]) * a)})`;
}

function title(layer) {
  if (layer.kind === "dense") return `Dense ${layer.nIn}→${layer.nOut}`;
  const size = layer.size != null ? ` (${layer.size})` : "";
  return layer.drawn ? `${layer.name}${size}` : `${layer.name}${size}`;
}

function putImage(canvas, bytes, width, height) {
  setSize(canvas, width, height);
  const data = new ImageData(new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.byteLength), width, height);
  canvas.getContext("2d").putImageData(data, 0, 0);
}

// The views update a few times a second while training: each setter below only touches the page when the value
// changed (assigning a canvas's size clears it and reallocates its pixels; text and attributes invalidate layout).
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function setSize(canvas, width, height) {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
}

function drawActivations(canvas, layer, scale) {
  const values = layer.activations || [];
  const n = values.length;
  const cell = 6;
  setSize(canvas, Math.max(1, n * cell), cell * 2);
  const ctx = canvas.getContext("2d");
  const dead = new Set(layer.deadUnits || []);
  const limit = layer.activationLimit || 1;
  const stops = parsedScale(scale);
  values.forEach((v, i) => { // every cell is filled: nothing of the previous strip shows through
    ctx.fillStyle = dead.has(i) ? DEAD : diverging(v ?? 0, limit, stops);
    ctx.fillRect(i * cell, 0, cell, cell * 2);
    if (dead.has(i)) {
      ctx.strokeStyle = "#ffffff";
      ctx.beginPath();
      ctx.moveTo(i * cell + 1, 1);
      ctx.lineTo(i * cell + cell - 1, cell * 2 - 1);
      ctx.stroke();
    }
  });
}

/** createNetworkView({root, legend}) → {show(event), state()} */
export function createNetworkView(els) {
  let layers = [];
  let signature = "";
  let cards = [];

  function build(list) {
    els.root.textContent = "";
    cards = list.map((layer) => {
      const card = document.createElement("figure");
      card.className = "nv-layer" + (layer.drawn ? "" : " nv-opaque");
      card.dataset.kind = layer.kind;
      const caption = document.createElement("figcaption");
      const heading = document.createElement("strong");
      heading.textContent = title(layer);
      const note = document.createElement("span");
      note.className = "nv-note";
      caption.append(heading, note);
      card.append(caption);
      const parts = { card, note };
      if (layer.kind === "dense") {
        parts.weights = document.createElement("canvas");
        parts.weights.className = "nv-weights";
        parts.bias = document.createElement("canvas");
        parts.bias.className = "nv-bias";
        card.append(parts.weights, parts.bias);
      }
      parts.activations = document.createElement("canvas");
      parts.activations.className = "nv-activations";
      card.append(parts.activations);
      els.root.append(card);
      return parts;
    });
  }

  let legend = null; // {key, lo, hi}: built once per scale, then only its two numbers change
  function drawLegend(limit, scale) {
    const l = limit == null ? "?" : limit.toPrecision(2);
    const key = scale.join(",");
    if (!legend || legend.key !== key) {
      els.legend.textContent = "";
      const bar = document.createElement("span");
      bar.className = "nv-scale-bar";
      bar.style.background = `linear-gradient(to right, ${scale.join(", ")})`;
      const lo = document.createElement("span");
      const hi = document.createElement("span");
      const what = document.createElement("span");
      what.className = "hint";
      what.textContent = "weights and biases (shared scale); activation strips: the probe colour, black ✕ = dead unit";
      els.legend.append(lo, bar, hi, what);
      legend = { key, lo, hi };
    }
    setText(legend.lo, `−${l}`);
    setText(legend.hi, `+${l}`);
  }

  return {
    /** event: the worker's `insight` event (network description + its images). */
    show(event) {
      const net = event.network;
      if (!net) return;
      const list = net.layers;
      const sig = list.map((l) => `${l.kind}:${l.name}:${l.size}:${l.nIn}`).join("|");
      if (sig !== signature) {
        build(list);
        signature = sig;
      }
      const scale = net.weightScale;
      list.forEach((layer, i) => {
        const parts = cards[i];
        const notes = [];
        if (layer.dead != null) notes.push(`${layer.dead}/${layer.size} dead`);
        if (!layer.drawn) notes.push("user-defined layer: not drawn");
        if (layer.error) notes.push(layer.error);
        setText(parts.note, notes.length ? ` · ${notes.join(" · ")}` : "");
        const dead = layer.dead == null ? "" : String(layer.dead);
        if (parts.card.dataset.dead !== dead) parts.card.dataset.dead = dead;
        if (parts.weights && layer.weights != null) {
          putImage(parts.weights, event.images[layer.weights], layer.nOut, layer.nIn);
          putImage(parts.bias, event.images[layer.bias], layer.nOut, 1);
          const cell = Math.max(1, Math.min(8, Math.floor(160 / Math.max(layer.nIn, layer.nOut))));
          const width = `${layer.nOut * cell}px`;
          if (parts.weights.style.width !== width) parts.weights.style.width = parts.bias.style.width = width;
          const height = `${layer.nIn * cell}px`;
          if (parts.weights.style.height !== height) parts.weights.style.height = height;
          const [wmin, wmax] = layer.weightRange;
          setAttr(parts.weights, "role", "img");
          setAttr(parts.weights, "aria-label", `${title(layer)} weights, ${layer.nIn} rows by ${layer.nOut} ` +
            `columns, from ${wmin?.toFixed(2)} to ${wmax?.toFixed(2)}`);
        }
        if (layer.activations) {
          drawActivations(parts.activations, layer, scale);
          setAttr(parts.activations, "role", "img");
          setAttr(parts.activations, "aria-label", `${title(layer)} activations for the probe colour` +
            (layer.dead != null ? `; ${layer.dead} of ${layer.size} units dead` : ""));
        }
        if (parts.activations.hidden !== !layer.activations) parts.activations.hidden = !layer.activations;
      });
      drawLegend(net.weightLimit, scale);
      layers = list.map((l) => ({ kind: l.kind, size: l.size, dead: l.dead }));
    },
    state: () => ({ layers: layers.map((l) => ({ ...l })) }),
  };
}
