package unrolled.fast.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The in-place activation kernels against Math's functions, on ranges with ragged ends and extreme inputs. */
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
            double expected = i >= 3 && i < 50 ? 1 / (1 + Math.exp(-x[i])) : x[i];
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
