// Just enough of Python's lexical rules for `# @param` lines (issue 20), without a Python parser: where each
// comment starts (outside strings, triple-quoted ones included), whether a line continues an earlier one, and the
// plain literals a param may hold (numbers, strings, True/False, a list of integers), read and written back so
// that CPython reads the written text as the same value. No DOM, no imports.

/**
 * comments(source) → [{line, lineStart, start, end, continued}] for every comment in one linear pass.
 * `line` counts from 1; `start` is the offset of "#", `end` of the line's end; `continued`: the line goes on from
 * an earlier one (open bracket or a backslash before its newline), so it is not a statement of its own.
 */
export function comments(source) {
  const found = [];
  let line = 1;
  let lineStart = 0;
  let depth = 0; // open brackets
  let continued = false; // the current line continues the previous one
  let slash = false; // a backslash just before the next newline
  let quote = ""; // inside a string: its closing quote (' " ''' """)
  const n = source.length;
  for (let i = 0; i < n; i += 1) {
    const c = source[i];
    if (c === "\n") {
      if (!quote || quote.length === 3) {
        line += 1;
        lineStart = i + 1;
        if (!quote) continued = depth > 0 || slash;
        else continued = true;
      } else {
        // an unterminated one-line string ends at its line (Python: a SyntaxError, reported when run)
        quote = "";
        line += 1;
        lineStart = i + 1;
        continued = depth > 0;
      }
      slash = false;
      continue;
    }
    if (c === "\r") continue;
    slash = false;
    if (quote) {
      if (c === "\\") {
        const skip = source[i + 1] === "\r" && source[i + 2] === "\n" ? 2 : 1;
        i += skip;
        if (source[i] === "\n") {
          // a backslash-newline inside a string: the string (and the statement) goes on on the next line
          line += 1;
          lineStart = i + 1;
          continued = true;
        }
      } else if (source.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = "";
      }
      continue;
    }
    if (c === "#") {
      let end = source.indexOf("\n", i);
      if (end < 0) end = n;
      if (end > i && source[end - 1] === "\r") end -= 1;
      found.push({ line, lineStart, start: i, end, continued });
      i = end - 1;
    } else if (c === '"' || c === "'") {
      quote = source.startsWith(c + c + c, i) ? c + c + c : c;
      i += quote.length - 1;
    } else if (c === "(" || c === "[" || c === "{") depth += 1;
    else if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
    else if (c === "\\") slash = source[i + 1] === "\n" || (source[i + 1] === "\r" && source[i + 2] === "\n");
  }
  return found;
}

const INT = /^[+-]?(?:0(?:_?0)*|[1-9](?:_?\d)*)$/;
const DIGITS = String.raw`\d(?:_?\d)*`;
const FLOAT = new RegExp(String.raw`^[+-]?(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.?)(?:[eE][+-]?${DIGITS})?$`);
const ESCAPES = { "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

/**
 * readLiteral(text) → {value, kind} with kind "int" | "float" | "bool" | "str" | "list" (a list of ints),
 * or {error} saying in plain words why `text` is not such a literal.
 */
export function readLiteral(text) {
  const t = text.trim();
  if (t === "True" || t === "False") return { value: t === "True", kind: "bool" };
  if (INT.test(t)) {
    const value = Number(t.replace(/_/g, ""));
    if (!Number.isSafeInteger(value)) return { error: `${t} is too large for a control (at most ±${Number.MAX_SAFE_INTEGER})` };
    return { value: Object.is(value, -0) ? 0 : value, kind: "int" };
  }
  if (FLOAT.test(t) && /[.eE]/.test(t)) {
    const value = Number(t.replace(/_/g, ""));
    if (!Number.isFinite(value)) return { error: `${t} is not a finite number` };
    return { value, kind: "float" };
  }
  if (/^[uU]?(['"])/.test(t)) return readString(t.replace(/^[uU]/, ""));
  if (t.startsWith("[")) return readIntList(t);
  return { error: `${shorten(t)} is not a plain number, string, True/False or list of whole numbers` };
}

function readString(t) {
  const q = t[0];
  if (t.startsWith(q + q + q) && t.length > 2) return { error: "a triple-quoted string cannot be a param" };
  let out = "";
  for (let i = 1; i < t.length; i += 1) {
    const c = t[i];
    if (c === q) {
      if (i !== t.length - 1) return { error: `${shorten(t)} is not one plain string` };
      return { value: out, kind: "str" };
    }
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = t[i + 1];
    i += 1;
    if (e in ESCAPES) out += ESCAPES[e];
    else if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(t.slice(i))[0];
      out += String.fromCodePoint(parseInt(oct, 8));
      i += oct.length - 1;
    } else if (e === "x" || e === "u" || e === "U") {
      const size = { x: 2, u: 4, U: 8 }[e];
      const hex = t.slice(i + 1, i + 1 + size);
      const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === size ? parseInt(hex, 16) : NaN;
      if (!(code <= 0x10ffff)) return { error: `${shorten(t)} has a bad \\${e} escape` };
      out += String.fromCodePoint(code);
      i += size;
    } else if (e === "N") return { error: "\\N{...} escapes are not supported in a param" };
    else out += "\\" + (e ?? ""); // Python keeps an unknown escape as it is
  }
  return { error: `${shorten(t)} is not a closed string` };
}

function readIntList(t) {
  if (!t.endsWith("]")) return { error: `${shorten(t)} is not a closed list` };
  const inner = t.slice(1, -1).trim();
  if (!inner) return { value: [], kind: "list" };
  const items = inner.replace(/,\s*$/, "").split(",");
  const value = [];
  for (const item of items) {
    const r = readLiteral(item);
    if (r.kind !== "int") return { error: r.error || `${shorten(t)} is not a list of whole numbers` };
    value.push(r.value);
  }
  return { value, kind: "list" };
}

function shorten(t) {
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

/**
 * writeLiteral(value, like) → Python source for `value`, which CPython reads back as the same value. `like` is
 * the literal it replaces ({kind, quote}): an int stays an int while the value is whole, a float keeps a ".0",
 * a string keeps its quote. Throws an Error naming the value if it cannot be written (NaN, infinity, ...).
 */
export function writeLiteral(value, like = {}) {
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return writeString(value, like.quote === "'" ? "'" : '"');
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${value} is not a finite number`);
    if (Number.isInteger(value) && like.kind !== "float") {
      if (!Number.isSafeInteger(value)) throw new Error(`${value} is too large (at most ±${Number.MAX_SAFE_INTEGER})`);
      return String(value === 0 ? 0 : value);
    }
    if (Object.is(value, -0)) return "-0.0";
    const s = String(value);
    return /[.e]/.test(s) ? s : `${s}.0`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => writeLiteral(v, { kind: "int" })).join(", ")}]`;
  throw new Error(`${String(value)} cannot be written as a Python literal`);
}

function writeString(s, q) {
  let out = q;
  for (const ch of s) {
    const code = ch.codePointAt(0);
    if (ch === "\\" || ch === q) out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f || code === 0x85 || code === 0x2028 || code === 0x2029 ||
             (code >= 0xd800 && code <= 0xdfff)) out += code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
    else out += ch;
  }
  return out + q;
}

function hex(code, width) {
  return code.toString(16).padStart(width, "0");
}
