"""The page's `# @param` parser (site/src/params/annotations.js, issue 20), run under Node, checked against CPython,
and the sliders' position <-> value maps (site/src/params/slider-scale.js).

One Node process (the module bundled by the repo's esbuild) answers JSON lines. Every value the parser reads and
every literal rewrite() writes is compared with what CPython's own parser (ast) reads from the same text.
"""
import ast
import json
import select
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "site" / "src" / "params" / "annotations.js"
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
CALL_TIMEOUT_S = 30  # a parse that takes longer than this is a hang

SCALE = ROOT / "site" / "src" / "params" / "slider-scale.js"

DRIVER = """
import * as modules from "./annotations.mjs";
import { createInterface } from "node:readline";
const params = { ...modules, scaleTable(options) {
  // every position of a slider's range input, the value it writes, and the position that value is shown at
  const s = modules.sliderScale(options);
  const rows = [];
  for (let p = s.min; p <= s.max; p += s.step) rows.push([p, s.toValue(p), s.toPosition(s.toValue(p))]);
  return { attributes: [s.min, s.max, s.step], rows };
} };
const SPECIAL = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };
const decode = (v) => (v && typeof v === "object" && "$number" in v ? SPECIAL[v.$number] : v);
for await (const line of createInterface({ input: process.stdin })) {
  const { op, args } = JSON.parse(line);
  let reply;
  try {
    reply = { result: params[op](...args.map(decode)) };
  } catch (error) {
    reply = { error: String(error.message) };
  }
  process.stdout.write(JSON.stringify(reply) + "\\n");
}
"""


class Node:
    """A Node process holding the bundled modules (default: the parser and the slider scale); call(op, *args) → the
    function's result (or raises JsError)."""

    def __init__(self, folder, modules=None):
        if not ESBUILD.exists():
            pytest.fail("node_modules/.bin/esbuild is missing: run `python3 build.py` first")
        node = shutil.which("node")
        if not node:
            pytest.fail("node not found: install Node.js 20 (`apt-get install nodejs`)")
        entry = "".join(f"export * from {json.dumps(str(m))};\n" for m in modules or (MODULE, SCALE))
        (folder / "entry.js").write_text(entry)
        subprocess.run([ESBUILD, folder / "entry.js", "--bundle", "--format=esm", "--platform=node", "--log-level=warning",
                        f"--outfile={folder / 'annotations.mjs'}"], check=True, timeout=60)
        (folder / "driver.mjs").write_text(DRIVER)
        self.proc = subprocess.Popen([node, folder / "driver.mjs"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, encoding="utf-8", errors="surrogatepass")

    def call(self, op, *args):
        self.proc.stdin.write(json.dumps({"op": op, "args": list(args)}) + "\n")
        self.proc.stdin.flush()
        # one reply line per request, read whole, so nothing waits in the pipe's Python buffer between calls
        if not select.select([self.proc.stdout], [], [], CALL_TIMEOUT_S)[0]:
            self.proc.kill()
            raise TimeoutError(f"{op} did not answer within {CALL_TIMEOUT_S} s (a hang)")
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"node exited ({self.proc.wait(CALL_TIMEOUT_S)}) during {op}")
        reply = json.loads(line)
        if "error" in reply:
            raise JsError(reply["error"])
        return reply["result"]

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(CALL_TIMEOUT_S)


class JsError(Exception):
    """An Error the module threw; its message is the one the page would show."""


@pytest.fixture(scope="module")
def js(tmp_path_factory):
    node = Node(tmp_path_factory.mktemp("params"))
    yield node
    node.close()


def parse(js, source):
    return js.call("parse", source)


def js_slice(text, start, end):
    """text[start:end] with JavaScript's (UTF-16) offsets, which are CodeMirror's too."""
    units = text.encode("utf-16-le", "surrogatepass")
    return units[2 * start:2 * end].decode("utf-16-le", "surrogatepass")


