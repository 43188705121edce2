"""colornet.datasets: every accepted format, every refusal named, and round trips through to_csv."""
import json

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import colornet as cn
from colornet.datasets import (MAX_COLOURS, MAX_SAMPLES, MAX_TEXT_BYTES, DataFormatError, from_pixels,
                               read_colours, to_csv)

pytestmark = pytest.mark.unit

RED, CYAN, WHITE = [255, 0, 0], [0, 255, 255], [255, 255, 255]


def as_255(array):
    return np.rint(array * 255).astype(int).tolist()


@pytest.mark.parametrize("text", [
    "#ff0000\n#00ffff\n#ffffff\n",
    "#ff0000, #00ffff, #ffffff",
    "ff0000\n00ffff\nfff\n",
    "hex\n#ff0000\n#00ffff\n#ffffff\n",
    "name,colour\nred,#ff0000\ncyan,#00ffff\nwhite,#ffffff\n",
    "r,g,b\n255,0,0\n0,255,255\n255,255,255\n",
    "255,0,0\n0,255,255\n255,255,255\n",
    '["#ff0000", "#00ffff", "#ffffff"]',
    "[[255, 0, 0], [0, 255, 255], [255, 255, 255]]",
    '{"colours": ["#f00", "#0ff", "#fff"]}',
    "GIMP Palette\nName: test\nColumns: 3\n# a comment\n255   0   0\tRed\n  0 255 255\tCyan\n255 255 255\tWhite\n",
])
def test_palette_formats_give_the_same_colours(text):
    data = read_colours(text, "p")
    assert data.kind == "palette" and data.targets is None
    assert as_255(data.inputs) == [RED, CYAN, WHITE]


@pytest.mark.parametrize("text", [
    "input,target\n#ff0000,#00ffff\n#ffffff,#ffffff\n",
    "#ff0000,#00ffff\n#ffffff,#ffffff\n",
    "r,g,b,r2,g2,b2\n255,0,0,0,255,255\n255,255,255,255,255,255\n",
    "255,0,0,0,255,255\n255,255,255,255,255,255\n",
    '[["#ff0000", "#00ffff"], ["#ffffff", "#ffffff"]]',
    '[{"input": "#ff0000", "target": [0, 255, 255]}, {"input": "#fff", "target": "#fff"}]',
])
def test_pair_formats_give_inputs_and_targets(text):
    data = read_colours(text, "pairs")
    assert data.kind == "pairs"
    assert as_255(data.inputs) == [RED, WHITE]
    assert as_255(data.targets) == [CYAN, WHITE]


@pytest.mark.parametrize("text, words", [
    ("", "empty"),
    ("   \n\n", "empty"),
    ("#ff0000\n", "1 colour found; at least 2"),
    ("#ff0000\n#00ffff\nbanana\n", "line 3: 'banana' is not a colour"),
    ("r,g,b\n255,0,0\n0,255\n", "line 3: 2 columns, but the first row has 3"),
    ("r,g,b\n255,0,0\n0,nan,255\n", "line 3: 'nan' is outside 0-255"),
    ("r,g,b\n255,0,0\n0,300,255\n", "line 3: '300' is outside 0-255"),
    ("r,g,b\n255,0,0\n0,-1,255\n", "outside 0-255"),
    ("r,g,b\n255,0,0\n0,x,255\n", "'x' is not a number"),
    ("name,size\na,1\nb,2\n", "no colour column"),
    ("[1, 2", "not valid JSON at line 1"),
    ('{"a": 1}', "must be a list"),
    ("[]", "empty"),
    ('["#ff0000", [1, 2]]', "item 2"),
    ("[[300, 0, 0], [0, 0, 0]]", "outside 0-255"),
    ("GIMP Palette\n255 0\n", "line 2"),
    ("1,2,3,4\n5,6,7,8\n", "rows of 4 columns"),
])
def test_bad_input_is_refused_with_a_message_that_names_it(text, words):
    with pytest.raises(DataFormatError) as caught:
        read_colours(text, "my.csv")
    message = str(caught.value)
    assert words in message and "my.csv" in message and "\n" not in message


