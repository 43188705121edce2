"""The memory snapshot (site/src/snapshot/, tools/snapshot.py) under Node, made from build/runtime-optimised (the
files the page ships): every colornet check passes in a restored interpreter; each reason the snapshot cannot be
used (a wrong build id, a drifted table, truncated or damaged bytes, a missing wheel, a library the wheel
holds at another length) is a SnapshotError naming it,
and a normal boot still works afterwards in the same process; restores reseed `random` and NumPy's global generator
from the entropy they are given."""
import json
import shutil
import subprocess

import pytest

from tests.pyodide.test_colornet_in_pyodide import CHECKS, HERE, RUNTIME, check_names
from tools.snapshot import MAKER, RUN_CHECKS, SNAPSHOT_FILE


def node_lines(*args):
    """Runs node with args; returns its stdout's JSON lines (fails the test with a readable stderr otherwise)."""
    proc = subprocess.run([shutil.which("node") or "node", *args], capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        readable = "\n".join(line for line in proc.stderr.splitlines() if len(line) < 400 and "    at " not in line)
        pytest.fail(f"node {args[0]} failed (exit {proc.returncode}):\n{readable[-4000:]}")
    return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    """A snapshot made now from build/runtime-optimised (what tools/snapshot.py makes, without its own check)."""
    if not (RUNTIME / "pyodide-lock.json").exists():
        pytest.fail("build/runtime-optimised is missing: run `python3 build.py` first")
    out = tmp_path_factory.mktemp("snapshot")
    node_lines(MAKER, RUNTIME, out)
    return out / SNAPSHOT_FILE


@pytest.fixture(scope="module")
def restored_results(snapshot):
    lines = node_lines(RUN_CHECKS, "--snapshot", snapshot, RUNTIME, CHECKS)
    results = {r["name"]: r for r in lines if not r.get("meta")}
    results["meta"] = next(r for r in lines if r.get("meta"))
    return results


@pytest.fixture(scope="module")
def cases(snapshot):
    """{case: line} for the forced failures, and "restores": the three restores' lines in order (A, B, A)."""
    lines = node_lines(HERE / "snapshot_cases.mjs", RUNTIME, snapshot)
    found = {line["case"]: line for line in lines if line["case"] != "restore"}
    found["restores"] = [line for line in lines if line["case"] == "restore"]
    return found


def test_the_checks_ran_in_a_restored_interpreter(restored_results):
    meta = restored_results["meta"]
    assert meta["start"] == "snapshot"
    assert meta["platform"] == "emscripten"
    lock = json.loads((RUNTIME / "pyodide-lock.json").read_text())
    assert (meta["numpy"], meta["colornet"]) == (lock["packages"]["numpy"]["version"],
                                                 lock["packages"]["colornet"]["version"])


@pytest.mark.parametrize("name", check_names(CHECKS))
def test_check_in_a_restored_interpreter(name, restored_results):
    result = restored_results.get(name)
    assert result is not None, f"{name} did not run"
    if not result["ok"]:
        pytest.fail(f"{name} failed in a restored interpreter:\n{result['error']}", pytrace=False)


@pytest.mark.parametrize("case, reason", [
    ("wrong build id", "build mismatch"),
    ("drifted table length", "table-base drift"),
    ("a runtime with more table slots than the snapshot left free", "table-base drift"),
    ("truncated bytes", "corrupt snapshot"),
    ("damaged header", "corrupt snapshot"),
    ("missing wheel", "missing file"),
    ("a library that is not the wheel's", "build mismatch"),
])
def test_a_snapshot_that_does_not_fit_is_a_snapshot_error_naming_the_reason(cases, case, reason):
    line = cases[case]
    assert line["snapshotError"], f"{case}: expected a SnapshotError, got {line}"
    assert line["reason"] == reason, line["message"]
    assert f"({reason})" in line["message"]


def test_a_normal_boot_works_after_the_failed_restores(cases):
    assert cases["full boot after the failures"]["sum"] == 10


def test_restores_with_different_entropy_draw_different_numbers(cases):
    a, b, _ = cases["restores"]
    assert (a["entropy"], b["entropy"]) == ("A", "B")
    assert a["random"] != b["random"]
    assert a["numpy"] != b["numpy"]
    assert a["random"] != a["numpy"], "random and NumPy were seeded with the same stream"


def test_the_same_entropy_gives_the_same_numbers(cases):
    """The draws come from the entropy given, not from state saved in the snapshot or a clock."""
    first, _, again = cases["restores"]
    assert (first["entropy"], again["entropy"]) == ("A", "A")
    assert (first["random"], first["numpy"]) == (again["random"], again["numpy"])


def test_the_factory_is_wrapped_once_when_a_worker_loads_it_as_a_classic_script(cases):
    line = cases["factory loaded as a classic script"]
    assert line["afterCreateCalls"] == 1
    assert line["globalPutBack"]
