"""A loopback-only static file server (127.0.0.1, a free port, no logging, no caching) for tests and the bench.

The e2e tests open the page over http with it too, and `python3 build.py serve` serves site/ with it; the bench needs it because the TF.js wasm backend fetches
its .wasm files, which a file:// page cannot do. The product page itself needs no server.
"""
import contextlib
import functools
import http.server
import threading

TYPES = {".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@contextlib.contextmanager
def serve(root, port=0):
    """Serves `root` on http://127.0.0.1:<port> (default: a free one); yields the base URL (no trailing slash)."""
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
