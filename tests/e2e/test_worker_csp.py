"""The page's Content-Security-Policy holds inside the Python worker, not only the fetch shim: user code that calls
the worker's original `fetch` (WorkerGlobalScope.prototype.fetch, which the shim does not replace) is refused by the
browser (connect-src 'none'), and a loopback server that would answer sees no request."""
import http.server
import threading

from playground_driver import open_ready, output_text, run_to_end

BYPASS = """import asyncio, js
from pyodide.ffi import create_proxy
violations = []
js.self.addEventListener("securitypolicyviolation", create_proxy(lambda e: violations.append(e.violatedDirective)))
original = js.WorkerGlobalScope.prototype.fetch
print("shim is own property:", js.Object.prototype.hasOwnProperty.call(js.self, "fetch"))
print("original is native:", "[native code]" in js.Function.prototype.toString.call(original))
try:
    response = await original.call(js.self, "URL")
    print("FETCH ANSWERED", response.status)
except Exception as exc:
    print("FETCH REFUSED:", type(exc).__name__, str(exc).splitlines()[-1])
await asyncio.sleep(0.3)
print("violations:", list(violations))
"""


class CountingHandler(http.server.BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        CountingHandler.hits.append(self.path)
        self.send_response(200)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(b"answered")

    def log_message(self, *args):
        pass


def test_original_fetch_in_the_worker_is_blocked_by_the_csp(browser, open_page, site_file_url):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/should-not-arrive"
    try:
        open_ready(browser, open_page, site_file_url)
        final = run_to_end(browser, BYPASS.replace('"URL"', repr(url)))
        out = output_text(browser)
        assert final["status"] == "ready", out
        assert "shim is own property: True" in out and "original is native: True" in out, out
        assert "FETCH REFUSED: JsException" in out and "FETCH ANSWERED" not in out, out
        assert "violations: ['connect-src']" in out, out
        assert CountingHandler.hits == [], "the request reached the server"
    finally:
        server.shutdown()
