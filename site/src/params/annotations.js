// `# @param` annotations (issue 20): Colab's syntax for turning a literal into a control, read from Python
// source, and the one edit that writes a control's new value back. The code stays the single source of truth:
// parse() only reads it, and planChange() replaces exactly one literal. No DOM; see docs/ARCHITECTURE.md
// "Params (issue 20)".
import { comments, readLiteral, writeLiteral } from "./python-source.js";
import { readSpec } from "./annotation-spec.js";
import { formatCount } from "../locale.js";

export const MAX_PARAMS = 100; // more annotations than this get no control (one message says how many)
export const MAX_PROBLEMS = 50; // messages listed one by one; the rest are counted in one last message
export const MAX_MAGNITUDE = 1e15; // the largest |min|, |max| a range may have
export const MAX_POSITIONS = 1_000_000; // the most positions a linear slider may have ((max - min) / step)
export const MAX_LITERAL_CHARS = 10_000; // a longer literal (say a megabyte string) gets no control
export const MAX_LAYER_COUNT = 64; // the largest maxLayers of a layers param
export const LAYERS_DEFAULTS = { min: 1, max: 512, maxLayers: 8 };
export const TYPES = ["slider", "number", "integer", "boolean", "string", "layers"];

const KEYS = {
  slider: ["type", "min", "max", "step", "log", "live"],
  number: ["type", "min", "max", "live"],
  integer: ["type", "min", "max", "live"],
  boolean: ["type"],
  string: ["type"],
  layers: ["type", "min", "max", "maxLayers"],
  choice: ["type", "allow-input"],
};
const INFERRED = { int: "integer", float: "number", bool: "boolean", str: "string", list: "layers" };
const MARKER = /^#\s*@param(?![\w-])/;
const ASSIGNMENT = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)(\s*)=(?!=)(\s*)(.*?)\s*$/;
const KEYWORDS = new Set(("False None True and as assert async await break class continue def del elif else " +
  "except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield")
  .split(" "));

/**
 * parse(source) → {params, problems}. params: [{name, line, type, options, value, kind, quote, live, span:
 * {from, to}, outOfRange}] in source order (at most MAX_PARAMS); `span` is the literal's exact offsets, `kind` the
 * literal's ("int", "float", "bool", "str", "list"), `outOfRange` null or a message (the value is never clamped).
 * problems: [{line, message}] for annotations that get no control; each message names its line.
 */
export function parse(source) {
  const params = [];
  const problems = [];
  const firstLine = new Map();
  let ignored = 0;
  let unlisted = 0;
  const problem = (line, message) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, message });
    else unlisted += 1;
  };
  for (const c of comments(source)) {
    const marker = MARKER.exec(source.slice(c.start, Math.min(c.end, c.start + 200)));
    if (!marker) continue;
    if (params.length >= MAX_PARAMS) {
      ignored += 1;
      continue;
    }
    const r = readParam(source, c, source.slice(c.start + marker[0].length, c.end));
    if (r.problem) problem(c.line, `Line ${c.line}: ${r.problem}`);
    else if (firstLine.has(r.param.name)) {
      problem(c.line, `Line ${c.line}: ${r.param.name} is already a param on line ${firstLine.get(r.param.name)}; ` +
        "only that one gets a control");
    } else {
      firstLine.set(r.param.name, c.line);
      params.push(r.param);
    }
  }
  if (unlisted) problems.push({ line: null, message: `... and ${unlisted} more annotation problems` });
  if (ignored) {
    problems.push({ line: null, message: `Only the first ${MAX_PARAMS} params get controls; ` +
      `${formatCount(ignored)} more # @param annotations were ignored.` });
  }
  return { params, problems };
}

/** values(source) → {name: value} of every param, as the code says now. */
export function values(source) {
  return Object.fromEntries(parse(source).params.map((p) => [p.name, p.value]));
}

/**
 * planChange(source, name, value) → {from, to, insert}: the one edit that sets param `name` to `value` (only its
 * literal changes, written so that Python reads it back as `value`). Throws an Error with a plain message if
 * there is no such param or `value` does not fit its type.
 */
export function planChange(source, name, value) {
  const param = parse(source).params.find((p) => p.name === name);
  if (!param) throw new Error(`There is no param named ${JSON.stringify(String(name))} in the code.`);
  const wrong = checkValue(param, value);
  if (wrong) throw new Error(`${name} cannot be set to ${describe(value)}: ${wrong}.`);
  return { from: param.span.from, to: param.span.to, insert: writeLiteral(value, param) };
}

/** rewrite(source, name, value) → the new source, with planChange's edit applied. */
export function rewrite(source, name, value) {
  const { from, to, insert } = planChange(source, name, value);
  return source.slice(0, from) + insert + source.slice(to);
}

