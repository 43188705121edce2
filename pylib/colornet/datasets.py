"""Your own colours: palettes, colour pairs and image pixels, read into ``(n, 3)`` arrays in [0, 1].

One reader serves the page (inside Pyodide) and the CPython replay (``run.py`` of Download for Python), so the
browser and CPython train on the very same numbers. Every refusal is a :class:`DataFormatError` whose message is
one line naming the bad value, where it is, and what is allowed.

Accepted text (``read_colours(text, name)``):
- a **palette**: hex colours (``#rrggbb``, ``rrggbb`` or ``#rgb``) one per line or comma-separated; a CSV with a
  ``hex`` (or ``colour``/``color``) column or ``r,g,b`` columns; a JSON list of hex strings or ``[r, g, b]`` lists;
  a GIMP palette (``.gpl``). The targets then come from the code (``playground.target``).
- **colour pairs**: a CSV with two colour columns (``input,target`` as hex, or ``r,g,b,r2,g2,b2``), or a JSON list
  of ``[input, target]`` pairs or ``{"input": ..., "target": ...}`` objects. The pairs define the target.

Images are decoded by the browser; ``from_pixels`` samples their RGBA bytes.
"""
import csv
import io
import json
import math
import re
from dataclasses import dataclass, field

import numpy as np

MAX_TEXT_BYTES = 5_000_000      # a palette or pair file larger than this is refused before it is parsed
MAX_COLOURS = 100_000           # colours (or pairs) in one file
MIN_COLOURS = 2                 # one colour teaches nothing
MAX_SAMPLES = 10_000            # pixels of an image used for training
KINDS = ("palette", "pairs", "image")

_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
_HEX_COLUMNS = ("hex", "colour", "color", "input", "base", "background")
_TARGET_COLUMNS = ("target", "output", "accent", "text", "complement")


class DataFormatError(ValueError):
    """A data file colornet cannot read; the message is one line saying what is wrong and what is allowed."""


@dataclass
class ColourData:
    """Colours to train on: ``inputs`` ``(n, 3)`` in [0, 1]; ``targets`` the same shape for pairs, else None."""
    name: str
    kind: str
    inputs: np.ndarray
    targets: np.ndarray = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def count(self):
        return len(self.inputs)

    @property
    def pair_target(self):
        """For pairs, the target function they define (:func:`nearest_pair_target`); None for other kinds."""
        return None if self.targets is None else nearest_pair_target(self.inputs, self.targets)

    def describe(self):
        """``{name, kind, count, note}``: what the page's data panel shows."""
        return {"name": self.name, "kind": self.kind, "count": self.count, "note": self.note}


def _fail(message):
    raise DataFormatError(message)


def _quote(text, limit=40):
    text = str(text)
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _parse_hex(text, where):
    match = _HEX.fullmatch(text.strip())
    if match is None:
        _fail(f"{where}: {_quote(text)} is not a colour; write it as #rrggbb (six hex digits) or #rgb")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return [int(digits[i:i + 2], 16) for i in (0, 2, 4)]


def _parse_channel(value, where):
    if isinstance(value, bool):
        _fail(f"{where}: {value!r} is not a channel value; use a number from 0 to 255")
    try:
        number = float(value)
    except (TypeError, ValueError):
        _fail(f"{where}: {_quote(value)} is not a number; channels are numbers from 0 to 255")
    if not math.isfinite(number) or not 0 <= number <= 255:
        _fail(f"{where}: {_quote(value)} is outside 0-255; channels are numbers from 0 to 255")
    return number


def _parse_colour(value, where):
    """A hex string, or a list of three 0-255 numbers, as three floats 0-255."""
    if isinstance(value, str):
        return _parse_hex(value, where)
    if isinstance(value, (list, tuple)) and len(value) == 3:
        return [_parse_channel(v, where) for v in value]
    if isinstance(value, dict) and {"r", "g", "b"} <= set(value):
        return [_parse_channel(value[k], where) for k in "rgb"]
    _fail(f"{where}: {_quote(value)} is not a colour; use '#rrggbb' or [r, g, b] with 0-255 numbers")


def _finish(name, kind, inputs, targets=None, note=""):
    count = len(inputs)
    if count < MIN_COLOURS:
        _fail(f"{name}: {count} colour{'s' if count != 1 else ''} found; at least {MIN_COLOURS} are needed to train on")
    if count > MAX_COLOURS:
        _fail(f"{name}: {count:,} colours found; at most {MAX_COLOURS:,} are allowed")
    as_array = lambda rows: np.asarray(rows, dtype=np.float64).reshape(-1, 3) / 255.0  # noqa: E731
    return ColourData(name, kind, as_array(inputs), None if targets is None else as_array(targets), note)


# --- the formats -------------------------------------------------------------

