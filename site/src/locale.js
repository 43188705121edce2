// The page's locale, and every number or date it formats by locale. Whatever the browser reports as its language
// is survived: WebKit started with the process locale "C" (LANG unset) reports navigator.language "C", which
// Intl refuses with a RangeError; an invalid tag falls back to the engine's default locale.
// Importing this module also makes navigator.language such a tag for third-party code (uPlot calls
// Intl.NumberFormat(navigator.language) when its module loads): import it before them.

/** The locale Intl uses when given none (always a valid tag), or "en-US" if even that cannot be read. */
export const DEFAULT_LOCALE = (() => {
  try {
    return new Intl.NumberFormat().resolvedOptions().locale;
  } catch {
    return "en-US";
  }
})();

/** `tag` canonicalised ("en-us" → "en-US") if it is one valid BCP 47 language tag, else null. */
function canonical(tag) {
  if (typeof tag !== "string" || !tag) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null; // "C", "en_US.UTF-8", "xx-invalid-!!": not language tags
  }
}

/** `tag` canonicalised if it is a valid language tag, else DEFAULT_LOCALE: any string the browser hands over. */
export function safeLocale(tag) {
  return canonical(tag) ?? DEFAULT_LOCALE;
}

/** The browser's language as a valid tag (navigator.language, or the default locale). */
export const PAGE_LOCALE = safeLocale(globalThis.navigator?.language);

// Third-party code reads navigator.language itself: give it the valid tag when the browser's is not one.
if (globalThis.navigator && !canonical(globalThis.navigator.language)) {
  try {
    Object.defineProperty(globalThis.navigator, "language", { value: PAGE_LOCALE, configurable: true });
  } catch {
    /* a browser that refuses: its own tag was already one Intl accepts, or nothing more can be done here */
  }
}

// Counts in the page's English text always group digits the English way ("12,345"), whatever the browser's locale.
const COUNT = new Intl.NumberFormat("en-US");

/** A count for the page's English text: "12,345". */
export function formatCount(n) {
  return COUNT.format(n);
}

/** A count and its noun, singular for 1: countOf(1, "run") → "1 run", countOf(1200, "step") → "1,200 steps". */
export function countOf(n, noun, plural = `${noun}s`) {
  return `${formatCount(n)} ${n === 1 ? noun : plural}`;
}

/** A date and time in the page's locale (the run history's "started at"). */
export function formatDateTime(date) {
  return date.toLocaleString(PAGE_LOCALE);
}
