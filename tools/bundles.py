"""The runtime bundles of the page: which file ships in which `site/dist/runtime-<bundle>.js`, and how its bytes
are encoded. build.py writes them with write_bundles(); the e2e failure tests re-encode broken ones with
encode_bundle(). The page reads them back in site/src/runtime/bundles.js.

Encoding: the bytes go into a JS string literal as single-byte characters, and the page loads the script with
charset="windows-1252", whose WHATWG decoder maps every byte to exactly one character. Only backslash, quote, CR
and LF need escaping, so a bundle is ~1.01x its payload instead of base64's 1.33x. The page maps characters back
to bytes with the inverse table and checks each file's sha256 against the manifest.

Compression (the manifest's `codec` per file): "zstd" (level 19) for what the worker decodes, with the zstddec
decoder (site/src/worker/decode.js): 12.2 MB shipped where gzip -9 of the same files is 16.9 MB, and it decodes the 36 MB snapshot
faster than the browsers' own gunzip (`python3 build.py`, then the [bundles] line). "gzip" for the scripts the page
may decode itself (runtime/transfer.js WORKER_SCRIPTS), with the browser's DecompressionStream. None when neither
saves 5 %. zstandard lives in the .venv, so build.py runs this module there (`python -m tools.bundles`).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import sys
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


# The runtime files the page itself may decode (runtime/transfer.js WORKER_SCRIPTS): gzip, which every browser
# decodes natively; everything else is decoded in the worker, with zstd.
PAGE_DECODED = ("pyodide.asm.js", "pyodide.js")
ZSTD_LEVEL = 19


def compress(data: bytes, codec: str | None) -> bytes:
    """`data` encoded with `codec` ("zstd", "gzip" or None), deterministically."""
    if codec == "zstd":
        import zstandard  # in the .venv (requirements/dev.txt)
        return zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(data)
    if codec == "gzip":
        return gzip.compress(data, compresslevel=9, mtime=0)
    return data


def pack_file(name: str, data: bytes) -> tuple[bytes, str | None]:
    """(bytes to ship, codec) for the runtime file `name`: compressed when that saves at least 5 %."""
    codec = "gzip" if name in PAGE_DECODED else "zstd"
    packed = compress(data, codec)
    return (packed, codec) if len(packed) < 0.95 * len(data) else (data, None)


def shipped(path: Path) -> tuple[str, bytes, str | None, int]:
    """(name in the runtime, bytes to ship, codec, size unpacked) for one file. A file the build keeps gzipped
    (NAME.gz, e.g. the snapshot) ships under NAME, re-encoded like any other."""
    data = path.read_bytes()
    name = path.name
    if path.suffix == ".gz":
        data, name = gzip.decompress(data), name[:-3]
    packed, codec = pack_file(name, data)
    return name, packed, codec, len(data)


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
    dist/runtime-manifest.json (each file's bundle, codec, sizes and sha256); returns the manifest."""
    dist.mkdir(parents=True, exist_ok=True)
    for old in dist.glob("runtime-*.js"):
        old.unlink()
    files = sorted(p for p in source.iterdir() if p.is_file()) + list(extra)
    manifest = {"pyodide": pyodide_version, "encoding": "windows-1252", "bundles": {}, "files": []}
    for bundle, stage in BUNDLES.items():
        carried = {}
        for path in (p for p in files if bundle_of(p.name) == bundle):
            name, data, codec, size = shipped(path)
            manifest["files"].append({"name": name, "bundle": bundle, "codec": codec, "bytes": len(data),
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


def main(argv: list[str]) -> None:
    """python -m tools.bundles SOURCE DIST PYODIDE_VERSION [EXTRA ...]: write_bundles, then one summary line."""
    source, dist, version, *extra = argv
    manifest = write_bundles(Path(source), Path(dist), version, [Path(e) for e in extra])
    total = sum(b["bytes"] for b in manifest["bundles"].values())
    print(f"[bundles] {len(manifest['files'])} files in {len(manifest['bundles'])} bundles, {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
