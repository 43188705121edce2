"""run.py of Download for Python (site/py/runs.py) on CPython: the editor's code runs unchanged under the shim,
whatever quotes it holds, with top-level await, `playground.seed` set, and tracebacks naming run.py's own lines."""
import json
import subprocess
import sys
import zipfile
import io
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "site" / "py"))
import runs  # noqa: E402

PYLIB = str(ROOT / "pylib")

TRAIN = """import colornet as cn
x = cn.random_colours(500, playground.seed)
net = cn.Network.from_sizes([3, 8, 3], seed=playground.seed)
result = await cn.train_async(net, x, cn.complement(x), steps=40, report_every=10, callback=playground.report,
                              seed=playground.seed)
print("seed", playground.seed, "probe", playground.probe, "np", np.__name__, "target", playground.target.__name__)
"""


def run_py(tmp_path, text, *args):
    path = tmp_path / "run.py"
    path.write_text(text)
    return subprocess.run([sys.executable, path, *args], capture_output=True, text=True, cwd=tmp_path,
                          env={"PYTHONPATH": PYLIB, "PATH": "/usr/bin:/bin"}, timeout=120)


@pytest.mark.parametrize("extra", ["", "s = '''triple'''\n", "s = '''a''' + \"\"\"b\"\"\" + '\\\\'\n"],
                         ids=["plain", "single-triple-quotes", "both-triple-quotes"])
def test_run_py_runs_the_code_verbatim_with_the_page_seed(tmp_path, extra):
    code = extra + TRAIN
    text = runs.run_script(code, seed=7, probe="#123456")
    assert code in text or repr(code) in text
    out = run_py(tmp_path, text, "--json", "out.json", "--save-model", "m.json")
    assert out.returncode == 0, out.stderr
    assert "seed 7 probe #123456 np numpy target complement" in out.stdout and "final mean ΔE00" in out.stdout
    summary = json.loads((tmp_path / "out.json").read_text())
    assert [s for s, _ in summary["points"]] == [0, 10, 20, 30, 40] and summary["seed"] == 7
    assert (tmp_path / "m.json").exists()


def test_tracebacks_point_at_run_py_lines(tmp_path):
    code = "x = 1\nawait asyncio.sleep(0)\n"  # NameError on the code's line 2
    text = runs.run_script(code, seed=0)
    out = run_py(tmp_path, text)
    assert out.returncode != 0 and "NameError" in out.stderr
    line = text.splitlines().index("await asyncio.sleep(0)") + 1
    assert f'run.py", line {line}' in out.stderr and "await asyncio.sleep(0)" in out.stderr


def test_zip_holds_wheel_run_py_model_and_readme():
    import colornet as cn

    net = cn.Network.from_sizes([3, 4, 3], seed=0)
    data = runs.python_zip(TRAIN, 3, "#dea5ff", None, net, "colornet-9.9-py3-none-any.whl", b"wheel bytes")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert sorted(z.namelist()) == ["README.md", "colornet-9.9-py3-none-any.whl", "model.json", "run.py"]
        assert z.read("colornet-9.9-py3-none-any.whl") == b"wheel bytes"
        assert cn.from_dict(json.loads(z.read("model.json"))).predict([[0.5, 0.5, 0.5]]).shape == (1, 3)
        readme = z.read("README.md").decode()
        assert "pip install colornet-9.9-py3-none-any.whl" in readme and "python run.py" in readme
    with zipfile.ZipFile(io.BytesIO(runs.python_zip(TRAIN, 3, "#dea5ff", None, None, "c-1-py3-none-any.whl", b""))) as z:
        assert "model.json" not in z.namelist() and "no `model.json`" in z.read("README.md").decode()
    with pytest.raises(ValueError, match="wheel_name must be a wheel file name"):
        runs.python_zip(TRAIN, 3, "#dea5ff", None, None, "../evil.zip", b"")
