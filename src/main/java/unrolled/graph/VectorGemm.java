package unrolled.graph;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernel behind {@link Gemm}: C += A·B on row-major arrays. Each pass keeps a block of C, ROWS rows by
 * two vector widths, in registers and adds A[i, p]·B[p, j…] over the whole inner dimension p with fused
 * multiply-adds; columns left over at the right edge take one vector per row while a whole vector fits, and the
 * last few columns and rows the plain loop (masked vector loads are not compiled to SIMD on JDK 17, so they are
 * avoided). Loaded only when the Vector API module is present.
 */
final class VectorGemm {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    static final int ROWS = 4;
    static final int COLUMNS = 2 * LANES;

    private VectorGemm() {}

    /** C += A·B where A starts at a[ao] (m×k), B at b[bo] (k×n) and C at c[co] (m×n), all row-major. */
    /**
     * Whether Cᵀ = Bᵀ·Aᵀ runs faster than C = A·B: when C is tall and narrow with a width that leaves columns for
     * the plain loop (the softmax head's 28 classes) while its height fills whole register blocks when it becomes
     * the width.
     */
    static boolean fitsBetterTransposed(int m, int n) {
        return n % COLUMNS != 0 && m % COLUMNS == 0 && n % ROWS == 0 && m > n;
    }

    static void multAdd(double[] a, int ao, double[] b, int bo, double[] c, int co, int m, int k, int n) {
        int wide = n - n % COLUMNS;
        int narrow = n - n % LANES;
        int i = 0;
        for (; i + ROWS <= m; i += ROWS) {
            for (int j = 0; j < wide; j += COLUMNS) {
                block(a, ao, b, bo, c, co, i, j, k, n);
            }
            for (int j = wide; j < narrow; j += LANES) {
                narrowBlock(a, ao, b, bo, c, co, i, j, k, n);
            }
            Gemm.plainMultAdd(a, ao, b, bo, c, co, i, i + ROWS, narrow, k, n);
        }
        Gemm.plainMultAdd(a, ao, b, bo, c, co, i, m, 0, k, n);
    }

    /** C[i…i+3, j…j+L) += A[i…i+3, :]·B[:, j…j+L), one vector per row. */
    private static void narrowBlock(double[] a, int ao, double[] b, int bo, double[] c, int co, int i, int j, int k,
                                    int n) {
        int r0 = co + i * n + j;
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, c, r0);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, c, r0 + n);
        DoubleVector c2 = DoubleVector.fromArray(SPECIES, c, r0 + 2 * n);
        DoubleVector c3 = DoubleVector.fromArray(SPECIES, c, r0 + 3 * n);
        int a0 = ao + i * k;
        for (int p = 0; p < k; p++) {
            DoubleVector bv = DoubleVector.fromArray(SPECIES, b, bo + p * n + j);
            c0 = DoubleVector.broadcast(SPECIES, a[a0 + p]).fma(bv, c0);
            c1 = DoubleVector.broadcast(SPECIES, a[a0 + k + p]).fma(bv, c1);
            c2 = DoubleVector.broadcast(SPECIES, a[a0 + 2 * k + p]).fma(bv, c2);
            c3 = DoubleVector.broadcast(SPECIES, a[a0 + 3 * k + p]).fma(bv, c3);
        }
        c0.intoArray(c, r0);
        c1.intoArray(c, r0 + n);
        c2.intoArray(c, r0 + 2 * n);
        c3.intoArray(c, r0 + 3 * n);
    }

    /** C[i…i+3, j…j+2L) += A[i…i+3, :]·B[:, j…j+2L), eight accumulators in registers. */
    private static void block(double[] a, int ao, double[] b, int bo, double[] c, int co, int i, int j, int k, int n) {
        int r0 = co + i * n + j;
        int r1 = r0 + n;
        int r2 = r1 + n;
        int r3 = r2 + n;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, c, r0);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, c, r0 + LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, c, r1);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, c, r1 + LANES);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, c, r2);
        DoubleVector c21 = DoubleVector.fromArray(SPECIES, c, r2 + LANES);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, c, r3);
        DoubleVector c31 = DoubleVector.fromArray(SPECIES, c, r3 + LANES);
        int a0 = ao + i * k;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bo + p * n + j);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bo + p * n + j + LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(SPECIES, a[a0 + k + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(SPECIES, a[a0 + 2 * k + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(SPECIES, a[a0 + 3 * k + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + LANES);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + LANES);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + LANES);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + LANES);
    }
}
