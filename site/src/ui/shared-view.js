// The shared view: while the page shows a shared link, a banner says so and offers Keep this code. Until the user
// chooses it, the link's code and settings live in the address only and the user's own autosave is untouched.
// A link pasted into the address bar of an open page reloads it, so the link opens as a shared view too.

// A file written by Save as HTML opens the same way: every file:// page shares one localStorage in Chromium, so
// its autosave would overwrite the user's own code.
const WHAT = {
  link: "a shared link",
  file: "a saved playground file",
};

/** createSharedView({banner, text, keep}, {save, state, output, source: "link" | "file" | ...}) → {isShared()} */
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
  return { isShared: () => save.shared() };
}
