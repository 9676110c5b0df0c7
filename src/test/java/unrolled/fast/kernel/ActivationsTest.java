package unrolled.fast.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import unrolled.maths.Elementary;

/**
 * The in-place activation kernels of the speed tier against the scalar core ({@link Elementary#sigmoid},
 * {@link Math#tanh}), on ranges with ragged ends and extreme inputs: the SIMD and the scalar σ and tanh agree to a few
 * units in the last place (1e−15 here). Their bit-reproducibility is {@link ReproducibleActivationsTest}'s.
 */
class ActivationsTest {

    private static double[] inputs() {
        Random random = new Random(3);
        double[] x = new double[53];
        for (int i = 0; i < x.length; i++) {
            x[i] = 6 * random.nextGaussian();
        }
        x[5] = 800;
        x[6] = -800;
        x[7] = 0;
        x[8] = -1e-12;
        return x;
    }

    @Test
    void sigmoidOfARange() {
        double[] x = inputs();
        double[] y = x.clone();
        Activations.sigmoid(y, 3, 50);
        for (int i = 0; i < x.length; i++) {
            double expected = i >= 3 && i < 50 ? Elementary.sigmoid(x[i]) : x[i];
            assertEquals(expected, y[i], 1e-15, "entry " + i);
        }
    }

    @Test
    void tanhOfARange() {
        double[] x = inputs();
        double[] y = x.clone();
        Activations.tanh(y, 1, 52);
        for (int i = 0; i < x.length; i++) {
            double expected = i >= 1 && i < 52 ? Math.tanh(x[i]) : x[i];
            assertEquals(expected, y[i], 1e-15 * Math.max(1, Math.abs(expected)), "entry " + i);
        }
    }
}
