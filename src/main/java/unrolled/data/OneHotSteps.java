package unrolled.data;

import java.util.ArrayList;
import java.util.List;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/**
 * Sequences of symbol ids, one row per sequence, turned into what a recurrent layer reads: one matrix per time
 * step. With ids[b][t] the symbol of sequence b at step t,
 * <pre>
 *   x<sub>t</sub>[b, k] = 1 if k = ids[b][t], else 0       (a batch × width one-hot matrix per step)
 * </pre>
 * and {@link #byStep} turns per-sequence targets ids[b][t] into the per-step layout targets[t][b] the sequence
 * losses read.
 */
public final class OneHotSteps {

    private OneHotSteps() {}

    /** ids[b][t] → T constant nodes x1 … xT, each batch × width, with a 1 in column ids[b][t] of row b. */
    public static List<Node> of(int width, int[][] ids) {
        List<Node> xs = new ArrayList<>();
        for (int[] column : byStep(ids)) {
            xs.add(Node.constant("x" + (xs.size() + 1), Tensors.oneHot(width, column)));
        }
        return xs;
    }

    /** rows[b][t] → steps[t][b]: per-sequence ids in per-step order (every row must have the same length). */
    public static int[][] byStep(int[][] rows) {
        int T = rows[0].length;
        int[][] steps = new int[T][rows.length];
        for (int b = 0; b < rows.length; b++) {
            if (rows[b].length != T) {
                throw new IllegalArgumentException("byStep: row " + b + " has " + rows[b].length + " ids, row 0 has " + T);
            }
            for (int t = 0; t < T; t++) {
                steps[t][b] = rows[b][t];
            }
        }
        return steps;
    }
}
