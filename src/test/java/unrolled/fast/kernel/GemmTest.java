package unrolled.fast.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import unrolled.graph.Tensors;

/** The SIMD kernel against EJML's products, including shapes with leftover rows and columns. */
class GemmTest {

    /** Surefire runs these tests twice: with --add-modules jdk.incubator.vector, and without it for the fallback. */
    @Test
    void theTestJvmUsesTheExpectedKernel() {
        boolean expected = Boolean.parseBoolean(System.getProperty("unrolled.expectSimd", "true"));
        assertEquals(expected, Gemm.isSimd(), "the JVM was started " + (expected ? "with" : "without")
                + " --add-modules jdk.incubator.vector");
    }

    @ParameterizedTest(name = "{0}×{1} · {1}×{2}")
    @CsvSource({"32, 128, 512", "4, 20, 16", "7, 33, 45", "35, 3, 130", "1, 500, 64", "128, 1, 17", "64, 20, 28",
        "1120, 128, 28", "13, 40, 31", "9, 70, 8", "3, 256, 1024"})
    void everyProductMatchesEjml(int m, int k, int n) {
        Random random = new Random(m * 31L + k * 7L + n);
        DMatrixRMaj a = Tensors.gaussian(m, k, 1, random);
        DMatrixRMaj b = Tensors.gaussian(k, n, 1, random);
        DMatrixRMaj c = Tensors.gaussian(m, n, 1, random);
        DMatrixRMaj expected = c.copy();
        CommonOps_DDRM.multAdd(a, b, expected);
        Gemm.multAdd(a, b, c);
        assertClose(expected, c, k);

        DMatrixRMaj at = CommonOps_DDRM.transpose(a, null);
        DMatrixRMaj transA = new DMatrixRMaj(m, n);
        Gemm.multAddTransA(at, b, transA);
        assertClose(CommonOps_DDRM.mult(a, b, null), transA, k);

        DMatrixRMaj bt = CommonOps_DDRM.transpose(b, null);
        DMatrixRMaj transB = Tensors.filled(m, n, 5);
        Gemm.multTransB(a, bt, transB);
        assertClose(CommonOps_DDRM.mult(a, b, null), transB, k);
    }

    @ParameterizedTest(name = "{0}×{1} · packed {1}×{2}")
    @CsvSource({"32, 256, 1024", "1, 20, 80", "13, 7, 45", "3, 1, 1", "40, 64, 17"})
    void packedFactorsGiveTheSameProductsInsideLargerArrays(int m, int k, int n) {
        Random random = new Random(m * 131L + k * 17L + n);
        DMatrixRMaj a = Tensors.gaussian(m, k, 1, random);
        DMatrixRMaj b = Tensors.gaussian(k, n, 1, random);
        DMatrixRMaj expected = CommonOps_DDRM.mult(a, b, null);

        double[] aInside = new double[5 + m * k];
        System.arraycopy(a.data, 0, aInside, 5, m * k);
        double[] cInside = new double[3 + m * n + 2];
        Gemm.multAdd(aInside, 5, m, Gemm.pack(b), cInside, 3);
        Gemm.multAdd(aInside, 5, m, Gemm.packTransposed(CommonOps_DDRM.transpose(b, null)), cInside, 3);
        for (int i = 0; i < m * n; i++) {
            assertEquals(2 * expected.data[i], cInside[3 + i], 2e-13 * k, "entry " + i);
        }
        assertEquals(0, cInside[0] + cInside[1] + cInside[2] + cInside[3 + m * n] + cInside[4 + m * n],
                "nothing outside C is written");
    }

    @Test
    void mismatchedShapesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multAdd(new DMatrixRMaj(40, 30), new DMatrixRMaj(31, 20), new DMatrixRMaj(40, 20)));
        assertEquals("Gemm A·B: the left factor gives 40×30, the right 31×20, the result is 40×20", e.getMessage());
    }

    private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, int k) {
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(expected.data[i], actual.data[i], 1e-13 * k, "entry " + i);
        }
    }
}
