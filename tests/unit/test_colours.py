"""Colours: complement against hand values and colorsys, conversions, random colours, CIEDE2000."""
import colorsys
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import colornet as cn

channel = st.integers(0, 255)
colour255 = st.tuples(channel, channel, channel)


def hsl_rotate_reference(rgb255):
    """The seed's definition, one colour at a time via the standard library: HSL hue + 180 degrees."""
    h, l, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb255))
    return np.array(colorsys.hls_to_rgb((h + 0.5) % 1.0, l, s)) * 255


def test_red_to_cyan():
    assert cn.to_hex(cn.complement(cn.from_hex("#ff0000"))) == "#00ffff"


def test_talk_probe():
    # (222, 165, 255): H 280.2, S 100%, L 82.4% -> hue 100.2 -> (198, 255, 165)
    assert cn.to_255(cn.complement(cn.from_255([222, 165, 255]))).tolist() == [198, 255, 165]


@pytest.mark.parametrize("rgb, expected", [
    ((0, 0, 255), (255, 255, 0)),
    ((0, 128, 0), (128, 0, 128)),
    ((255, 128, 0), (0, 127, 255)),
])
def test_hand_checked_values(rgb, expected):
    assert cn.to_255(cn.complement(cn.from_255(rgb))).tolist() == list(expected)


@pytest.mark.parametrize("grey", [0, 1, 77, 128, 254, 255])
def test_greys_map_to_themselves(grey):
    assert cn.to_255(cn.complement(cn.from_255([grey] * 3))).tolist() == [grey] * 3


def test_complement_is_vectorised():
    colours = cn.random_colours(50, 1)
    rows = np.array([cn.complement(c) for c in colours])
    np.testing.assert_array_equal(cn.complement(colours), rows)


@given(colour255)
def test_complement_matches_colorsys_hsl_rotation(rgb):
    ours = cn.complement(cn.from_255(rgb)) * 255
    assert np.abs(ours - hsl_rotate_reference(rgb)).max() < 1e-6


@given(colour255)
def test_double_complement_is_identity_within_one(rgb):
    twice = cn.to_255(cn.complement(cn.complement(cn.from_255(rgb))))
    assert np.abs(twice - np.array(rgb)).max() <= 1


@given(colour255)
def test_complement_keeps_lightness_and_range(rgb):
    c = cn.complement(cn.from_255(rgb))
    x = cn.from_255(rgb)
    assert 0 <= c.min() and c.max() <= 1
    assert c.max() + c.min() == pytest.approx(x.max() + x.min())


@given(colour255)
def test_hex_round_trip(rgb):
    text = cn.to_hex(cn.from_255(rgb))
    assert text == "#%02x%02x%02x" % rgb
    assert cn.to_255(cn.from_hex(text)).tolist() == list(rgb)


def test_hex_list_and_case():
    assert cn.to_hex(np.array([[1, 0, 0], [0, 0, 0]])) == ["#ff0000", "#000000"]
    assert cn.to_255(cn.from_hex("DEA5FF")).tolist() == [222, 165, 255]


def test_random_colours_are_seeded_integer_channels():
    a, b = cn.random_colours(1000, 7), cn.random_colours(1000, 7)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, cn.random_colours(1000, 8))
    assert a.shape == (1000, 3) and a.min() >= 0 and a.max() <= 1
    np.testing.assert_allclose(a * 255, np.rint(a * 255), atol=1e-9)
    assert len(np.unique(np.rint(a * 255))) > 200  # covers the range


def test_material_colours():
    assert cn.MATERIAL_COLOURS.shape == (17, 3)
    assert cn.MATERIAL_COLOURS[0].tolist() == [244, 67, 54] and cn.MATERIAL_COLOURS[-1].tolist() == [0, 0, 0]


# Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula", Table 1: all 34 pairs.
SHARMA_PAIRS = [
    ((50.0000, 2.6772, -79.7751), (50.0000, 0.0000, -82.7485), 2.0425),
    ((50.0000, 3.1571, -77.2803), (50.0000, 0.0000, -82.7485), 2.8615),
    ((50.0000, 2.8361, -74.0200), (50.0000, 0.0000, -82.7485), 3.4412),
    ((50.0000, -1.3802, -84.2814), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, -1.1848, -84.8006), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, -0.9009, -85.5211), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, 0.0000, 0.0000), (50.0000, -1.0000, 2.0000), 2.3669),
    ((50.0000, -1.0000, 2.0000), (50.0000, 0.0000, 0.0000), 2.3669),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0009), 7.1792),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0010), 7.1792),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0011), 7.2195),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0012), 7.2195),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0009, -2.4900), 4.8045),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0010, -2.4900), 4.8045),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0011, -2.4900), 4.7461),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0012, -2.4900), 4.7461),
    ((50.0000, 2.5000, 0.0000), (73.0000, 25.0000, -18.0000), 27.1492),
    ((50.0000, 2.5000, 0.0000), (61.0000, -5.0000, 29.0000), 22.8977),
    ((50.0000, 2.5000, 0.0000), (56.0000, -27.0000, -3.0000), 31.9030),
    ((50.0000, 2.5000, 0.0000), (58.0000, 24.0000, 15.0000), 19.4535),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.1736, 0.5854), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.2972, 0.0000), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 1.8634, 0.5757), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.2592, 0.3350), 1.0000),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((63.0109, -31.0961, -5.8663), (62.8187, -29.7946, -4.0864), 1.2630),
    ((61.2901, 3.7196, -5.3901), (61.4292, 2.2480, -4.9620), 1.8731),
    ((35.0831, -44.1164, 3.7933), (35.0232, -40.0716, 1.5901), 1.8645),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ((36.4612, 47.8580, 18.3852), (36.2715, 50.5065, 21.2231), 1.4146),
    ((90.8027, -2.0831, 1.4410), (91.1528, -1.6435, 0.0447), 1.4441),
    ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
    ((6.7747, -0.2908, -2.4247), (5.8714, -0.0985, -2.2286), 0.6377),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize("lab1, lab2, expected", SHARMA_PAIRS, ids=[f"pair{i + 1}" for i in range(34)])
