"""The stand-alone page of the params strip for the e2e tests (Chromium and Firefox): an esbuild bundle of
site/src/params/strip.js plus a <textarea> editor adapter that logs what the strip asks for in `window.log`."""
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
STRIP = ROOT / "site" / "src" / "params" / "strip.js"

ENTRY = """
import { createParamsStrip } from %s;
const area = document.getElementById("code");
area.value = decodeURIComponent(location.hash.slice(1));
const listeners = new Set();
const log = { runs: [], changes: [], paramChanges: [] };
window.log = log;
area.addEventListener("input", () => listeners.forEach((cb) => cb()));
const editor = {
  getText: () => area.value,
  applyChange(change, info) {
    area.setRangeText(change.insert, change.from, change.to, "preserve");
    log.changes.push({ ...change, ...info, at: performance.now() });
    listeners.forEach((cb) => cb());
  },
  onChange(cb) { listeners.add(cb); return () => listeners.delete(cb); },
};
const debounceMs = Number(new URLSearchParams(location.search).get("debounce") || 300);
window.strip = createParamsStrip(document.getElementById("strip"), editor, {
  debounceMs,
  onRunRequest: (request) => log.runs.push({ ...request, at: performance.now() }),
  onParamChange: (change) => log.paramChanges.push(change),
});
"""
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>params strip</title></head>
<body><textarea id="code" rows="12" cols="100" aria-label="code"></textarea><div id="strip"></div>
<script src="strip-page.js"></script></body></html>"""

SOURCE = """import colornet as cn
lr = 0.008  # @param {type:"slider", min:0.0001, max:0.1, log:true, live:true}
steps = 2000  # @param {type:"slider", min:100, max:10000, step:100}
batch = 25  # @param {type:"integer", min:1, max:1000}
hidden = [64, 32, 16]  # @param {type:"layers", min:1, max:64}
activation = "relu"  # @param ["relu", "tanh", "sigmoid"]
adam = True  # @param {type:"boolean"}
label = "x"  # @param {type:"string"}
bad = 1  # @param {type:"slider", min:0, max:1, step:0}
"""


def build_page(folder):
    """Writes index.html and its bundle into `folder`; returns the page's file:// URL (code goes in the hash)."""
    if not ESBUILD.exists():
        raise FileNotFoundError("node_modules/.bin/esbuild is missing: run `python3 build.py` first")
    (folder / "entry.js").write_text(ENTRY % json.dumps(str(STRIP)))
    subprocess.run([ESBUILD, folder / "entry.js", "--bundle", "--format=iife", "--log-level=warning",
                    f"--outfile={folder / 'strip-page.js'}"], check=True, timeout=60)
    (folder / "index.html").write_text(PAGE)
    return (folder / "index.html").as_uri()
