// A run's live changes as text, for share links and saved files (issue 20): `lr@120:0.0126,lr@300:0.004` is "lr
// set to 0.0126 at step 120, then to 0.004 at step 300", in the order the run applied them. Readable in an
// address, and checked hard when read back: a link is typed by anyone, so every entry must be a live param of the
// link's own code, at a whole step, with a finite value, steps never going down, and at most MAX_LINK_CHANGES.
// No DOM.
import { parse } from "./annotations.js";

export const MAX_LINK_CHANGES = 1000; // a run applies at most one change per name per report
const MAX_TEXT_CHARS = 64 * 1024; // no longer than a link can be (ui/controls.js MAX_LINK_CHARS)
const MAX_STEP = Number.MAX_SAFE_INTEGER;
const ENTRY = /^([A-Za-z_][A-Za-z0-9_]*)@(\d+):([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/;

/** [{step, name, value}] → "name@step:value,..." (values written as JavaScript's shortest round-trip text). */
export function encodeLiveChanges(changes) {
  return changes.map(({ step, name, value }) => `${name}@${step}:${String(value)}`).join(",");
}

/** Changes as words: "lr to 0.0126 at step 120, lr to 0.004 at step 300" (the first `max`, then how many more). */
export function describeLiveChanges(changes, max = 5) {
  const words = changes.slice(0, max).map(({ step, name, value }) => `${name} to ${value} at step ${step}`);
  if (changes.length > max) words.push(`and ${changes.length - max} more`);
  return words.join(", ");
}

const shown = (text) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * Reads `text` back for `code` (the code the changes were recorded with): {changes: [{step, name, value}]}, or
 * {error} naming the first bad entry and what is allowed. Never throws; linear in the text.
 */
export function decodeLiveChanges(text, code) {
  if (typeof text !== "string") return { error: `live changes must be text like lr@120:0.0126, got ${typeof text}` };
  if (text.length > MAX_TEXT_CHARS) {
    return { error: `live changes are ${text.length} characters long, more than a link holds (${MAX_TEXT_CHARS})` };
  }
  if (text === "") return { changes: [] };
  const entries = text.split(",", MAX_LINK_CHANGES + 1);
  if (entries.length > MAX_LINK_CHANGES) return { error: `more than ${MAX_LINK_CHANGES} live changes` };
  const live = new Set(parse(code).params.filter((p) => p.live).map((p) => p.name));
  const changes = [];
  for (const [i, entry] of entries.entries()) {
    const bad = (why) => ({ error: `change ${i + 1}, ${shown(entry)}: ${why}` });
    const m = ENTRY.exec(entry);
    if (!m) return bad("each change must be name@step:value, like lr@120:0.0126");
    const [, name, stepText, valueText] = m;
    const step = Number(stepText);
    const value = Number(valueText);
    if (!(step <= MAX_STEP)) return bad(`the step must be a whole number up to ${MAX_STEP}`);
    if (!Number.isFinite(value)) return bad("the value must be a finite number");
    if (!live.has(name)) {
      const names = [...live].join(", ") || "none";
      return bad(`${name} is not a live param of the link's code (its live params: ${names})`);
    }
    if (changes.length && step < changes[changes.length - 1].step) {
      return bad(`step ${step} comes after step ${changes[changes.length - 1].step}: the steps must not go down`);
    }
    changes.push({ step, name, value });
  }
  return { changes };
}

/** A record's live changes as a file stored them ([{step, name, value}]): the same text read back, so a saved
 * file is checked like a link (without the code check: a record's code is its own). {changes} or {error}. */
export function checkedChangeList(list) {
  if (!Array.isArray(list)) return { error: `live changes must be a list, got ${typeof list}` };
  if (list.length > MAX_LINK_CHANGES) return { error: `more than ${MAX_LINK_CHANGES} live changes` };
  const plain = list.every((c) => c && typeof c === "object" && typeof c.name === "string" &&
    typeof c.step === "number" && typeof c.value === "number");
  if (!plain) return { error: "each live change must be {step, name, value}" };
  const names = [...new Set(list.map((c) => c.name))].map((name) => `${name} = 0  # @param {live:true}`);
  return decodeLiveChanges(encodeLiveChanges(list), names.join("\n"));
}
