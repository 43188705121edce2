"""What a playground script does on CPython, to know what the page must show: the script runs in a subprocess with
colornet from pylib/ and the page's glue (site/py/colour_grid.py: the fixed sample) importable, top-level `await` allowed, and a stand-in
`playground` (its seed, a target, no data, a report that does nothing, live values that stay as written)."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# Runs the script (stdin) once per seed (argv) and prints, per seed, the output channels of its `net` that are 0
# for every colour of the doctor's fixed sample (colour_grid.sample()): the channels the doctor must call dead.
_DEAD_CHANNELS = """
import ast, asyncio, contextlib, json, sys, types
import numpy as np
import colour_grid

code = compile(sys.stdin.read(), "<playground script>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
dead = {}
for seed in map(int, sys.argv[1:]):
    scope = {"playground": types.SimpleNamespace(seed=seed, target=None, data=None, report=lambda progress: None,
                                                 live=lambda name, value: value)}
    with contextlib.redirect_stdout(sys.stderr):  # the script's prints; stdout carries the answer
        pending = eval(code, scope)
        if pending is not None:
            asyncio.run(pending)
    out = np.asarray(scope["net"].predict(colour_grid.sample()))
    dead[seed] = [k for k in range(out.shape[1]) if np.all(out[:, k] == 0.0)]
print(json.dumps(dead))
"""


def dead_output_channels(code: str, seeds) -> dict[int, list[int]]:
    """seed → the output channels (0 = R, 1 = G, 2 = B) of the net `code` trains with that seed (`playground.seed`)
    that are 0 for every colour of the doctor's sample, computed on CPython."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "pylib"), str(ROOT / "site" / "py")])}
    out = subprocess.run([sys.executable, "-c", _DEAD_CHANNELS, *map(str, seeds)], input=code, text=True,
                         capture_output=True, env=env, timeout=600)
    assert out.returncode == 0, out.stderr
    return {int(seed): channels for seed, channels in json.loads(out.stdout).items()}
