// One native, labelled control per `# @param` (issue 20): a range input for a slider, a number or text input, a
// checkbox, a select of choices, and for layers one width input per layer plus add/remove buttons. Each control
// carries data-param="<name>". A control only reports what the user did (emit); the strip writes the code.
import { sliderScale } from "./slider-scale.js";

/**
 * buildControl(doc, param, id, emit) → {row, update(param, text)}. `id` is unique on the page; `emit(value)` is
 * called when the user sets a value, `emit(undefined, message)` when what they typed is not a value of the type.
 * update() shows the value the code holds now (`text`: its literal as written) and its out-of-range note.
 */
export function buildControl(doc, param, id, emit) {
  const row = make(doc, param.type === "layers" ? "fieldset" : "div", { class: `param param-${param.type}`,
    "data-param-row": param.name });
  const note = make(doc, "span", { class: "param-note", id: `${id}-note` });
  const control = BUILDERS[param.type](doc, param, id, emit, row);
  if (param.live) row.append(make(doc, "span", { class: "param-live", title: "changes a running training" }, "live"));
  row.append(note);
  return {
    row,
    update(p, text) {
      control.update(p, text);
      note.textContent = p.outOfRange ?? "";
      for (const input of row.querySelectorAll("[data-param]")) {
        if (p.outOfRange) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
    },
    /** Shows a message about the user's entry until the next update (e.g. "enter a number"). */
    say(message) {
      note.textContent = message;
    },
  };
}

const BUILDERS = {
  slider(doc, p, id, emit, row) {
    const scale = sliderScale(p.options);
    const input = labelled(doc, row, p, id, { type: "range", min: scale.min, max: scale.max, step: scale.step });
    const shown = make(doc, "output", { class: "param-value", for: id });
    row.append(shown);
    input.addEventListener("input", () => emit(scale.toValue(input.value)));
    return {
      update(q, text) {
        // leave the thumb where the user put it when it already stands for the code's value (a log slider's
        // neighbouring positions can round to one value)
        if (scale.toValue(input.value) !== q.value) input.value = String(scale.toPosition(q.value));
        input.setAttribute("aria-valuetext", text);
        shown.textContent = text;
      },
    };
  },
  number(doc, p, id, emit, row) {
    return numberInput(doc, p, id, emit, row, "any", (n) => Number.isFinite(n), "enter a number");
  },
  integer(doc, p, id, emit, row) {
    return numberInput(doc, p, id, emit, row, "1", (n) => Number.isSafeInteger(n), "enter a whole number");
  },
  boolean(doc, p, id, emit, row) {
    const input = labelled(doc, row, p, id, { type: "checkbox" });
    input.addEventListener("change", () => emit(input.checked));
    return { update: (q) => (input.checked = q.value) };
  },
  string(doc, p, id, emit, row) {
    const input = labelled(doc, row, p, id, { type: "text", spellcheck: "false" });
    input.addEventListener("change", () => emit(input.value));
    return { update: (q) => (doc.activeElement === input ? null : (input.value = q.value)) };
  },
  choice(doc, p, id, emit, row) {
    const select = labelled(doc, row, p, id, {}, "select");
    p.options.choices.forEach((c, i) => select.append(make(doc, "option", { value: String(i) }, String(c))));
    const other = make(doc, "option", { value: "", disabled: "" });
    select.addEventListener("change", () => emit(p.options.choices[Number(select.value)]));
    return {
      update(q, text) {
        const i = q.options.choices.findIndex((c) => typeof c === typeof q.value && c === q.value);
        if (i >= 0) {
          other.remove();
          select.value = String(i);
        } else {
          other.textContent = `${text} (not a choice)`;
          select.append(other);
          select.value = "";
        }
      },
    };
  },
  layers(doc, p, id, emit, row) {
    const { min, max, maxLayers } = p.options;
    row.append(make(doc, "legend", {}, p.name));
    let widths = p.value.slice();
    const inputs = widths.map((_, i) => {
      const wrap = make(doc, "span", { class: "param-layer" });
      const input = make(doc, "input", { type: "number", id: `${id}-${i}`, min, max, step: "1", "data-param": p.name,
        "data-layer": String(i), "aria-label": `${p.name} layer ${i + 1} width`, "aria-describedby": `${id}-note` });
      wrap.append(make(doc, "label", { for: `${id}-${i}` }, String(i + 1)), input);
      row.append(wrap);
      input.addEventListener("change", () => {
        const n = Number(input.value);
        if (input.value === "" || !Number.isSafeInteger(n) || n < 1) return emit(undefined, `${p.name} layer ${i + 1}: enter a whole number of at least 1`);
        return emit(widths.map((w, j) => (j === i ? n : w)));
      });
      return input;
    });
    const add = make(doc, "button", { type: "button", "data-param-action": "add", "data-param-for": p.name,
      "aria-label": `Add a layer to ${p.name}` }, "+ layer");
    const remove = make(doc, "button", { type: "button", "data-param-action": "remove", "data-param-for": p.name,
      "aria-label": `Remove the last layer of ${p.name}` }, "\u2212 layer");
    add.addEventListener("click", () => emit([...widths, widths.at(-1) ?? Math.min(Math.max(8, min), max)]));
    remove.addEventListener("click", () => emit(widths.slice(0, -1)));
    row.append(add, remove);
    return {
      update(q) {
        widths = q.value.slice();
        inputs.forEach((input, i) => (input.value === String(widths[i]) ? null : (input.value = String(widths[i]))));
        add.disabled = widths.length >= maxLayers;
        remove.disabled = widths.length === 0;
      },
    };
  },
};

function numberInput(doc, p, id, emit, row, step, valid, hint) {
  const attrs = { type: "number", step };
  if (p.options.min != null) attrs.min = p.options.min;
  if (p.options.max != null) attrs.max = p.options.max;
  const input = labelled(doc, row, p, id, attrs);
  input.addEventListener("change", () => {
    const n = Number(input.value);
    if (input.value === "" || !valid(n)) emit(undefined, `${p.name}: ${hint}`);
    else emit(n);
  });
  return {
    update(q) {
      if (Number(input.value) !== q.value || input.value === "") input.value = String(q.value);
    },
  };
}

/** A <label> and its control (input or select) with data-param, appended to `row`; returns the control. */
function labelled(doc, row, p, id, attrs, tag = "input") {
  const control = make(doc, tag, { ...attrs, id, "data-param": p.name, "aria-describedby": `${id}-note` });
  row.append(make(doc, "label", { for: id }, p.name), control);
  return control;
}

/** An element with attributes (every value as a string) and text; the strip's one DOM helper. */
export function make(doc, tag, attrs = {}, text = "") {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text) el.textContent = text;
  return el;
}
