// The swatches: the probe colour's input / target complement / predicted complement with hex and ΔE00, and a
// grid of the 17 Material test colours of the original demo, each with target, prediction and ΔE00.
// Every swatch carries its hex as text and as data-hex, so colour is never the only signal.

import { isHex } from "./hex.js";

const EMPTY = "—";

function formatDeltaE(d) {
  return typeof d === "number" && Number.isFinite(d) ? d.toFixed(2) : EMPTY;
}

// Black or white text, whichever reads better on the swatch (WCAG relative luminance).
function textColour(hex) {
  const lin = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16) / 255));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? "#000" : "#fff";
}

// A swatch is role="img"; its name states the colour in numbers (the caption, the hex, and any note).
function label(el, hex, note = "") {
  const caption = el.closest("figure")?.querySelector("figcaption")?.textContent || "colour";
  el.setAttribute("aria-label", `${caption}: ${hex || "none yet"}${note}`);
}

/** The colour if it is a plain "#rrggbb" (it is used as CSS), else null: whatever the worker sends is checked. */
export function safeHex(hex) {
  return isHex(hex) ? hex : null;
}

function paint(el, value) {
  const hex = safeHex(value);
  el.dataset.hex = hex || "";
  el.style.background = hex || "transparent";
  el.style.color = hex ? textColour(hex) : "";
  el.classList.toggle("swatch-empty", !hex);
  const text = el.querySelector(".hex");
  if (text) text.textContent = hex || EMPTY;
  label(el, hex);
}

/** createSwatches({input, target, predicted, deltaE, grid}) → {showProbe(row), showMaterial(rows), probe()} */
export function createSwatches(els) {
  let probe = { input: null, target: null, predicted: null, deltaE: null };
  const cells = [];

  // The grid is made by the first predictions, which come as the page says ready: with the first Run when it is
  // pressed at once. Elements, not innerHTML: 17 small HTML parses were ~7 ms of that first Run's tasks (issue 22).
  const span = (className) => Object.assign(document.createElement("span"), { className });

  function buildGrid(count) {
    cells.length = 0;
    const items = document.createDocumentFragment();
    for (let i = 0; i < count; i++) {
      const item = document.createElement("li");
      item.className = "material";
      const cell = { item, input: span("chip chip-input"), target: span("chip chip-target"),
        predicted: span("chip chip-predicted"), de: span("material-de") };
      item.append(cell.input, cell.target, cell.predicted, cell.de);
      items.append(item);
      cells.push(cell);
    }
    els.grid.replaceChildren(items);
  }

  return {
    /** row: {input, target, predicted, deltaE}; predicted/deltaE are null before there is a model. */
    showProbe(row) {
      probe = { ...row };
      paint(els.input, row.input);
      paint(els.target, row.target);
      paint(els.predicted, row.predicted);
      els.deltaE.textContent = formatDeltaE(row.deltaE);
      const predicted = safeHex(row.predicted);
      if (predicted && row.deltaE != null) {
        label(els.predicted, predicted,
          `, ΔE00 ${formatDeltaE(row.deltaE)} from the target ${safeHex(row.target) || EMPTY}`);
      }
    },
    showMaterial(rows) {
      if (cells.length !== rows.length) buildGrid(rows.length);
      rows.forEach((row, i) => {
        const c = cells[i];
        for (const key of ["input", "target", "predicted"]) {
          const hex = safeHex(row[key]);
          c[key].dataset.hex = hex || "";
          c[key].style.background = hex || "transparent";
          c[key].title = `${key} ${hex || EMPTY}`;
        }
        c.de.textContent = `ΔE ${formatDeltaE(row.deltaE)}`;
        c.item.setAttribute(
          "aria-label",
          `${safeHex(row.input) || EMPTY}: target ${safeHex(row.target) || EMPTY}, ` +
            `predicted ${safeHex(row.predicted) || "none"}, ΔE00 ${formatDeltaE(row.deltaE)}`,
        );
      });
    },
    probe: () => ({ ...probe }),
  };
}
