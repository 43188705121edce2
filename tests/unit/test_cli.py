"""The command line, run as a subprocess (`python -m colornet`) exactly as a user would."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import colornet as cn

PYLIB = Path(__file__).resolve().parents[2] / "pylib"


def run(*args):
    env = dict(os.environ, PYTHONPATH=str(PYLIB))
    return subprocess.run([sys.executable, "-m", "colornet", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_complement():
    result = run("complement", "#ff0000")
    assert result.returncode == 0 and result.stdout == "#00ffff\n"


def test_train_json_and_predict(tmp_path):
    model = tmp_path / "model.json"
    result = run("train", "--preset", "talk2018", "--steps", "200", "--seed", "3", "--report-every", "50",
                 "--out", str(model), "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("step 0/200")  # not a TTY: plain progress lines, no bar
    assert "\r" not in result.stdout
    summary = json.loads(lines[-1])
    for key in ("steps", "cost", "mae_255", "delta_e_mean", "delta_e_material_mean", "seconds", "seed", "preset"):
        assert key in summary
    assert summary["steps"] == 200 and summary["seed"] == 3 and summary["preset"] == "talk2018"
    assert model.exists()

    predicted = run("predict", "#dea5ff", "--model", str(model))
    assert predicted.returncode == 0, predicted.stderr
    assert "input #dea5ff" in predicted.stdout and "complement #c6ffa5" in predicted.stdout
    assert "predicted #" in predicted.stdout and "dE00" in predicted.stdout


def test_overrides_reach_the_training(tmp_path):
    result = run("train", "--steps", "20", "--batch", "10", "--lr", "0.01", "--layers", "8,4",
                 "--optimizer", "sgd", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert (summary["layers"], summary["optimizer"], summary["lr"], summary["batch"]) == ([8, 4], "sgd", 0.01, 10)
    adam = run("train", "--steps", "20", "--beta2", "0.9", "--json")
    assert adam.returncode == 0, adam.stderr
    assert json.loads(adam.stdout.strip().splitlines()[-1])["beta2"] == 0.9


@pytest.mark.parametrize("args, named", [
    (["train", "--lr", "-0.1"], "'-0.1'"),
    (["train", "--lr", "0"], "'0'"),
    (["train", "--batch", "0"], "batch size must be an integer >= 1, got '0'"),
    (["train", "--layers", "64,0,16"], "'64,0,16'"),
    (["train", "--preset", "turbo"], "preset must be one of talk2018, default, got 'turbo'"),
    (["train", "--hidden", "swish"], "got 'swish'"),
    (["train", "--optimizer", "rmsprop"], "got 'rmsprop'"),
    (["train", "--steps", "many"], "got 'many'"),
    (["train", "--beta2", "1"], "beta2 must be a number in [0, 1), got '1'"),
    (["train", "--batch", "50000"], "batch_size must not exceed the number of colours (40000), got 50000"),
    (["complement", "#12345"], "got '#12345'"),
    (["predict", "red", "--model", "m.json"], "got 'red'"),
])
def test_bad_arguments_exit_2_with_one_line_and_no_traceback(args, named):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and named in result.stderr
    assert "Traceback" not in result.stderr


def test_corrupt_model_file_is_a_clear_error(tmp_path):
    model = tmp_path / "bad.json"
    model.write_text('{"format": "colornet-model", "version": 1, "layers": [')
    result = run("predict", "#dea5ff", "--model", str(model))
    assert result.returncode == 1 and "truncated" in result.stderr and "Traceback" not in result.stderr


def test_divergence_is_reported_not_a_traceback():
    result = run("train", "--preset", "talk2018", "--output", "linear", "--lr", "100", "--steps", "300")
    assert result.returncode == 1
    assert "diverged" in result.stderr and "lower learning rate" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_network_too_large_to_build_is_one_line_not_a_memory_error():
    result = run("train", "--layers", "100000,100000")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "layer sizes [3, 100000, 100000, 3] would hold 10,000,800,003 weights and biases; at most 2,000,000" \
        in result.stderr


def test_a_model_of_other_widths_is_refused_by_name(tmp_path):
    model = tmp_path / "five.json"
    model.write_text(json.dumps(cn.to_dict(cn.Network.from_sizes([5, 8, 3]))))
    result = run("predict", "#dea5ff", "--model", str(model))
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert "the model takes 5 inputs and gives 3 outputs (5 -> 8 -> 3); 3 inputs and 3 outputs are needed" \
        in result.stderr


def test_out_into_a_missing_folder_is_refused_before_training(tmp_path):
    missing = tmp_path / "no-such-folder" / "model.json"
    result = run("train", "--steps", "50", "--out", str(missing))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert f"--out {str(missing)!r}: the folder {str(missing.parent)!r} does not exist" in result.stderr
    assert result.stdout == ""  # not one training step was reported: it was checked first


def test_evaluate_trains_each_seed_and_reports_the_lattice_figures():
    result = run("evaluate", "--preset", "talk2018", "--seeds", "1-2", "--steps", "30", "--lattice-step", "51",
                 "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [row["seed"] for row in rows] == [1, 2]
    for row in rows:
        assert row["lattice_colours"] == 216 and row["lattice_worst"].startswith("#")
        assert 0 <= row["lattice_mean"] <= row["lattice_max"] and 0 <= row["lattice_above_1"] <= 1
        assert row["seconds"] > 0 and "delta_e_material_max" in row


def test_evaluate_a_saved_model_prints_a_table_with_the_worst_colour(tmp_path):
    model = tmp_path / "model.json"
    assert run("train", "--steps", "30", "--out", str(model)).returncode == 0
    result = run("evaluate", "--model", str(model), "--lattice-step", "85")
    assert result.returncode == 0, result.stderr
    header, columns, rule, row = result.stdout.strip().splitlines()
    assert "64-colour lattice" in header and "cube max" in columns and "worst" in columns
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    net = cn.load(str(model))
    expected = cn.evaluate_lattice(net, step=85)
    assert cells[2] == f"{expected['lattice_mean']:.3f}" and cells[5] == expected["lattice_worst"]


@pytest.mark.parametrize("args, named", [
    (["evaluate", "--seeds", "5-2"], "seeds must be integers >= 0 or ranges like 0-19, separated by commas, got '5-2'"),
    (["evaluate", "--seeds", "x"], "got 'x'"),
    (["evaluate", "--lattice-step", "4"], "lattice step must divide 255 (1, 3, 5, 15, 17, 51, 85, 255), got '4'"),
])
def test_evaluate_refuses_bad_arguments_by_name(args, named):
    result = run(*args)
    assert result.returncode == 2 and named in result.stderr and "Traceback" not in result.stderr


def test_evaluate_ends_a_table_of_several_seeds_with_their_ranges_and_the_seeds_that_miss():
    result = run("evaluate", "--seeds", "0,2", "--steps", "20", "--lattice-step", "85")
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("over 2 seeds: cube mean ") and "cube max " in last
    assert last.endswith("seeds missing max <= 1 and cube mean <= 0.15: [0, 2]")  # 20 steps reach neither
