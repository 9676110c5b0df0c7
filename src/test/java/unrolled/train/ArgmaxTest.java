package unrolled.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** The largest score's column per row, the first one on a tie. */
class ArgmaxTest {

    @Test
    void largestScorePerRowFirstOnTies() {
        Node z = Node.constant(Tensors.matrix(new double[][] {{0.1, 3, -1}, {2, 2, 1}}));
        assertEquals(1, Argmax.argmax(z, 0));
        assertEquals(0, Argmax.argmax(z, 1));
        assertArrayEquals(new int[] {1, 0}, Argmax.argmax(z));
    }
}
