// All UI state in one object, like tensorflow/playground's state.ts.
// It is serialised two ways: to localStorage (autosave, so nothing typed is lost on reload) and to the URL hash
// (Share), with readable names: #preset=default&seed=0&probe=dea5ff&code=import+colornet...
// A link may also carry `live=lr@120:0.0126,...`: the live changes of the shared run, which Run replays while the
// code is the link's (state.live, kept by page/params.js; read back there, against the link's code).
// A shared link opens a *shared view*: it loads the link's fields over the user's own saved state, never runs the
// code, and never writes the user's autosave unless they choose Keep this code. The plain page (no hash) always
// opens the user's own last code.

import { parseHex } from "./hex.js";
import { encodeLiveChanges } from "../params/live-link.js";

export const PRESET_NAMES = ["default", "talk2018"];
export const DEFAULTS = Object.freeze({ preset: "default", seed: 0, probe: "#dea5ff", code: null });
export const MAX_SEED = 2 ** 32 - 1;
const STORAGE_KEY = "colornet-playground/state/v1";

/** The seed a text or number stands for (a whole number 0..MAX_SEED), or null: "" and "abc" are not 0. */
export function parseSeed(value) {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 && value <= MAX_SEED ? value : null;
  if (typeof value !== "string" || !/^\s*\d+\s*$/.test(value)) return null;
  return parseSeed(Number(value));
}

// One checker per field: the clean value, or undefined when the raw value is not acceptable.
const FIELDS = {
  preset: (v) => (PRESET_NAMES.includes(v) ? v : undefined),
  seed: (v) => parseSeed(v) ?? undefined,
  probe: (v) => parseHex(v) ?? undefined,
  code: (v) => (typeof v === "string" ? v : undefined),
};

/** A clean state: known keys only, each value checked; bad values fall back to the defaults. */
export function normalise(raw) {
  const s = { ...DEFAULTS };
  if (!raw || typeof raw !== "object") return s;
  for (const [key, check] of Object.entries(FIELDS)) {
    const value = check(raw[key]);
    if (value !== undefined) s[key] = value;
  }
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
  if (state.live && state.live.length) parts.push(["live", encodeLiveChanges(state.live)]);
  if (state.code != null) parts.push(["code", state.code]);
  return parts.map(([k, v]) => `${k}=${encodeValue(v)}`).join("&");
}

/**
 * What a hash sets: {fields, rejected, live} — the valid fields among preset, seed, probe and code (a link may carry
 * any of them, e.g. #seed=5&probe=ff0000), "key=value" for each one that was not valid, and the `live` text (or
 * null; page/params.js reads it against the code) — or null when it carries none of them.
 */
export function fromHash(hash) {
  const p = new URLSearchParams((hash || "").replace(/^#/, ""));
  const keys = Object.keys(FIELDS).filter((k) => p.has(k));
  const live = p.has("live") ? p.get("live") : null;
  if (!keys.length) {
    return live === null ? null : { fields: {}, rejected: ["live (a run's changes, without its code)"], live: null };
  }
  const fields = {};
  const rejected = [];
  for (const key of keys) {
    const value = FIELDS[key](p.get(key));
    if (value === undefined) rejected.push(`${key}=${p.get(key)}`);
    else fields[key] = value;
  }
  return { fields, rejected, live };
}

function readStorage() {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text ? normalise(JSON.parse(text)) : null;
  } catch {
    return null; // storage disabled or corrupt: start from the defaults rather than fail
  }
}

/**
 * Where the page starts from: the user's own autosave (or the defaults), with a shared link's fields on top.
 * → {state, source: "link" | "autosave" | "defaults", rejected: ["key=value", ...], unreadableLink?: true,
 *    live?: the link's live changes as text}
 */
export function loadInitialState(location = window.location) {
  const own = readStorage();
  const base = own || { ...DEFAULTS };
  const link = fromHash(location.hash);
  if (!link) return { state: base, source: own ? "autosave" : "defaults", rejected: [] };
  if (link.fields.code === "") { // an empty code in a link (a junk hash such as "#%%&&==&code") is not code
    delete link.fields.code;
    link.rejected.push("code= (empty)");
  }
  if (!Object.keys(link.fields).length) { // nothing in the link could be read: the user's own page, and one line
    return { state: base, source: own ? "autosave" : "defaults", rejected: link.rejected, unreadableLink: true };
  }
  const state = { ...base, ...link.fields };
  if (!("code" in link.fields) && "preset" in link.fields) state.code = null; // that preset's script
  return { state, source: "link", rejected: link.rejected, live: link.live };
}

/**
 * Returns save(state): writes localStorage at most every `delayMs` (never while `shared`, a shared view), and keeps
 * a visible hash in sync so a reload of a link shows the latest edit rather than the original link.
 * onError(refusal) is called once, the first time the browser refuses to store the state (full, or disabled), with
 * the refusal as text ("QuotaExceededError: ..."); save.state() → {autosaveError: that text or null}.
 * save.keep() ends the shared view: the state becomes the user's own (stored now) and the hash goes away.
 */
export function createAutosave({ delayMs = 300, shared = false, onError = () => {} } = {}) {
  let timer = null;
  let latest = null;
  let refusal = null;
  const store = () => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(latest));
    } catch (err) {
      if (refusal === null) {
        refusal = `${err.name}: ${err.message}`;
        onError(refusal);
      }
    }
  };
  const flush = () => {
    timer = null;
    if (!shared) store();
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
  save.shared = () => shared;
  /** Drops a pending save (Clear all my data: nothing may be written back after it). */
  save.cancel = () => {
    clearTimeout(timer);
    timer = null;
  };
  save.state = () => ({ autosaveError: refusal });
  save.keep = (state) => {
    clearTimeout(timer);
    timer = null;
    shared = false;
    latest = { ...state };
    store();
    history.replaceState(null, "", window.location.pathname + window.location.search);
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

/** What a run, a prediction or the Python download needs of the state: {seed, probe}, and the shared run's live
 * changes to replay ({liveChanges}) while the code is that run's. */
export function runSettings(state) {
  const replay = state.live && state.live.length ? { liveChanges: state.live.map((c) => ({ ...c })) } : {};
  return { seed: state.seed, probe: state.probe, ...replay };
}

/** A share link for the state (same page, state in the hash). */
export function shareUrl(state, location = window.location) {
  return location.href.split("#")[0] + "#" + toHash(state);
}
