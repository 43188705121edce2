"""Small test images made with the standard library (zlib, struct): no imaging package needed."""
import base64
import struct
import zlib


def _chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def png_bytes(width, height, colour_at):
    """An RGB PNG whose pixel (x, y) is colour_at(x, y) → (r, g, b) in 0..255."""
    rows = b"".join(b"\x00" + b"".join(bytes(colour_at(x, y)) for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b"")


def png_claiming(width, height):
    """A PNG whose header claims width × height pixels, with a tiny (wrong) body: refused before decoding."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + \
        _chunk(b"IEND", b"")


def quadrants(x, y, size=32):
    """Red, green, blue and white quadrants of a size × size image."""
    return ((255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255))[(x >= size // 2) + 2 * (y >= size // 2)]


def quadrant_png_base64(size=32):
    return base64.b64encode(png_bytes(size, size, lambda x, y: quadrants(x, y, size))).decode()
