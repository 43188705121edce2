// The whole playground as one .html file: composed from index.html, the page's CSS, dist/boot.js, dist/app.js and
// the runtime files (the same shipped bytes and sha256 as dist/runtime-*.js), plus, for Save as HTML, the saved
// state. One implementation for both users: build.py runs it under Node (tools/single_file_cli.js) to write
// site/colornet-playground.html, and the page runs it for Save as HTML (ui/save-html.js).
//
// Format: the document is windows-1252 (<meta charset>), so each runtime byte is one character of an inline
// script's string literal, exactly as in dist/runtime-*.js; every other part is ASCII (non-ASCII escaped). Inline
// scripts are allowed by their sha256 in the Content-Security-Policy; everything else keeps index.html's policy.
// Order: guard + boot (head, the boot starts at once), CSS, the page, app.js, then the runtime bundles (the page
// shows, and says what is wrong, even when the file is cut short), then an end marker.

import { cp1252Decode } from "../runtime/cp1252.js";

export const SINGLE_FILE_NAME = "colornet-playground.html";
export const IDS = Object.freeze({
  css: "colornet-css", guard: "colornet-guard", boot: "colornet-boot", app: "colornet-app",
  indexHtml: "colornet-index-html", saved: "colornet-saved", end: "colornet-end",
});

const BOOT_TAG = '<script src="dist/boot.js"></script>';
const APP_TAG = '<script src="dist/app.js"></script>';
const CSS_TAGS = /<link rel="stylesheet" href="dist\/app\.css">\s*<link rel="stylesheet" href="style\.css">/;
const CHARSET_TAG = '<meta charset="utf-8">';
const CSP_TAG = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/;

const ascii = new TextEncoder(); // only ever given ASCII text here
const hex4 = (c) => c.charCodeAt(0).toString(16).padStart(4, "0");

/** JS source as ASCII, safe inside <script>: non-ASCII as \u escapes, "</script" and "<!--" broken up. */
export function asciiJs(text) {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${hex4(c)}`).replace(/<\/(script)/gi, "<\\/$1")
    .replace(/<!--/g, "<\\!--");
}

function asciiCss(text) {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\${c.codePointAt(0).toString(16)} `).replace(/<\/(style)/gi, "<\\/$1");
}

function asciiHtml(text) {
  return text.replace(/[^\x00-\x7f]/g, (c) => `&#${c.codePointAt(0)};`);
}

/** A value as JSON that is ASCII and cannot end its <script> element. */
export function jsonForScript(value) {
  return JSON.stringify(value).replace(/[^\x00-\x7f]|</g, (c) => `\\u${hex4(c)}`);
}

/** The bytes of a JS double-quoted string literal's body holding `data` as windows-1252 characters. Escaped:
 * backslash, quote, LF, CR (as in dist/runtime-*.js), NUL (an HTML parser turns it into U+FFFD) and "<". */
export function byteLiteral(data) {
  let extra = 0;
  for (let i = 0; i < data.length; i++) {
    const b = data[i];
    if (b === 0x5c || b === 0x22 || b === 0x0a || b === 0x0d) extra += 1;
    else if (b === 0 || b === 0x3c) extra += 3;
  }
  const out = new Uint8Array(data.length + extra);
  let j = 0;
  const put = (s) => {
    for (let k = 0; k < s.length; k++) out[j++] = s.charCodeAt(k);
  };
  for (let i = 0; i < data.length; i++) {
    const b = data[i];
    if (b === 0x5c) put("\\\\");
    else if (b === 0x22) put('\\"');
    else if (b === 0x0a) put("\\n");
    else if (b === 0x0d) put("\\r");
    else if (b === 0) put("\\x00");
    else if (b === 0x3c) put("\\x3c");
    else out[j++] = b;
  }
  return out;
}

