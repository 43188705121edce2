"""Unit tests import colornet from the working tree (pylib/), not from any installed copy."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "pylib"))
