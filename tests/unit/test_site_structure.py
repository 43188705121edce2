"""The page's sources stay small and one-way: no import circle in site/src, no file under site/ over 400 lines."""
from pathlib import Path

import pytest

from tests.unit.import_graph import find_circle, js_graph

pytestmark = pytest.mark.unit

SITE = Path(__file__).resolve().parents[2] / "site"
SOURCES = (".js", ".py", ".css", ".html", ".c", ".inc")


def test_find_circle_names_the_modules_that_close_it():
    assert find_circle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_the_page_scripts_import_one_way():
    graph = js_graph(SITE / "src")
    assert "main.js" in graph and "page/contract.js" in graph["main.js"]  # the graph sees the imports
    assert find_circle(graph) is None


def test_no_source_file_under_site_is_over_400_lines():
    generated = {"dist", "node_modules"}
    lengths = {str(p.relative_to(SITE)): len(p.read_text().splitlines()) for p in SITE.rglob("*")
               if p.suffix in SOURCES and not generated & set(p.relative_to(SITE).parts)
               and p.name != "colornet-playground.html"}
    assert "main.js" in {Path(p).name for p in lengths}
    assert {p: n for p, n in lengths.items() if n > 400} == {}