def test_oversized_text_is_refused_before_parsing():
    with pytest.raises(DataFormatError, match=f"at most {MAX_TEXT_BYTES:,}"):
        read_colours(b"#ffffff\n" * (MAX_TEXT_BYTES // 8 + 1), "huge.txt")


def test_too_many_colours_are_refused():
    with pytest.raises(DataFormatError, match=f"at most {MAX_COLOURS:,}"):
        read_colours("\n".join(["#123456"] * (MAX_COLOURS + 1)), "many.txt")


def test_bytes_that_are_not_utf8_are_refused():
    with pytest.raises(DataFormatError, match="not UTF-8"):
        read_colours(b"\x89PNG\r\n\x1a\n\xff\xfe", "fake.txt")


def test_hostile_names_and_cells_stay_plain_text_in_the_message():
    with pytest.raises(DataFormatError) as caught:
        read_colours("hex\n#ffffff\n<script>alert(1)</script>\n", "<img src=x>")
    assert "<script>alert(1)</script>" in str(caught.value)  # quoted as data; the page shows it with textContent


colours_255 = st.lists(st.tuples(*[st.integers(0, 255)] * 3), min_size=2, max_size=40)


@settings(max_examples=60, deadline=None)
@given(colours_255, st.booleans())
def test_to_csv_reads_back_to_the_same_colours(rows, pairs):
    inputs = np.array(rows, dtype=float) / 255
    data = cn.datasets.ColourData("x", "pairs" if pairs else "palette", inputs,
                                  inputs[::-1].copy() if pairs else None)
    again = read_colours(to_csv(data), "x")
    assert again.kind == data.kind
    assert as_255(again.inputs) == [list(r) for r in rows]
    if pairs:
        assert as_255(again.targets) == [list(r) for r in rows[::-1]]


@settings(max_examples=40, deadline=None)
@given(colours_255, st.sampled_from(["\n", ", ", " "]))
def test_hex_lists_round_trip_with_any_separator(rows, separator):
    text = separator.join(cn.to_hex(np.array(rows, dtype=float) / 255))
    assert as_255(read_colours(text, "x").inputs) == [list(r) for r in rows]


def test_json_round_trip_of_integer_lists():
    rows = [[1, 2, 3], [250, 128, 0]]
    assert as_255(read_colours(json.dumps(rows)).inputs) == rows


def test_pixels_are_sampled_reproducibly_and_transparent_ones_skipped():
    rng = np.random.default_rng(1)
    rgba = rng.integers(0, 256, size=(200, 100, 4), dtype=np.uint8)
    rgba[..., 3] = 255
    rgba[0, :, 3] = 0  # one transparent row
    data = from_pixels(rgba.tobytes(), 100, 200, "photo.png")
    again = from_pixels(rgba.tobytes(), 100, 200, "photo.png")
    assert data.kind == "image" and data.count == MAX_SAMPLES
    assert np.array_equal(data.inputs, again.inputs)
    assert f"{MAX_SAMPLES:,} of its 19,900 visible pixels" in data.note
    opaque = {tuple(p) for p in rgba[1:, :, :3].reshape(-1, 3).tolist()}
    assert {tuple(p) for p in as_255(data.inputs)} <= opaque


def test_small_images_use_every_pixel():
    rgba = np.full((2, 3, 4), 255, dtype=np.uint8)
    data = from_pixels(rgba.tobytes(), 3, 2)
    assert data.count == 6 and data.note == "all 6 visible pixels"


def test_pixel_bytes_that_do_not_match_the_size_are_refused():
    with pytest.raises(DataFormatError, match="do not make a 10x10 RGBA image"):
        from_pixels(b"\x00" * 12, 10, 10, "broken.png")


def test_from_csv_keeps_the_kind_and_refuses_a_kind_the_file_does_not_hold():
    image = from_pixels(bytes([255, 0, 0, 255, 0, 0, 255, 255]), 2, 1, "tiny.png")
    again = cn.datasets.from_csv(to_csv(image), "tiny.png", "image", image.note, image.extra)
    assert (again.kind, again.note, again.extra) == ("image", image.note, {"width": 2, "height": 1})
    assert np.array_equal(again.inputs, image.inputs)
    with pytest.raises(cn.DataFormatError, match=r"^tiny.png: kind 'photo'; the kinds are palette, pairs, image$"):
        cn.datasets.from_csv(to_csv(image), "tiny.png", "photo")
    with pytest.raises(cn.DataFormatError, match=r"^tiny.png: said to hold pairs, but it holds palette$"):
        cn.datasets.from_csv(to_csv(image), "tiny.png", "pairs")