function readParam(source, c, specText) {
  if (c.continued) return { problem: "a # @param must end a line of its own, `name = value`; this line continues the one before." };
  const code = source.slice(c.lineStart, c.start);
  const m = ASSIGNMENT.exec(code);
  if (!m || KEYWORDS.has(m[2]) || !m[5]) {
    return { problem: `a # @param must follow a simple assignment \`name = value\` on its line, not ${quoteCode(code)}.` };
  }
  const [, indent, name, gap, after, text] = m;
  if (text.length > MAX_LITERAL_CHARS) {
    return { problem: `${name}: its value is ${formatCount(text.length)} characters long; a param's value may ` +
      `have at most ${formatCount(MAX_LITERAL_CHARS)}.` };
  }
  const literal = readLiteral(text);
  if (literal.error) return { problem: `${name}: ${literal.error}.` };
  const spec = readSpec(specText);
  if (spec.error) return { problem: `the annotation of ${name} could not be read: ${spec.error}.` };
  const from = c.lineStart + indent.length + name.length + gap.length + 1 + after.length;
  const base = { name, line: c.line, value: literal.value, kind: literal.kind, quote: /^[uU]?'/.test(text) ? "'" : '"',
    span: { from, to: from + text.length }, outOfRange: null };
  const checked = checkAnnotation(base, spec);
  if (typeof checked === "string") return { problem: `${name}: ${checked}.` };
  if (checked.outOfRange) checked.outOfRange = `Line ${c.line}: ${checked.outOfRange}`;
  return { param: checked };
}

function checkAnnotation(base, spec) {
  const keys = spec.keys;
  const type = spec.choices ? "choice" : keys.type ?? INFERRED[base.kind];
  if (!spec.choices && !TYPES.includes(type)) {
    return `type must be one of ${TYPES.join(", ")} (or a list of choices), got ${describe(keys.type)}`;
  }
  const unknown = Object.keys(keys).filter((k) => !KEYS[type].includes(k));
  if (unknown.length) return `unknown key ${unknown[0]} for a ${type} (allowed: ${KEYS[type].join(", ")})`;
  for (const flag of ["live", "log", "allow-input"]) {
    if (flag in keys && typeof keys[flag] !== "boolean") return `${flag} must be true or false, got ${describe(keys[flag])}`;
  }
  const param = { ...base, type, live: keys.live === true, options: {} };
  const check = CHECKS[type](param, keys, spec.choices);
  return typeof check === "string" ? check : param;
}

const CHECKS = {
  slider(p, keys) {
    if (!isNumberKind(p)) return `a slider's value must be a number, got ${describe(p.value)}`;
    if (!("min" in keys) || !("max" in keys)) return "a slider needs min and max, e.g. {type:\"slider\", min:0, max:1}";
    const wrong = bound("min", keys.min) || bound("max", keys.max) || order(keys.min, keys.max, true);
    if (wrong) return wrong;
    const whole = Number.isInteger(keys.min) && Number.isInteger(keys.max) && p.kind === "int";
    const step = "step" in keys ? keys.step : whole ? 1 : (keys.max - keys.min) / 1000;
    if (typeof step !== "number" || !Number.isFinite(step)) return `step must be a finite number, got ${describe(step)}`;
    if (!(step > 0)) return `step must be greater than 0, got ${describe(step)}`;
    const log = keys.log === true;
    if (log && !(keys.min > 0)) return `a log slider needs min > 0, got ${describe(keys.min)}`;
    const positions = Math.floor((keys.max - keys.min) / step);
    if (!log && positions > MAX_POSITIONS) {
      return `the slider would have ${formatCount(positions)} positions ((max - min) / step); at most ` +
        `${formatCount(MAX_POSITIONS)}: use a larger step or log:true`;
    }
    p.options = { min: keys.min, max: keys.max, step, log };
    return inRange(p);
  },
  number(p, keys) {
    if (!isNumberKind(p)) return `a number's value must be a number, got ${describe(p.value)}`;
    const wrong = optionalRange(p, keys, false);
    return wrong || inRange(p);
  },
  integer(p, keys) {
    if (p.kind !== "int") return `an integer's value must be a whole number such as 5, got ${describe(p.value)}`;
    const wrong = optionalRange(p, keys, true);
    return wrong || inRange(p);
  },
  boolean(p) {
    return p.kind === "bool" ? null : `a boolean's value must be True or False, got ${describe(p.value)}`;
  },
  string(p) {
    return p.kind === "str" ? null : `a string's value must be a string in quotes, got ${describe(p.value)}`;
  },
  choice(p, keys, choices) {
    if (p.kind === "list") return `a list of choices needs a single value, got ${describe(p.value)}`;
    if (!choices.length) return "the list of choices is empty";
    const bad = choices.find((c) => !["string", "number", "boolean"].includes(typeof c) ||
      (typeof c === "number" && !Number.isFinite(c)));
    if (bad !== undefined) return `each choice must be a string, a finite number or true/false, got ${describe(bad)}`;
    p.options = { choices, allowInput: keys["allow-input"] === true };
    if (!choices.some((c) => sameChoice(c, p.value))) {
      p.outOfRange = `${p.name} = ${describe(p.value)} is not one of the choices (${choices.map(describe).join(", ")})`;
    }
    return null;
  },
  layers(p, keys) {
    if (p.kind !== "list") return `a layers param needs a list of whole numbers such as [64, 32], got ${describe(p.value)}`;
    const o = { ...LAYERS_DEFAULTS, ...keys };
    delete o.type;
    const wrong = wholeBound("min", o.min) || wholeBound("max", o.max) || order(o.min, o.max, false) ||
      (o.min < 1 ? `min must be at least 1 (a layer of width 0 has no units), got ${describe(o.min)}` : null) ||
      (Number.isInteger(o.maxLayers) && o.maxLayers >= 1 && o.maxLayers <= MAX_LAYER_COUNT ? null
        : `maxLayers must be a whole number from 1 to ${MAX_LAYER_COUNT}, got ${describe(o.maxLayers)}`);
    if (wrong) return wrong;
    p.options = { min: o.min, max: o.max, maxLayers: o.maxLayers };
    const outside = p.value.find((w) => w < o.min || w > o.max);
    if (outside !== undefined) {
      p.outOfRange = `${p.name} has a layer of width ${outside}, out of range (${o.min} to ${o.max})`;
    } else if (p.value.length > o.maxLayers) {
      p.outOfRange = `${p.name} has ${p.value.length} layers; at most ${o.maxLayers}`;
    }
    return null;
  },
};

