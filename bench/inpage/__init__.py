"""Bench code that runs unchanged natively and inside the playground page's Pyodide worker.

These modules import only the standard library, NumPy, colornet and each other. Natively they are imported as
usual; for the page, bench/editor.py writes these files whole into the worker's file system and imports them
from the editor's code (as the page writes its own glue, site/src/worker/glue-files.js), so both sides execute the
very same Python.
"""
