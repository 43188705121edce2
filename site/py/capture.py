"""The user's print(): sys.stdout and sys.stderr during a run. The text goes to the page's output batcher as written
(site/src/worker/output.js sends it in batches); after OUTPUT_LIMIT characters in a run the rest is dropped, with
a notice, so a print loop cannot drown the page."""

OUTPUT_LIMIT = 1_000_000  # characters of output per run before it is cut


class Capture:
    """A file-like stream ("stdout" or "stderr") that writes to `page`."""

    def __init__(self, page, stream):
        self.page = page
        self.stream = stream
        self.written = 0

    def write(self, text):
        if not text:
            return 0
        if self.written < OUTPUT_LIMIT:
            room = OUTPUT_LIMIT - self.written
            self.page.write(self.stream, text if len(text) <= room else text[:room] + "\n[output cut: too much text]\n")
        self.written += len(text)
        return len(text)

    def flush(self):
        self.page.flush()

    def isatty(self):
        return False
