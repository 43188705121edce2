"""Command line: ``python -m colornet train | evaluate | predict | complement`` (the same code path as the browser).

Bad arguments exit with status 2 and one line naming the value; no tracebacks.
"""
import argparse
import json
import math
import os
import sys
import time

from .colours import complement, delta_e2000, from_hex, to_hex
from .layers import ACTIVATIONS
from .metrics import LATTICE_STEP, evaluate, evaluate_lattice
from .presets import COLOUR_SAMPLERS, OPTIMIZERS, PRESETS, get_preset
from .serialise import ModelFormatError, load, save
from .training import TrainingDiverged


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line on stderr (no usage block) and exit status 2."""

    def error(self, message):
        self.exit(2, f"colornet: error: {message}\n")


def _int_at_least(minimum, what):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be an integer >= {minimum}, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{what} must be an integer >= {minimum}, got {text!r}")
        return value
    return parse


def _float_arg(what, allowed, accept):
    """An argparse type: a float that `accept(value)` takes, else an error naming `what` and what is `allowed`."""
    def parse(text):
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not accept(value):
            raise argparse.ArgumentTypeError(f"{what} must be {allowed}, got {text!r}")
        return value
    return parse


_learning_rate = _float_arg("learning rate", "a positive finite number", lambda v: math.isfinite(v) and v > 0)
_beta2 = _float_arg("beta2", "a number in [0, 1)", lambda v: 0.0 <= v < 1.0)


def _layers(text):
    parts = text.split(",")
    try:
        widths = [int(p) for p in parts]
    except ValueError:
        widths = []
    if not widths or any(w < 1 for w in widths):
        raise argparse.ArgumentTypeError(f"layers must be comma-separated integers >= 1 like 64,32,16, got {text!r}")
    return tuple(widths)


def _choice(options, what):
    def parse(text):
        if text not in options:
            raise argparse.ArgumentTypeError(f"{what} must be one of {', '.join(options)}, got {text!r}")
        return text
    return parse


def _seeds(text):
    """'3' -> [3]; '0-19' -> [0, ..., 19]; '0,4,7' -> [0, 4, 7]."""
    seeds = []
    for part in text.split(","):
        first, dash, last = part.partition("-")
        try:
            low, high = int(first), int(last) if dash else int(first)
        except ValueError:
            low, high = -1, -1
        if low < 0 or high < low:
            raise argparse.ArgumentTypeError(f"seeds must be integers >= 0 or ranges like 0-19, separated by "
                                             f"commas, got {text!r}")
        seeds += range(low, high + 1)
    return seeds


def _lattice_step(text):
    try:
        step = int(text)
    except ValueError:
        step = 0
    if step < 1 or 255 % step:
        raise argparse.ArgumentTypeError(f"lattice step must divide 255 (1, 3, 5, 15, 17, 51, 85, 255), got {text!r}")
    return step


def _colour(text):
    try:
        return from_hex(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _add_recipe_arguments(command):
    """--preset and the overrides of its fields (train and evaluate share them)."""
    command.add_argument("--preset", type=_choice(tuple(PRESETS), "preset"), default="default")
    command.add_argument("--steps", type=_int_at_least(0, "steps"))
    command.add_argument("--batch", type=_int_at_least(1, "batch size"))
    command.add_argument("--lr", type=_learning_rate)
    command.add_argument("--layers", type=_layers, help="hidden layer widths, e.g. 64,32,16")
    command.add_argument("--optimizer", type=_choice(OPTIMIZERS, "optimizer"))
    command.add_argument("--beta2", type=_beta2, help="Adam's decay of its mean squared gradient")
    command.add_argument("--hidden", type=_choice(tuple(ACTIVATIONS), "hidden activation"))
    command.add_argument("--output", type=_choice(tuple(ACTIVATIONS), "output activation"))
    command.add_argument("--colours", type=_choice(tuple(COLOUR_SAMPLERS), "colours"),
                         help="where the training colours come from: uniform or cube")
    command.add_argument("--n-colours", type=_int_at_least(1, "number of colours"))
    command.add_argument("--report-every", type=_int_at_least(1, "report interval"))


def _recipe(args):
    """The preset named by --preset with the fields the other recipe arguments override."""
    changes = {key: value for key, value in (
        ("steps", args.steps), ("batch_size", args.batch), ("lr", args.lr), ("layers", args.layers),
        ("optimizer", args.optimizer), ("beta2", args.beta2), ("hidden", args.hidden), ("output", args.output),
        ("colours", args.colours), ("n_colours", args.n_colours),
        ("report_every", args.report_every)) if value is not None}
    if args.optimizer and args.lr is None and args.optimizer != get_preset(args.preset).optimizer:
        changes["lr"] = {"sgd": 0.042, "adam": 0.003}[args.optimizer]
    return get_preset(args.preset).replace(**changes)


def build_parser():
    parser = _Parser(prog="colornet", description="Train and use a network that predicts complementary colours.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    t = commands.add_parser("train", help="train a network from a preset")
    t.add_argument("--seed", type=_int_at_least(0, "seed"), default=0)
    _add_recipe_arguments(t)
    t.add_argument("--out", help="save the trained model to this JSON file")
    t.add_argument("--json", action="store_true", help="end with one line of JSON results")

    e = commands.add_parser("evaluate", help="train a preset on some seeds (or load a model) and score it over the "
                                             "whole RGB cube, a held-out sample and the Material colours")
    e.add_argument("--seeds", type=_seeds, default=[0], help="e.g. 0-19 or 0,3,5 (default 0)")
    _add_recipe_arguments(e)
    e.add_argument("--model", help="score this saved model instead of training")
    e.add_argument("--lattice-step", type=_lattice_step, default=LATTICE_STEP,
                   help=f"channels 0, step, ..., 255 (default {LATTICE_STEP}: 140,608 colours)")
    e.add_argument("--json", action="store_true", help="one line of JSON per model instead of the table")

    p = commands.add_parser("predict", help="predict the complement of a colour with a saved model")
    p.add_argument("colour", type=_colour, help="'#rrggbb'")
    p.add_argument("--model", required=True, help="a model saved with train --out")

    c = commands.add_parser("complement", help="print the true complement of a colour")
    c.add_argument("colour", type=_colour, help="'#rrggbb'")
    return parser


def _progress_printer(total_steps, stream):
    """Return a callback that prints progress: an updating bar on a TTY, plain lines otherwise."""
    tty = stream.isatty()

    def report(progress):
        speed = f"{progress.samples_per_s:,.0f}" if progress.samples_per_s else "n/a"  # 0.0: not measured yet
        text = (f"step {progress.step}/{total_steps}  epoch {progress.epoch}  cost {progress.cost:.6f}  "
                f"{speed} samples/s  lr {progress.lr:.3g}")
        if tty:
            done = progress.step / total_steps if total_steps else 1.0
            bar = "#" * int(done * 30)
            stream.write(f"\r[{bar:<30}] {done:4.0%} {text}\033[K")  # \033[K clears the rest of the line
            if progress.step >= total_steps:
                stream.write("\n")
        else:
            stream.write(text + "\n")
        stream.flush()
    return report


def cmd_train(args, out):
    preset = _recipe(args)
    if args.out:
        _check_writable(args.out)
    started = time.perf_counter()
    net, result = preset.train(args.seed, callback=_progress_printer(preset.steps, out))
    seconds = time.perf_counter() - started
    scores = evaluate(net)
    out.write(f"trained {result.steps} steps in {seconds:.2f} s: cost {result.cost:.6f}, "
              f"MAE {scores['mae_255']:.2f}/255, mean dE00 {scores['delta_e_mean']:.3f} (held-out), "
              f"{scores['delta_e_material_mean']:.3f} (Material)\n")
    if args.out:
        save(net, args.out)
        out.write(f"saved model to {args.out}\n")
    if args.json:
        summary = {"preset": preset.name, "seed": args.seed, "steps": result.steps, "cost": result.cost,
                   "seconds": round(seconds, 4), "layers": list(preset.layers), "optimizer": preset.optimizer,
                   "lr": preset.lr, "beta2": preset.beta2, "batch": preset.batch_size, "colours": preset.colours,
                   "n_colours": preset.n_colours, **scores}
        out.write(json.dumps(summary) + "\n")
    return 0


EVALUATE_COLUMNS = ("seed", "train s", "cube mean", "cube max", "> 1", "worst", "held-out mean", "held-out max",
                    "Material mean", "Material max")


def _evaluate_row(net, seed, seconds, lattice_step):
    scores = {"seed": seed, "seconds": None if seconds is None else round(seconds, 4),
              **evaluate_lattice(net, lattice_step), **evaluate(net)}
    cells = ("-" if seed is None else str(seed), "-" if seconds is None else f"{seconds:.2f}",
             f"{scores['lattice_mean']:.3f}", f"{scores['lattice_max']:.2f}", f"{scores['lattice_above_1']:.2%}",
             scores["lattice_worst"], f"{scores['delta_e_mean']:.3f}", f"{scores['delta_e_max']:.2f}",
             f"{scores['delta_e_material_mean']:.3f}", f"{scores['delta_e_material_max']:.2f}")
    return scores, "| " + " | ".join(cells) + " |"


def cmd_evaluate(args, out):
    """dE00 figures per model: the lattice over the whole cube (mean, max, share above 1, where the max is),
    the held-out sample and the Material colours, as a Markdown table (or JSON lines)."""
    if args.model:
        runs = [(None, load(args.model, n_in=3, n_out=3), None)]
    else:
        preset = _recipe(args)
        runs = (_trained(preset, seed) for seed in args.seeds)
    if not args.json:
        out.write(f"dE00 over the {(255 // args.lattice_step + 1) ** 3:,}-colour lattice (channels 0, "
                  f"{args.lattice_step}, ..., 255), the held-out sample and the Material colours\n")
        out.write("| " + " | ".join(EVALUATE_COLUMNS) + " |\n|" + "---|" * len(EVALUATE_COLUMNS) + "\n")
    rows = []
    for seed, net, seconds in runs:
        scores, row = _evaluate_row(net, seed, seconds, args.lattice_step)
        rows.append(scores)
        out.write((json.dumps(scores) if args.json else row) + "\n")
        out.flush()
    if not args.json and len(rows) > 1:
        out.write(_summary(rows) + "\n")
    return 0


def _summary(rows):
    """One line over all seeds: the ranges, and the seeds that miss issue 23's goal (max <= 1, cube mean <= 0.15)."""
    def span(key, digits):
        values = [row[key] for row in rows]
        return f"{min(values):.{digits}f}-{max(values):.{digits}f}"
    missed = [row["seed"] for row in rows if row["lattice_mean"] > 0.15 or max(
        row["lattice_max"], row["delta_e_max"], row["delta_e_material_max"]) > 1.0]
    return (f"over {len(rows)} seeds: cube mean {span('lattice_mean', 3)}, cube max {span('lattice_max', 2)}, "
            f"held-out max {span('delta_e_max', 2)}, Material max {span('delta_e_material_max', 2)}, train s "
            f"{span('seconds', 2)}; seeds missing max <= 1 and cube mean <= 0.15: {missed or 'none'}")


