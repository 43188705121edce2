// Light and dark theme. The page follows the system's prefers-color-scheme, live, until the user presses the theme
// toggle; that choice is remembered in localStorage (only while it differs from the system's, so choosing the
// system's own theme goes back to following it). The theme is document.documentElement.dataset.theme ("light" or
// "dark"); style.css keys every colour on it, and onChange(listener) lets the chart and the editor follow.

export const THEME_STORAGE_KEY = "colornet-playground/theme";
const THEMES = ["light", "dark"];

function readChoice(storage) {
  try {
    const value = storage.getItem(THEME_STORAGE_KEY);
    return THEMES.includes(value) ? value : null;
  } catch {
    return null; // storage disabled: follow the system
  }
}

function writeChoice(storage, value) {
  try {
    if (value == null) storage.removeItem(THEME_STORAGE_KEY);
    else storage.setItem(THEME_STORAGE_KEY, value);
  } catch {
    /* storage disabled: the choice lasts until the page is closed */
  }
}

/**
 * createTheme(toggle, {storage, media}) → {current(), set(theme), onChange(listener), state()}.
 * toggle: a <button>; aria-pressed says whether the dark theme is on. Call createTheme before the parts that read
 * the theme when they are created (the editor's `dark`, the chart), then onChange(listener) to have them follow each
 * later change: listener(theme).
 */
export function createTheme(
  toggle,
  { storage = window.localStorage, media = window.matchMedia("(prefers-color-scheme: dark)") } = {},
) {
  let choice = readChoice(storage);
  const listeners = [];
  const system = () => (media.matches ? "dark" : "light");
  const current = () => choice || system();

  function apply({ notify = true } = {}) {
    const theme = current();
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme; // native controls and scrollbars follow
    toggle.setAttribute("aria-pressed", String(theme === "dark"));
    if (notify) for (const listener of listeners) listener(theme);
  }

  function set(theme) {
    if (!THEMES.includes(theme)) throw new Error(`theme must be "light" or "dark", got ${JSON.stringify(theme)}`);
    choice = theme === system() ? null : theme;
    writeChoice(storage, choice);
    apply();
  }

  toggle.addEventListener("click", () => set(current() === "dark" ? "light" : "dark"));
  media.addEventListener("change", () => apply());
  // At start the page's theme is set before the editor and the chart exist (they are created in it), so onChange
  // is not called: restyling them at once cost 12-18 ms of the boot's longest main-thread task.
  apply({ notify: false });
  return {
    current,
    set,
    onChange: (listener) => listeners.push(listener),
    /** The theme's part of the testing contract: the page's data-theme, "light" or "dark". */
    state: () => ({ theme: document.documentElement.dataset.theme }),
  };
}