def _read_json(text, name):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        _fail(f"{name}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}")
    if isinstance(data, dict) and isinstance(data.get("colours", data.get("colors")), list):
        data = data.get("colours", data.get("colors"))
    if not isinstance(data, list):
        _fail(f"{name}: the JSON must be a list of colours or of [input, target] pairs, got {type(data).__name__}")
    if not data:
        _fail(f"{name}: the JSON list is empty; at least {MIN_COLOURS} colours are needed to train on")
    first = data[0]
    is_pair = (isinstance(first, dict) and "input" in first) or \
        (isinstance(first, (list, tuple)) and len(first) == 2)
    if not is_pair:
        return _finish(name, "palette", [_parse_colour(c, f"{name} item {i + 1}") for i, c in enumerate(data)])
    inputs, targets = [], []
    for i, item in enumerate(data):
        where = f"{name} item {i + 1}"
        if isinstance(item, dict) and "input" in item and "target" in item:
            pair = (item["input"], item["target"])
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            pair = item
        else:
            _fail(f"{where}: {_quote(item)} is not a pair; every item must be [input, target] like the first")
        inputs.append(_parse_colour(pair[0], where + " input"))
        targets.append(_parse_colour(pair[1], where + " target"))
    return _finish(name, "pairs", inputs, targets)


def _read_gpl(lines, name):
    colours = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if number == 1 or not stripped or stripped.startswith("#") or re.match(r"(Name|Columns)\s*:", stripped):
            continue
        parts = stripped.split(None, 3)
        if len(parts) < 3:
            _fail(f"{name} line {number}: {_quote(stripped)} is not 'R G B [name]' with 0-255 numbers")
        colours.append([_parse_channel(p, f"{name} line {number}") for p in parts[:3]])
    return _finish(name, "palette", colours)


def _column(header, names):
    for wanted in names:
        if wanted in header:
            return header.index(wanted)
    return None


def _read_csv(text, name):
    rows = [(n, row) for n, row in enumerate(csv.reader(io.StringIO(text)), start=1)
            if any(cell.strip() for cell in row)]
    header = [cell.strip().lower() for cell in rows[0][1]]
    has_header = not any(_HEX.fullmatch(cell) or _is_number(cell) for cell in header)
    body = rows[1:] if has_header else rows
    if not body:
        _fail(f"{name}: the CSV has a header but no rows")
    width = len(body[0][1])
    for number, row in body:
        if len(row) != width:
            _fail(f"{name} line {number}: {len(row)} columns, but the first row has {width}; "
                  "every row needs the same columns")
    if has_header:
        columns = {"in_hex": _column(header, _HEX_COLUMNS), "out_hex": _column(header, _TARGET_COLUMNS),
                   "in_rgb": [_column(header, (c,)) for c in ("r", "g", "b")],
                   "out_rgb": [_column(header, (c,)) for c in ("r2", "g2", "b2")]}
        if columns["in_hex"] is None and None in columns["in_rgb"]:
            _fail(f"{name}: no colour column in the header {_quote(','.join(header))}; name one 'hex' "
                  "(and 'target' for pairs), or 'r,g,b' (and 'r2,g2,b2' for pairs)")
        return _csv_named(body, name, columns)
    return _csv_by_width(body, name, width)


def _csv_named(body, name, columns):
    def colour(row, hex_index, rgb_indices, where):
        if hex_index is not None:
            return _parse_hex(row[hex_index], where)
        return [_parse_channel(row[i], where) for i in rgb_indices]

    has_target = columns["out_hex"] is not None or None not in columns["out_rgb"]
    inputs, targets = [], []
    for number, row in body:
        where = f"{name} line {number}"
        inputs.append(colour(row, columns["in_hex"], columns["in_rgb"], where))
        if has_target:
            targets.append(colour(row, columns["out_hex"], columns["out_rgb"], where))
    return _finish(name, "pairs", inputs, targets) if has_target else _finish(name, "palette", inputs)


def _csv_by_width(body, name, width):
    if width == 1:
        return _finish(name, "palette", [_parse_hex(row[0], f"{name} line {n}") for n, row in body])
    if width == 2:
        pairs = [(_parse_hex(row[0], f"{name} line {n}"), _parse_hex(row[1], f"{name} line {n}")) for n, row in body]
        return _finish(name, "pairs", [p[0] for p in pairs], [p[1] for p in pairs])
    if width in (3, 6):
        values = [[_parse_channel(v, f"{name} line {n}") for v in row] for n, row in body]
        if width == 3:
            return _finish(name, "palette", values)
        return _finish(name, "pairs", [v[:3] for v in values], [v[3:] for v in values])
    _fail(f"{name}: rows of {width} columns; use 1 (hex), 2 (input hex, target hex), 3 (r,g,b) or "
          "6 (r,g,b of the input, then of the target)")


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def _read_hex_list(lines, name):
    colours = []
    for number, line in enumerate(lines, start=1):
        for token in re.split(r"[,\s;]+", line.strip()):
            if token:
                colours.append(_parse_hex(token, f"{name} line {number}"))
    return _finish(name, "palette", colours)


