"""Errors in the user's code: tracebacks with the editor's line numbers, the failing line marked, divergence
named with a hint, and the next Run always works."""
from playground_driver import js, open_ready, output_text, run_to_end, short_training

GOOD = 'print("second run works", 6 * 7)\n'


def marked_lines(browser):
    """Line numbers (1-based) of the editor lines carrying the error mark."""
    return js(browser, """
        const lines = [...document.querySelectorAll('#editor .cm-line')];
        return lines.map((l, i) => l.classList.contains('cm-error-line') ? i + 1 : 0).filter(Boolean);
    """)


def test_syntax_error_marks_the_line_and_the_next_run_works(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    final = run_to_end(browser, "x = 1\ny = 2\nz = (x +\nprint(z)\n")
    out = output_text(browser)
    assert final["status"] == "error"
    assert "SyntaxError" in out and 'File "<editor>", line 3' in out, out
    assert final["errorLine"] == 3
    assert marked_lines(browser) == [3]

    final = run_to_end(browser, GOOD)
    assert final["status"] == "ready"
    assert "second run works 42" in output_text(browser)
    assert "SyntaxError" not in output_text(browser)
    assert marked_lines(browser) == []


def test_exception_shows_traceback_with_editor_lines(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    code = "def ratio(a, b):\n    return a / b\n\nprint('before')\nratio(1, 0)\n"
    final = run_to_end(browser, code)
    out = output_text(browser)
    assert final["status"] == "error"
    assert "before" in out
    assert "Traceback (most recent call last):" in out
    assert 'File "<editor>", line 5, in <module>' in out and 'File "<editor>", line 2, in ratio' in out, out
    assert "ZeroDivisionError: division by zero" in out
    assert "_pyodide" not in out and "playground.py" not in out  # the glue's own frames are left out
    assert final["errorLine"] == 2 and marked_lines(browser) == [2]

    final = run_to_end(browser, GOOD)
    assert final["status"] == "ready" and "second run works 42" in output_text(browser)


def test_bad_hyperparameter_names_the_value(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    final = run_to_end(browser, short_training().replace("lr=0.003", "lr=-1"))
    out = output_text(browser)
    assert final["status"] == "error"
    assert "lr" in out and "-1" in out, out
    assert final["errorLine"] == 5


def test_divergence_names_step_and_lr_and_suggests_lower(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    code = short_training(steps=500, report_every=1).replace(
        "cn.Adam(net.parameters(), lr=0.003)", "cn.SGD(net.parameters(), lr=1000.0)")
    final = run_to_end(browser, code)
    out = output_text(browser)
    assert final["status"] == "error"
    assert "TrainingDiverged" in out and "step" in out and "1000" in out, out
    assert "lower learning rate" in out
    assert final["errorLine"] == 6  # the train_async line

    final = run_to_end(browser, short_training(steps=50))
    assert final["status"] == "ready" and "done 50" in output_text(browser)
