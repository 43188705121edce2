"""Your own colours in the glue (site/py/data.py, playground.load_data/load_image/clear_data) on CPython: a loaded
palette is what `playground.data` gives the code, pairs define the target, an image gets its four views in the
insight event, a refused file changes nothing, and Download for Python carries the data to run.py."""
import asyncio
import io
import json
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from glue_harness import GLUE, run, worker  # noqa: F401 - the stand-in for Pyodide and the worker fixture

import colornet as cn  # noqa: E402
import data  # noqa: E402
import playground  # noqa: E402

PALETTE = "#ff0000\n#00ff00\n#0000ff\n#ffffff\n"
PAIRS = "input,target\n#ff0000,#00ffff\n#000000,#ffffff\n#808080,#123456\n"
DEFAULT = (GLUE / "presets" / "default.py").read_text()


class Bytes(bytes):
    """A JS Uint8Array as Pyodide hands it to Python (to_bytes())."""

    def to_bytes(self):
        return bytes(self)


SEE_DATA = """
d = playground.data
print(d.name, d.kind, d.count, d.inputs.shape, d.inputs.min(), d.inputs.max())
print(playground.target(d.inputs).round(4).tolist())
"""


def test_the_code_sees_a_loaded_palette_and_clear_brings_random_colours_back(worker):
    shown = json.loads(playground.load_data("mine.txt", PALETTE))
    assert shown["data"]["name"] == "mine.txt" and shown["data"]["kind"] == "palette" and shown["data"]["count"] == 4
    assert [c["input"] for c in shown["data"]["strip"]] == ["#ff0000", "#00ff00", "#0000ff", "#ffffff"]
    assert run(SEE_DATA, 1)["ok"]
    first = worker.output["stdout"].splitlines()[0]
    assert first == "mine.txt palette 4 (4, 3) 0.0 1.0"
    json.loads(playground.clear_data())
    worker.output["stdout"] = ""
    run("print(playground.data)", 2)
    assert worker.output["stdout"] == "None\n"


def test_pairs_define_the_target_of_the_swatches_and_the_default_script(worker):
    shown = json.loads(playground.load_data("pairs.csv", PAIRS))
    assert shown["data"]["kind"] == "pairs" and shown["data"]["strip"][0] == {"input": "#ff0000", "target": "#00ffff"}
    # the probe #dea5ff is nearest to the grey pair (#808080 -> #123456), not its complement
    assert shown["predictions"]["probe"]["target"] == "#123456"
    assert run(SEE_DATA, 1)["ok"]
    targets = json.loads(worker.output["stdout"].splitlines()[1])
    assert np.allclose(targets, [cn.from_hex(h) for h in ("#00ffff", "#ffffff", "#123456")], atol=1e-4)
    worker.output["stdout"] = ""
    result = run(DEFAULT.replace("steps = 5000", "steps = 50"), 2)
    assert result["ok"] and result["step"] == 50 and result["target"] == "nearest_pair"
    shown = json.loads(playground.clear_data())
    assert shown["data"] is None and shown["predictions"]["probe"]["target"] == cn.to_hex(
        cn.complement(cn.from_hex("#336699")[None])[0])  # the probe the runs set


def test_a_refused_file_keeps_the_previous_data(worker):
    playground.load_data("mine.txt", PALETTE)
    with pytest.raises(cn.DataFormatError, match=r"bad.txt line 2: 'zzz' is not a colour"):
        playground.load_data("bad.txt", "#ff0000\nzzz\n")
    run("print(playground.data.name, playground.data.count)", 1)
    assert worker.output["stdout"] == "mine.txt 4\n"


def checker(width, height):
    """An RGBA checkerboard of red and blue."""
    y, x = np.mgrid[:height, :width]
    red = ((x + y) % 2 == 0)[..., None]
    rgb = np.where(red, [255, 0, 0], [0, 0, 255]).astype(np.uint8)
    return np.concatenate([rgb, np.full((height, width, 1), 255, np.uint8)], axis=2).tobytes()


def test_an_image_is_sampled_for_training_and_seen_four_ways_in_the_views(worker):
    shown = json.loads(playground.load_image("photo.png", 200, 100, Bytes(checker(200, 100))))
    assert shown["data"]["kind"] == "image" and shown["data"]["count"] == 10_000
    assert shown["data"]["viewSize"] == [96, 48]
    run(SEE_DATA.replace("print(playground.target", "#"), 1)
    assert worker.output["stdout"].startswith("photo.png image 10000 (10000, 3)")
    train = "net = cn.Network.from_sizes([3, 8, 3], seed=0)\nx = playground.data.inputs\n" \
            "await cn.train_async(net, x, playground.target(x), steps=20, report_every=10, callback=playground.report)"
    run(train, 2)
    image = worker.named("insight")[-1]["image"]
    assert image["width"] == 96 and image["height"] == 48 and image["meanDeltaE"] > 0