function isNumberKind(p) {
  return p.kind === "int" || p.kind === "float";
}

function bound(key, v) {
  if (typeof v !== "number" || !Number.isFinite(v)) return `${key} must be a finite number, got ${describe(v)}`;
  if (Math.abs(v) > MAX_MAGNITUDE) return `${key} is ${describe(v)}; a range may reach at most ±${MAX_MAGNITUDE.toExponential()}`;
  return null;
}

function wholeBound(key, v) {
  return bound(key, v) || (Number.isInteger(v) ? null : `${key} must be a whole number, got ${describe(v)}`);
}

function order(min, max, strict) {
  return (strict ? min < max : min <= max) ? null : `min (${describe(min)}) must be less than max (${describe(max)})`;
}

function optionalRange(p, keys, whole) {
  const check = whole ? wholeBound : bound;
  const wrong = ("min" in keys && check("min", keys.min)) || ("max" in keys && check("max", keys.max)) ||
    ("min" in keys && "max" in keys && order(keys.min, keys.max, false));
  if (wrong) return wrong;
  p.options = { min: keys.min ?? null, max: keys.max ?? null };
  return null;
}

function inRange(p) {
  const { min, max } = p.options;
  if ((min != null && p.value < min) || (max != null && p.value > max)) {
    const range = min == null ? `at most ${max}` : max == null ? `at least ${min}` : `${min} to ${max}`;
    p.outOfRange = `${p.name} = ${describe(p.value)} is out of range (${range})`;
  }
  return null;
}

function checkValue(p, v) {
  const finite = typeof v === "number" && Number.isFinite(v);
  switch (p.type) {
    case "slider":
    case "number": return finite ? null : "it must be a finite number";
    case "integer": return finite && Number.isSafeInteger(v) ? null : "it must be a whole number";
    case "boolean": return typeof v === "boolean" ? null : "it must be true or false";
    case "string": return typeof v === "string" ? null : "it must be a string";
    case "choice": return p.options.choices.some((c) => sameChoice(c, v)) ? null
      : `it must be one of ${p.options.choices.map(describe).join(", ")}`;
    case "layers": return Array.isArray(v) && v.length <= MAX_LAYER_COUNT && v.every((w) => Number.isSafeInteger(w) && w >= 1)
      ? null : `it must be a list of at most ${MAX_LAYER_COUNT} whole numbers, each at least 1`;
    default: return `unknown type ${p.type}`;
  }
}

function sameChoice(a, b) {
  return typeof a === typeof b && a === b;
}

function describe(v) {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  if (Array.isArray(v)) return `[${v.slice(0, 8).map(describe).join(", ")}${v.length > 8 ? ", ..." : ""}]`;
  if (typeof v === "boolean") return v ? "True" : "False";
  return String(v);
}

function quoteCode(code) {
  const t = code.trim();
  if (!t) return "an empty line (put it after the value, e.g. lr = 0.01  # @param)";
  return `\`${t.length > 40 ? `${t.slice(0, 37)}...` : t}\``;
}
