"""The snapshot ships XORed with pyodide.asm.wasm's data segment (tools/bundles.py): the segment is found in the
wasm's data section, the plan is made only where the heap still holds it, and XORing twice gives the bytes back."""
import struct

import pytest

from tools.bundles import MEMORY_BASE, apply_xor, data_segment, xor_plan

pytestmark = pytest.mark.unit


def leb(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def wasm_with_segment(segment: bytes, offset_expr: bytes = b"\x23\x00\x0b") -> bytes:
    """A module with a custom section first, then a data section of one active segment at `global.get 0`."""
    custom = b"\x04name" + b"xyz"
    data = leb(1) + leb(0) + offset_expr + leb(len(segment)) + segment
    return (b"\0asm\x01\0\0\0" + b"\x00" + leb(len(custom)) + custom + b"\x0b" + leb(len(data)) + data)


def snapshot_holding(segment: bytes, heap_offset: int = 16, changed: int = 0) -> bytes:
    """Pyodide's header (magic, heap offset) then a heap holding `segment` at the memory base, `changed` bytes off."""
    heap = bytearray(MEMORY_BASE + len(segment) + 64)
    heap[MEMORY_BASE:MEMORY_BASE + len(segment)] = segment
    for i in range(changed):
        heap[MEMORY_BASE + i] ^= 0xFF
    return struct.pack("<IIII", 0x12345678, heap_offset, 0, 0) + bytes(heap)


SEGMENT = bytes(range(256)) * 40


def test_the_segment_is_found_after_other_sections():
    wasm = wasm_with_segment(SEGMENT)
    start, length = data_segment(wasm)
    assert wasm[start:start + length] == SEGMENT


def test_another_layout_is_not_taken():
    assert data_segment(wasm_with_segment(SEGMENT, offset_expr=b"\x41\x00\x0b")) is None  # i32.const 0
    assert data_segment(b"\0asm\x01\0\0\0") is None


def test_xor_zeroes_the_equal_part_and_is_its_own_inverse():
    wasm, snapshot = wasm_with_segment(SEGMENT), snapshot_holding(SEGMENT, changed=10)
    plan = xor_plan(snapshot, wasm)
    assert plan["at"] == 16 + MEMORY_BASE and plan["length"] == len(SEGMENT) and plan["file"] == "pyodide.asm.wasm"
    shipped = apply_xor(snapshot, plan, wasm)
    assert len(shipped) == len(snapshot) and shipped != snapshot
    region = shipped[plan["at"]:plan["at"] + plan["length"]]
    assert region[10:] == bytes(len(SEGMENT) - 10) and region[:10] == b"\xff" * 10
    assert apply_xor(shipped, plan, wasm) == snapshot


def test_no_plan_where_the_heap_no_longer_holds_the_segment():
    wasm = wasm_with_segment(SEGMENT)
    assert xor_plan(snapshot_holding(SEGMENT, changed=len(SEGMENT) * 3 // 4), wasm) is None
    assert apply_xor(b"abc", None, wasm) == b"abc"