def _trained(preset, seed):
    started = time.perf_counter()
    net, _ = preset.train(seed)
    return seed, net, time.perf_counter() - started


def _check_writable(path):
    """Refuse, before training, an --out whose folder is missing or not writable."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ValueError(f"--out {path!r}: the folder {folder!r} does not exist")
    if os.path.isdir(path) or not os.access(folder, os.W_OK):
        raise ValueError(f"--out {path!r}: cannot write a file there")


def cmd_predict(args, out):
    net = load(args.model, n_in=3, n_out=3)  # colours in, colours out
    predicted = net.predict(args.colour).astype(float).clip(0, 1)
    true = complement(args.colour)
    de = float(delta_e2000(predicted, true))
    out.write(f"input {to_hex(args.colour)}  predicted {to_hex(predicted)}  complement {to_hex(true)}  "
              f"dE00 {de:.2f}\n")
    return 0


def main(argv=None, out=None):
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    try:
        if args.command == "train":
            return cmd_train(args, out)
        if args.command == "evaluate":
            return cmd_evaluate(args, out)
        if args.command == "predict":
            return cmd_predict(args, out)
        out.write(to_hex(complement(args.colour)) + "\n")
        return 0
    except ValueError as e:  # a bad model file (1), or bad arguments together, e.g. batch larger than the data (2)
        sys.stderr.write(f"colornet: error: {e}\n")
        return 1 if isinstance(e, ModelFormatError) else 2
    except (TrainingDiverged, OSError) as e:
        sys.stderr.write(f"colornet: error: {e}\n")
        return 1
    except MemoryError:
        sys.stderr.write("colornet: error: not enough memory for this network; try smaller --layers or --batch\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("colornet: interrupted\n")
        return 130
