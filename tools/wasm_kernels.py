"""Compiles colornet's WebAssembly SIMD kernels (site/kernels/dense.c) with Debian's clang-16 and lld-16 (stdlib only).

The module imports Pyodide's own WebAssembly.Memory and works on NumPy arrays where they are, so it must never write
anywhere else: it may not use a stack (lld would put one at a fixed place in that memory) nor carry a data segment
(written into that memory when instantiated). Both are checked here and the build fails if either appears.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from tools.buildsteps import BuildError, apt_install, log, run

CLANG = "clang-16"
WASM_LD = "wasm-ld-16"  # lld-16's WebAssembly linker, which clang-16 runs
CFLAGS = ("--target=wasm32", "-O3", "-msimd128", "-nostdlib", "-std=c11", "-Wall", "-Werror")
LDFLAGS = ("-Wl,--no-entry", "-Wl,--import-memory", "-Wl,--strip-debug")
DATA_SECTION = 11


def ensure_clang() -> None:
    """clang-16 + lld-16 from Debian (installed with apt-get when running as root)."""
    if not (shutil.which(CLANG) and shutil.which(WASM_LD)):
        apt_install(["clang-16", "lld-16"], "clang-16/lld-16 missing (they compile site/kernels/ to WebAssembly)")


def section_ids(data: bytes) -> list[int]:
    """The ids of a WebAssembly module's sections, in order."""
    if data[:8] != b"\0asm\x01\0\0\0":
        raise BuildError("the kernels' output is not a WebAssembly module")
    ids, i = [], 8
    while i < len(data):
        size, shift, j = 0, 0, i + 1
        while True:  # the section size, unsigned LEB128
            size |= (data[j] & 0x7F) << shift
            shift += 7
            j += 1
            if data[j - 1] < 0x80:
                break
        ids.append(data[i])
        i = j + size
    return ids


def compile_kernels(source: Path, wasm: Path) -> None:
    """source (C) → wasm, checked to use no stack and carry no data."""
    ensure_clang()
    wasm.parent.mkdir(parents=True, exist_ok=True)
    asm = wasm.with_suffix(".s")
    run([CLANG, *CFLAGS, "-S", "-o", asm, source])
    if "__stack_pointer" in asm.read_text():
        raise BuildError(f"{source.name} compiles to code that uses the stack (see {asm}): the kernels share "
                         "Pyodide's memory and must keep everything in locals")
    run([CLANG, *CFLAGS, *LDFLAGS, "-o", wasm, source])
    if DATA_SECTION in section_ids(wasm.read_bytes()):
        raise BuildError(f"{wasm.name} has a data section: the kernels must not carry data")
    log(f"[kernels] {wasm.name}: {wasm.stat().st_size} bytes, no stack, no data")
