// The shared view: while the page shows a shared link, a banner says so and offers Keep this code. Until the user
// chooses it, the link's code and settings live in the address only and the user's own autosave is untouched.
// A link pasted into the address bar of an open page reloads it, so the link opens as a shared view too.

/** createSharedView({banner, keep}, {save, state, output}) → {isShared()} */
export function createSharedView(els, { save, state, output }) {
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
