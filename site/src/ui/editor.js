// The code editor: CodeMirror 6 with Python highlighting, line numbers, bracket matching and undo (basicSetup),
// Ctrl/Cmd+Enter to run, and a marked line for the place a Python error happened.
// Keyboard: Tab indents (Python needs it); Escape, then Tab or Shift+Tab, leaves the editor (CodeMirror's tab focus
// mode, kept on until the next other key rather than CodeMirror's 2 s). Colours come from CSS variables
// (style.css), so the light and dark themes switch by the page's data-theme alone; setDark() tells CodeMirror too.
// Python (@codemirror/lang-python: highlighting, indentation) comes by setLanguage(), a task after the editor is
// made: its parser's start and the first parse of the code would double the task that makes the editor (issue 22).
// The editor starts with the part of CodeMirror's basicSetup that typing needs (below); the rest (bracket closing,
// autocompletion, search, ...: ui/editor-extras.js) comes by addExtras(), after the editor is painted, so that their
// modules' start and their extensions do not delay the first keystroke (issue 22).
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from "@codemirror/commands";
import { HighlightStyle, bracketMatching, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput, indentUnit,
  syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars,
  keymap, lineNumbers } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

/** CodeMirror's basicSetup without the extras of ui/editor-extras.js, in its order. */
const typingSetup = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  history(),
  foldGutter(),
  drawSelection(),
  EditorState.allowMultipleSelections.of(true),
  indentOnInput(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  bracketMatching(),
  highlightActiveLine(),
  keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap]),
];

// How long after Escape a Tab still leaves the editor, unless another key comes first.
const LEAVE_WINDOW_MS = 10 * 60 * 1000;

// Token colours as CSS variables (values per theme in style.css, each checked for AA contrast by the axe audit).
const highlight = HighlightStyle.define([
  { tag: t.keyword, color: "var(--cm-keyword)" },
  { tag: [t.atom, t.bool, t.null, t.number, t.literal], color: "var(--cm-literal)" },
  { tag: [t.string, t.special(t.string), t.regexp, t.escape], color: "var(--cm-string)" },
  { tag: [t.definition(t.variableName), t.function(t.variableName), t.definition(t.propertyName)],
    color: "var(--cm-definition)" },
  { tag: [t.typeName, t.className, t.namespace], color: "var(--cm-type)" },
  { tag: [t.special(t.variableName), t.self, t.macroName], color: "var(--cm-special)" },
  // comments by colour alone: an italic face is a font the browser loads synchronously at its first use, which held
  // the first highlighting's task 150-170 ms (over http, while the runtime bundles load; tools/trace_boot, issue 22)
  { tag: t.comment, color: "var(--cm-comment)" },
  { tag: [t.meta, t.operator], color: "var(--cm-meta)" },
  { tag: t.invalid, color: "var(--error)" },
]);

const surface = EditorView.theme({
  "&": { color: "var(--fg)", backgroundColor: "var(--bg)" },
  ".cm-content": { caretColor: "var(--fg)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--fg)" },
  ".cm-gutters": { color: "var(--muted)", backgroundColor: "var(--panel)", borderColor: "var(--line)" },
  ".cm-activeLine": { backgroundColor: "var(--cm-active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--cm-active-line)", color: "var(--fg)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "var(--cm-selection) !important",
  },
  ".cm-matchingBracket": { backgroundColor: "var(--cm-bracket) !important", outline: "1px solid var(--muted)" },
  "&.cm-focused": { outline: "none" }, // the page draws the focus ring on the editor's frame (style.css)
});

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
 * createEditor(parent, {doc, onChange, label, hintId, dark}) → {getCode, setCode, markErrorLine, clearErrorLine,
 * focus, errorLine, setDark, onRun(handler), addExtras(extensions), setLanguage(extension)}. hintId: the id of the text that says how to
 * leave the editor. onRun(handler): Ctrl/Cmd+Enter in the editor calls handler() (the run control exists only after
 * the editor).
 */
export function createEditor(parent, { doc = "", onChange, label = "Python training code", hintId, dark = false }) {
  let errorLine = null;
  let onRun = null;
  const darkness = new Compartment();
  const language = new Compartment();
  const extras = new Compartment();
  const runKeys = Prec.highest(
    keymap.of([{ key: "Mod-Enter", run: () => (onRun && onRun(), true), preventDefault: true }]),
  );
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        runKeys,
        extras.of([]), // before the typing set: its keys (closing brackets' Backspace) come first, as in basicSetup
        typingSetup,
        keymap.of([indentWithTab]),
        indentUnit.of("    "), // Python's four spaces (PEP 8), for Enter, Tab and Shift+Tab
        syntaxHighlighting(highlight),
        surface,
        darkness.of(EditorView.darkTheme.of(dark)),
        language.of([]),
        errorLineField,
        // no line wrapping: a line is one row, so the first 20 lines are on screen beside the chart, the map and the
        // graph (the long `# @param` lines scroll sideways; their values are the controls under the editor)
        // tabindex: the content is a tab stop, which also makes the scroller keyboard-reachable for axe
        EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0", ...(hintId ? { "aria-describedby": hintId } : {}) }),
        EditorView.domEventHandlers({
          keydown(event, v) {
            // CodeMirror itself gives a 2 s window after Escape; widen it (after its own handler has run).
            if (event.key === "Escape") queueMicrotask(() => v.setTabFocusMode(LEAVE_WINDOW_MS));
            return false;
          },
        }),
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
    /** Replaces the whole text as one undo step of its own (Ctrl/Cmd+Z brings the previous text back). */
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code },
        annotations: isolateHistory.of("full") });
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
    /** Tells CodeMirror the page's theme (its own panels and tooltips; token colours follow the CSS). */
    setDark(on) {
      view.dispatch({ effects: darkness.reconfigure(EditorView.darkTheme.of(on)) });
    },
    onRun(handler) {
      onRun = handler;
    },
    /** The rest of basicSetup (ui/editor-extras.js editorExtras()). */
    addExtras(extensions) {
      view.dispatch({ effects: extras.reconfigure(extensions) });
    },
    /** The editor's language (python() of @codemirror/lang-python): the code is parsed and highlighted at once. */
    setLanguage(extension) {
      view.dispatch({ effects: language.reconfigure(extension) });
    },
  };
}
