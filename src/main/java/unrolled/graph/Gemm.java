package unrolled.graph;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Matrix products with accumulation, C += op(A)·op(B), the one place the library multiplies matrices (BLAS calls
 * this GEMM). Large products run on a SIMD kernel built on the JDK's Vector API when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the kernel, the tests and the benchmark are); otherwise, and for
 * small products, EJML's {@code CommonOps_DDRM} does the work. Both give the same numbers up to rounding.
 */
public final class Gemm {

    /** Products with fewer multiply-adds than this go to EJML, whose overhead is lower. */
    private static final int SIMD_THRESHOLD = 4096;

    private static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Gemm() {}

    /** Whether the SIMD kernel is in use (the JVM has the jdk.incubator.vector module). */
    public static boolean isSimd() {
        return SIMD;
    }

    /** C += A·B for A m×k, B k×n, C m×n. */
    public static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        int m = a.numRows;
        int n = b.numCols;
        if (!useSimd(m, a.numCols, n)) {
            CommonOps_DDRM.multAdd(a, b, c);
        } else if (VectorGemm.fitsBetterTransposed(m, n)) {
            DMatrixRMaj ct = new DMatrixRMaj(n, m);
            Gemm.multAdd(CommonOps_DDRM.transpose(b, null), CommonOps_DDRM.transpose(a, null), ct);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c.data[i * n + j] += ct.data[j * m + i];
                }
            }
        } else {
            VectorGemm.multAdd(a.data, 0, b.data, 0, c.data, 0, m, a.numCols, n);
        }
    }

    /**
     * C += A·B on row-major blocks inside larger arrays: A is m×k starting at {@code a[aOffset]}, B is k×n at
     * {@code b[bOffset]}, C is m×n at {@code c[cOffset]}. Fused kernels use it to multiply one time step's rows of
     * a sequence-long buffer in place.
     */
    public static void multAdd(double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset,
                               int m, int k, int n) {
        if (useSimd(m, k, n)) {
            VectorGemm.multAdd(a, aOffset, b, bOffset, c, cOffset, m, k, n);
        } else {
            plainMultAdd(a, aOffset, b, bOffset, c, cOffset, 0, m, 0, k, n);
        }
    }

    /** C += Aᵀ·B for A k×m, B k×n, C m×n. */
    public static void multAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        if (useSimd(a.numCols, a.numRows, b.numCols)) {
            multAdd(CommonOps_DDRM.transpose(a, null), b, c);
        } else {
            CommonOps_DDRM.multAddTransA(a, b, c);
        }
    }

    /** C += A·Bᵀ for A m×k, B n×k, C m×n. */
    public static void multAddTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        if (useSimd(a.numRows, a.numCols, b.numRows)) {
            multAdd(a, CommonOps_DDRM.transpose(b, null), c);
        } else {
            CommonOps_DDRM.multAddTransB(a, b, c);
        }
    }

    /** C = A·B. */
    public static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        c.zero();
        multAdd(a, b, c);
    }

    /** C = A·Bᵀ. */
    public static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        c.zero();
        multAddTransB(a, b, c);
    }

    /** C[rowFrom…rowTo, fromColumn…n) += A[those rows, :]·B[:, fromColumn…n) with plain loops (the JIT vectorises the inner one). */
    static void plainMultAdd(double[] a, int ao, double[] b, int bo, double[] c, int co, int rowFrom, int rowTo,
                             int fromColumn, int k, int n) {
        for (int r = rowFrom; r < rowTo; r++) {
            int cRow = co + r * n;
            for (int p = 0; p < k; p++) {
                double x = a[ao + r * k + p];
                int bRow = bo + p * n;
                for (int col = fromColumn; col < n; col++) {
                    c[cRow + col] += x * b[bRow + col];
                }
            }
        }
    }

    private static boolean useSimd(int m, int k, int n) {
        return SIMD && (long) m * k * n >= SIMD_THRESHOLD;
    }
}
