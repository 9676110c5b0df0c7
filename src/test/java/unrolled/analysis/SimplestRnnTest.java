package unrolled.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static unrolled.analysis.ElmanBpttTest.assertMessage;

import org.junit.jupiter.api.Test;

/** Article 1: w = 1 → 1 and w = 1.01 → about 20000 after 1000 steps, by unrolling the graph. */
class SimplestRnnTest {

    private static final int N = 1000;

    @Test
    void weightOneKeepsTheOutputAtOne() {
        SimplestRnn.Point p = SimplestRnn.unroll(1.0, N);
        assertEquals(1.0, p.output(), 0);
        assertEquals(N - 1, p.gradient(), 0, "dy/dw = (N − 1)·w^(N−2) = 999");
    }

    @Test
    void weightOnePointZeroOneGivesAboutTwentyThousand() {
        SimplestRnn.Point p = SimplestRnn.unroll(1.01, N);
        System.out.printf("SimplestRnn: w = 1.01, N = 1000: y = %.6f, dy/dw = %.6g%n", p.output(), p.gradient());
        assertEquals(Math.pow(1.01, 999), p.output(), 1e-12 * p.output(), "y_1000 = 1.01^999");
        assertEquals(20751.639, p.output(), 1e-3, "not 20959.155, which is 1.01^1000");
        assertTrue(p.output() > 20000 && p.output() < 21000);
        assertEquals(999 * Math.pow(1.01, 998), p.gradient(), 1e-12 * p.gradient());
        assertEquals(2.0526e7, p.gradient(), 1e3, "a 1% change of w moves the gradient from 999 to 2·10⁷");
    }

    @Test
    void theCurveMatchesTheClosedForm() {
        SimplestRnn.Curve curve = SimplestRnn.curve(Linspace.of(0.9, 1.1, 41), N);
        assertEquals(41, curve.w().length);
        for (int k = 0; k < curve.w().length; k++) {
            double w = curve.w()[k];
            assertEquals(SimplestRnn.closedFormOutput(w, N), curve.output()[k],
                    1e-12 * SimplestRnn.closedFormOutput(w, N), "y at w = " + w);
            assertEquals(SimplestRnn.closedFormGradient(w, N), curve.gradient()[k],
                    1e-12 * SimplestRnn.closedFormGradient(w, N), "dy/dw at w = " + w);
        }
        // 0.9^999 ≈ 1.7e−46 and 1.1^999 ≈ 3.5e41: eighty-seven orders of magnitude over a 20% change of w.
        assertTrue(curve.output()[40] / curve.output()[0] > 1e87);
        assertTrue(curve.toString().contains("41 points"), curve.toString());
    }

    @Test
    void oneStepIsTheInputItself() {
        SimplestRnn.Point p = SimplestRnn.unroll(0.0, 1);
        assertEquals(1, p.output(), 0);
        assertEquals(0, p.gradient(), 0);
        assertEquals(0, SimplestRnn.closedFormGradient(0.0, 1), 0);
        assertEquals(1.0, SimplestRnn.unroll(0.5, 2).gradient(), 0);
    }

    @Test
    void badInputIsNamed() {
        assertMessage(() -> SimplestRnn.unroll(1, 0), "need at least one step, got 0");
        assertMessage(() -> Linspace.of(0, 1, 0), "need at least one point, got 0");
        assertEquals(0.5, Linspace.of(0.5, 2, 1)[0], 0);
        assertEquals(1.0, Linspace.of(0.9, 1.1, 3)[1], 1e-15);
    }
}
