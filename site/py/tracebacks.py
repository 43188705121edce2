"""Errors as the page shows them: the user's error with its editor line and the traceback from the user's own
frames (the glue's are left out), a hint for diverged training, and sys.excepthook for errors of calls from JS."""
import sys
from traceback import format_exception, format_exception_only, print_exception, walk_tb

from colornet import TrainingDiverged

FILENAME = "<editor>"  # the editor's code is compiled with this name, so tracebacks carry the editor's lines


def editor_line(exc):
    """The editor line where `exc` happened (innermost <editor> frame), or None."""
    if isinstance(exc, SyntaxError) and exc.filename == FILENAME:
        return exc.lineno
    line = None
    for frame, lineno in walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == FILENAME:
            line = lineno
    return line


def user_traceback(exc):
    """The traceback text starting at the user's code."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != FILENAME:
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) or tb is None:
        return "".join(format_exception_only(type(exc), exc))
    return "".join(format_exception(type(exc), exc, tb))


def diverged_hint(exc):
    lr = getattr(exc, "lr", None)
    if lr:
        return (f"\nTraining diverged at step {exc.step} with learning rate {lr:g} (cost {exc.cost}). "
                f"Try a lower learning rate, e.g. lr={lr / 10:g}.\n")
    return "\nTraining diverged. Try a lower learning rate.\n"


def describe_error(error):
    """The failed run's part of the result: {ok: False, error, name, line, traceback}."""
    text = user_traceback(error)
    if isinstance(error, TrainingDiverged) and "lower learning rate" not in str(error):
        text += diverged_hint(error)
    return {"ok": False, "error": f"{type(error).__name__}: {error}", "name": type(error).__name__,
            "line": editor_line(error), "traceback": text}


def excepthook(exc_type, exc, tb):
    """sys.excepthook: Pyodide formats the error of a call from JS (e.g. `import_model` refusing) with it, capturing
    the file descriptor 2; during a run sys.stderr is the user's output, so write to the real stderr."""
    stream = sys.__stderr__
    print_exception(exc_type, exc, tb, file=stream)
    stream.flush()
