// Reads the text after `@param` in a Colab-style annotation: an optional list of choices, then an optional
// object with unquoted keys, e.g. `{type:"slider", min:0.0001, max:0.1, step:0.0001, log:true}` or
// `["relu", "tanh"]`. Values are JSON-like: numbers, "strings" or 'strings', true/false (True/False too),
// NaN/Infinity (read so that the checks can name them), and lists of those. No DOM, no imports.

/** readSpec(text) → {choices: [..] | null, keys: {..}} or {error} naming what was expected and where. */
export function readSpec(text) {
  const r = new Reader(text);
  try {
    let choices = null;
    let keys = {};
    r.space();
    if (r.peek() === "[") choices = r.list();
    r.space();
    if (r.peek() === "{") keys = r.object();
    r.space();
    if (!r.done()) r.fail(`unexpected ${JSON.stringify(r.rest(12))}`);
    return { choices, keys };
  } catch (error) {
    if (error instanceof SpecError) return { error: error.message };
    throw error;
  }
}

class SpecError extends Error {}

const MAX_SPEC_ITEMS = 1000; // a list of choices (or an object) longer than this is refused, not drawn
const MAX_DEPTH = 3; // lists inside lists: deeper nesting is refused (no annotation needs it; no deep recursion)

class Reader {
  constructor(text) {
    this.text = text;
    this.i = 0;
    this.depth = 0;
  }

  done() {
    return this.i >= this.text.length;
  }

  peek() {
    return this.text[this.i];
  }

  rest(n) {
    return this.text.slice(this.i, this.i + n);
  }

  fail(what) {
    throw new SpecError(`${what} at character ${this.i + 1} of the annotation`);
  }

  space() {
    while (/\s/.test(this.text[this.i] ?? "")) this.i += 1;
  }

  expect(ch) {
    this.space();
    if (this.text[this.i] !== ch) this.fail(`expected "${ch}"${this.done() ? " before the end" : ""}`);
    this.i += 1;
  }

  object() {
    const keys = {};
    this.expect("{");
    this.space();
    while (this.peek() !== "}") {
      if (Object.keys(keys).length >= MAX_SPEC_ITEMS) this.fail(`more than ${MAX_SPEC_ITEMS} keys`);
      const key = this.key();
      if (Object.hasOwn(keys, key)) this.fail(`the key ${key} is given twice`);
      this.expect(":");
      keys[key] = this.value();
      this.space();
      if (this.peek() === ",") {
        this.i += 1;
        this.space();
      } else if (this.peek() !== "}") this.fail('expected "," or "}"');
    }
    this.i += 1;
    return keys;
  }

  key() {
    this.space();
    const q = this.peek();
    if (q === '"' || q === "'") return this.string();
    const m = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.i));
    if (!m) this.fail(this.done() ? 'expected "}" before the end' : "expected a key such as type, min or max");
    this.i += m[0].length;
    return m[0];
  }

  list() {
    const items = [];
    this.expect("[");
    this.depth += 1;
    if (this.depth > MAX_DEPTH) this.fail(`lists nested more than ${MAX_DEPTH} deep`);
    this.space();
    while (this.peek() !== "]") {
      if (items.length >= MAX_SPEC_ITEMS) this.fail(`more than ${MAX_SPEC_ITEMS} choices`);
      items.push(this.value());
      this.space();
      if (this.peek() === ",") {
        this.i += 1;
        this.space();
      } else if (this.peek() !== "]") this.fail('expected "," or "]"');
    }
    this.i += 1;
    this.depth -= 1;
    return items;
  }

  value() {
    this.space();
    const c = this.peek();
    if (c === '"' || c === "'") return this.string();
    if (c === "[") return this.list();
    const m = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Infinity|NaN|true|false|True|False)/
      .exec(this.text.slice(this.i));
    if (!m) this.fail(this.done() ? "expected a value before the end" : "expected a number, a string, true or false");
    this.i += m[0].length;
    if (/^(true|True)$/.test(m[0])) return true;
    if (/^(false|False)$/.test(m[0])) return false;
    return Number(m[0]);
  }

  string() {
    const q = this.peek();
    let out = "";
    for (this.i += 1; !this.done(); this.i += 1) {
      const c = this.peek();
      if (c === q) {
        this.i += 1;
        return out;
      }
      if (c === "\\") {
        this.i += 1;
        const e = this.peek();
        out += { n: "\n", t: "\t", r: "\r" }[e] ?? e ?? "";
      } else out += c;
    }
    return this.fail("a string is not closed");
  }
}
