/**
 * The numeric kernels of the speed tier, on plain {@code double[]} arrays: {@link unrolled.fast.kernel.Gemm}, the one
 * place the library multiplies matrices (C += op(A)·op(B), on a packed-panel SIMD kernel when the JVM has the Vector
 * API module, else on EJML), and {@link unrolled.fast.kernel.Activations}, σ and tanh applied in place to a range of
 * an array (SIMD, reproducible to the bit, or plain loops). These two classes are the public seam: the graph's
 * {@code MatMul} and {@code Linear} call {@code Gemm}, the fused layers of {@link unrolled.fast} call both. The SIMD
 * code itself ({@code VectorGemm}, {@code VectorActivations}) is package-private. This package depends only on
 * {@link unrolled.maths}.
 */
package unrolled.fast.kernel;