async function cspHash(bytes) {
  // CSP hashes the script's text as UTF-8; the document is windows-1252, so decode with it first.
  const text = cp1252Decode(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  let binary = "";
  for (const b of digest) binary += String.fromCharCode(b);
  return `'sha256-${btoa(binary)}'`;
}

function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The guard: marks the page as the single file, and shows a message when the page script never ran (the file is
 * cut short or altered before the end of app.js). app.js sets self.colornetAppStarted as it starts; its parts, and
 * window.playground with them, come in later tasks (main.js), which may run after DOMContentLoaded. */
function guardScript() {
  return `self.colornetSingleFile={file:${JSON.stringify(SINGLE_FILE_NAME)}};` +
    "document.addEventListener('DOMContentLoaded',function(){setTimeout(function(){if(self.colornetAppStarted)return;" +
    "var b=self.colornetBoot,m=document.createElement('p');m.setAttribute('role','alert');m.dataset.testid='damaged';" +
    "m.style.cssText='margin:12px;padding:12px;border:2px solid #b3261e;color:#b3261e;font:16px sans-serif';" +
    "m.textContent='This colornet playground .html file is damaged (truncated or altered): its page script did not " +
    "run.'+(b&&b.error?' '+b.error:'')+' Download or build it again.';document.body.prepend(m);},0);});";
}

/**
 * composeSingleFile({indexHtml, css, boot, app, manifest, shipped(name) → Promise<Uint8Array>, saved}) →
 * Promise<Uint8Array>: the single .html file. `saved` (optional) is JSON-able state for Save as HTML.
 */
export async function composeSingleFile({ indexHtml, css, boot, app, manifest, shipped, saved = null }) {
  for (const [what, found] of [["the boot script tag " + BOOT_TAG, indexHtml.includes(BOOT_TAG)],
    ["the app script tag " + APP_TAG, indexHtml.includes(APP_TAG)], ["the two stylesheet links", CSS_TAGS.test(indexHtml)],
    [CHARSET_TAG, indexHtml.includes(CHARSET_TAG)], ["the Content-Security-Policy meta tag", CSP_TAG.test(indexHtml)]]) {
    if (!found) throw new Error(`index.html no longer has ${what}: update site/src/single-file/compose.js`);
  }
  const scripts = []; // [{id, body: Uint8Array}] of executable inline scripts, in document order
  const inline = (id, body) => {
    scripts.push({ id, body });
    return `\u0000${scripts.length - 1}\u0000`; // placeholder, replaced below
  };
  const guard = inline(IDS.guard, ascii.encode(guardScript()));
  const bootTag = inline(IDS.boot, ascii.encode(asciiJs(boot)));
  const appTag = inline(IDS.app, ascii.encode(asciiJs(app)));
  const bundleTags = [];
  for (const [bundle] of Object.entries(manifest.bundles).sort((a, b) => a[1].bytes - b[1].bytes)) {
    const parts = [ascii.encode(`(self.colornetRuntimeBundle||function(){})(${JSON.stringify(bundle)},{`)];
    for (const [i, f] of manifest.files.filter((x) => x.bundle === bundle).entries()) {
      parts.push(ascii.encode(`${i ? "," : ""}${JSON.stringify(f.name)}:"`), byteLiteral(await shipped(f.name)),
        ascii.encode('"'));
    }
    parts.push(ascii.encode("});"));
    bundleTags.push(inline(`colornet-runtime-${bundle}`, concat(parts)));
  }
  const endTag = inline(IDS.end, ascii.encode("self.colornetSingleFileEnd=true;"));

  const hashes = await Promise.all(scripts.map((s) => cspHash(s.body)));
  const csp = indexHtml.match(CSP_TAG)[1].replace("script-src 'self' blob:", `script-src blob: ${hashes.join(" ")}`);
  if (!csp.includes("'sha256-")) throw new Error("the Content-Security-Policy has no \"script-src 'self' blob:\" to extend");

  let html = asciiHtml(indexHtml)
    .replace(CHARSET_TAG, '<meta charset="windows-1252">')
    .replace(CSP_TAG, () => `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
    .replace(BOOT_TAG, () => `${guard}\n${bootTag}`)
    .replace(CSS_TAGS, () => `<style id="${IDS.css}">${asciiCss(css)}</style>`)
    .replace(APP_TAG, () => [
      saved == null ? "" : `<script type="application/json" id="${IDS.saved}">${jsonForScript(saved)}</script>`,
      `<script type="application/json" id="${IDS.indexHtml}">${jsonForScript(indexHtml)}</script>`,
      appTag, ...bundleTags, endTag].filter(Boolean).join("\n"));
  const chunks = [];
  let last = 0;
  for (const m of html.matchAll(/\u0000(\d+)\u0000/g)) {
    const s = scripts[Number(m[1])];
    chunks.push(ascii.encode(html.slice(last, m.index) + `<script id="${s.id}">`), s.body, ascii.encode("</script>"));
    last = m.index + m[0].length;
  }
  chunks.push(ascii.encode(html.slice(last)));
  return concat(chunks);
}
