// The swatches: the probe colour's input / target complement / predicted complement with hex and ΔE00, and a
// grid of the 17 Material test colours of the original demo, each with target, prediction and ΔE00.
// Every swatch carries its hex as text and as data-hex, so colour is never the only signal.

const EMPTY = "—";

function formatDeltaE(d) {
  return d == null ? EMPTY : d.toFixed(2);
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

function paint(el, hex) {
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

  function buildGrid(count) {
    els.grid.textContent = "";
    cells.length = 0;
    for (let i = 0; i < count; i++) {
      const item = document.createElement("li");
      item.className = "material";
      item.innerHTML =
        '<span class="chip chip-input"></span><span class="chip chip-target"></span>' +
        '<span class="chip chip-predicted"></span><span class="material-de"></span>';
      els.grid.appendChild(item);
      cells.push({
        item,
        input: item.querySelector(".chip-input"),
        target: item.querySelector(".chip-target"),
        predicted: item.querySelector(".chip-predicted"),
        de: item.querySelector(".material-de"),
      });
    }
  }

  return {
    /** row: {input, target, predicted, deltaE}; predicted/deltaE are null before there is a model. */
    showProbe(row) {
      probe = { ...row };
      paint(els.input, row.input);
      paint(els.target, row.target);
      paint(els.predicted, row.predicted);
      els.deltaE.textContent = formatDeltaE(row.deltaE);
      if (row.predicted && row.deltaE != null) {
        label(els.predicted, row.predicted, `, ΔE00 ${formatDeltaE(row.deltaE)} from the target ${row.target}`);
      }
    },
    showMaterial(rows) {
      if (cells.length !== rows.length) buildGrid(rows.length);
      rows.forEach((row, i) => {
        const c = cells[i];
        for (const key of ["input", "target", "predicted"]) {
          c[key].dataset.hex = row[key] || "";
          c[key].style.background = row[key] || "transparent";
          c[key].title = `${key} ${row[key] || EMPTY}`;
        }
        c.de.textContent = `ΔE ${formatDeltaE(row.deltaE)}`;
        c.item.setAttribute(
          "aria-label",
          `${row.input}: target ${row.target}, predicted ${row.predicted || "none"}, ΔE00 ${formatDeltaE(row.deltaE)}`,
        );
      });
    },
    probe: () => ({ ...probe }),
  };
}
