"""Today's default recipe against the new one (issue 23): training time side by side, and dE00 over the cube.

Natively, one BLAS thread (bench/__init__.py): `PYTHONPATH=pylib .venv/bin/python -m bench.recipe [--seeds 0-2]
[--repeats 3]`, and as a part of `python3 build.py bench` (`--only recipe`). Both recipes train the same
seeds, interleaved (old, new, then new, old on the next repeat, so a change of machine load hits both alike).
Each training is timed with `Preset.train` exactly as `python -m colornet train` runs it. The ratio is the median
of the per-(seed, repeat) ratios new / old, so below 1 means the new recipe trains faster. The lattice figures
(`colornet.metrics.evaluate_lattice`: the 140,608 colours with channels 0, 5, ..., 255) come from each seed's first
training; training is deterministic per seed, so repeats only add timings.
"""
import time

import numpy as np

from colornet.metrics import evaluate, evaluate_lattice
from colornet.presets import Preset, get_preset

# The default preset as it was before issue 23 (commit 2760bb7), every field spelled out: 3-64-32-16-3, Adam 0.008
# with cosine decay to 0, 10,000 uniform colours, 5,000 batches of 25, MSE.
BEFORE = Preset(
    name="default (before issue 23)", description="the default preset of commit 2760bb7",
    layers=(64, 32, 16), hidden="relu", output="linear", optimizer="adam", lr=0.008, beta2=0.999, schedule="cosine",
    n_colours=10_000, colours="uniform", batch_size=25, steps=5000)


def recipes():
    """{label: Preset} for the two recipes compared."""
    return {"old": BEFORE, "new": get_preset("default")}


def _timed_training(preset, seed):
    started = time.perf_counter()
    net, _ = preset.train(seed)
    return net, time.perf_counter() - started


def _figures(net):
    scores = {**evaluate_lattice(net), **evaluate(net)}
    keep = ("lattice_mean", "lattice_max", "lattice_above_1", "lattice_worst", "delta_e_mean", "delta_e_max",
            "delta_e_material_mean", "delta_e_material_max")
    return {key: scores[key] for key in keep}


def measure(seeds=range(3), repeats=3):
    """Train both recipes on ``seeds``, ``repeats`` times each, interleaved; return times, ratio and figures.

    Returns ``{"seeds", "repeats", "old": {...}, "new": {...}, "ratio_new_to_old", "ratios"}`` where each recipe
    has ``seconds`` (one list per seed), ``median_s`` and ``figures`` (one dict per seed).
    """
    seeds, repeats = list(seeds), int(repeats)
    if not seeds or repeats < 1:
        raise ValueError(f"need at least one seed and one repeat, got seeds={seeds!r}, repeats={repeats!r}")
    chosen = recipes()
    result = {label: {"recipe": preset.name, "seconds": [[] for _ in seeds], "figures": []}
              for label, preset in chosen.items()}
    ratios = []
    for repeat in range(repeats):
        for i, seed in enumerate(seeds):
            order = ("old", "new") if (repeat + i) % 2 == 0 else ("new", "old")
            taken = {}
            for label in order:
                net, seconds = _timed_training(chosen[label], seed)
                taken[label] = seconds
                result[label]["seconds"][i].append(seconds)
                if repeat == 0:
                    result[label]["figures"].append(_figures(net))
            ratios.append(taken["new"] / taken["old"])
    for label in chosen:
        result[label]["median_s"] = float(np.median(result[label]["seconds"]))
    return {"seeds": seeds, "repeats": repeats, **result, "ratios": ratios,
            "ratio_new_to_old": float(np.median(ratios))}


def report(results):
    """Lines for a terminal: times, the ratio, and the lattice figures per recipe and seed."""
    lines = [f"training time, median over seeds {results['seeds']} x {results['repeats']} repeats (interleaved): "
             f"old {results['old']['median_s']:.3f} s, new {results['new']['median_s']:.3f} s, "
             f"new/old {results['ratio_new_to_old']:.2f} (median of {len(results['ratios'])} paired ratios)"]
    for label in ("old", "new"):
        lines.append(f"{label}: {results[label]['recipe']}")
        for seed, fig in zip(results["seeds"], results[label]["figures"]):
            lines.append(f"  seed {seed}: cube mean {fig['lattice_mean']:.3f} max {fig['lattice_max']:.2f} "
                         f"at {fig['lattice_worst']}, {fig['lattice_above_1']:.2%} above 1; held-out mean "
                         f"{fig['delta_e_mean']:.3f} max {fig['delta_e_max']:.2f}; Material mean "
                         f"{fig['delta_e_material_mean']:.3f} max {fig['delta_e_material_max']:.2f}")
    return lines


def _seed_list(text):
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=_seed_list, default=list(range(3)), help="e.g. 0-2 (default)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print("\n".join(report(measure(args.seeds, args.repeats))))
