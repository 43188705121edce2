// Keeps the keyboard's place when the focused button becomes disabled: pressing Run (Enter) disables it and enables
// Stop, so focus moves to Stop; when training ends Stop is disabled and focus goes back to Run. Without this the
// browser drops focus to <body> and a keyboard user has to Tab through the page again.

/** handOffFocus([[a, b], ...]): when `a` is disabled while focused, focus `b` (once it is enabled), and vice versa. */
export function handOffFocus(pairs) {
  const partner = new Map();
  for (const [a, b] of pairs) {
    partner.set(a, b);
    partner.set(b, a);
  }
  let lastFocused = null;
  document.addEventListener("focusin", (e) => {
    lastFocused = e.target;
  });
  const observer = new MutationObserver((records) => {
    for (const { target } of records) {
      const other = partner.get(target);
      const hadFocus = document.activeElement === target || (lastFocused === target && document.activeElement === document.body);
      if (!other || !target.disabled || !hadFocus) continue;
      if (!other.disabled) other.focus(); // shows the ring when the focus came from the keyboard
      else {
        // both disabled for a moment (e.g. Stop pressed, the run not yet ended): wait for the partner to come back
        const wait = new MutationObserver(() => {
          if (!other.disabled) {
            wait.disconnect();
            if (document.activeElement === document.body || document.activeElement === target) other.focus();
          }
        });
        wait.observe(other, { attributes: true, attributeFilter: ["disabled"] });
      }
    }
  });
  for (const el of partner.keys()) observer.observe(el, { attributes: true, attributeFilter: ["disabled"] });
}
