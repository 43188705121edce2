// The keyboard-shortcut help: a modal <dialog> opened by the `?` button or the `?` key (outside text fields).
// The browser's modal dialog keeps focus inside, closes on Escape and gives focus back to where it was.

/** True when a key typed at `el` is text for it (a `?` there is a character, not a shortcut). */
export function isTextEntry(el) {
  if (!el) return false;
  if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
  return el.tagName === "INPUT" && !["button", "checkbox", "color", "file", "radio", "range", "submit"].includes(el.type);
}

/** createHelp({button, dialog, close}) → {open(), close(), isOpen()} */
export function createHelp({ button, dialog, close }) {
  let returnTo = null;
  const open = () => {
    if (dialog.open) return;
    returnTo = document.activeElement;
    dialog.showModal();
  };
  const shut = () => dialog.close();
  dialog.addEventListener("close", () => {
    // Chromium and Firefox restore focus themselves; this covers a focus that was on <body>.
    if (returnTo && returnTo !== document.body && document.activeElement !== returnTo) returnTo.focus();
  });
  button.addEventListener("click", open);
  close.addEventListener("click", shut);
  document.addEventListener("keydown", (e) => {
    if (e.key === "?" && !e.ctrlKey && !e.metaKey && !e.altKey && !e.defaultPrevented && !isTextEntry(e.target)) {
      e.preventDefault();
      open();
    }
  });
  return { open, close: shut, isOpen: () => dialog.open };
}
