// The editor's extras, added a few tasks after it takes keystrokes (issue 22): bracket closing, autocompletion,
// search, selection-match highlighting, rectangular selection, the drop cursor, and their keys. With the editor's
// own set (ui/editor.js) they make CodeMirror's basicSetup, in its order; their modules (@codemirror/autocomplete,
// search, lint) start here, not before the editor.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { lintKeymap } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { crosshairCursor, dropCursor, keymap, rectangularSelection } from "@codemirror/view";

/** The extensions of basicSetup that the editor starts without. */
export function editorExtras() {
  return [
    dropCursor(),
    closeBrackets(),
    autocompletion(),
    rectangularSelection(),
    crosshairCursor(),
    highlightSelectionMatches(),
    keymap.of([...closeBracketsKeymap, ...searchKeymap, ...completionKeymap, ...lintKeymap]),
  ];
}