def bands(width, height):
    """RGBA bytes of vertical bands of 5 colours with unequal widths (so each colour covers a different share)."""
    colours = np.array([[255, 0, 0], [0, 128, 255], [20, 200, 40], [250, 250, 250], [90, 60, 10]], np.uint8)
    column = np.minimum((np.arange(width) ** 2 * 5) // (width ** 2), 4)
    rgb = np.broadcast_to(colours[column][None], (height, width, 3))
    return np.concatenate([rgb, np.full((height, width, 1), 255, np.uint8)], axis=2).tobytes()


def test_image_views_show_the_original_target_and_the_error_scale():
    loaded = data.load_image("c.png", 4, 2, checker(4, 2))

    class Identity:
        def predict(self, x):
            return x

    meta, images = data.image_views(Identity(), cn.complement, loaded)
    original, network, target, error = (np.frombuffer(images[v], np.uint8).reshape(-1, 4) for v in data.IMAGE_VIEWS)
    assert meta["width"] == 4 and meta["height"] == 2 and len(original) == 8
    assert original[0].tolist() == [255, 0, 0, 255] and original[1].tolist() == [0, 0, 255, 255]
    assert (network == original).all()
    assert target[0].tolist() == [0, 255, 255, 255]  # the complement of red
    assert error[0].tolist()[:3] == [165, 0, 38]  # ΔE00 far over 10: the scale's last stop (#a50026)


def test_the_image_views_measure_each_distinct_colour_once_and_weigh_it_by_its_pixels():
    """The network, the target and ΔE00 run over the image's distinct colours and are spread over its pixels: the
    same bytes and the same mean (weighted by pixel count) as computing every pixel."""
    loaded = data.load_image("bands.png", 40, 3, bands(40, 3))
    flat = loaded.pixels.reshape(-1, 3)
    assert len(loaded.colours) == 5 and (loaded.colours[loaded.index] == flat).all()
    net = cn.Network.from_sizes([3, 8, 3], seed=0)
    asked = []

    def predict(x):
        asked.append(len(x))
        return cn.Network.predict(net, x)

    net.predict = predict
    meta, images = data.image_views(net, cn.complement, loaded)
    assert asked == [5]
    predicted = np.clip(cn.Network.predict(net, flat), 0, 1)
    de = cn.delta_e2000_lab(cn.srgb_to_lab(predicted), cn.srgb_to_lab(cn.complement(flat)))
    assert meta["meanDeltaE"] == pytest.approx(float(de.mean()), abs=1e-3)
    assert meta["maxDeltaE"] == pytest.approx(float(de.max()), abs=1e-3)
    network = np.frombuffer(images["network"], np.uint8).reshape(-1, 4)
    assert (network[:, :3] == np.round(predicted * 255)).all()
    target = np.frombuffer(images["target"], np.uint8).reshape(-1, 4)
    assert (target[:, :3] == np.round(cn.complement(flat) * 255)).all()


def test_the_image_views_read_the_updates_one_forward_pass_and_resend_the_original_and_target_only_on_change(
        monkeypatch):
    import types

    import views

    loaded = data.load_image("bands.png", 30, 20, bands(30, 20))
    net = cn.Network.from_sizes([3, 8, 3], seed=0)
    expected = data.image_views(net, cn.complement, loaded)
    image_targets, image_rows = [], []

    def target(rgb):
        if rgb is loaded.colours:
            image_targets.append(len(rgb))
        return cn.complement(rgb)

    def no_second_pass(x):
        raise AssertionError("the image views ran a predict of their own")

    class RecordingPass(views.LayerPass):
        def __init__(self, net, blocks):
            image_rows.extend(len(b) for name, b in blocks if name == "image")
            super().__init__(net, blocks)

    monkeypatch.setattr(views, "LayerPass", RecordingPass)
    net.predict = no_second_pass
    sent = []
    context = types.SimpleNamespace(model=net, target=target, probe="#336699", data=loaded)
    live = views.Views(lambda meta, images: sent.append((meta, images)))
    live.emit(context)
    live.emit(context)
    assert image_rows == [5, 5], "the pass pushes the image's 5 distinct colours, not its 600 pixels"
    assert image_targets == [5], "one target call for the image, kept for the next"
    (first_meta, first_images), (meta, images) = sent
    assert "imageError" not in meta and first_meta["image"]["views"] == list(data.IMAGE_VIEWS)
    start = first_meta["image"]["first"]
    assert first_images[start] == expected[1]["original"] and first_images[start + 2] == expected[1]["target"]
    assert meta["image"]["views"] == ["network", "error"], "the unchanged original and target are not sent again"
    start = meta["image"]["first"]
    assert len(images) == start + 2 + 2  # the two image views, then the neuron graph's pixels and numbers
    network = np.frombuffer(images[start], np.uint8).reshape(-1, 4)
    assert np.abs(network.astype(int) - np.frombuffer(expected[1]["network"], np.uint8).reshape(-1, 4)).max() <= 1
    error = np.frombuffer(images[start + 1], np.uint8).reshape(-1, 4)
    assert np.abs(error.astype(int) - np.frombuffer(expected[1]["error"], np.uint8).reshape(-1, 4)).max() <= 1
    assert meta["image"]["meanDeltaE"] == pytest.approx(expected[0]["meanDeltaE"], abs=0.01)
    context.target = cn.complement  # a new target: its views are sent again
    live.emit(context)
    assert sent[-1][0]["image"]["views"] == list(data.IMAGE_VIEWS)
    context.data = data.load_image("bands.png", 30, 20, bands(30, 20))  # a new image (the same pixels)
    live.emit(context)
    assert sent[-1][0]["image"]["views"] == list(data.IMAGE_VIEWS)


def test_while_training_the_image_views_come_with_every_other_update_and_with_every_update_of_another_kind():
    import types

    import views

    loaded = data.load_image("c.png", 30, 20, checker(30, 20))
    context = types.SimpleNamespace(model=cn.Network.from_sizes([3, 8, 3], seed=0), target=cn.complement,
                                    probe="#336699", data=loaded)
    sent = []
    live = views.Views(lambda meta, images: sent.append("image" in meta))
    for _ in range(2 * views.IMAGE_EVERY):
        live.emit(context, periodic=True)
    assert sent == ([True] + [False] * (views.IMAGE_EVERY - 1)) * 2
    live.emit(context, step=5)  # a pause, Step, a new probe: the image too
    live.emit(context, final=True)
    assert sent[-2:] == [True, True]


@pytest.mark.parametrize("every", [1, 3])
def test_image_every_n_sends_the_image_views_with_every_nth_periodic_update(monkeypatch, every):
    import types

    import views

    monkeypatch.setattr(views, "IMAGE_EVERY", every)
    loaded = data.load_image("c.png", 30, 20, checker(30, 20))
    context = types.SimpleNamespace(model=cn.Network.from_sizes([3, 8, 3], seed=0), target=cn.complement,
                                    probe="#336699", data=loaded)
    sent = []
    live = views.Views(lambda meta, images: sent.append("image" in meta))
    for _ in range(2 * every):
        live.emit(context, periodic=True)
    assert sent == ([True] + [False] * (every - 1)) * 2


def test_download_for_python_carries_the_data_and_run_py_reads_it(tmp_path):
    loaded = data.load_text("pairs.csv", PAIRS)
    zipped = playground._python_zip("print(playground.data.name, playground.data.kind, playground.data.count)\n"
                                    "print(playground.data.pair_target(playground.data.inputs).tolist())",
                                    3, "#dea5ff", None, None, "colornet-0-py3-none-any.whl", b"", data=loaded.data)
    with zipfile.ZipFile(io.BytesIO(zipped)) as z:
        assert z.read("data.csv").decode() == cn.datasets.to_csv(loaded.data)
        z.extract("run.py", tmp_path)
        z.extract("data.csv", tmp_path)
        assert "data.csv" in z.read("README.md").decode()
    out = subprocess.run([sys.executable, "run.py"], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(GLUE.parents[1] / "pylib"), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "pairs.csv pairs 3"
    assert np.allclose(json.loads(lines[1]), loaded.data.targets)


def test_an_image_replays_on_cpython_as_the_same_playground_data(worker, tmp_path):
    """The page's `playground.data` for an image (kind, name, note, size, the sampled pixels) is what run.py's
    `playground.data` is, so code that asks `playground.data.kind == "image"` takes the same branch on CPython."""
    loaded = data.load_image("photo.png", 200, 100, checker(200, 100))
    show = ("import json\nd = playground.data\n"
            "print(json.dumps([d.name, d.kind, d.note, d.extra, d.count, d.inputs.round(6).tolist()]))\n")
    zipped = playground._python_zip(show, 3, "#dea5ff", None, None, "colornet-0-py3-none-any.whl", b"",
                                    data=loaded.data)
    with zipfile.ZipFile(io.BytesIO(zipped)) as z:
        z.extract("run.py", tmp_path)
        z.extract("data.csv", tmp_path)
    out = subprocess.run([sys.executable, "run.py"], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(GLUE.parents[1] / "pylib"), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert out.returncode == 0, out.stderr
    d = loaded.data
    page = [d.name, d.kind, d.note, d.extra, d.count, d.inputs.round(6).tolist()]
    assert json.loads(out.stdout.splitlines()[0]) == page
