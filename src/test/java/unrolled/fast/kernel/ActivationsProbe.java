package unrolled.fast.kernel;

import java.util.Random;

/** Prints a hash of the bits of σ and tanh over fixed inputs: run in a child JVM by {@link ReproducibleActivationsTest}. */
public final class ActivationsProbe {

    private ActivationsProbe() {}

    static long hash() {
        Random random = new Random(11);
        double[] x = new double[4099];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 5 == 0 ? 30 : 4) * random.nextGaussian();
        }
        double[] s = x.clone();
        double[] t = x.clone();
        Activations.sigmoid(s, 0, s.length);
        Activations.tanh(t, 0, t.length);
        long h = 17;
        for (int i = 0; i < x.length; i++) {
            h = 31 * h + Double.doubleToRawLongBits(s[i]);
            h = 31 * h + Double.doubleToRawLongBits(t[i]);
        }
        return h;
    }

    public static void main(String[] args) {
        System.out.println(Long.toHexString(hash()));
    }
}
