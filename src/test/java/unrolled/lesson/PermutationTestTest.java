package unrolled.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The exact permutation test: counted by hand on small samples, and its limits. */
class PermutationTestTest {

    @Test
    void fullySeparatedSamplesAreTheTwoMostExtremeOfTwentySplits() {
        // C(6, 3) = 20 splits; only {1, 2, 3} | {4, 5, 6} and its mirror reach the measured gap of 3
        assertEquals(2.0 / 20, PermutationTest.pValue(new double[] {1, 2, 3}, new double[] {4, 5, 6}), 0);
    }

    @Test
    void identicalSamplesGiveOne() {
        assertEquals(1.0, PermutationTest.pValue(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}), 0);
    }

    @Test
    void overlappingSamplesCountEverySplitAtLeastAsExtreme() {
        // pooled {1, 2, 3, 4}, measured {1, 3} | {2, 4}: gap 1; splits (6): gaps 2, 1, 0, 0, 1, 2, so 4 of 6
        assertEquals(4.0 / 6, PermutationTest.pValue(new double[] {1, 3}, new double[] {2, 4}), 1e-15);
    }

    @Test
    void refusesEmptyOrTooLargeSamples() {
        assertThrows(IllegalArgumentException.class, () -> PermutationTest.pValue(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> PermutationTest.pValue(new double[11], new double[10]));
    }
}
