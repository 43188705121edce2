"""The one line a page run prints for the bench (`BENCH-RESULT <tag> <json>`); the page's output panel carries it
back, and bench/editor.py reads it."""
import json

MARKER = "BENCH-RESULT"


def print_result(tag, value):
    """Prints `value` as JSON on one `BENCH-RESULT <tag>` line."""
    print(f"{MARKER} {tag} {json.dumps(value)}", flush=True)