def python_value(source, name):
    """The value CPython assigns to `name` in `source` (its first top-level `name = literal`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)  # "\\d" in a literal: Python keeps it, and warns
        tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == [name]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"no assignment to {name}")


def same(js_value, value):
    """JS's number equals Python's value (JSON writes a whole float such as 3.2e16 as digits Python reads as int)."""
    if isinstance(value, float):
        return float(js_value) == value
    return js_value == value


def only(js, source):
    result = parse(js, source)
    assert result["problems"] == [], result["problems"]
    assert len(result["params"]) == 1, result
    return result["params"][0]


def problem(js, source):
    result = parse(js, source)
    assert result["params"] == [], result["params"]
    assert len(result["problems"]) == 1, result["problems"]
    return result["problems"][0]


# ---- every form -------------------------------------------------------------------------------------------------

def test_slider_with_log_and_live(js):
    source = 'import colornet as cn\nlr = 0.008  # @param {type:"slider", min:0.0001, max:0.1, step:0.0001, log:true, live:true}\n'
    p = only(js, source)
    assert (p["name"], p["line"], p["type"], p["value"], p["live"]) == ("lr", 2, "slider", 0.008, True)
    assert p["options"] == {"min": 0.0001, "max": 0.1, "step": 0.0001, "log": True}
    assert js_slice(source, p["span"]["from"], p["span"]["to"]) == "0.008"
    assert p["outOfRange"] is None


@pytest.mark.parametrize("line, kind, value, options", [
    ('steps = 5000  #@param {type:"integer"}', "integer", 5000, {"min": None, "max": None}),
    ('steps = 1_000  # @param {type:"integer", min:1, max:100000}', "integer", 1000, {"min": 1, "max": 100000}),
    ('rate = -2.5e-3  # @param {type:"number"}', "number", -0.0025, {"min": None, "max": None}),
    ('on = False  # @param {type:"boolean"}', "boolean", False, {}),
    ("title = 'it''s'  # @param {type:\"string\"}", None, None, None),  # two strings: not one literal
    ('title = "a \\"quoted\\" word\\n"  # @param {type:"string"}', "string", 'a "quoted" word\n', {}),
    ('act = "relu"  # @param ["relu", "tanh"]', "choice", "relu", {"choices": ["relu", "tanh"], "allowInput": False}),
    ("n = 4  # @param [1, 2, 4, 8]", "choice", 4, {"choices": [1, 2, 4, 8], "allowInput": False}),
    ('hidden = [64, 32, 16]  # @param {type:"layers", min:1, max:64}', "layers", [64, 32, 16],
     {"min": 1, "max": 64, "maxLayers": 8}),
    ("hidden = []  # @param {type:'layers'}", "layers", [], {"min": 1, "max": 512, "maxLayers": 8}),
    ("n = 3  # @param", "integer", 3, {"min": None, "max": None}),
    ("x = 0.5  #@param", "number", 0.5, {"min": None, "max": None}),
    ("flag = True # @param", "boolean", True, {}),
    ("name = u'abc'  # @param", "string", "abc", {}),
])
def test_each_form(js, line, kind, value, options):
    source = f"x0 = 1\n{line}\nprint(x0)\n"
    if kind is None:
        assert "Line 2" in problem(js, source)["message"]
        return
    p = only(js, source)
    assert (p["type"], p["value"], p["options"], p["line"]) == (kind, value, options, 2)
    assert p["value"] == python_value(source, p["name"])


def test_indented_and_crlf_lines_keep_exact_spans(js):
    source = "if True:\r\n    lr = 0.5  # @param {type:'number'}\r\nprint(lr)\r\n"
    p = only(js, source)
    assert js_slice(source, p["span"]["from"], p["span"]["to"]) == "0.5"
    assert js.call("rewrite", source, "lr", 0.25) == source.replace("0.5", "0.25")


def test_params_are_listed_in_order_with_values(js):
    source = ('a = 1  # @param {type:"integer"}\n# a comment\nb = "x"  # @param ["x", "y"]\n'
              'c = [8, 4]  # @param {type:"layers"}\n')
    assert js.call("values", source) == {"a": 1, "b": "x", "c": [8, 4]}


# ---- out of range: reported, never clamped ----------------------------------------------------------------------

@pytest.mark.parametrize("line, message", [
    ('lr = 0.5  # @param {type:"slider", min:0.0001, max:0.1}', "Line 2: lr = 0.5 is out of range (0.0001 to 0.1)"),
    ("n = -1  # @param {type:'integer', min:0}", "Line 2: n = -1 is out of range (at least 0)"),
    ('act = "elu"  # @param ["relu", "tanh"]', 'Line 2: act = "elu" is not one of the choices ("relu", "tanh")'),
    ('h = [64, 100]  # @param {type:"layers", min:1, max:64}', "Line 2: h has a layer of width 100, out of range (1 to 64)"),
    ('h = [1, 1, 1]  # @param {type:"layers", maxLayers:2}', "Line 2: h has 3 layers; at most 2"),
])
def test_a_value_out_of_range_is_reported_and_kept(js, line, message):
    source = f"import colornet\n{line}\n"
    p = only(js, source)
    assert p["outOfRange"] == message
    assert p["value"] == python_value(source, p["name"])


# ---- bad annotations: one plain message naming the line, no control ---------------------------------------------

@pytest.mark.parametrize("line, words", [
    ('x = 1  # @param {type:"slider" min:0}', ['could not be read', 'expected "," or "}"']),
    ('x = 1  # @param {type:"slider", min:0, max:', ["could not be read", "before the end"]),
    ('x = 1  # @param {type:"date"}', ["type must be one of slider, number", '"date"']),
    ('x = 1  # @param {type:"slider", min:0, max:10, colour:"red"}', ["unknown key colour"]),
    ('x = 1  # @param {type:"slider", min:0, max:10, step:0}', ["step must be greater than 0, got 0"]),
    ('x = 1  # @param {type:"slider", min:0, max:10, step:-1}', ["step must be greater than 0, got -1"]),
    ('x = 1  # @param {type:"slider", min:NaN, max:10}', ["min must be a finite number, got NaN"]),
    ('x = 1  # @param {type:"slider", min:0, max:Infinity}', ["max must be a finite number, got Infinity"]),
    ('x = 1  # @param {type:"slider", min:-1e300, max:1e300}', ["min is -1e+300", "at most ±1e+15"]),
    ('x = 1  # @param {type:"slider", min:0, max:1e12, step:0.001}', ["1,000,000,000,000,000 positions", "at most 1,000,000"]),
    ('x = 1  # @param {type:"slider", min:5, max:1}', ["min (5) must be less than max (1)"]),
    ('x = 1  # @param {type:"slider", min:0, max:1, log:true}', ["a log slider needs min > 0, got 0"]),
    ('x = 1  # @param {type:"slider", min:0}', ["a slider needs min and max"]),
    ('x = 1  # @param {type:"slider", min:0, max:1, live:"yes"}', ['live must be true or false, got "yes"']),
    ('x = "a"  # @param {type:"slider", min:0, max:1}', ['a slider\'s value must be a number, got "a"']),
    ('x = 1.5  # @param {type:"integer"}', ["must be a whole number such as 5, got 1.5"]),
    ('x = 1  # @param {type:"boolean"}', ["must be True or False, got 1"]),
    ('x = 1  # @param {type:"layers"}', ["needs a list of whole numbers"]),
    ('x = [1]  # @param {type:"layers", min:0}', ["min must be at least 1"]),
    ('x = [1]  # @param {type:"layers", maxLayers:1000}', ["maxLayers must be a whole number from 1 to 64"]),
    ('x = "a"  # @param []', ["the list of choices is empty"]),
    ('x = "a"  # @param {type:"string", live:true}', ["unknown key live for a string"]),
    ('x = float("nan")  # @param {type:"number"}', ['float("nan") is not a plain number']),
    ("x = 1e999  # @param {type:'number'}", ["1e999 is not a finite number"]),
    ("x = 99999999999999999999  # @param", ["too large for a control"]),
    ("x = 0x10  # @param", ["0x10 is not a plain number"]),
    ('x = f"{y}"  # @param', ['f"{y}" is not a plain number']),
    ("x = 1 + 2  # @param", ["1 + 2 is not a plain number"]),
    ("x = y = 1  # @param", ["y = 1 is not a plain number"]),
    ("x += 1  # @param", ["simple assignment `name = value`", "not `x += 1`"]),
    ("print(1)  # @param", ["simple assignment", "not `print(1)`"]),
    ("# @param {type:'slider', min:0, max:1}", ["simple assignment", "an empty line"]),
    ("True = 1  # @param", ["simple assignment"]),
    ("x = 1; y = 2  # @param", ["1; y = 2 is not a plain number"]),
])
def test_a_bad_annotation_gets_a_plain_message_naming_its_line(js, line, words):
    source = f"import colornet\n{line}\nprint('done')\n"
    message = problem(js, source)
    assert message["line"] == 2
    assert message["message"].startswith("Line 2: ")
    for word in words:
        assert word in message["message"], message["message"]


def test_a_param_on_a_continuation_line_is_refused(js):
    for source in ("sizes = foo(1,\n  2)  # @param\n", "x = 1 + \\\n 2  # @param\n"):
        message = problem(js, source)
        assert message["line"] == 2 and "continues the one before" in message["message"]


def test_param_markers_inside_strings_or_other_comments_are_not_params(js):
    source = ('doc = """\nlr = 0.1  # @param\n"""\ns = "x = 1  # @param"\n# see the docs on #@params\n'
              "y = 2  # @parameter\n")
    assert parse(js, source) == {"params": [], "problems": []}


