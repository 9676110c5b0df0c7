package unrolled.fast.kernel;

import unrolled.maths.Elementary;

/**
 * σ(x) = 1/(1 + e^(−x)) and tanh(x) applied in place to a range of an array: the inner loop of the fused recurrent
 * layers. Runs on the Vector API's SIMD exp and tanh when the JVM has the jdk.incubator.vector module (as the
 * kernel, the tests and the benchmark do), else on plain loops; the two agree to a few units in the last place.
 */
public final class Activations {

    private static final boolean SIMD = Gemm.isSimd();

    private Activations() {}

    /** a[i] ← σ(a[i]) for from ≤ i &lt; to. */
    public static void sigmoid(double[] a, int from, int to) {
        if (SIMD) {
            VectorActivations.sigmoid(a, from, to);
        } else {
            for (int i = from; i < to; i++) {
                a[i] = Elementary.sigmoid(a[i]);
            }
        }
    }

    /** a[i] ← tanh(a[i]) for from ≤ i &lt; to. */
    public static void tanh(double[] a, int from, int to) {
        if (SIMD) {
            VectorActivations.tanh(a, from, to);
        } else {
            for (int i = from; i < to; i++) {
                a[i] = Math.tanh(a[i]);
            }
        }
    }
}
