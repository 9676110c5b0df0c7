package unrolled.maths;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The elementary functions: their values, their derivatives from the output, and stability at the extremes. */
class ElementaryTest {

    @Test
    void sigmoidIsStableAtBothEnds() {
        assertEquals(0.5, Elementary.sigmoid(0), 0);
        assertEquals(1.0, Elementary.sigmoid(800), 0);
        assertEquals(0.0, Elementary.sigmoid(-800), 0);
        assertEquals(1 / (1 + Math.exp(-1.5)), Elementary.sigmoid(1.5), 1e-16);
        assertEquals(Math.exp(-30) / (1 + Math.exp(-30)), Elementary.sigmoid(-30), 1e-28);
    }

    @Test
    void derivativesFromTheOutput() {
        double s = Elementary.sigmoid(0.3);
        assertEquals(s * (1 - s), Elementary.sigmoidDerivative(s), 0);
        double t = Math.tanh(0.3);
        assertEquals(1 - t * t, Elementary.tanhDerivative(t), 0);
        assertEquals(1, Elementary.reluDerivative(0.2), 0);
        assertEquals(0, Elementary.reluDerivative(0), 0);
    }

    @Test
    void softmaxReturnsTheLogSumExpWithoutOverflow() {
        double[] z = {1000, 1001, 1002, -5};
        double[] p = new double[6];
        double logSumExp = Elementary.softmax(z, 0, 3, 1.0, p, 2);
        double[] small = {0, 1, 2};
        double expected = Math.log(Math.exp(0) + Math.exp(1) + Math.exp(2));
        assertEquals(1000 + expected, logSumExp, 1e-12);
        assertEquals(0, p[0] + p[1], 0, "only p[2..4] written");
        assertEquals(1.0, p[2] + p[3] + p[4], 1e-15);
        assertEquals(Math.exp(small[2] - expected), p[4], 1e-15);
        double[] hot = new double[3];
        Elementary.softmax(small, 0, 3, 0.5, hot, 0);
        double norm = Math.exp(0) + Math.exp(2) + Math.exp(4);
        assertEquals(Math.exp(4) / norm, hot[2], 1e-15, "temperature τ = 0.5 divides the logits by τ");
    }
}