def test_a_second_param_of_the_same_name_is_refused(js):
    result = parse(js, "lr = 0.1  # @param\nlr = 0.2  # @param\n")
    assert [p["line"] for p in result["params"]] == [1]
    assert result["problems"] == [{"line": 2, "message": "Line 2: lr is already a param on line 1; only that one gets a control"}]


def test_ten_thousand_params_are_capped_with_one_message(js):
    source = "".join(f'p{i} = {i}  # @param {{type:"slider", min:0, max:10000}}\n' for i in range(10_000))
    result = parse(js, source)  # a call that does not answer within CALL_TIMEOUT_S fails (a hang)
    limit = len(result["params"])
    assert 0 < limit < 10_000
    assert [p["name"] for p in result["params"]] == [f"p{i}" for i in range(limit)]
    assert result["problems"] == [{"line": None, "message": f"Only the first {limit} params get controls; "
                                   f"{10_000 - limit:,} more # @param annotations were ignored."}]


def test_many_bad_annotations_are_listed_up_to_a_limit_then_counted(js):
    result = parse(js, "x = 1  # @param {type:'slider'}\n" * 500)
    listed = result["problems"][:-1]
    assert all(p["message"].startswith(f"Line {p['line']}: x: a slider needs min and max") for p in listed)
    assert [p["line"] for p in listed] == list(range(1, len(listed) + 1))
    assert result["problems"][-1] == {"line": None, "message": f"... and {500 - len(listed)} more annotation problems"}