def test_delta_e2000_sharma_pairs(lab1, lab2, expected):
    assert cn.delta_e2000_lab(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert cn.delta_e2000_lab(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_delta_e2000_vectorised_over_all_pairs():
    lab1 = np.array([p[0] for p in SHARMA_PAIRS])
    lab2 = np.array([p[1] for p in SHARMA_PAIRS])
    np.testing.assert_allclose(cn.delta_e2000_lab(lab1, lab2), [p[2] for p in SHARMA_PAIRS], atol=1e-4)


def test_srgb_to_lab_reference_points():
    lab = cn.srgb_to_lab(np.array([[1, 1, 1], [0, 0, 0], [1, 0, 0], [0, 0, 1]], dtype=float))
    np.testing.assert_allclose(lab, [[100, 0, 0], [0, 0, 0], [53.24, 80.09, 67.20], [32.30, 79.19, -107.86]],
                               atol=0.05)


def test_delta_e2000_on_rgb():
    a = cn.random_colours(100, 3)
    np.testing.assert_allclose(cn.delta_e2000(a, a), 0.0, atol=1e-12)
    assert cn.delta_e2000(cn.from_hex("#000000"), cn.from_hex("#ffffff")) == pytest.approx(100.0, abs=0.01)


# --- other targets: invert and lab_opposite ------------------------------------------------------------------

def test_invert_hand_values_and_vectorised():
    assert cn.to_hex(cn.invert(cn.from_hex("#ff0000"))) == "#00ffff"
    assert cn.to_255(cn.invert(cn.from_255([222, 165, 255]))).tolist() == [33, 90, 0]
    colours = cn.random_colours(20, 2)
    np.testing.assert_array_equal(cn.invert(colours), np.array([cn.invert(c) for c in colours]))


@given(colour255)
def test_invert_twice_is_identity(rgb):
    x = cn.from_255(rgb)
    np.testing.assert_allclose(cn.invert(cn.invert(x)), x, atol=1e-15)


@given(colour255)
def test_lab_to_srgb_inverts_srgb_to_lab(rgb):
    x = cn.from_255(rgb)
    np.testing.assert_allclose(cn.lab_to_srgb(cn.srgb_to_lab(x)), x, atol=1e-9)


@given(st.tuples(*[st.integers(100, 160)] * 3))
def test_lab_opposite_keeps_lightness_and_negates_a_and_b(rgb):
    """Muted colours' opposites lie inside sRGB, so nothing is clipped and the definition holds exactly."""
    lab = cn.srgb_to_lab(cn.from_255(rgb))
    np.testing.assert_allclose(cn.srgb_to_lab(cn.lab_opposite(cn.from_255(rgb))), lab * [1, -1, -1], atol=1e-6)


@pytest.mark.parametrize("grey", [0, 1, 77, 128, 254, 255])
def test_lab_opposite_of_a_grey_is_the_grey(grey):
    x = cn.from_255([grey] * 3)
    np.testing.assert_allclose(cn.lab_opposite(x), x, atol=1e-6)


def test_lab_opposite_is_clipped_to_the_gamut_and_points_the_other_way():
    colours = cn.random_colours(2000, 5)
    opposite = cn.lab_opposite(colours)
    assert opposite.shape == colours.shape and opposite.min() >= 0.0 and opposite.max() <= 1.0
    a_b, opposite_a_b = cn.srgb_to_lab(colours)[:, 1:], cn.srgb_to_lab(opposite)[:, 1:]
    chromatic = np.hypot(*a_b.T) > 5
    # clipping moves a saturated colour's opposite, but it still lies on the other side of grey
    assert np.all(np.sum(a_b * opposite_a_b, axis=1)[chromatic] < 0)


def test_cube_colours_are_seeded_integer_channels_in_the_cube():
    a, b = cn.cube_colours(2000, 7), cn.cube_colours(2000, 7)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, cn.cube_colours(2000, 8))
    assert a.shape == (2000, 3) and a.min() >= 0 and a.max() <= 1
    np.testing.assert_allclose(a * 255, np.rint(a * 255), atol=1e-9)


def test_cube_colours_put_their_shares_near_black_near_white_and_on_edges():
    n = 20_000
    uniform, cube = cn.random_colours(n, 0), cn.cube_colours(n, 0, dark=0.2, light=0.1, edge=0.1, near=0.15)
    near_black = lambda x: np.mean(x.max(axis=1) <= 0.15)  # noqa: E731
    near_white = lambda x: np.mean(x.min(axis=1) >= 0.85)  # noqa: E731
    on_edge = lambda x: np.mean(((x == 0) | (x == 1)).sum(axis=1) >= 2)  # noqa: E731
    assert near_black(uniform) < 0.01 and near_white(uniform) < 0.01 and on_edge(uniform) < 0.01
    assert 0.19 < near_black(cube) < 0.22  # the dark share, plus the few uniform colours that land there
    assert 0.09 < near_white(cube) < 0.12
    assert 0.09 < on_edge(cube) < 0.12
    plain = cn.cube_colours(n, 0, dark=0, light=0, edge=0)
    assert near_black(plain) < 0.01 and on_edge(plain) < 0.01


@pytest.mark.parametrize("kwargs, named", [
    (dict(dark=-0.1), "dark must lie in [0, 1], got -0.1"),
    (dict(near=1.5), "near must lie in [0, 1], got 1.5"),
    (dict(dark=0.6, light=0.3, edge=0.2), "dark + light + edge must not exceed 1"),
])
def test_cube_colours_refuse_bad_shares_by_name(kwargs, named):
    with pytest.raises(ValueError, match=re.escape(named)):
        cn.cube_colours(10, 0, **kwargs)
