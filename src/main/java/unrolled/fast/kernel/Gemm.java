package unrolled.fast.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Matrix products with accumulation, C += op(A)·op(B), the one place the library multiplies matrices (BLAS calls
 * this GEMM). Large products run on a SIMD kernel built on the JDK's Vector API when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the kernel, the tests and the benchmark are); otherwise, and for
 * small products, EJML's {@code CommonOps_DDRM} (for a packed factor, a plain loop) does the work. All give the same
 * numbers up to rounding.
 *
 * <p>A right-hand factor used again and again, such as a recurrent weight at every time step, can be {@link #pack
 * packed} once: the kernel then reads it front to back (see {@link Packed}).
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

    /**
     * The right-hand factor B (k×n) of products C += A·B, laid out once for many products: in column panels for the
     * SIMD kernel, else as a plain row-major copy.
     */
    public static final class Packed {
        private final int rows;
        private final int columns;
        private final double[] data;

        private Packed(double[] b, int rows, int columns, boolean transposed) {
            this.rows = rows;
            this.columns = columns;
            this.data = SIMD ? VectorGemm.pack(b, rows, columns, transposed)
                    : transposed ? transpose(b, columns, rows) : b.clone();
        }

        /** k, the inner dimension. */
        public int rows() {
            return rows;
        }

        /** n, the width of the product. */
        public int columns() {
            return columns;
        }
    }

    /** B packed for {@link #multAdd(double[], int, int, Packed, double[], int)}. */
    public static Packed pack(DMatrixRMaj b) {
        return new Packed(b.data, b.numRows, b.numCols, false);
    }

    /** Bᵀ packed: the factor for products C += A·Bᵀ, such as x·Wᵀ. */
    public static Packed packTransposed(DMatrixRMaj b) {
        return new Packed(b.data, b.numCols, b.numRows, true);
    }

    /**
     * C += A·B on row-major blocks inside larger arrays: A is m×k starting at {@code a[aOffset]}, C is m×n at
     * {@code c[cOffset]}, and B (k×n) is packed. Fused kernels use it to multiply one time step's rows of a
     * sequence-long buffer in place.
     */
    public static void multAdd(double[] a, int aOffset, int m, Packed b, double[] c, int cOffset) {
        if (SIMD) {
            VectorGemm.multAdd(a, aOffset, m, b.data, b.rows, b.columns, c, cOffset);
        } else {
            plainMultAdd(a, aOffset, b.data, c, cOffset, m, b.rows, b.columns);
        }
    }

    /** C += A·B for A m×k, B k×n, C m×n. */
    public static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        int m = a.numRows;
        int k = a.numCols;
        int n = b.numCols;
        requireShapes("A·B", m, k, b.numRows, n, c);
        if (useSimd(m, k, n)) {
            VectorGemm.multAdd(a.data, 0, m, VectorGemm.pack(b.data, k, n, false), k, n, c.data, 0);
        } else {
            CommonOps_DDRM.multAdd(a, b, c);
        }
    }

    /**
     * C += Aᵀ·B for A k×m, B k×n, C m×n. One factor must be transposed for the kernel, and the cheaper way is
     * chosen: Aᵀ itself, or, when A is the largest matrix (a weight gradient ΔAᵀ·X over all time steps), Bᵀ and the
     * result, as Cᵀ += Bᵀ·A.
     */
    public static void multAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        int m = a.numCols;
        int k = a.numRows;
        int n = b.numCols;
        requireShapes("Aᵀ·B", m, k, b.numRows, n, c);
        if (!useSimd(m, k, n)) {
            CommonOps_DDRM.multAddTransA(a, b, c);
        } else if ((long) n * (k + m) < (long) k * m) {
            double[] ct = new double[n * m];
            VectorGemm.multAdd(transpose(b.data, k, n), 0, n, VectorGemm.pack(a.data, k, m, false), k, m, ct, 0);
            addTransposed(ct, n, m, c.data);
        } else {
            VectorGemm.multAdd(transpose(a.data, k, m), 0, m, VectorGemm.pack(b.data, k, n, false), k, n, c.data, 0);
        }
    }

    /** C += A·Bᵀ for A m×k, B n×k, C m×n. */
    public static void multAddTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        int m = a.numRows;
        int k = a.numCols;
        int n = b.numRows;
        requireShapes("A·Bᵀ", m, k, b.numCols, n, c);
        if (useSimd(m, k, n)) {
            VectorGemm.multAdd(a.data, 0, m, VectorGemm.pack(b.data, k, n, true), k, n, c.data, 0);
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

    private static void requireShapes(String product, int m, int k, int bRows, int n, DMatrixRMaj c) {
        if (k != bRows || c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("Gemm " + product + ": the left factor gives " + m + "×" + k
                    + ", the right " + bRows + "×" + n + ", the result is " + c.numRows + "×" + c.numCols);
        }
    }

    /** Tile edge of the transposes: a 32×32 tile of doubles (8 KB) is read and written within the L1 cache. */
    private static final int TILE = 32;

    /** The transpose of a rows×cols row-major matrix. */
    static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        addTransposed(a, rows, cols, t);
        return t;
    }

    /** C (cols×rows) += Sᵀ for S rows×cols, tile by tile. */
    private static void addTransposed(double[] s, int rows, int cols, double[] c) {
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            int i1 = Math.min(rows, i0 + TILE);
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int j1 = Math.min(cols, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        c[j * rows + i] += s[i * cols + j];
                    }
                }
            }
        }
    }

    /** C (m×n at c[co]) += A (m×k at a[ao])·B (k×n, the whole array b) with plain loops. */
    private static void plainMultAdd(double[] a, int ao, double[] b, double[] c, int co, int m, int k, int n) {
        for (int r = 0; r < m; r++) {
            int cRow = co + r * n;
            for (int p = 0; p < k; p++) {
                double x = a[ao + r * k + p];
                int bRow = p * n;
                for (int col = 0; col < n; col++) {
                    c[cRow + col] += x * b[bRow + col];
                }
            }
        }
    }

    private static boolean useSimd(int m, int k, int n) {
        return SIMD && (long) m * k * n >= SIMD_THRESHOLD;
    }
}
