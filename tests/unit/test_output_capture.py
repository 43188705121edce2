"""The glue's capture of print() (site/py/capture.py): past the limit the newest output is kept and the cut is
marked, the same for print() and sys.stdout.write(); everything up to the limit goes through as written."""
import contextlib
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "site" / "py"))

import capture  # noqa: E402


class RecordingPage:
    def __init__(self):
        self.chunks = []

    def write(self, stream, text):
        self.chunks.append((stream, text))

    def flush(self):
        pass

    def text(self):
        return "".join(text for _, text in self.chunks)


LINE = "x" * 99  # with its newline, 100 characters


def twenty_thousand_lines_then_end(out, how):
    with contextlib.redirect_stdout(out):
        for i in range(20_000):
            if how == "print":
                print(f"{i:05d}{LINE[5:]}")
            else:
                sys.stdout.write(f"{i:05d}{LINE[5:]}\n")
        print("END")
    out.flush()


@pytest.mark.parametrize("how", ["print", "write"])
def test_large_output_keeps_its_end_and_marks_the_cut(how):
    page = RecordingPage()
    twenty_thousand_lines_then_end(capture.Capture(page, "stdout"), how)
    text = page.text()
    assert text.endswith("19999" + LINE[5:] + "\nEND\n"), text[-300:]
    assert text.startswith("00000" + LINE[5:] + "\n")
    total = 20_000 * 100 + 4
    shown = len(text) - sum(len(capture.cut_mark(n)) for n in cut_counts(text))
    assert sum(cut_counts(text)) == total - shown, "the marks count exactly the characters dropped"
    assert cut_counts(text), "the cut is marked"


def cut_counts(text):


    return [int(n.replace(",", "")) for n in re.findall(r"\[… ([\d,]+) characters of output cut here …\]", text)]


def test_output_under_the_limit_goes_through_as_written():
    page = RecordingPage()
    out = capture.Capture(page, "stderr")
    assert out.write("hello\n") == 6
    out.flush()
    assert page.chunks == [("stderr", "hello\n")]
