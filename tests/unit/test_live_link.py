"""A run's live changes in a share link (site/src/params/live-link.js, issue 20), under Node: what Share writes reads
back exactly, and hostile or malformed text (wrong types, NaN, huge lists, unknown or non-live names, steps out of
order, junk) is refused with a message naming the bad entry and what is allowed, never thrown, never slow."""
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_param_annotations import Node

MODULE = Path(__file__).resolve().parents[2] / "site" / "src" / "params" / "live-link.js"
CODE = """import colornet as cn
lr = 0.008  # @param {type:"slider", min:0.0001, max:0.1, log:true, live:true}
momentum = 0.9  # @param {type:"number", live:true}
steps = 500  # @param {type:"integer"}
"""


@pytest.fixture(scope="module")
def js(tmp_path_factory):
    node = Node(tmp_path_factory.mktemp("live-link"), [MODULE])
    yield node
    node.close()


def decode(js, text, code=CODE):
    return js.call("decodeLiveChanges", text, code)


changes = st.lists(st.fixed_dictionaries({
    "step": st.integers(0, 2**53 - 1),
    "name": st.sampled_from(["lr", "momentum"]),
    "value": st.floats(allow_nan=False, allow_infinity=False),
}), max_size=20).map(lambda cs: sorted(cs, key=lambda c: c["step"]))


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes)
def test_what_share_writes_reads_back_exactly(js, recorded):
    text = js.call("encodeLiveChanges", recorded)
    back = decode(js, text)["changes"]
    assert [{**c, "value": float(c["value"])} for c in back] == recorded  # (JSON gives whole floats back as ints)
    assert all(c in text for c in (f"{r['name']}@{r['step']}:" for r in recorded))  # readable: name@step:value


@pytest.mark.parametrize("text, message", [
    ("lr@120:NaN", 'change 1, "lr@120:NaN": each change must be name@step:value, like lr@120:0.0126'),
    ("lr@120:1e400", 'change 1, "lr@120:1e400": the value must be a finite number'),
    ("lr@-5:0.1", 'change 1, "lr@-5:0.1": each change must be name@step:value'),
    ("lr@1.5:0.1", 'change 1, "lr@1.5:0.1": each change must be name@step:value'),
    ("lr@99999999999999999999:0.1", "the step must be a whole number up to 9007199254740991"),
    ("lr@10:0.1,lr@5:0.2", 'change 2, "lr@5:0.2": step 5 comes after step 10: the steps must not go down'),
    ("steps@10:900", "steps is not a live param of the link's code (its live params: lr, momentum)"),
    ("evil@10:1", "evil is not a live param of the link's code"),
    ("__import__('os')@1:1", "each change must be name@step:value"),
    ("lr@10:0.1,", 'change 2, "": each change must be name@step:value'),
    ('{"step": 1}', "each change must be name@step:value"),
])
def test_malformed_text_is_refused_naming_the_entry(js, text, message):
    answer = decode(js, text)
    assert list(answer) == ["error"] and message in answer["error"], answer


def test_wrong_types_and_huge_lists_are_refused(js):
    assert decode(js, None)["error"] == "live changes must be text like lr@120:0.0126, got object"
    assert decode(js, 5)["error"] == "live changes must be text like lr@120:0.0126, got number"
    assert decode(js, ["lr@1:0.1"])["error"].endswith("got object")
    assert decode(js, ",".join(f"lr@{i}:0.01" for i in range(1001)))["error"] == "more than 1000 live changes"
    assert decode(js, "lr@1:" + "1" * 70_000)["error"].startswith("live changes are 70005 characters long")
    assert decode(js, ",".join(f"lr@{i}:0.01" for i in range(1000)))["changes"][-1] == \
        {"step": 999, "name": "lr", "value": 0.01}
    long_entry = decode(js, "x" * 60_000)["error"]
    assert len(long_entry) < 200, long_entry  # the message quotes the start of a bad entry, not all of it


def test_a_code_without_live_params_takes_none(js):
    assert decode(js, "lr@1:0.1", "lr = 0.1  # @param\n")["error"].endswith("(its live params: none)")
    assert decode(js, "", "lr = 0.1\n") == {"changes": []}


def test_a_saved_files_record_is_checked_like_a_link(js):
    good = [{"step": 10, "name": "lr", "value": 0.02}, {"step": 10, "name": "beta", "value": 0.5}]
    assert js.call("checkedChangeList", good) == {"changes": good}
    for bad, message in [
        ("lr@1:0.1", "live changes must be a list, got string"),
        ([{"step": "10", "name": "lr", "value": 0.1}], "each live change must be {step, name, value}"),
        ([None], "each live change must be {step, name, value}"),
        ([{"step": 1, "name": "lr\nx = 1  # @param {live:true}", "value": 0.1}], "each change must be name@step:value"),
        ([{"step": 5, "name": "lr", "value": 0.1}, {"step": 1, "name": "lr", "value": 0.1}], "must not go down"),
        ([{"step": -1, "name": "lr", "value": 0.1}], "each change must be name@step:value"),
        ([{"step": 1, "name": "lr", "value": 0.1}] * 1001, "more than 1000 live changes"),
    ]:
        answer = js.call("checkedChangeList", bad)
        assert message in answer.get("error", ""), (bad, answer)
