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
        if (useSimd(a.numRows, a.numCols, b.numCols)) {
            VectorGemm.multAdd(a.data, b.data, c.data, a.numRows, a.numCols, b.numCols);
        } else {
            CommonOps_DDRM.multAdd(a, b, c);
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

    private static boolean useSimd(int m, int k, int n) {
        return SIMD && m >= VectorGemm.ROWS && n >= VectorGemm.COLUMNS && (long) m * k * n >= SIMD_THRESHOLD;
    }
}
