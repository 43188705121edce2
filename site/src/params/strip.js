// The params strip (issue 20): the code's `# @param` lines as controls, and a "Run on change" toggle. The code is
// the single source of truth: the strip redraws from it after every edit, and a control the user moves changes
// exactly one literal through the editor adapter (one undoable edit per gesture). Typing in the code never asks
// for a run; moving a control does, 300 ms after the last move, while the toggle is on. See docs/ARCHITECTURE.md
// "Params (issue 20)".
import { parse, planChange } from "./annotations.js";
import { buildControl, make } from "./controls.js";

export const RUN_DEBOUNCE_MS = 300;
export const GESTURE_GAP_MS = 500; // moves of one control closer than this are one gesture (one undo step)

let strips = 0; // numbers the ids of each strip's controls, unique on the page

/**
 * createParamsStrip(container, editor, options) → {element, state(), problems(), runOnChange(), setRunOnChange(on),
 * refresh(), destroy()}.
 * editor: {getText(), applyChange({from, to, insert}, {startsGesture}), onChange(callback) → optional unsubscribe}.
 * options: onRunRequest({params: [names], liveOnly}) after the debounce; onParamChange({name, value, live}) at once
 * for every value a control writes; runOnChange (default true); debounceMs (default RUN_DEBOUNCE_MS).
 */
export function createParamsStrip(container, editor, options = {}) {
  const { onRunRequest = () => {}, onParamChange = () => {}, debounceMs = RUN_DEBOUNCE_MS } = options;
  const doc = container.ownerDocument;
  const prefix = `param-${(strips += 1)}`;
  const root = make(doc, "section", { class: "params", "data-testid": "params", "aria-label": "Parameters" });
  const toggle = make(doc, "input", { type: "checkbox", id: `${prefix}-run-on-change`, "data-testid": "run-on-change" });
  toggle.checked = options.runOnChange ?? true;
  const toggleLabel = make(doc, "label", { class: "params-toggle", for: toggle.id }, "Run on change");
  const list = make(doc, "div", { class: "params-list" });
  const empty = make(doc, "p", { class: "params-empty" },
    "Add # @param after a value in the code (lr = 0.01  # @param) to get a control here.");
  const problemList = make(doc, "ul", { class: "params-problems", "data-testid": "params-problems" });
  root.append(toggle, toggleLabel, list, empty, problemList);
  container.append(root);

  let text = null;
  let parsed = { params: [], problems: [] };
  let shape = null;
  let problemKey = null;
  let controls = new Map();
  let timer = null;
  let pending = { names: new Set(), liveOnly: true };
  let gesture = { key: null, at: -Infinity };

  function sync(now) {
    if (now === text) return;
    text = now;
    parsed = parse(now);
    const nextShape = JSON.stringify(parsed.params.map((p) => [p.name, p.type, p.options, p.live,
      p.type === "layers" ? p.value.length : null]));
    if (nextShape !== shape) rebuild(nextShape);
    for (const p of parsed.params) controls.get(p.name).update(p, now.slice(p.span.from, p.span.to));
    const nextProblems = JSON.stringify(parsed.problems);
    if (nextProblems !== problemKey) {
      problemKey = nextProblems;
      problemList.replaceChildren(...parsed.problems.map((q) => make(doc, "li", {}, q.message)));
    }
    empty.hidden = parsed.params.length > 0 || parsed.problems.length > 0;
  }

  function rebuild(nextShape) {
    const focused = focusKey(doc.activeElement);
    shape = nextShape;
    controls = new Map();
    const rows = parsed.params.map((p, i) => {
      const control = buildControl(doc, p, `${prefix}-${i}`, (value, message) => userChange(p, value, message));
      controls.set(p.name, control);
      return control.row;
    });
    list.replaceChildren(...rows);
    if (focused) list.querySelector(focused)?.focus();
  }

  function userChange(p, value, message) {
    const control = controls.get(p.name);
    if (message !== undefined) return control.say(message);
    const now = editor.getText();
    sync(now);
    let change;
    try {
      change = planChange(now, p.name, value);
    } catch (error) {
      return control.say(error.message);
    }
    if (now.slice(change.from, change.to) === change.insert) return undefined;
    const at = Date.now();
    const startsGesture = gesture.key !== p.name || at - gesture.at > GESTURE_GAP_MS;
    gesture = { key: p.name, at };
    editor.applyChange(change, { startsGesture });
    sync(editor.getText()); // in case the adapter's onChange is asynchronous
    onParamChange({ name: p.name, value, live: p.live });
    scheduleRun(p);
    return undefined;
  }

  function scheduleRun(p) {
    if (!toggle.checked) return;
    pending.names.add(p.name);
    pending.liveOnly = pending.liveOnly && p.live;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const request = { params: [...pending.names], liveOnly: pending.liveOnly };
      pending = { names: new Set(), liveOnly: true };
      timer = null;
      onRunRequest(request);
    }, debounceMs);
  }

  function cancelRun() {
    clearTimeout(timer);
    timer = null;
    pending = { names: new Set(), liveOnly: true };
  }

  toggle.addEventListener("change", () => (toggle.checked ? null : cancelRun()));
  const unsubscribe = editor.onChange(() => sync(editor.getText()));
  sync(editor.getText());

  return {
    element: root,
    /** {name: value} of every param, as the code says now. */
    state() {
      sync(editor.getText());
      return Object.fromEntries(parsed.params.map((p) => [p.name, p.value]));
    },
    /** [{line, message}] of the annotations that get no control, as shown in the strip. */
    problems: () => (sync(editor.getText()), parsed.problems),
    runOnChange: () => toggle.checked,
    setRunOnChange(on) {
      toggle.checked = Boolean(on);
      if (!on) cancelRun();
    },
    refresh: () => sync(editor.getText()),
    destroy() {
      cancelRun();
      if (typeof unsubscribe === "function") unsubscribe();
      root.remove();
    },
  };
}

/** A selector for the focused strip element, to give the focus back after a redraw (e.g. after "+ layer"). */
function focusKey(el) {
  if (!el || !el.closest || !el.closest("[data-testid=params]")) return null;
  const param = el.getAttribute("data-param") ?? el.getAttribute("data-param-for");
  if (param == null) return null;
  const name = JSON.stringify(param);
  if (el.hasAttribute("data-param-action")) {
    return `[data-param-for=${name}][data-param-action=${el.getAttribute("data-param-action")}]`;
  }
  const layer = el.getAttribute("data-layer");
  return layer == null ? `[data-param=${name}]` : `[data-param=${name}][data-layer="${layer}"]`;
}
