package unrolled.fast.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernel behind {@link Gemm}: C += A·B with B packed into panels. A panel is PANEL = two vector widths of
 * B's columns, stored row after row, so the kernel reads it front to back (unpacked, a row stride of a power of two
 * such as 8 KB sends every row of the panel to the same cache set). Each pass keeps a block of C, ROWS rows by one
 * panel, in registers and adds A[i, p]·B[p, panel] over the whole inner dimension p with fused multiply-adds; the
 * last panel is padded with zeros and computed into a scratch block, and the rows left over take smaller blocks.
 * Loaded only when the Vector API module is present; the species is a constant and no masked loads are used, as
 * JDK 17 compiles neither a species argument nor a mask to SIMD.
 */
final class VectorGemm {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    static final int PANEL = 2 * LANES;
    /** Rows per register block: 8 (16 accumulators) where vectors are 512 bits wide, as AVX-512's 32 registers allow. */
    private static final int ROWS = LANES >= 8 ? 8 : 4;
    /** Inner-dimension slice: one panel's DEPTH rows of B (32 KB with 512-bit vectors) stay in the L1 cache. */
    private static final int DEPTH = 256;

    private VectorGemm() {}

    /**
     * B (k×n at b[0], or Bᵀ when {@code transposed}: then b holds an n×k matrix) as panels of PANEL columns: entry
     * (p, j) of B lands at [(j / PANEL)·k·PANEL + p·PANEL + j % PANEL]; the last panel's missing columns stay zero.
     */
    static double[] pack(double[] b, int k, int n, boolean transposed) {
        int panels = (n + PANEL - 1) / PANEL;
        double[] packed = new double[panels * k * PANEL];
        if (transposed) {
            for (int j0 = 0; j0 < n; j0 += PANEL) {
                int width = Math.min(PANEL, n - j0);
                for (int p = 0, to = j0 * k; p < k; p++, to += PANEL) {
                    for (int j = 0; j < width; j++) {
                        packed[to + j] = b[(j0 + j) * k + p];
                    }
                }
            }
        } else {
            int wide = n - n % PANEL;
            for (int p = 0; p < k; p++) {
                int from = p * n;
                for (int j = 0; j < wide; j += PANEL) {
                    int to = (j / PANEL * k + p) * PANEL;
                    DoubleVector.fromArray(SPECIES, b, from + j).intoArray(packed, to);
                    DoubleVector.fromArray(SPECIES, b, from + j + LANES).intoArray(packed, to + LANES);
                }
                if (wide < n) {
                    System.arraycopy(b, from + wide, packed, (wide / PANEL * k + p) * PANEL, n - wide);
                }
            }
        }
        return packed;
    }

    /**
     * C (m×n at c[co], row-major) += A·B with A m×k row-major at a[ao] and B packed by {@link #pack} (k×n). The
     * inner dimension is taken DEPTH at a time, so that one panel's slice of B stays in the first-level cache while
     * every row block passes over it.
     */
    static void multAdd(double[] a, int ao, int m, double[] b, int k, int n, double[] c, int co) {
        int fullPanels = n / PANEL;
        int edge = n % PANEL;
        double[] scratch = edge == 0 ? null : new double[m * PANEL];
        for (int i = 0; edge > 0 && i < m; i++) {
            System.arraycopy(c, co + i * n + n - edge, scratch, i * PANEL, edge);
        }
        for (int p0 = 0; p0 < k; p0 += DEPTH) {
            int depth = Math.min(DEPTH, k - p0);
            for (int j = 0; j < fullPanels; j++) {
                rowBlocks(a, ao + p0, m, k, b, (j * k + p0) * PANEL, depth, c, co + j * PANEL, n);
            }
            if (edge > 0) {
                rowBlocks(a, ao + p0, m, k, b, (fullPanels * k + p0) * PANEL, depth, scratch, 0, PANEL);
            }
        }
        for (int i = 0; edge > 0 && i < m; i++) {
            System.arraycopy(scratch, i * PANEL, c, co + i * n + n - edge, edge);
        }
    }

    /** Every row of C (ldc apart) += the next {@code depth} columns of A (lda apart) times those rows of one panel. */
    private static void rowBlocks(double[] a, int ao, int m, int lda, double[] b, int bp, int depth, double[] c,
                                  int co, int ldc) {
        int i = 0;
        if (ROWS == 8) {
            for (; i + 8 <= m; i += 8) {
                block8(a, ao + i * lda, lda, b, bp, depth, c, co + i * ldc, ldc);
            }
        }
        for (; i + 4 <= m; i += 4) {
            block4(a, ao + i * lda, lda, b, bp, depth, c, co + i * ldc, ldc);
        }
        for (; i < m; i++) {
            block1(a, ao + i * lda, b, bp, depth, c, co + i * ldc);
        }
    }

