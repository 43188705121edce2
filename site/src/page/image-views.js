// The loaded image seen four ways (issue 21), live while training: the original, the network's output for every
// pixel, the true target and the ΔE00 per pixel on the colour map's error scale. The worker computes them with the
// other views (site/py/data.py, views.py) and sends them in the same `insight` event: the network's output and the
// error each time, the original and the target only when they change (a new image or target; the canvases keep
// them). Save writes the network's version as a PNG (a blob: link, nothing leaves the tab).
import { downloadBlob } from "../ui/files.js";

/**
 * createImageViews({root, original, network, target, error, readout, save}) → {show(insightEvent), onData(data),
 * state()}
 */
export function createImageViews(els) {
  const canvases = { original: els.original, network: els.network, target: els.target, error: els.error };
  let draws = 0;
  let shown = null; // {width, height, meanDeltaE, maxDeltaE} of the latest views drawn
  let name = "image";

  function show(d) {
    if (d.imageError) els.readout.textContent = `The image views failed: ${d.imageError}`;
    if (!d.image || !d.images) return;
    const { first, width, height, views } = d.image;
    views.forEach((view, i) => {
      const bytes = d.images[first + i];
      const canvas = canvases[view];
      if (!bytes || !canvas) return;
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width; // resizing clears the canvas and its backing store: only when the size changes
        canvas.height = height;
      }
      canvas.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(bytes.buffer, bytes.byteOffset,
        bytes.byteLength), width, height), 0, 0);
    });
    draws += 1;
    shown = { width, height, meanDeltaE: d.image.meanDeltaE, maxDeltaE: d.image.maxDeltaE };
    const mean = d.image.meanDeltaE == null ? "?" : d.image.meanDeltaE.toFixed(2);
    const max = d.image.maxDeltaE == null ? "?" : d.image.maxDeltaE.toFixed(1);
    els.readout.textContent = `${width} × ${height} pixels${d.step != null ? ` at step ${d.step}` : ""}: ` +
      `mean ΔE00 ${mean}, largest ${max}.`;
    els.save.disabled = false;
  }

  /** The loaded data changed: the views show only for an image (they fill at the next update of the views). */
  function onData(data) {
    const image = !!data && data.kind === "image";
    els.root.hidden = !image;
    if (!image) {
      shown = null;
      els.save.disabled = true;
      els.readout.textContent = "";
    } else {
      name = data.name.replace(/\.[^.]*$/, "") || "image";
      if (!shown) els.readout.textContent = "No model yet: press Run to see the image through the network.";
    }
  }

  els.save.addEventListener("click", () => {
    els.network.toBlob((blob) => blob && downloadBlob(`${name}-network.png`, blob), "image/png");
  });

  return {
    show,
    onData,
    state: () => ({ imageViews: { draws, shown: shown && { ...shown } } }),
  };
}