def read_colours(text, name="data"):
    """Parse a palette or a file of colour pairs (see the module docstring) into a :class:`ColourData`."""
    if isinstance(text, (bytes, bytearray)):
        if len(text) > MAX_TEXT_BYTES:
            _fail(f"{name}: {len(text):,} bytes; a palette or pairs file may hold at most {MAX_TEXT_BYTES:,} bytes")
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            _fail(f"{name}: not UTF-8 text (byte {error.start}); palettes and pairs are text files")
    if not isinstance(text, str):
        _fail(f"{name}: expected text, got {type(text).__name__}")
    if len(text) > MAX_TEXT_BYTES:
        _fail(f"{name}: {len(text):,} characters; a palette or pairs file may hold at most {MAX_TEXT_BYTES:,}")
    stripped = text.strip().lstrip("\ufeff")
    if not stripped:
        _fail(f"{name}: the file is empty; give at least {MIN_COLOURS} colours")
    lines = stripped.splitlines()
    if stripped[0] in "[{":
        return _read_json(stripped, name)
    if lines[0].strip().lower().startswith("gimp palette"):
        return _read_gpl(lines, name)
    if _looks_like_hex_list(lines):
        return _read_hex_list(lines, name)
    return _read_csv(stripped, name)


def _looks_like_hex_list(lines):
    """Every token of the first line is a hex colour with a '#' (a CSV of two hex columns is pairs, not a list)."""
    tokens = [t for t in re.split(r"[,\s;]+", lines[0].strip()) if t]
    return bool(tokens) and all(t.startswith("#") and _HEX.fullmatch(t) for t in tokens) and \
        not (len(tokens) == 2 and "," in lines[0] and len(lines) > 1 and lines[1].count(",") == 1)


def from_pixels(rgba, width, height, name="image", max_samples=MAX_SAMPLES, seed=0):
    """RGBA bytes of a decoded image -> up to ``max_samples`` of its opaque pixels, drawn without replacement with a
    fixed seed, so the same image gives the same training set in the browser and on CPython."""
    width, height = int(width), int(height)
    pixels = np.frombuffer(bytes(rgba), dtype=np.uint8)
    if width <= 0 or height <= 0 or pixels.size != width * height * 4:
        _fail(f"{name}: {pixels.size:,} bytes do not make a {width}x{height} RGBA image")
    pixels = pixels.reshape(-1, 4)
    opaque = pixels[pixels[:, 3] > 0, :3]
    if len(opaque) < MIN_COLOURS:
        _fail(f"{name}: {len(opaque)} visible pixels; at least {MIN_COLOURS} are needed to train on")
    total = len(opaque)
    if total > max_samples:
        picked = np.random.default_rng(seed).choice(total, size=max_samples, replace=False)
        opaque = opaque[np.sort(picked)]
        note = f"{max_samples:,} of its {total:,} visible pixels, drawn at random (seed {seed})"
    else:
        note = f"all {total:,} visible pixels"
    data = ColourData(name, "image", opaque.astype(np.float64) / 255.0, None, note)
    data.extra = {"width": width, "height": height}
    return data


def to_csv(data):
    """The data as CSV text that :func:`read_colours` reads back to the same colours (0-255 integers, rounded):
    ``hex`` for a palette or image sample, ``input,target`` for pairs."""
    from .colours import to_hex
    inputs = to_hex(data.inputs)
    if data.targets is None:
        return "hex\n" + "\n".join(inputs) + "\n"
    return "input,target\n" + "\n".join(f"{a},{b}" for a, b in zip(inputs, to_hex(data.targets))) + "\n"


def from_csv(text, name, kind, note="", extra=None):
    """The :class:`ColourData` that :func:`to_csv` wrote, read back whole: its colours by :func:`read_colours`, and
    the kind, note and extra a CSV cannot hold (an image's sampled pixels stay kind ``"image"``, not a palette), so
    the CPython replay (run.py of Download for Python) sees the same ``playground.data`` as the page."""
    data = read_colours(text, name)
    if kind not in KINDS:
        _fail(f"{name}: kind {kind!r}; the kinds are {', '.join(KINDS)}")
    if (kind == "pairs") != (data.kind == "pairs"):
        _fail(f"{name}: said to hold {kind}, but it holds {data.kind}")
    return ColourData(name, kind, data.inputs, data.targets, note, dict(extra or {}))


def nearest_pair_target(inputs, targets, chunk=2_000_000):
    """The target function colour pairs define: each colour gets the target of the pair whose input is nearest to
    it in RGB (the first such pair on ties), so the pairs' own inputs get exactly their targets and every other
    colour (the map, the swatches, held-out ΔE00) gets its nearest pair's. Distances are computed in chunks of at
    most ``chunk`` colour × pair cells, so memory stays bounded."""
    inputs = np.asarray(inputs, dtype=np.float64)
    targets = np.asarray(targets, dtype=np.float64)

    def target(rgb):
        rgb = np.asarray(rgb, dtype=np.float64).reshape(-1, 3)
        rows = max(1, chunk // max(1, len(inputs)))
        nearest = np.empty(len(rgb), dtype=np.int64)
        for start in range(0, len(rgb), rows):
            block = rgb[start:start + rows]
            d = (block * block).sum(1)[:, None] - 2.0 * block @ inputs.T + (inputs * inputs).sum(1)[None, :]
            nearest[start:start + rows] = d.argmin(axis=1)
        return targets[nearest].copy()

    target.__name__ = "nearest_pair"
    return target
