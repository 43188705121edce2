// The training doctor: the diagnoses site/py/doctor.py makes while a run goes (dead output channels, divergence,
// plateau, oscillation), each in plain words with one-click fixes. A fix edits the code in the editor as one
// visible, selected change that Ctrl+Z undoes, or sets the Seed box; it never runs anything by itself.

const NUMBER = "([0-9][0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+(?:[eE][-+]?[0-9]+)?)";

function pyNumber(x) {
  return String(Number(x.toPrecision(6)));
}

function findNumber(code, name) {
  const m = new RegExp(`\\b${name}\\s*=\\s*${NUMBER}`).exec(code);
  if (!m) return null;
  const from = m.index + m[0].length - m[1].length;
  return { from, to: from + m[1].length, value: Number(m[1].replace(/_/g, "")) };
}

// Each fix: label(code) → text or null when it does not apply to this code; edit(code) → {from, to, insert}.
export const FIXES = {
  "lower-lr": {
    plan(code) {
      const n = findNumber(code, "lr");
      if (!n) return null;
      const to = pyNumber(n.value / 10);
      return { label: `Lower the learning rate: lr=${to}`, edit: { from: n.from, to: n.to, insert: to } };
    },
  },
  "higher-lr": {
    plan(code) {
      const n = findNumber(code, "lr");
      if (!n) return null;
      const to = pyNumber(n.value * 10);
      return { label: `Raise the learning rate: lr=${to}`, edit: { from: n.from, to: n.to, insert: to } };
    },
  },
  adam: {
    plan(code) {
      const m = /cn\.SGD\(([^)]*)\)/.exec(code);
      if (!m) return null;
      const args = m[1].replace(/,\s*momentum\s*=\s*[^,)]+/, "");
      const insert = `cn.Adam(${args})`;
      return { label: "Use Adam instead of SGD", edit: { from: m.index, to: m.index + m[0].length, insert } };
    },
  },
  "bigger-batch": {
    plan(code) {
      const n = findNumber(code, "batch_size");
      if (!n) return null;
      const to = String(Math.round(n.value * 4));
      return { label: `Use bigger batches: batch_size=${to}`, edit: { from: n.from, to: n.to, insert: to } };
    },
  },
  "linear-output": {
    plan(code) {
      const m = /output\s*=\s*(["'])(relu|sigmoid|tanh)\1/i.exec(code);
      if (!m) return null;
      const quote = m[1];
      return {
        label: "Use a linear output layer",
        edit: { from: m.index, to: m.index + m[0].length, insert: `output=${quote}linear${quote}` },
      };
    },
  },
  "next-seed": {
    plan(code, { seed }) {
      return { label: `Try seed ${seed + 1}`, seed: seed + 1 };
    },
  },
};

/**
 * createDoctor({list, summary}, {editor, getSeed, setSeed, say}) → {show(diagnoses), clear(), state()}
 * editor: the createEditor() object (its CodeMirror view makes the undoable change); say(text): a note in Output.
 */
export function createDoctor(els, { editor, getSeed, setSeed, say }) {
  let current = [];
  let key = "";

  function apply(code, plan) {
    if (plan.seed != null) {
      setSeed(plan.seed);
      say(`Doctor: seed set to ${plan.seed}. Press Run to try it.`);
      return;
    }
    const now = editor.getCode();
    if (now !== code) {
      // The code changed since the diagnosis was drawn: plan again on the current text.
      say("Doctor: the code changed; press the fix again.");
      render(current, true);
      return;
    }
    const { from, to, insert } = plan.edit;
    editor.view.dispatch({
      changes: { from, to, insert },
      selection: { anchor: from, head: from + insert.length },
      scrollIntoView: true,
      userEvent: "input.doctor",
    });
    const line = editor.view.state.doc.lineAt(from).number;
    say(`Doctor: changed line ${line} to "${editor.view.state.doc.line(line).text.trim()}" (Ctrl+Z undoes it). ` +
      "Press Run to try it.");
    editor.focus();
  }

  function render(list, force = false) {
    // Called a few times a second while training: the page is touched only where the text changed.
    const code = list.length || force ? editor.getCode() : "";
    const k = JSON.stringify(list.map((d) => [d.code, d.fixes])) + (list.length ? code.length : "");
    current = list;
    const summary = list.length
      ? `${list.length} problem${list.length > 1 ? "s" : ""} found`
      : "No problems seen so far.";
    if (els.summary.textContent !== summary) els.summary.textContent = summary;
    if (k === key && !force) {
      // Same diagnoses: only refresh the wording (numbers change as training goes on).
      list.forEach((d, i) => {
        const msg = els.list.children[i] && els.list.children[i].querySelector(".doctor-message");
        if (msg && msg.textContent !== d.message) msg.textContent = d.message;
      });
      return;
    }
    key = k;
    els.list.textContent = "";
    for (const d of list) {
      const item = document.createElement("li");
      item.className = "doctor-item";
      item.dataset.code = d.code;
      const msg = document.createElement("p");
      msg.className = "doctor-message";
      msg.textContent = d.message;
      item.append(msg);
      const fixes = document.createElement("div");
      fixes.className = "doctor-fixes";
      for (const name of d.fixes || []) {
        const fix = FIXES[name];
        const plan = fix && fix.plan(code, { seed: getSeed() });
        if (!plan) continue;
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.fix = name;
        button.textContent = plan.label;
        button.addEventListener("click", () => apply(code, plan));
        fixes.append(button);
      }
      item.append(fixes);
      els.list.append(item);
    }
  }

  return {
    show: (list) => render(list || []),
    clear() {
      current = [];
      key = "";
      els.list.textContent = "";
      els.summary.textContent = "Watching the next run for dead outputs, divergence, plateaus and oscillation.";
    },
    state: () => current.map((d) => ({ code: d.code, message: d.message })),
  };
}