@pytest.mark.parametrize("source", [
    "x = [" + "[" * 100_000 + "  # @param\n",
    'x = "' + "a" * 1_000_000 + '"  # @param\n',
    "x = 1  # @param " + "{" * 100_000 + "\n",
    "x = 1  # @param " + "[" * 100_000 + "\n",
    "x = 1  # @param [" + "1," * 100_000 + "]\n",
    '"""' * 10_001 + "\nx = 1  # @param\n",
], ids=["deep-brackets", "megabyte-string", "deep-annotation", "deep-annotation-list", "huge-choice-list", "many-triple-quotes"])
def test_hostile_sources_end_with_a_message_or_nothing(js, source):
    result = parse(js, source)
    assert result["params"] == []
    assert len(result["problems"]) <= 1
    assert all(len(p["message"]) < 300 for p in result["problems"])


# ---- rewrite: one literal changes, Python reads back the same value ---------------------------------------------

SOURCE = """import colornet as cn
lr = 0.008  # @param {type:"slider", min:0.0001, max:0.1, step:0.0001, log:true, live:true}
steps = 5000  # @param {type:"slider", min:100, max:20000, step:100}
hidden = [64, 32, 16]  # @param {type:"layers", min:1, max:64}
activation = 'relu'  # @param ["relu", "tanh", "sigmoid"]
momentum = 0.9  # @param {type:"number"}
label = "run"  # @param {type:"string"}
adam = True  # @param {type:"boolean"}
net = cn.Network.from_sizes([3, *hidden, 3], hidden=activation)
"""


