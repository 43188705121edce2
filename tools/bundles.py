"""The runtime bundles of the page: which file ships in which `site/dist/runtime-<bundle>.js`, and how its bytes
are encoded. build.py writes them with write_bundles(); the e2e failure tests re-encode broken ones with
encode_bundle(). The page reads them back in site/src/runtime/bundles.js.

Encoding: the bytes go into a JS string literal as single-byte characters, and the page loads the script with
charset="windows-1252", whose WHATWG decoder maps every byte to exactly one character. Only backslash, quote, CR
and LF need escaping, so a bundle is ~1.01x its payload instead of base64's 1.33x. The page maps characters back
to bytes with the inverse table and checks each file's sha256 against the manifest.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

from tools.paths import KERNELS_WASM

# Bundle name → the boot stage it serves. One bundle is one <script>; the page loads them all in parallel.
BUNDLES = {
    "core": "runtime",
    "wasm": "runtime",
    "stdlib": "runtime",
    "numpy": "numpy",
    "micropip": "numpy",
    "colornet": "colornet",
    "snapshot": "runtime",  # the memory snapshot and its meta (tools/snapshot.py), when the build made one
}


def bundle_of(name: str) -> str:
    """The bundle that carries the runtime file `name`."""
    if name.startswith("pyodide-snapshot."):
        return "snapshot"
    if name == KERNELS_WASM.name:  # colornet's SIMD kernels travel with colornet
        return "colornet"
    if name.endswith(".wasm"):
        return "wasm"
    if name == "python_stdlib.zip":
        return "stdlib"
    if name.startswith("numpy-"):
        return "numpy"
    if name.startswith("colornet-"):
        return "colornet"
    if name.endswith(".whl"):
        return "micropip"
    return "core"


def pack_file(data: bytes) -> tuple[bytes, bool]:
    """gzip a file when that saves at least 5 %; returns (bytes to ship, gzipped?)."""
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    return (packed, True) if len(packed) < 0.95 * len(data) else (data, False)


def shipped(path: Path) -> tuple[str, bytes, bool, int]:
    """(name in the runtime, bytes to ship, gzipped?, size unpacked) for one file. A file already gzipped
    (NAME.gz, e.g. the snapshot) ships as is under NAME; its size is the gzip trailer's."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        return path.name[:-3], data, True, struct.unpack("<I", data[-4:])[0]
    packed, gz = pack_file(data)
    return path.name, packed, gz, len(data)


def js_byte_string(data: bytes) -> bytes:
    """`data` as the body of a double-quoted JS string literal, for a script decoded as windows-1252."""
    return data.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"\n", b"\\n").replace(b"\r", b"\\r")


def encode_bundle(bundle: str, files: dict[str, bytes]) -> bytes:
    """The text of site/dist/runtime-<bundle>.js: one call registering every file's bytes."""
    parts = [json.dumps(name).encode() + b':"' + js_byte_string(data) + b'"' for name, data in files.items()]
    return (b"(self.colornetRuntimeBundle||function(){})(" + json.dumps(bundle).encode() + b",{"
            + b",".join(parts) + b"});\n")


def write_bundles(source: Path, dist: Path, pyodide_version: str, extra: list[Path] = ()) -> dict:
    """Write dist/runtime-<bundle>.js for every file in `source` and in `extra` (the snapshot), and
    dist/runtime-manifest.json (each file's bundle, gzip flag, sizes and sha256); returns the manifest."""
    dist.mkdir(parents=True, exist_ok=True)
    for old in dist.glob("runtime-*.js"):
        old.unlink()
    files = sorted(p for p in source.iterdir() if p.is_file()) + list(extra)
    manifest = {"pyodide": pyodide_version, "encoding": "windows-1252", "bundles": {}, "files": []}
    for bundle, stage in BUNDLES.items():
        carried = {}
        for path in (p for p in files if bundle_of(p.name) == bundle):
            name, data, gz, size = shipped(path)
            manifest["files"].append({"name": name, "bundle": bundle, "gzip": gz, "bytes": len(data),
                                      "size": size, "sha256": hashlib.sha256(data).hexdigest()})
            carried[name] = data
        if not carried:
            continue
        target = dist / f"runtime-{bundle}.js"
        target.write_bytes(encode_bundle(bundle, carried))
        manifest["bundles"][bundle] = {"file": f"dist/{target.name}", "bytes": target.stat().st_size,
                                       "stage": stage}
    (dist / "runtime-manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest
