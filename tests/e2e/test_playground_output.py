"""Large output never blanks the Output panel: past its limit the panel keeps the head and the newest tail, cuts
inside a chunk if need be, and marks the cut with the count of characters dropped."""
import re

from playground_driver import js, open_ready, output_text, run_to_end

LIMIT = 200_000  # site/src/ui/output.js MAX_CHARS


def test_one_huge_print_keeps_head_and_tail_with_a_counted_cut(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    final = run_to_end(browser, "print('first line')\nprint('x' * 210_000)\nprint('last line')\n")
    assert final["status"] == "ready"
    text = output_text(browser)
    printed = len("first line\n") + 210_001 + len("last line\n")
    assert text.startswith("first line\nxxxx"), text[:100]
    assert text.endswith("xxxx\nlast line\n"), text[-100:]
    marks = re.findall(r"\[… ([\d,]+) characters of output cut here …\]", text)
    assert marks == [f"{printed - LIMIT:,}"], marks
    assert len(text) - len(f"\n[… {printed - LIMIT:,} characters of output cut here …]\n") == LIMIT
    assert js(browser, "return document.querySelectorAll('[data-testid=output] .out-cut').length;") == 1


def test_a_print_loop_keeps_the_newest_lines_and_one_mark(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    run_to_end(browser, "for i in range(40_000): print(f'line {i:05d}')\n")  # 11 characters a line
    text = output_text(browser)
    assert text.startswith("line 00000\nline 00001\n")
    assert text.endswith("line 39998\nline 39999\n")
    (dropped,) = re.findall(r"\[… ([\d,]+) characters of output cut here …\]", text)
    assert int(dropped.replace(",", "")) == 40_000 * 11 - LIMIT
