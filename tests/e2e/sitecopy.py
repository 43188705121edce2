"""Builds broken copies of site/ for the failure-mode tests: a bundle missing, truncated, corrupted, or carrying
different files (re-encoded with tools/bundles.py, as the build does, with boot.js's manifest hash updated or
not)."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from tools.bundles import apply_xor, compress, encode_bundle
from tools.paths import OPTIMISED_DIR, SITE


def copy_site(dest: Path) -> Path:
    """A copy of the built page (index.html, style.css, dist/) in dest/site."""
    target = dest / "site"
    shutil.copytree(SITE, target, ignore=shutil.ignore_patterns("src", "py"))
    return target


def manifest(site: Path) -> dict:
    return json.loads((site / "dist" / "runtime-manifest.json").read_text())


def bundle_path(site: Path, bundle: str) -> Path:
    return site / manifest(site)["bundles"][bundle]["file"]


def file_entry(site: Path, name: str) -> dict:
    return next(f for f in manifest(site)["files"] if f["name"] == name)


def rewrite_bundle(site: Path, bundle: str, replace: dict[str, bytes], update_manifest: bool = True) -> None:
    """Re-encode `bundle` with some files' (uncompressed) contents replaced; when update_manifest, boot.js's
    embedded sha256 for each replaced file is changed to match, so only the deeper checks can catch it."""
    app = site / "dist" / "boot.js"
    app_text = app.read_text()
    carried = {}
    for entry in (f for f in manifest(site)["files"] if f["bundle"] == bundle):
        raw = replace.get(entry["name"])
        if raw is None:
            raw = (OPTIMISED_DIR / entry["name"]).read_bytes()
        xor = entry.get("xor")  # the snapshot ships XORed with the wasm's data segment (tools/bundles.py)
        data = compress(apply_xor(raw, xor, (OPTIMISED_DIR / xor["file"]).read_bytes() if xor else b""), entry["codec"])
        carried[entry["name"]] = data
        if update_manifest and entry["name"] in replace:
            new_sha = hashlib.sha256(data).hexdigest()
            assert entry["sha256"] in app_text, "boot.js does not embed the manifest hash"
            app_text = app_text.replace(entry["sha256"], new_sha)
    bundle_path(site, bundle).write_bytes(encode_bundle(bundle, carried))
    app.write_text(app_text)


def break_zip(data: bytes) -> bytes:
    """Same length, but the zip's central directory is gone: no zip reader can open it."""
    return data[: len(data) // 2] + b"\0" * (len(data) - len(data) // 2)
