"""The channel to the page: the worker's functions that send events, snapshots, images and the user's output.

The glue sends only through the `Page` it is handed (made once by `playground.setup`). The post-boot warm-up is
handed a `SilentPage`: the same JSON is computed, nothing is sent.
"""
from json import dumps  # imported names: user code that replaces json.dumps cannot reach them


class Page:
    """emit(event, json_text), emit_text(event, meta_json, text), emit_images(json_text, [bytes, ...]) and the
    worker's output batcher (write(stream, text), flush()), from site/src/worker/playground.js."""

    def __init__(self, emit, emit_text, emit_images, output):
        self._emit, self._emit_text, self._emit_images, self._output = emit, emit_text, emit_images, output

    def send(self, event, data):
        """An event with JSON-able data (NaN allowed: the page's JSON.parse never sees it, the glue sends None)."""
        self._emit(event, dumps(data, allow_nan=True))

    def send_text(self, event, meta, text):
        """An event whose `text` travels as it is, not re-encoded (snapshots: colornet JSON)."""
        self._emit_text(event, dumps(meta), text)

    def send_images(self, meta, images):
        """The `insight` event: JSON plus RGBA images that the worker transfers to the page."""
        self._emit_images(dumps(meta, allow_nan=False), images)

    def write(self, stream, text):
        self._output.write(stream, text)

    def flush(self):
        self._output.flush()


class SilentPage(Page):
    """A page that computes every message and sends none (the warm-up)."""

    def __init__(self):
        super().__init__(None, None, None, None)

    def send(self, event, data):
        dumps(data, allow_nan=True)

    def send_text(self, event, meta, text):
        dumps(meta)

    def send_images(self, meta, images):
        dumps(meta, allow_nan=False)

    def write(self, stream, text):
        pass

    def flush(self):
        pass
