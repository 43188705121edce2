// Run, Stop and Restart Python: the buttons, Ctrl/Cmd+Enter anywhere on the page (and in the editor), and the same
// actions for window.playground. A run takes the editor's code and the Seed box's value (checked first).
import { runSettings } from "../ui/state.js";

/**
 * createRunControl({run, stop, restart}, {python, view, state, save, editor, controls, output})
 * → {run() → a promise of the run's result (null when there is none), stop(), restart()}
 */
export function createRunControl(buttons, { python, view, state, save, editor, controls, output }) {
  function run() {
    const runner = python.runner();
    if (!runner) {
      output.info(view.status === "error" ? "Python could not start, so the code cannot run (see above)."
        : "Python is still loading; press Run again in a moment.");
      return Promise.resolve(null);
    }
    if (runner.busy() || !controls.commitSeed()) return Promise.resolve(null);
    state.code = editor.getCode();
    save(state);
    return runner.run(state.code, runSettings(state));
  }

  function stop() {
    const runner = python.runner();
    if (runner) runner.stop();
  }

  function restart() {
    const runner = python.runner();
    return runner ? runner.restart() : undefined;
  }

  buttons.run.addEventListener("click", () => run());
  editor.onRun(() => run());
  // Ctrl/Cmd+Enter runs from anywhere on the page (the editor handles it itself and marks the event handled).
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
      e.preventDefault();
      run();
    }
  });
  buttons.stop.addEventListener("click", stop);
  buttons.restart.addEventListener("click", () => restart());
  return { run, stop, restart };
}
