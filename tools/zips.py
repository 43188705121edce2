"""Rewriting zip archives (the stdlib zip and the wheels) for the page: stored entries, unused files left out."""
import fnmatch
import io
import zipfile
from pathlib import Path


def repack_stored(path: Path, drop=(), drop_globs=()) -> None:
    """Rewrite a zip with stored (uncompressed) entries, leaving out top-level names in `drop` and paths matching
    `drop_globs`: the whole file is gzipped later, which compresses better than per-entry deflate, and the page
    unpacks it without inflating."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            top = info.filename.split("/")[0]
            if top in drop or top.rsplit(".", 1)[0] in drop:
                continue
            if any(fnmatch.fnmatch(info.filename, pattern) for pattern in drop_globs):
                continue
            out = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            out.external_attr = info.external_attr
            dst.writestr(out, src.read(info), compress_type=zipfile.ZIP_STORED)
    path.write_bytes(buffer.getvalue())
