// Replaces the worker's network with the bundled files. Pyodide 0.27 loads everything (the wasm, the stdlib,
// the lockfile, the wheels) through the global fetch; URLs under INDEX_URL are answered from the verified bytes the
// verifier transferred (not Blobs: runtime/transfer.js says why), decoded as the manifest says (decode.js). data: URLs
// carry their own bytes and are answered here (the CSP's connect-src 'none' refuses them to the real fetch). Any
// other URL fails at once with a clear message: the page makes no network requests, and its CSP would block them.
// WebSocket, EventSource and WebTransport are replaced by constructors that fail with the same message.

import { compiledResponse, isCompiledAhead, takeDecoded } from "./prepare.js";

/** A made-up base URL for the runtime files (".invalid" can never resolve, RFC 2606). */
export const INDEX_URL = "https://colornet.invalid/runtime/";

const CONTENT_TYPES = { wasm: "application/wasm", js: "text/javascript", json: "application/json", zip: "application/zip", whl: "application/zip" };

/** The one message for every way out (fetch, XHR, WebSocket, EventSource, and Python's sockets), before the URL. */
export const OFFLINE_MESSAGE =
  "Network access is disabled in the colornet playground (it runs offline and makes no network requests)";

export class OfflineError extends TypeError {
  constructor(url) {
    super(`${OFFLINE_MESSAGE}: ${url}`);
    this.name = "OfflineError";
  }
}

/** A constructor that refuses at once, in place of the worker's WebSocket, EventSource and WebTransport. */
function refusing(name) {
  const Refused = function (url) {
    throw new OfflineError(String(url));
  };
  Object.defineProperty(Refused, "name", { value: name });
  return Refused;
}

/** A data: URL's bytes as a Response: base64 or percent-encoded, with its media type. */
export function dataUrlResponse(url) {
  const comma = url.indexOf(",");
  if (comma < 0) throw new TypeError(`malformed data: URL (no comma): ${url.slice(0, 40)}`);
  const head = url.slice(5, comma);
  const body = url.slice(comma + 1);
  const text = head.endsWith(";base64") ? atob(body) : decodeURIComponent(body);
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  const type = head.replace(/;base64$/, "") || "text/plain";
  return new Response(bytes, { status: 200, headers: { "Content-Type": type } });
}

/** The file's bytes as a Response (decoded as the manifest says; prepare.js may have decoded it already). The
 * runtime's wasm, when compiled ahead, is a Response that stands for its module (prepare.js usePrecompiled). */
export async function fileResponse(name, file) {
  const headers = { "Content-Type": CONTENT_TYPES[name.split(".").pop()] || "application/octet-stream" };
  if (isCompiledAhead(name)) return compiledResponse(name, headers);
  return new Response(await takeDecoded(name, file), { status: 200, headers });
}

async function checkIntegrity(name, bytes, integrity) {
  const [algo, expected] = integrity.split("-", 2);
  if (algo !== "sha256") return;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const got = btoa(String.fromCharCode(...digest));
  if (got !== expected) throw new TypeError(`integrity check failed for ${name}: lockfile says sha256-${expected}, got sha256-${got}`);
}

/**
 * Installs the shim. store.get(name) resolves with {bytes, codec} once that file is verified; known(name) says
 * whether the build shipped it; onFetch(name) is told which file is being read (progress, error messages).
 */
export function installOfflineFetch(store, known, onFetch) {
  self.fetch = async (input, init = {}) => {
    const url = String(input && input.url ? input.url : input);
    if (url.startsWith("data:")) return dataUrlResponse(url);
    if (!url.startsWith(INDEX_URL)) throw new OfflineError(url);
    const name = decodeURIComponent(url.slice(INDEX_URL.length).split(/[?#]/)[0]);
    onFetch(name);
    if (!known(name)) return new Response(`${name} is not in the runtime bundles`, { status: 404, statusText: "Not Found" });
    const file = await store.get(name);
    if (init.integrity && crypto.subtle) {
      const bytes = new Uint8Array(await (await fileResponse(name, file)).arrayBuffer());
      await checkIntegrity(name, bytes, init.integrity);
      return new Response(bytes, { headers: { "Content-Type": CONTENT_TYPES[name.split(".").pop()] || "application/octet-stream" } });
    }
    return fileResponse(name, file);
  };
  for (const name of ["WebSocket", "EventSource", "WebTransport"]) {
    if (name in self) self[name] = refusing(name);
  }
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (!String(url).startsWith(INDEX_URL)) throw new OfflineError(url);
    return open.call(this, method, url, ...rest);
  };
}
