"""Runs bench/inpage/ code in the playground page, through the page's own editor and Run button.

The page runs Python only as the editor's code, so the code sent here first writes the bench's page-side files
(`FILES`: bench/__init__.py and bench/inpage/*.py, each whole) into the worker's file system under `FOLDER`, puts
that folder on the worker's sys.path and imports from it: the way the page writes and imports its own glue
(site/src/worker/glue-files.js). Then it prints one result line (bench/inpage/result_line.py), which comes back
through the page's output panel.
"""
import json
import uuid

from tools.paths import ROOT

from .inpage.result_line import MARKER

BENCH = ROOT / "bench"
FILES = [BENCH / "__init__.py", *sorted((BENCH / "inpage").glob("*.py"))]
FOLDER = "/bench-code"  # in the page's worker: FOLDER/bench/inpage/...

# Writes {relative path: text} under a folder and puts the folder first on sys.path (%r: files, folder).
_LOADER = """\
def _load_bench(files, folder):
    import importlib, pathlib, sys
    for name, text in files.items():
        path = pathlib.Path(folder, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    importlib.invalidate_caches()
_load_bench(%r, %r)
del _load_bench
from bench.inpage.result_line import print_result as _print_result
"""


def page_code(expression, setup="", tag="result", folder=FOLDER):
    """The editor's code: load the bench's files, run `setup` (statements), print `expression` as the result line."""
    files = {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in FILES}
    return f"{_LOADER % (files, folder)}{setup}\n_print_result({tag!r}, {expression})\n"


def result_from(output, tag):
    """The value of the `tag` result line in the page's output, or None when there is none."""
    marker = f"{MARKER} {tag} "
    for line in output.splitlines():
        if line.startswith(marker):
            return json.loads(line[len(marker):])
    return None


def run_in_page(browser, expression, setup=""):
    """Runs `expression` (after `setup`) as the editor's code through Run, with bench/inpage/ importable.

    Returns the printed result (a dict), plus `run_pressed_epoch_ms`: the wall-clock time at which Run was pressed.
    """
    tag = uuid.uuid4().hex[:8]
    result, output, clicked_ms = browser.call("""
        window.playground.setCode(arguments[0]);
        const clicked = Date.now();
        const result = await window.playground.run();
        return [result, document.querySelector('[data-testid="output"]').textContent, clicked];""",
        page_code(expression, setup, tag))
    value = result_from(output, tag)
    if value is None:
        raise RuntimeError(f"the page run gave no result line (run result {result!r}); output:\n{output[-3000:]}")
    return {**value, "run_pressed_epoch_ms": clicked_ms}


def wait_until_ready(browser, timeout_s=60):
    """Waits for the playground's status `ready`; returns the versions line the page shows."""
    return browser.call("""
        const deadline = performance.now() + arguments[0] * 1000;
        for (;;) {
          const s = window.playground && window.playground.state().status;
          if (s === "ready") return document.getElementById("versions").textContent;
          if (s === "error") throw new Error("the page failed to boot: " +
                                             document.querySelector('[data-testid="status"]').textContent);
          if (performance.now() > deadline) throw new Error("the page was not ready after " + arguments[0] + " s");
          await new Promise((resolve) => setTimeout(resolve, 20));
        }""", timeout_s)
