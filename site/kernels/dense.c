/* WebAssembly SIMD kernels for the three matrix products of a Dense layer's step (colornet's kernel seam,
 * pylib/colornet/kernels.py). Built by build.py (step "kernels") with Debian's clang-16 + lld-16:
 *   clang-16 --target=wasm32 -O3 -msimd128 -nostdlib -Wl,--no-entry -Wl,--import-memory -o kernels.wasm dense.c
 * The module imports the memory it works on (Pyodide's own WebAssembly.Memory), so callers pass the byte
 * addresses of NumPy arrays and nothing is copied. It has no data segment and uses no stack (build.py checks),
 * so it never writes outside the arrays it is given. Exports, for each of f64 and f32, each with one argument: the
 * byte address of its arguments, unsigned 32-bit words in this order (gemm.inc says why):
 *   matmul_<t>:    m, n, k, a, lda, b, ldb, out, ldo, acc            out[m x n] (+)= a[m x k] @ b[k x n]
 *   matmul_tn_<t>: m, n, k, a, lda, b, ldb, out, ldo, acc            out (+)= a.T @ b, a stored [k x m]
 *   matmul_nt_<t>: m, n, k, a, lda, b, ldb, out, ldo, acc, scratch   out (+)= a @ b.T, b stored [n x k];
 *                                                                     scratch holds k*n elements
 * Pointers are byte addresses; lda/ldb/ldo are row strides in elements (rows may be padded, elements within a
 * row must be adjacent); acc != 0 adds to out instead of overwriting it. */
#include <wasm_simd128.h>

#define STR_(x) #x
#define STR(x) STR_(x)

#define T double
#define W 2
#define SFX f64
#define SPLAT wasm_f64x2_splat
#define ADD wasm_f64x2_add
#define MUL wasm_f64x2_mul
#include "gemm.inc"
#undef T
#undef W
#undef SFX
#undef SPLAT
#undef ADD
#undef MUL

#define T float
#define W 4
#define SFX f32
#define SPLAT wasm_f32x4_splat
#define ADD wasm_f32x4_add
#define MUL wasm_f32x4_mul
#include "gemm.inc"
