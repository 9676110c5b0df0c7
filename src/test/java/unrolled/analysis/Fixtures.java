package unrolled.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** Inputs and comparisons shared by the tests of this package. */
final class Fixtures {

    private Fixtures() {}

    /** T inputs x_1 … x_T, each batch × width, entries from N(0, 1). */
    static List<Node> inputs(int steps, int batch, int width, Random random) {
        List<Node> x = new ArrayList<>(steps);
        for (int t = 1; t <= steps; t++) {
            x.add(Node.constant("x" + t, Tensors.gaussian(batch, width, 1.0, random)));
        }
        return x;
    }

    /** classes[t][row], uniform over 0 … numClasses − 1. */
    static int[][] classes(int steps, int batch, int numClasses, Random random) {
        int[][] y = new int[steps][batch];
        for (int[] row : y) {
            for (int r = 0; r < batch; r++) {
                row[r] = random.nextInt(numClasses);
            }
        }
        return y;
    }

    /** max |a − b| over all entries; the shapes must match. */
    static double maxAbsDiff(DMatrixRMaj a, DMatrixRMaj b) {
        assertEquals(a.numRows + "×" + a.numCols, b.numRows + "×" + b.numCols, "shapes");
        double max = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            max = Math.max(max, Math.abs(a.data[i] - b.data[i]));
        }
        return max;
    }
}