    /** Eight rows of C by one panel: sixteen accumulators in registers. */
    private static void block8(double[] a, int a0, int lda, double[] b, int bp, int depth, double[] c, int c0,
                               int ldc) {
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, c, c0);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, c, c0 + LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, c, c0 + ldc);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, c, c0 + ldc + LANES);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, c, c0 + 2 * ldc);
        DoubleVector c21 = DoubleVector.fromArray(SPECIES, c, c0 + 2 * ldc + LANES);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, c, c0 + 3 * ldc);
        DoubleVector c31 = DoubleVector.fromArray(SPECIES, c, c0 + 3 * ldc + LANES);
        DoubleVector c40 = DoubleVector.fromArray(SPECIES, c, c0 + 4 * ldc);
        DoubleVector c41 = DoubleVector.fromArray(SPECIES, c, c0 + 4 * ldc + LANES);
        DoubleVector c50 = DoubleVector.fromArray(SPECIES, c, c0 + 5 * ldc);
        DoubleVector c51 = DoubleVector.fromArray(SPECIES, c, c0 + 5 * ldc + LANES);
        DoubleVector c60 = DoubleVector.fromArray(SPECIES, c, c0 + 6 * ldc);
        DoubleVector c61 = DoubleVector.fromArray(SPECIES, c, c0 + 6 * ldc + LANES);
        DoubleVector c70 = DoubleVector.fromArray(SPECIES, c, c0 + 7 * ldc);
        DoubleVector c71 = DoubleVector.fromArray(SPECIES, c, c0 + 7 * ldc + LANES);
        for (int p = 0; p < depth; p++, bp += PANEL) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bp + LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(SPECIES, a[a0 + lda + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(SPECIES, a[a0 + 2 * lda + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(SPECIES, a[a0 + 3 * lda + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(SPECIES, a[a0 + 4 * lda + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(SPECIES, a[a0 + 5 * lda + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(SPECIES, a[a0 + 6 * lda + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(SPECIES, a[a0 + 7 * lda + p]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + LANES);
        c10.intoArray(c, c0 + ldc);
        c11.intoArray(c, c0 + ldc + LANES);
        c20.intoArray(c, c0 + 2 * ldc);
        c21.intoArray(c, c0 + 2 * ldc + LANES);
        c30.intoArray(c, c0 + 3 * ldc);
        c31.intoArray(c, c0 + 3 * ldc + LANES);
        c40.intoArray(c, c0 + 4 * ldc);
        c41.intoArray(c, c0 + 4 * ldc + LANES);
        c50.intoArray(c, c0 + 5 * ldc);
        c51.intoArray(c, c0 + 5 * ldc + LANES);
        c60.intoArray(c, c0 + 6 * ldc);
        c61.intoArray(c, c0 + 6 * ldc + LANES);
        c70.intoArray(c, c0 + 7 * ldc);
        c71.intoArray(c, c0 + 7 * ldc + LANES);
    }

    /** Four rows of C by one panel: eight accumulators. */
    private static void block4(double[] a, int a0, int lda, double[] b, int bp, int depth, double[] c, int c0,
                               int ldc) {
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, c, c0);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, c, c0 + LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, c, c0 + ldc);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, c, c0 + ldc + LANES);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, c, c0 + 2 * ldc);
        DoubleVector c21 = DoubleVector.fromArray(SPECIES, c, c0 + 2 * ldc + LANES);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, c, c0 + 3 * ldc);
        DoubleVector c31 = DoubleVector.fromArray(SPECIES, c, c0 + 3 * ldc + LANES);
        for (int p = 0; p < depth; p++, bp += PANEL) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bp + LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(SPECIES, a[a0 + lda + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(SPECIES, a[a0 + 2 * lda + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(SPECIES, a[a0 + 3 * lda + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + LANES);
        c10.intoArray(c, c0 + ldc);
        c11.intoArray(c, c0 + ldc + LANES);
        c20.intoArray(c, c0 + 2 * ldc);
        c21.intoArray(c, c0 + 2 * ldc + LANES);
        c30.intoArray(c, c0 + 3 * ldc);
        c31.intoArray(c, c0 + 3 * ldc + LANES);
    }

    /** One row of C by one panel. */
    private static void block1(double[] a, int a0, double[] b, int bp, int depth, double[] c, int c0) {
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, c, c0);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, c, c0 + LANES);
        for (int p = 0; p < depth; p++, bp += PANEL) {
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[a0 + p]);
            c00 = x.fma(DoubleVector.fromArray(SPECIES, b, bp), c00);
            c01 = x.fma(DoubleVector.fromArray(SPECIES, b, bp + LANES), c01);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + LANES);
    }
}
