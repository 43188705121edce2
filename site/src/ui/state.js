// All UI state in one object, like tensorflow/playground's state.ts.
// It is serialised two ways: to localStorage (autosave, so nothing typed is lost on reload) and to the URL hash
// (Share), with readable names: #preset=default&seed=0&probe=dea5ff&code=import+colornet...
// A shared link loads the code; it never runs it.

export const PRESET_NAMES = ["default", "talk2018"];
export const DEFAULTS = Object.freeze({ preset: "default", seed: 0, probe: "#dea5ff", code: null });
const STORAGE_KEY = "colornet-playground/state/v1";
const HEX = /^#?[0-9a-f]{6}$/i;

/** A clean state: known keys only, each value checked; bad values fall back to the defaults. */
export function normalise(raw) {
  const s = { ...DEFAULTS };
  if (!raw || typeof raw !== "object") return s;
  if (PRESET_NAMES.includes(raw.preset)) s.preset = raw.preset;
  const seed = Number(raw.seed);
  if (Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32) s.seed = seed;
  if (typeof raw.probe === "string" && HEX.test(raw.probe)) {
    s.probe = ("#" + raw.probe.replace("#", "")).toLowerCase();
  }
  if (typeof raw.code === "string") s.code = raw.code;
  return s;
}

// Percent-encode a value for the hash but keep it readable: spaces become "+", and characters that are safe in a
// URL fragment stay as they are. fromHash() decodes it with URLSearchParams (form encoding: "+" is a space).
function encodeValue(text) {
  return encodeURIComponent(text)
    .replace(/%20/g, "+")
    .replace(/%(2C|3A|2F|40|3B|5B|5D|7B|7D|7C|5E|24|3F)/g, (m) => decodeURIComponent(m));
}

/** The state as a readable URL hash (without the leading '#'). */
export function toHash(state) {
  const parts = [
    ["preset", state.preset],
    ["seed", String(state.seed)],
    ["probe", state.probe.replace("#", "")],
  ];
  if (state.code != null) parts.push(["code", state.code]);
  return parts.map(([k, v]) => `${k}=${encodeValue(v)}`).join("&");
}

/** The state a hash describes, or null when the hash carries no state. */
export function fromHash(hash) {
  const text = (hash || "").replace(/^#/, "");
  if (!text) return null;
  const p = new URLSearchParams(text);
  if (!p.has("code") && !p.has("preset")) return null;
  return normalise(Object.fromEntries(p.entries()));
}

function readStorage() {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text ? normalise(JSON.parse(text)) : null;
  } catch {
    return null; // storage disabled or corrupt: start from the defaults rather than fail
  }
}

/** Where the page starts from: a shared link first, then the autosave, then the defaults. */
export function loadInitialState(location = window.location) {
  const shared = fromHash(location.hash);
  if (shared) return { state: shared, source: "link" };
  const saved = readStorage();
  if (saved) return { state: saved, source: "autosave" };
  return { state: { ...DEFAULTS }, source: "defaults" };
}

/**
 * Returns save(state): writes localStorage at most every `delayMs`, and keeps a visible hash in sync so a
 * reload of a shared link shows the latest edit rather than the original link.
 */
export function createAutosave(delayMs = 300) {
  let timer = null;
  let latest = null;
  const flush = () => {
    timer = null;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(latest));
    } catch {
      /* storage full or disabled: the hash below still carries the state */
    }
    if (window.location.hash) history.replaceState(null, "", "#" + toHash(latest));
  };
  const save = (state) => {
    latest = { ...state };
    if (!timer) timer = setTimeout(flush, delayMs);
  };
  save.flush = () => {
    if (timer) {
      clearTimeout(timer);
      flush();
    }
  };
  window.addEventListener("pagehide", save.flush);
  return save;
}

/** Deletes everything the page keeps in localStorage (autosave, settings, any "colornet-playground…" key). */
export function clearStoredState() {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith("colornet-playground")) localStorage.removeItem(key);
  } catch {
    /* storage disabled: nothing stored */
  }
}

/** A share link for the state (same page, state in the hash). */
export function shareUrl(state, location = window.location) {
  return location.href.split("#")[0] + "#" + toHash(state);
}
