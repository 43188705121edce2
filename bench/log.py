"""The bench's progress lines and one-line error descriptions (for the outputs' error list)."""


def log(message):
    print(f"[bench] {message}", flush=True)


def describe(error):
    """The exception's type and the first line of its message."""
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0] if lines else ''}"
