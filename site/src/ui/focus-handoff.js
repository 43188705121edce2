// Keeps the keyboard's place when the focused button becomes disabled: pressing Run (Enter) disables it and enables
// Stop, so focus moves to Stop; when training ends Stop is disabled and focus goes back to Run. Likewise Pause and
// Resume; Step (disabled while it trains one interval) gets the focus back when it is enabled again. Without this
// the browser drops focus to <body> and a keyboard user has to Tab through the page again.

/**
 * handOffFocus(groups): each group is [button, ...partners]. When `button` is disabled while focused, the first
 * enabled partner gets the focus; if none is enabled, the first of the partners or the button itself to be enabled
 * again gets it (unless the user has moved on). A pair [a, b] works both ways.
 */
export function handOffFocus(groups) {
  const partners = new Map();
  const add = (el, list) => partners.set(el, [...(partners.get(el) || []), ...list]);
  for (const [el, ...rest] of groups) {
    add(el, rest);
    if (rest.length === 1) add(rest[0], [el]);
  }
  let lastFocused = null;
  document.addEventListener("focusin", (e) => {
    lastFocused = e.target;
  });
  const lost = (target) => document.activeElement === document.body || document.activeElement === target;

  function waitForEnabled(candidates, target) {
    const watch = new MutationObserver(() => {
      const back = candidates.find((c) => !c.disabled);
      if (!back) return;
      watch.disconnect();
      if (lost(target)) back.focus();
    });
    for (const c of candidates) watch.observe(c, { attributes: true, attributeFilter: ["disabled"] });
  }

  const observer = new MutationObserver((records) => {
    for (const { target } of records) {
      const hadFocus = document.activeElement === target || (lastFocused === target && lost(target));
      if (!target.disabled || !hadFocus) continue;
      const list = partners.get(target) || [];
      const other = list.find((p) => !p.disabled);
      if (other) other.focus(); // shows the ring when the focus came from the keyboard
      else waitForEnabled([...list, target], target);
    }
  });
  for (const el of partners.keys()) observer.observe(el, { attributes: true, attributeFilter: ["disabled"] });
}
