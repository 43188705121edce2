"""The user's print(): sys.stdout and sys.stderr during a run. The text goes to the page's output batcher as written
(site/src/worker/output.js sends it in batches) until OUTPUT_LIMIT characters in a run; past that only the newest
TAIL_CHARS are kept, and sent at most every TAIL_INTERVAL_S and at the end, after a mark counting what was cut. So a
print loop cannot drown the page, and the newest output (the line that says how a run ended) is always shown;
print() and sys.stdout.write() both come through write()."""
from time import monotonic

OUTPUT_LIMIT = 1_000_000  # characters of a run's output sent as written...
TAIL_CHARS = 100_000  # ...then its newest characters, at most this many...
TAIL_INTERVAL_S = 0.25  # ...sent this often (and at the end of the run)


def cut_mark(count):
    """The mark where output was cut (site/src/ui/output.js marks its own cuts the same way)."""
    return f"\n[… {count:,} characters of output cut here …]\n"


class Capture:
    """A file-like stream ("stdout" or "stderr") that writes to `page`."""

    def __init__(self, page, stream):
        self.page = page
        self.stream = stream
        self.written = 0
        self.tail = []  # past OUTPUT_LIMIT: the newest chunks not sent yet...
        self.tail_size = 0
        self.cut = 0  # ...and the characters dropped before them
        self.tail_sent = monotonic()

    def write(self, text):
        if not text:
            return 0
        length = len(text)
        room = OUTPUT_LIMIT - self.written
        self.written += len(text)
        if room > 0:
            self.page.write(self.stream, text[:room])
            text = text[room:]
        if text:
            self.keep(text)
            if monotonic() - self.tail_sent >= TAIL_INTERVAL_S:
                self.send_tail()
        return length

    def keep(self, text):
        """Keep `text` in the rolling tail, dropping (and counting) the oldest characters beyond TAIL_CHARS."""
        self.tail.append(text)
        self.tail_size += len(text)
        while self.tail_size > TAIL_CHARS:
            extra = self.tail_size - TAIL_CHARS
            first = self.tail[0]
            if len(first) <= extra:
                self.tail.pop(0)
                dropped = len(first)
            else:
                self.tail[0] = first[extra:]
                dropped = extra
            self.tail_size -= dropped
            self.cut += dropped

    def send_tail(self):
        self.tail_sent = monotonic()
        if not self.tail:
            return
        text = "".join(self.tail)
        if self.cut:
            text = cut_mark(self.cut) + text
        self.page.write(self.stream, text)
        self.tail, self.tail_size, self.cut = [], 0, 0

    def flush(self):
        self.send_tail()
        self.page.flush()

    def isatty(self):
        return False
