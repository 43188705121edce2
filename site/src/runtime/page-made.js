// The page's start-up and the runtime's bundles take turns on the main thread (issue 22): the page (main.js) makes
// itself in parts, one task each, and says so when its last part is made; the runtime's bundle scripts are inserted
// after that, so their evaluations do not land between the page's parts. A page that never says so (its app.js
// missing, or stopped by an error) is waited for at most WAIT_MS after the document is parsed.

const EVENT = "colornet-page-made";
export const WAIT_MS = 1500;

/** main.js: the page's last start-up part is made. */
export function markPageMade() {
  performance.mark("page made");
  self.colornetPageMade = true;
  self.dispatchEvent(new Event(EVENT));
}

/** Resolves once the document is parsed and the page has made its parts (or never will: see WAIT_MS). */
export function afterPageMade() {
  if (typeof document === "undefined") return Promise.resolve(); // not a page (Node, a worker)
  const parsed = document.readyState !== "loading" ? Promise.resolve()
    : new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
  return parsed.then(() => {
    if (!self.colornetAppStarted || self.colornetPageMade) return undefined; // no page parts to wait for
    return new Promise((resolve) => {
      self.addEventListener(EVENT, resolve, { once: true });
      setTimeout(resolve, WAIT_MS);
    });
  });
}
