"""Marks every test with its layer (unit, pyodide, e2e) from the folder it lives in.

So `pytest -m unit` (or pyodide, e2e) selects one layer without each file repeating a marker.
"""
from pathlib import Path

import pytest

LAYERS = ("unit", "pyodide", "e2e")


def pytest_collection_modifyitems(items):
    for item in items:
        layer = Path(str(item.fspath)).relative_to(Path(__file__).parent).parts[0]
        if layer in LAYERS:
            item.add_marker(getattr(pytest.mark, layer))
