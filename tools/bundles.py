"""The runtime bundles of the page: which file ships in which `site/dist/runtime-<bundle>.js`, and how its bytes
are encoded. build.py writes them with write_bundles(); the e2e failure tests re-encode broken ones with
encode_bundle(). The page reads them back in site/src/runtime/bundles.js.

Encoding: the bytes go into a JS string literal as single-byte characters, and the page loads the script with
charset="windows-1252", whose WHATWG decoder maps every byte to exactly one character. Only backslash, quote, CR
and LF need escaping, so a bundle is ~1.01x its payload instead of base64's 1.33x. The page maps characters back
to bytes with the inverse table and checks each file's sha256 against the manifest.

Compression (the manifest's `codec` per file): "zstd" (level 19) for what the worker decodes, with the zstddec
decoder (site/src/worker/decode.js): the files ship as 12.2 MB where gzip -9 of them all is 16.9 MB (`python3
build.py`, then the [bundles] line). "gzip" for the files the page may decode itself (page_decodes), with the
browser's DecompressionStream. None when neither saves 5 %. zstandard lives in the .venv, so build.py runs this module there (`python -m tools.bundles`).
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


def page_decodes(name: str) -> bool:
    """Whether the page itself may decode the runtime file `name` (so it ships gzip, which every browser decodes
    natively): the worker scripts (runtime/transfer.js WORKER_SCRIPTS) and the colornet wheel (Download for
    Python, ui/python-download.js). The worker decodes everything else, zstd."""
    return name in ("pyodide.asm.js", "pyodide.js") or name.startswith("colornet-")


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
    codec = "gzip" if page_decodes(name) else "zstd"
    packed = compress(data, codec)
    return (packed, codec) if len(packed) < 0.95 * len(data) else (data, None)


def shipped(path: Path, xor: dict | None = None, wasm: Path | None = None) -> tuple[str, bytes, str | None, int]:
    """(name in the runtime, bytes to ship, codec, size unpacked) for one file. A file the build keeps gzipped
    (NAME.gz, e.g. the snapshot) ships under NAME, re-encoded like any other; with `xor` (xor_plan), XORed first."""
    data = path.read_bytes()
    name = path.name
    if path.suffix == ".gz":
        data, name = gzip.decompress(data), name[:-3]
    packed, codec = pack_file(name, apply_xor(data, xor, wasm.read_bytes() if xor else b""))
    return name, packed, codec, len(data)


# The snapshot's heap holds pyodide.asm.wasm's data segment (static data, at the main module's memory base) almost
# unchanged: 97.5 % of its 4.6 MB are equal. Shipped XORed with that segment, that part is mostly zeros: the zstd
# snapshot shrinks from 4.77 to 3.68 MB. The manifest's `xor` says where; the worker undoes it
# (site/src/worker/snapshot-start.js) with the wasm it already has. The build's snapshot file stays as Pyodide made it.
MEMORY_BASE = 1024  # Emscripten's __memory_base for Pyodide's main module (relocateExports(exports, 1024))
XOR_MIN_EQUAL = 0.5  # XOR only where the segment still matches the heap this well (else it would grow the file)


def _leb128(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def data_segment(wasm: bytes) -> tuple[int, int] | None:
    """(offset in the file, length) of the wasm's one active data segment placed at the imported memory base
    (`global.get 0`), or None when the module has another layout."""
    at = 8
    while at < len(wasm):
        section, size_at = wasm[at], at + 1
        size, body = _leb128(wasm, size_at)
        if section == 11:
            count, k = _leb128(wasm, body)
            flags, k = _leb128(wasm, k)
            if count != 1 or flags != 0 or wasm[k:k + 3] != b"\x23\x00\x0b":
                return None
            length, k = _leb128(wasm, k + 3)
            return k, length
        at = body + size
    return None


def xor_plan(snapshot: bytes, wasm: bytes) -> dict | None:
    """The manifest's `xor` for the snapshot (`at`: offset in the snapshot; `from`, `length`: the segment in
    pyodide.asm.wasm), or None when the segment is missing or no longer matches the heap."""
    segment = data_segment(wasm)
    if segment is None:
        return None
    start, length = segment
    at = int.from_bytes(snapshot[4:8], "little") + MEMORY_BASE  # Pyodide's header: u32 magic, u32 heap offset
    if at + length > len(snapshot):
        return None
    sample = range(0, length, 61)
    equal = sum(snapshot[at + i] == wasm[start + i] for i in sample) / len(sample)
    return {"file": "pyodide.asm.wasm", "from": start, "length": length, "at": at} if equal >= XOR_MIN_EQUAL else None


def apply_xor(data: bytes, plan: dict | None, wasm: bytes) -> bytes:
    """`data` with plan's region XORed with the wasm's segment (its own inverse: the worker does the same)."""
    if not plan:
        return data
    at, start, length = plan["at"], plan["from"], plan["length"]
    region = int.from_bytes(data[at:at + length], "little") ^ int.from_bytes(wasm[start:start + length], "little")
    return data[:at] + region.to_bytes(length, "little") + data[at + length:]


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
    wasm = source / "pyodide.asm.wasm"
    for bundle, stage in BUNDLES.items():
        carried = {}
        for path in (p for p in files if bundle_of(p.name) == bundle):
            xor = None
            if path.name.startswith("pyodide-snapshot.bin") and wasm.exists():
                raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
                xor = xor_plan(raw, wasm.read_bytes())
            name, data, codec, size = shipped(path, xor, wasm)
            entry = {"name": name, "bundle": bundle, "codec": codec, "bytes": len(data), "size": size,
                     "sha256": hashlib.sha256(data).hexdigest()}
            if xor:
                entry["xor"] = xor
            manifest["files"].append(entry)
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