@pytest.mark.parametrize("name, value, written", [
    ("lr", 0.01, "0.01"),
    ("lr", 1.0, "1.0"),  # a float literal stays a float
    ("lr", 1e-7, "1e-7"),
    ("steps", 300, "300"),  # an int literal stays an int while whole
    ("steps", 250.5, "250.5"),
    ("hidden", [8], "[8]"),
    ("hidden", [], "[]"),
    ("activation", "tanh", "'tanh'"),  # the literal's own quotes
    ("momentum", -0.0, "-0.0"),
    ("label", "it's \"x\"\n", '"it\'s \\"x\\"\\n"'),
    ("adam", False, "False"),
])
def test_rewrite_changes_only_the_literal(js, name, value, written):
    change = js.call("planChange", SOURCE, name, value)
    assert change["insert"] == written
    new = js.call("rewrite", SOURCE, name, value)
    assert new == SOURCE[:change["from"]] + written + SOURCE[change["to"]:]
    assert python_value(new, name) == value and type(python_value(new, name)) is type(value)
    assert js.call("values", new)[name] == value
    changed = [i for i, (a, b) in enumerate(zip(SOURCE.splitlines(), new.splitlines())) if a != b]
    assert len(new.splitlines()) == len(SOURCE.splitlines()) and len(changed) == 1


@pytest.mark.parametrize("name, value, message", [
    ("nope", 1, 'There is no param named "nope" in the code.'),
    ("lr", {"$number": "NaN"}, "lr cannot be set to NaN: it must be a finite number."),
    ("lr", {"$number": "Infinity"}, "lr cannot be set to Infinity: it must be a finite number."),
    ("lr", "0.1", 'lr cannot be set to "0.1": it must be a finite number.'),
    ("activation", "elu", 'activation cannot be set to "elu": it must be one of "relu", "tanh", "sigmoid".'),
    ("hidden", [64, 0], "hidden cannot be set to [64, 0]: it must be a list of at most 64 whole numbers, each at least 1."),
    ("hidden", [1.5], "hidden cannot be set to [1.5]: it must be a list of at most 64 whole numbers, each at least 1."),
    ("adam", 1, "adam cannot be set to 1: it must be true or false."),
])
def test_rewrite_refuses_a_value_that_does_not_fit(js, name, value, message):
    with pytest.raises(JsError) as caught:
        js.call("rewrite", SOURCE, name, value)
    assert str(caught.value) == message


def test_rewrite_refuses_an_integer_too_large_for_a_control(js):
    with pytest.raises(JsError, match="too large"):
        js.call("rewrite", "n = 1  # @param {type:'number'}\n", "n", 2.0 ** 60)


# ---- properties (hypothesis) ------------------------------------------------------------------------------------

OTHER_LINES = st.lists(st.one_of(
    st.sampled_from(["import colornet as cn", "", "for _ in []:\n    pass", "x = (1,\n     2)", 'doc = """a\n# @param b"""',
                     "print('# not a param')", "y = 2  # @param {type:'integer'}"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20).map(lambda t: "# " + t),
), max_size=5)

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def round_trip(js, before, line, after, name, value, value_type):
    """Rewrites param `name` to `value` and checks JS and CPython both read it back, with every other line kept."""
    source = "\n".join([*before, line, *after]) + "\n"
    new = js.call("rewrite", source, name, value)
    assert same(js.call("values", new)[name], value)
    back = python_value(new, name)
    assert back == value and type(back) is value_type
    head = "\n".join(before)
    tail = "\n".join(after) + "\n"
    assert new.startswith(head) and new.endswith(tail)
    comment = line[line.index("  #"):]
    assert new[len(head):len(new) - len(tail)].rstrip("\n").endswith(comment)


@PROPERTY
@given(before=OTHER_LINES, after=OTHER_LINES, value=st.floats(allow_nan=False, allow_infinity=False))
@example(before=[], after=[], value=5e-324).via("subnormal")
@example(before=[], after=[], value=1e22).via("whole float above 1e21")
def test_round_trip_floats(js, before, after, value):
    round_trip(js, before, 'lr = 0.1  # @param {type:"number"}', after, "lr", value, float)


@PROPERTY
@given(before=OTHER_LINES, after=OTHER_LINES, value=st.integers(-(2 ** 53) + 1, 2 ** 53 - 1))
def test_round_trip_integers(js, before, after, value):
    round_trip(js, before, 'n = 7  #@param {type:"integer", min:0, max:10}', after, "n", value, int)


@PROPERTY
@given(before=OTHER_LINES, after=OTHER_LINES, value=st.text(), quote=st.sampled_from(["'", '"']))
@example(before=[], after=[], value="\ud800 lone surrogate", quote='"').via("lone surrogate")
@example(before=[], after=[], value="\u2028\x85\x00\\N{DASH}'\"#", quote="'").via("separators and escapes")
def test_round_trip_strings(js, before, after, value, quote):
    round_trip(js, before, f"s = {quote}x{quote}  # @param {{type:'string'}}", after, "s", value, str)


@PROPERTY
@given(before=OTHER_LINES, after=OTHER_LINES, value=st.lists(st.integers(1, 64), max_size=8))
def test_round_trip_layers(js, before, after, value):
    round_trip(js, before, 'h = [64, 32, 16]  # @param {type:"layers", min:1, max:64}', after, "h", value, list)


@PROPERTY
@given(before=OTHER_LINES, after=OTHER_LINES, value=st.sampled_from(["relu", "tanh", "sigmoid"]))
def test_round_trip_choices(js, before, after, value):
    round_trip(js, before, "a = 'relu'  # @param ['relu', 'tanh', 'sigmoid']", after, "a", value, str)


PYTHON_LITERALS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(-(2 ** 53) + 1, 2 ** 53 - 1).map(lambda n: f"{n:_}" if n % 3 == 0 else repr(n)),
    st.text().map(repr),
    st.booleans().map(repr),
    st.lists(st.integers(0, 10 ** 6), max_size=6).map(repr),
)


@PROPERTY
@given(literal=PYTHON_LITERALS, spaces=st.sampled_from(["", " ", "  "]))
@example(literal="'\\101\\x41\\u0041\\U00000041\\d'", spaces="").via("every escape, and an unknown one")
def test_the_parser_reads_literals_as_cpython_does(js, literal, spaces):
    source = f"v{spaces}={spaces}{literal}{spaces}#@param\n"
    p = only(js, source)
    expected = python_value(source, "v")
    assert same(p["value"], expected)
    assert js_slice(source, p["span"]["from"], p["span"]["to"]) == literal


@PROPERTY
@given(source=st.text(st.sampled_from("x=1 #@param{}[]\"'\\\n:,.e-type:slider"), max_size=200))
def test_any_text_parses_to_params_whose_spans_hold_their_literals(js, source):
    result = parse(js, source)
    for p in result["params"]:
        text = js_slice(source, p["span"]["from"], p["span"]["to"])
        assert text.strip() == text and text
        line = source.split("\n")[p["line"] - 1]
        assert text in line and "@param" in line
    for q in result["problems"]:
        assert q["line"] is None or q["message"].startswith(f"Line {q['line']}: ")


# ---- slider positions (slider-scale.js) -------------------------------------------------------------------------

@pytest.mark.parametrize("low, high", [(0.0001, 0.1), (1e-6, 1.0), (1, 10000), (0.5, 0.6)])
def test_a_log_slider_covers_its_range_in_rounded_steps_that_show_where_they_were_set(js, low, high):
    table = js.call("scaleTable", {"min": low, "max": high, "step": 0.0001, "log": True})
    assert table["attributes"] == [0, 1000, 1]
    positions, written, shown = zip(*table["rows"])
    assert written[0] == low and written[-1] == high
    assert all(a <= b for a, b in zip(written, written[1:]))  # moving right never lowers the value
    assert all(float(f"{v:.3g}") == v for v in written[1:-1])  # three significant digits at most
    # the thumb for a written value stands at a position that writes the same value (no jump while dragging)
    value_at = dict(zip(positions, written))
    assert all(value_at[p] == v for p, v in zip(shown, written))


def test_a_linear_slider_is_the_native_range_input(js):
    table = js.call("scaleTable", {"min": 100, "max": 1000, "step": 100, "log": False})
    assert table["attributes"] == [100, 1000, 100]
    assert [row[1] for row in table["rows"]] == list(range(100, 1001, 100))
