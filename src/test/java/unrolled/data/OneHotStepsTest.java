package unrolled.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;

/** Per-sequence ids into per-step one-hot batches and per-step targets. */
class OneHotStepsTest {

    @Test
    void oneMatrixPerStepOneRowPerSequence() {
        List<Node> xs = OneHotSteps.of(3, new int[][] {{0, 2}, {1, 1}});
        assertEquals(2, xs.size());
        assertEquals("x1", xs.get(0).label());
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, xs.get(0).value().data);
        assertArrayEquals(new double[] {0, 0, 1, 0, 1, 0}, xs.get(1).value().data);
    }

    @Test
    void byStepTransposes() {
        assertArrayEquals(new int[][] {{1, 4}, {2, 5}, {3, 6}}, OneHotSteps.byStep(new int[][] {{1, 2, 3}, {4, 5, 6}}));
        assertThrows(IllegalArgumentException.class, () -> OneHotSteps.byStep(new int[][] {{1, 2}, {3}}));
    }
}
