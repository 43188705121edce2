// The page's locale, and every number or date it formats by locale. Whatever the browser reports as its language
// is survived: WebKit started with the process locale "C" (LANG unset) reports navigator.language "C", which
// Intl refuses with a RangeError; an invalid tag falls back to the engine's default locale.
// Importing this module also makes navigator.language such a tag for third-party code (uPlot calls
// Intl.NumberFormat(navigator.language) when its module loads): import it before them.

// No Intl formatter is made while the module loads: the page's first one costs 10-30 ms (the engine loads its
// locale data), which must not come before the editor takes keystrokes (issue 22). They are made at first use.
let defaultTag = null;

/** The locale Intl uses when given none (always a valid tag), or "en-US" if even that cannot be read. */
export function defaultLocale() {
  if (defaultTag === null) {
    try {
      defaultTag = new Intl.NumberFormat().resolvedOptions().locale;
    } catch {
      defaultTag = "en-US";
    }
  }
  return defaultTag;
}

/** `tag` canonicalised ("en-us" → "en-US") if it is one valid BCP 47 language tag, else null. */
function canonical(tag) {
  if (typeof tag !== "string" || !tag) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null; // "C", "en_US.UTF-8", "xx-invalid-!!": not language tags
  }
}

/** `tag` canonicalised if it is a valid language tag, else defaultLocale(): any string the browser hands over. */
export function safeLocale(tag) {
  return canonical(tag) ?? defaultLocale();
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
let count = null;

/** A count for the page's English text: "12,345". */
export function formatCount(n) {
  count ??= new Intl.NumberFormat("en-US");
  return count.format(n);
}

/** A count and its noun, singular for 1: countOf(1, "run") → "1 run", countOf(1200, "step") → "1,200 steps". */
export function countOf(n, noun, plural = `${noun}s`) {
  return `${formatCount(n)} ${n === 1 ? noun : plural}`;
}

/** A date and time in the page's locale (the run history's "started at"). */
export function formatDateTime(date) {
  return date.toLocaleString(PAGE_LOCALE);
}
