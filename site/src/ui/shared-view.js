// The shared view: while the page shows a shared link, a banner says so and offers Keep this code. Until the user
// chooses it, the link's code and settings live in the address only and the user's own autosave is untouched.
// A link pasted into the address bar of an open page reloads it, so the link opens as a shared view too.

// A file written by Save as HTML opens the same way: every file:// page shares one localStorage in Chromium, so
// its autosave would overwrite the user's own code.
import { describeLiveChanges } from "../params/live-link.js";

const WHAT = {
  link: "a shared link",
  file: "a saved playground file",
};

/**
 * createSharedView({banner, text, keep}, {save, state, output, source: "link" | "file" | ...})
 * → {isShared(), showLiveChanges(changes, {replayed})}: the latter lists the shared run's live changes in the banner,
 * and whether Run replays them.
 */
export function createSharedView(els, { save, state, output, source }) {
  const what = WHAT[source] || WHAT.link;
  els.text.textContent = `You are looking at ${what}. It has not run, and it does not replace your own saved ` +
    "code, which comes back when you open the page on its own.";
  els.banner.setAttribute("aria-label", source === "file" ? "Saved playground file" : "Shared link");
  const show = () => {
    els.banner.hidden = !save.shared();
  };
  els.keep.addEventListener("click", () => {
    save.keep(state);
    show();
    output.info("Kept: this code and its settings are now your own, saved in this browser.");
  });
  window.addEventListener("hashchange", () => window.location.reload());
  show();
  let live = null; // the banner's line about the shared run's live changes
  function showLiveChanges(changes, { replayed }) {
    if (!live) {
      live = document.createElement("p");
      live.dataset.testid = "shared-live";
      els.text.after(live);
    }
    live.textContent = `Its run moved live params: ${describeLiveChanges(changes)}. ` + (replayed
      ? "Run replays them at those steps (the chart marks them) while the code stays as shared."
      : "The code has changed since, so Run does not replay them (undo your edits to replay them).");
  }
  return { isShared: () => save.shared(), showLiveChanges };
}
