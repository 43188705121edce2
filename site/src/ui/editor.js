// The code editor: CodeMirror 6 with Python highlighting, line numbers, bracket matching and undo (basicSetup),
// Ctrl/Cmd+Enter to run, and a marked line for the place a Python error happened.
import { EditorView, basicSetup } from "codemirror";
import { python } from "@codemirror/lang-python";
import { EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import { Decoration, keymap } from "@codemirror/view";

const setErrorLine = StateEffect.define(); // value: line number (1-based) or null to clear
const errorLineDecoration = Decoration.line({ attributes: { class: "cm-error-line", "data-error-line": "true" } });

// The error mark stays until the code changes or the next run clears it.
const errorLineField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const e of tr.effects) {
      if (e.is(setErrorLine)) {
        if (e.value == null || e.value < 1 || e.value > tr.state.doc.lines) return Decoration.none;
        const line = tr.state.doc.line(e.value);
        return Decoration.set([errorLineDecoration.range(line.from)]);
      }
    }
    return tr.docChanged ? Decoration.none : marks.map(tr.changes);
  },
  provide: (f) => EditorView.decorations.from(f),
});

/**
 * createEditor(parent, {doc, onRun, onChange, label}) → {getCode, setCode, markErrorLine, clearErrorLine, focus,
 * errorLine}.
 */
export function createEditor(parent, { doc = "", onRun, onChange, label = "Python training code" }) {
  let errorLine = null;
  const runKeys = Prec.highest(
    keymap.of([{ key: "Mod-Enter", run: () => (onRun && onRun(), true), preventDefault: true }]),
  );
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        runKeys,
        basicSetup,
        python(),
        errorLineField,
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) {
            errorLine = null;
            if (onChange) onChange(u.state.doc.toString());
          }
        }),
      ],
    }),
  });

  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    markErrorLine(line) {
      errorLine = line;
      const effects = [setErrorLine.of(line)];
      if (line >= 1 && line <= view.state.doc.lines) {
        effects.push(EditorView.scrollIntoView(view.state.doc.line(line).from, { y: "center" }));
      }
      view.dispatch({ effects });
    },
    clearErrorLine() {
      errorLine = null;
      view.dispatch({ effects: setErrorLine.of(null) });
    },
    errorLine: () => errorLine,
    focus: () => view.focus(),
  };
}
