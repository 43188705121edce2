"""Large output keeps its end: 20,000 lines of 100 characters (2 MB, past the glue's 1 MB limit) then END, written
with print() or sys.stdout.write(): the last lines and END are shown, and the cut is marked."""
import re

import pytest

from playground_driver import output_text, run_to_end

WRITERS = {
    "print": "print(f'{i:05d}' + 'x' * 94)",
    "sys.stdout.write": "sys.stdout.write(f'{i:05d}' + 'x' * 94 + '\\n')",
}


@pytest.mark.parametrize("writer", WRITERS)
def test_twenty_thousand_lines_then_end_shows_end_and_a_cut_mark(page, writer):
    code = f"import sys\nfor i in range(20_000):\n    {WRITERS[writer]}\nprint('END')\n"
    assert run_to_end(page, code)["status"] == "ready"
    text = output_text(page)
    assert text.startswith("00000xxx"), text[:80]
    assert text.endswith("19998" + "x" * 94 + "\n19999" + "x" * 94 + "\nEND\n"), text[-300:]
    assert re.search(r"\[… [\d,]+ characters of output cut here …\]", text), "the cut is marked"
